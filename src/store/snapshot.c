/*
 * snapshot.c — write and map world snapshots (see snapshot.h).
 */
#include "store/snapshot.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

static const char MAGIC[8] = {'S', 'C', 'O', 'U', 'T', 'W', 'L', 'D'};

typedef struct {
    char magic[8];
    uint32_t version;
    uint32_t n_sections;
    uint64_t file_size;
    uint64_t dir_checksum;
    uint32_t endian; /* 0x01020304 as written by the builder */
    uint32_t pad;
    uint8_t reserved[24];
} header;

_Static_assert(sizeof(header) == 64, "snapshot header is 64 bytes");
_Static_assert(sizeof(sc_section_entry) == 40, "directory entries are 40 bytes");

#define ALIGN 64u

static uint64_t align_up(uint64_t x) { return (x + ALIGN - 1) & ~(uint64_t)(ALIGN - 1); }

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t k = write(fd, c, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

struct sc_snapwriter {
    int fd;
    char path[4096], tmp[4200];
    sc_section_entry *dir;
    uint32_t n, max;
    uint64_t pos; /* file position of the next byte */
    char *buf;    /* write buffer */
    size_t nbuf;
    XXH3_state_t *xx;
    int err_no;   /* first write error (errno) */
    uint64_t kicked; /* write-back started up to here */
    int open;     /* a section is being appended */
    /* background writing (sc_snapwriter_section_async): a queue the
     * writer's thread works through in order; the fields below are guarded
     * by mu, the file and the fields above belong to that thread while it
     * runs */
    pthread_mutex_t mu;
    pthread_cond_t cv_work, cv_done;
    pthread_t thread;
    int started, stop;
    SC_VEC(sc_section) queue; /* p == NULL: a reservation of size zeros */
    size_t done;              /* queue entries written */
    uint32_t reserved[8];     /* directory index of each reservation */
    uint32_t n_reserved;
    uint32_t next_dir;        /* directory index of the next section queued */
};

enum { WBUF = 1 << 20, KICK = 4 << 20 };

/* Start write-back of what is written so far, without waiting: the disk
 * works while the build goes on, and the final fsync has little left to do. */
static void kick_writeback(sc_snapwriter *w, uint64_t upto)
{
    if (upto >= w->kicked + KICK) {
        sync_file_range(w->fd, (off_t)w->kicked, (off_t)(upto - w->kicked), SYNC_FILE_RANGE_WRITE);
        w->kicked = upto;
    }
}

static void flush_buf(sc_snapwriter *w)
{
    if (w->nbuf && !w->err_no && write_all(w->fd, w->buf, w->nbuf)) w->err_no = errno ? errno : EIO;
    w->nbuf = 0;
    if (!w->err_no) kick_writeback(w, w->pos);
}

static void put_bytes(sc_snapwriter *w, const void *p, size_t n)
{
    if (n >= WBUF) { /* large pieces go straight to the file */
        flush_buf(w);
        if (!w->err_no && write_all(w->fd, p, n)) w->err_no = errno ? errno : EIO;
        w->pos += n;
        if (!w->err_no) kick_writeback(w, w->pos);
        return;
    } else {
        if (w->nbuf + n > WBUF) flush_buf(w);
        memcpy(w->buf + w->nbuf, p, n);
        w->nbuf += n;
    }
    w->pos += n;
}

static void pad_to(sc_snapwriter *w, uint64_t target)
{
    static const char zeros[ALIGN];
    while (w->pos < target) put_bytes(w, zeros, (size_t)SC_MIN(target - w->pos, (uint64_t)ALIGN));
}

int sc_snapwriter_open(const char *path, uint32_t max_sections, sc_snapwriter **out, sc_error *err)
{
    sc_snapwriter *w = sc_xcalloc(1, sizeof *w);
    snprintf(w->path, sizeof w->path, "%s", path);
    snprintf(w->tmp, sizeof w->tmp, "%s.tmp.%ld", path, (long)getpid());
    w->fd = open(w->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (w->fd < 0) {
        int e = errno;
        free(w);
        return sc_fail(err, SC_EINTERNAL, "%s: cannot create: %s", path, strerror(e));
    }
    w->max = max_sections;
    w->dir = sc_xcalloc(max_sections, sizeof *w->dir);
    w->buf = sc_xmalloc(WBUF);
    w->xx = XXH3_createState();
    /* header and directory are written last, at the start of the file */
    uint64_t first = align_up(sizeof(header) + (uint64_t)max_sections * sizeof(sc_section_entry));
    if (lseek(w->fd, (off_t)first, SEEK_SET) < 0) w->err_no = errno;
    w->pos = first;
    *out = w;
    return SC_OK;
}

void sc_snapwriter_begin(sc_snapwriter *w, uint32_t id, uint32_t elem_size)
{
    assert(!w->open && w->n < w->max);
    pad_to(w, align_up(w->pos));
    sc_section_entry *e = &w->dir[w->n];
    memset(e, 0, sizeof *e);
    e->id = id;
    e->elem_size = elem_size;
    e->offset = w->pos;
    XXH3_64bits_reset(w->xx);
    w->open = 1;
}

void sc_snapwriter_append(sc_snapwriter *w, const void *p, size_t n)
{
    assert(w->open);
    if (!n) return;
    XXH3_64bits_update(w->xx, p, n);
    put_bytes(w, p, n);
}

void sc_snapwriter_end(sc_snapwriter *w, uint64_t count)
{
    assert(w->open);
    sc_section_entry *e = &w->dir[w->n++];
    e->size = w->pos - e->offset;
    e->count = count;
    e->checksum = XXH3_64bits_digest(w->xx);
    w->open = 0;
}

void sc_snapwriter_section(sc_snapwriter *w, const sc_section *s)
{
    sc_snapwriter_begin(w, s->id, s->elem_size);
    sc_snapwriter_append(w, s->p, (size_t)s->size);
    sc_snapwriter_end(w, s->count);
}

const char *sc_snapwriter_map_last(sc_snapwriter *w, sc_snapmap *m)
{
    memset(m, 0, sizeof *m);
    assert(!w->open && w->n && !w->started);
    flush_buf(w);
    if (w->err_no) return NULL;
    const sc_section_entry *e = &w->dir[w->n - 1];
    long ps = sysconf(_SC_PAGESIZE);
    uint64_t from = e->offset & ~(uint64_t)(ps > 0 ? ps - 1 : 4095);
    size_t len = (size_t)(e->offset + e->size - from);
    if (!len) return NULL;
    int fd = open(w->tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    void *p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, (off_t)from);
    if (p == MAP_FAILED) { /* a file system that cannot map: read it back */
        p = sc_xmalloc(len);
        size_t got = 0;
        while (got < len) {
            ssize_t r = pread(fd, (char *)p + got, len - got, (off_t)(from + got));
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) break;
            got += (size_t)r;
        }
        if (got < len) {
            free(p);
            close(fd);
            return NULL;
        }
        m->copied = 1;
    }
    close(fd);
    m->base = p;
    m->len = len;
    return (const char *)p + (e->offset - from);
}

void sc_snapmap_free(sc_snapmap *m)
{
    if (m->base && m->copied) free(m->base);
    else if (m->base) munmap(m->base, m->len);
    memset(m, 0, sizeof *m);
}

/* ---- background writing ---------------------------------------------------
 * Writing a world is copying tens of MB into the page cache, which is a
 * core's work for a while: done at the end it is a stretch where one core
 * copies and the other idles. Sections that are final early (papers,
 * authorships: right after reading) are written while resolution runs. */

static void write_entry(sc_snapwriter *w, const sc_section *s)
{
    if (s->p) {
        sc_snapwriter_section(w, s);
        return;
    }
    static const char zeros[ALIGN];
    sc_snapwriter_begin(w, s->id, s->elem_size);
    for (uint64_t left = s->size; left;) {
        size_t k = (size_t)SC_MIN(left, (uint64_t)ALIGN);
        put_bytes(w, zeros, k);
        left -= k;
    }
    sc_snapwriter_end(w, s->count);
}

static void *writer_main(void *arg)
{
    sc_snapwriter *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->stop && w->done == w->queue.n) pthread_cond_wait(&w->cv_work, &w->mu);
        if (w->done == w->queue.n) break; /* stop, and nothing left */
        sc_section s = w->queue.v[w->done];
        pthread_mutex_unlock(&w->mu);
        write_entry(w, &s);
        pthread_mutex_lock(&w->mu);
        w->done++;
        pthread_cond_broadcast(&w->cv_done);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static void enqueue(sc_snapwriter *w, const sc_section *s)
{
    if (!w->started) {
        /* the thread is not running: open and n are settled (once it runs,
         * they are its own) */
        assert(!w->open);
        w->next_dir = w->n;
        pthread_mutex_init(&w->mu, NULL);
        pthread_cond_init(&w->cv_work, NULL);
        pthread_cond_init(&w->cv_done, NULL);
        w->started = 1;
        if (pthread_create(&w->thread, NULL, writer_main, w) != 0) w->started = -1; /* no thread: write now */
    }
    w->next_dir++;
    if (w->started < 0) {
        write_entry(w, s);
        return;
    }
    pthread_mutex_lock(&w->mu);
    sc_vec_push(&w->queue, *s);
    pthread_cond_signal(&w->cv_work);
    pthread_mutex_unlock(&w->mu);
}

/* Wait until everything queued is written and end the thread: the file
 * and the directory are the caller's again. */
static void drain(sc_snapwriter *w)
{
    if (w->started > 0) {
        pthread_mutex_lock(&w->mu);
        w->stop = 1;
        pthread_cond_signal(&w->cv_work);
        pthread_mutex_unlock(&w->mu);
        pthread_join(w->thread, NULL);
    }
    if (w->started) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv_work);
        pthread_cond_destroy(&w->cv_done);
        w->started = 0;
    }
    sc_vec_free(&w->queue);
}

