/*
 * input.c — plain / gzip / zstd sources, loaded whole or streamed
 * (see input.h). Compression is told by magic bytes so that a misnamed file
 * still reads, and a file that claims .gz but is not is read as what it is.
 */
#include "ingest/input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>
#include <zlib.h>
#include <zstd.h>

sc_compression sc_compression_sniff(const unsigned char *p, size_t n)
{
    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) return SC_COMP_GZIP;
    if (n >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) return SC_COMP_ZSTD;
    return SC_COMP_NONE;
}

/* Map a whole file read-only. Empty files give p = "" and n = 0. */
static int map_file(const char *path, void **base, size_t *n, sc_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return sc_fail(err, SC_EINPUT, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return sc_fail(err, SC_EINPUT, "%s: not a regular file", path);
    }
    *n = (size_t)st.st_size;
    if (*n == 0) {
        close(fd);
        *base = NULL;
        return SC_OK;
    }
    void *m = mmap(NULL, *n, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED) return sc_fail(err, SC_EINPUT, "%s: cannot map: %s", path, strerror(errno));
    madvise(m, *n, MADV_SEQUENTIAL);
    *base = m;
    return SC_OK;
}

static int gunzip_all(const char *path, const unsigned char *src, size_t n, sc_buf *out,
                      sc_error *err)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 32) != Z_OK) return sc_fail(err, SC_EINTERNAL, "%s: zlib init failed", path);
    z.next_in = (unsigned char *)src;
    z.avail_in = (uInt)n; /* files over 4 GB are streamed, not loaded */
    int rc = Z_OK;
    sc_buf_reserve(out, n * 4 + 4096);
    for (;;) {
        if (out->cap - out->n < 65536) sc_buf_reserve(out, out->cap);
        z.next_out = (unsigned char *)out->p + out->n;
        z.avail_out = (uInt)(out->cap - out->n - 1);
        size_t before = z.avail_out;
        rc = inflate(&z, Z_NO_FLUSH);
        out->n += before - z.avail_out;
        if (rc == Z_STREAM_END) {
            /* concatenated members (gzip allows them) */
            if (z.avail_in > 0) {
                inflateReset(&z);
                continue;
            }
            break;
        }
        if (rc != Z_OK) break;
        if (z.avail_in == 0 && z.avail_out > 0) {
            rc = Z_BUF_ERROR;
            break;
        }
    }
    inflateEnd(&z);
    out->p[out->n] = 0;
    if (rc == Z_STREAM_END) return SC_OK;
    if (rc == Z_BUF_ERROR)
        return sc_fail(err, SC_EINPUT, "%s: truncated gzip archive (ends after %zu bytes of content)", path, out->n);
    return sc_fail(err, SC_EINPUT, "%s: corrupt gzip archive: %s", path, z.msg ? z.msg : "data error");
}

static int unzstd_all(const char *path, const unsigned char *src, size_t n, sc_buf *out,
                      sc_error *err)
{
    ZSTD_DCtx *d = ZSTD_createDCtx();
    ZSTD_inBuffer in = {src, n, 0};
    size_t rc = 1;
    sc_buf_reserve(out, n * 4 + 4096);
    while (in.pos < in.size) {
        if (out->cap - out->n < 65536) sc_buf_reserve(out, out->cap);
        ZSTD_outBuffer ob = {out->p + out->n, out->cap - out->n - 1, 0};
        rc = ZSTD_decompressStream(d, &ob, &in);
        out->n += ob.pos;
        if (ZSTD_isError(rc)) {
            ZSTD_freeDCtx(d);
            return sc_fail(err, SC_EINPUT, "%s: corrupt zstd archive: %s", path, ZSTD_getErrorName(rc));
        }
    }
    /* drain anything buffered */
    while (rc != 0) {
        if (out->cap - out->n < 65536) sc_buf_reserve(out, out->cap);
        ZSTD_outBuffer ob = {out->p + out->n, out->cap - out->n - 1, 0};
        rc = ZSTD_decompressStream(d, &ob, &in);
        if (ZSTD_isError(rc) || ob.pos == 0) break;
        out->n += ob.pos;
    }
    ZSTD_freeDCtx(d);
    out->p[out->n] = 0;
    if (rc != 0) return sc_fail(err, SC_EINPUT, "%s: truncated zstd archive (ends after %zu bytes of content)", path, out->n);
    return SC_OK;
}

int sc_input_load(const char *path, int want_checksum, sc_input *in, sc_error *err)
{
    memset(in, 0, sizeof *in);
    void *base;
    size_t n;
    int rc = map_file(path, &base, &n, err);
    if (rc) return rc;
    in->file_bytes = n;
    if (want_checksum) in->checksum = sc_hash(base ? base : "", n);
    sc_compression c = sc_compression_sniff(base, n);
    if (c == SC_COMP_NONE) {
        in->p = base ? base : "";
        in->n = n;
        in->mapped = base != NULL;
        in->base = base;
        in->base_n = n;
        return SC_OK;
    }
    sc_buf out = {0};
    rc = c == SC_COMP_GZIP ? gunzip_all(path, base, n, &out, err) : unzstd_all(path, base, n, &out, err);
    munmap(base, n);
    if (rc) {
        sc_buf_free(&out);
        return rc;
    }
    in->p = out.p;
    in->n = out.n;
    in->base = out.p;
    return SC_OK;
}

void sc_input_free(sc_input *in)
{
    if (in->mapped) munmap(in->base, in->base_n);
    else free(in->base);
    memset(in, 0, sizeof *in);
}