void sc_snapwriter_section_async(sc_snapwriter *w, const sc_section *s)
{
    sc_section q = *s;
    if (!q.p) q.p = ""; /* an empty section, not a reservation */
    enqueue(w, &q);
}

void sc_snapwriter_reserve(sc_snapwriter *w, uint32_t id, uint32_t elem_size, uint64_t size)
{
    assert(w->n_reserved < sizeof w->reserved / sizeof *w->reserved);
    sc_section s = {id, elem_size, NULL, size, 0};
    enqueue(w, &s);
    /* directory entries are in the order sections are begun */
    w->reserved[w->n_reserved++] = w->next_dir - 1;
}

void sc_snapwriter_fill(sc_snapwriter *w, uint32_t id, const void *p, uint64_t count)
{
    drain(w);
    for (uint32_t r = 0; r < w->n_reserved; r++) {
        sc_section_entry *e = &w->dir[w->reserved[r]];
        if (e->id != id) continue;
        flush_buf(w);
        if (!w->err_no && pwrite(w->fd, p, (size_t)e->size, (off_t)e->offset) != (ssize_t)e->size)
            w->err_no = errno ? errno : EIO;
        e->count = count;
        e->checksum = sc_hash(p, (size_t)e->size);
        return;
    }
    assert(!"sc_snapwriter_fill: no such reserved section");
}

static void writer_free(sc_snapwriter *w)
{
    if (w->fd >= 0) close(w->fd);
    XXH3_freeState(w->xx);
    free(w->dir);
    free(w->buf);
    free(w);
}

void sc_snapwriter_abort(sc_snapwriter *w)
{
    if (!w) return;
    drain(w);
    unlink(w->tmp);
    writer_free(w);
}

int sc_snapwriter_commit(sc_snapwriter *w, sc_error *err)
{
    drain(w);
    pad_to(w, align_up(w->pos));
    flush_buf(w);
    header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, 8);
    h.version = SC_SNAPSHOT_VERSION;
    h.n_sections = w->n;
    h.file_size = w->pos;
    h.endian = 0x01020304;
    h.dir_checksum = sc_hash(w->dir, w->n * sizeof *w->dir);
    /* unused directory slots stay zero: the directory holds n entries, then
     * padding up to the first section */
    if (!w->err_no && (pwrite(w->fd, &h, sizeof h, 0) != (ssize_t)sizeof h ||
                       pwrite(w->fd, w->dir, w->n * sizeof *w->dir, sizeof h) !=
                           (ssize_t)(w->n * sizeof *w->dir)))
        w->err_no = errno ? errno : EIO;
    if (!w->err_no && fsync(w->fd) != 0) w->err_no = errno;
    if (w->err_no) {
        int e = w->err_no;
        sc_fail(err, SC_EINTERNAL, "%s: write failed: %s", w->tmp, strerror(e));
        sc_snapwriter_abort(w);
        return SC_EINTERNAL;
    }
    close(w->fd);
    w->fd = -1;
    if (rename(w->tmp, w->path) != 0) {
        int e = errno;
        sc_fail(err, SC_EINTERNAL, "%s: cannot rename into place: %s", w->path, strerror(e));
        sc_snapwriter_abort(w);
        return SC_EINTERNAL;
    }
    /* make the rename itself durable */
    char d[4096];
    snprintf(d, sizeof d, "%s", w->path);
    int dfd = open(dirname(d), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    writer_free(w);
    return SC_OK;
}