/* ---- streaming ---------------------------------------------------------- */

struct sc_stream {
    char *path;
    int fd;
    sc_compression comp;
    unsigned char *ibuf;
    size_t icap, ipos, ilen;
    int eof;
    uint64_t file_pos;
    z_stream z;
    int z_done;
    ZSTD_DCtx *zd;
    size_t zrc;
};

enum { STREAM_IBUF = 1 << 20 };

static long fill(sc_stream *s, sc_error *err)
{
    if (s->ipos < s->ilen) return (long)(s->ilen - s->ipos);
    if (s->eof) return 0;
    ssize_t k;
    do k = read(s->fd, s->ibuf, s->icap);
    while (k < 0 && errno == EINTR);
    if (k < 0) return sc_fail(err, SC_EINPUT, "%s: read error: %s", s->path, strerror(errno)), -1;
    if (k == 0) s->eof = 1;
    s->ipos = 0;
    s->ilen = (size_t)k;
    s->file_pos += (uint64_t)k;
    return k;
}

int sc_stream_open(const char *path, sc_stream **out, sc_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return sc_fail(err, SC_EINPUT, "%s: cannot open: %s", path, strerror(errno));
    sc_stream *s = sc_xcalloc(1, sizeof *s);
    s->path = sc_xstrdup(path);
    s->fd = fd;
    s->icap = STREAM_IBUF;
    s->ibuf = sc_xmalloc(s->icap);
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    if (fill(s, err) < 0) {
        sc_stream_close(s);
        return err ? err->code : SC_EINPUT;
    }
    s->comp = sc_compression_sniff(s->ibuf, s->ilen);
    if (s->comp == SC_COMP_GZIP) {
        if (inflateInit2(&s->z, 15 + 32) != Z_OK) {
            sc_stream_close(s);
            return sc_fail(err, SC_EINTERNAL, "%s: zlib init failed", path);
        }
    } else if (s->comp == SC_COMP_ZSTD) {
        s->zd = ZSTD_createDCtx();
        s->zrc = 1;
    }
    *out = s;
    return SC_OK;
}

long sc_stream_read(sc_stream *s, char *buf, size_t cap, sc_error *err)
{
    if (s->comp == SC_COMP_NONE) {
        long k = fill(s, err);
        if (k <= 0) return k;
        size_t m = SC_MIN((size_t)k, cap);
        memcpy(buf, s->ibuf + s->ipos, m);
        s->ipos += m;
        return (long)m;
    }
    if (s->comp == SC_COMP_GZIP) {
        if (s->z_done) return 0;
        uInt want = (uInt)SC_MIN(cap, (size_t)1 << 30);
        s->z.next_out = (unsigned char *)buf;
        s->z.avail_out = want;
        while (s->z.avail_out == want) { /* until something is produced */
            long k = fill(s, err);
            if (k < 0) return -1;
            if (k == 0) return sc_fail(err, SC_EINPUT, "%s: truncated gzip archive", s->path), -1;
            s->z.next_in = s->ibuf + s->ipos;
            s->z.avail_in = (uInt)(s->ilen - s->ipos);
            int rc = inflate(&s->z, Z_NO_FLUSH);
            s->ipos = s->ilen - s->z.avail_in;
            if (rc == Z_STREAM_END) {
                if (fill(s, err) > 0) { /* another gzip member follows */
                    inflateReset(&s->z);
                    continue;
                }
                s->z_done = 1;
                break;
            }
            if (rc != Z_OK && rc != Z_BUF_ERROR)
                return sc_fail(err, SC_EINPUT, "%s: corrupt gzip archive: %s", s->path,
                               s->z.msg ? s->z.msg : "data error"), -1;
        }
        return (long)(want - s->z.avail_out);
    }
    /* zstd */
    ZSTD_outBuffer ob = {buf, cap, 0};
    while (ob.pos == 0) {
        long k = fill(s, err);
        if (k < 0) return -1;
        if (k == 0) {
            if (s->zrc != 0) {
                /* flush what the decoder still holds */
                ZSTD_inBuffer in = {s->ibuf, 0, 0};
                s->zrc = ZSTD_decompressStream(s->zd, &ob, &in);
                if (ob.pos) break;
                return sc_fail(err, SC_EINPUT, "%s: truncated zstd archive", s->path), -1;
            }
            return 0;
        }
        ZSTD_inBuffer in = {s->ibuf + s->ipos, s->ilen - s->ipos, 0};
        s->zrc = ZSTD_decompressStream(s->zd, &ob, &in);
        s->ipos += in.pos;
        if (ZSTD_isError(s->zrc))
            return sc_fail(err, SC_EINPUT, "%s: corrupt zstd archive: %s", s->path,
                           ZSTD_getErrorName(s->zrc)), -1;
    }
    return (long)ob.pos;
}

uint64_t sc_stream_file_pos(const sc_stream *s) { return s->file_pos - (s->ilen - s->ipos); }

void sc_stream_close(sc_stream *s)
{
    if (!s) return;
    if (s->comp == SC_COMP_GZIP) inflateEnd(&s->z);
    if (s->zd) ZSTD_freeDCtx(s->zd);
    close(s->fd);
    free(s->ibuf);
    free(s->path);
    free(s);
}

int sc_file_checksum(const char *path, uint64_t *sum, uint64_t *size, sc_error *err)
{
    void *base;
    size_t n;
    int rc = map_file(path, &base, &n, err);
    if (rc) return rc;
    *sum = sc_hash(base ? base : "", n);
    *size = n;
    if (base) munmap(base, n);
    return SC_OK;
}