int sc_snapshot_write(const char *path, const sc_section *secs, size_t n, sc_error *err)
{
    sc_snapwriter *w;
    int rc = sc_snapwriter_open(path, (uint32_t)n, &w, err);
    if (rc) return rc;
    for (size_t i = 0; i < n; i++) sc_snapwriter_section(w, &secs[i]);
    return sc_snapwriter_commit(w, err);
}

int sc_snapshot_open(const char *path, sc_snapshot *s, sc_error *err)
{
    memset(s, 0, sizeof *s);
    snprintf(s->path, sizeof s->path, "%s", path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return sc_fail(err, SC_EINPUT, "%s: no world snapshot yet (run 'scout build' or 'scout ingest')", path);
        return sc_fail(err, SC_EINPUT, "%s: cannot open: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(header)) {
        close(fd);
        return sc_fail(err, SC_EINPUT, "%s: not a scout snapshot (too short)", path);
    }
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (m == MAP_FAILED) return sc_fail(err, SC_EINPUT, "%s: cannot map: %s", path, strerror(errno));
    const header *h = m;
    const char *why = NULL;
    if (memcmp(h->magic, MAGIC, 8) != 0) why = "not a scout snapshot (bad magic)";
    else if (h->endian != 0x01020304) why = "snapshot written on a machine of other byte order";
    else if (h->version != SC_SNAPSHOT_VERSION) why = "snapshot of another format version (rebuild it)";
    else if (h->file_size != (uint64_t)st.st_size) why = "snapshot truncated or padded (size mismatch)";
    else if (h->n_sections > 4096 || sizeof *h + h->n_sections * sizeof(sc_section_entry) > (uint64_t)st.st_size)
        why = "corrupt snapshot directory";
    else if (sc_hash((const char *)m + sizeof *h, h->n_sections * sizeof(sc_section_entry)) != h->dir_checksum)
        why = "corrupt snapshot directory (checksum mismatch)";
    if (!why) {
        const sc_section_entry *dir = (const void *)((const char *)m + sizeof *h);
        for (uint32_t i = 0; i < h->n_sections && !why; i++)
            if (dir[i].offset > (uint64_t)st.st_size || dir[i].size > (uint64_t)st.st_size - dir[i].offset ||
                (dir[i].elem_size && dir[i].count * dir[i].elem_size != dir[i].size))
                why = "corrupt snapshot directory (section out of bounds)";
    }
    if (why) {
        munmap(m, (size_t)st.st_size);
        return sc_fail(err, SC_EINPUT, "%s: %s", path, why);
    }
    s->base = m;
    s->size = (size_t)st.st_size;
    s->version = h->version;
    s->n = h->n_sections;
    s->dir = (const void *)((const char *)m + sizeof *h);
    return SC_OK;
}

const void *sc_snapshot_section(const sc_snapshot *s, uint32_t id, uint32_t elem_size,
                                uint64_t *count)
{
    for (uint32_t i = 0; i < s->n; i++) {
        if (s->dir[i].id != id) continue;
        if (s->dir[i].elem_size != elem_size) return NULL;
        if (count) *count = s->dir[i].count;
        return (const char *)s->base + s->dir[i].offset;
    }
    return NULL;
}

int sc_snapshot_verify(const sc_snapshot *s, sc_error *err)
{
    for (uint32_t i = 0; i < s->n; i++) {
        const sc_section_entry *e = &s->dir[i];
        if (sc_hash((const char *)s->base + e->offset, e->size) != e->checksum)
            return sc_fail(err, SC_EINPUT, "%s: section %u is corrupt (checksum mismatch)", s->path, e->id);
    }
    return SC_OK;
}

void sc_snapshot_close(sc_snapshot *s)
{
    if (s->base) munmap(s->base, s->size);
    memset(s, 0, sizeof *s);
}
