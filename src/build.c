/*
 * build.c — compile sources into a world snapshot.
 *
 * Parsing runs on worker threads, one source file at a time each; the calling
 * thread merges finished files strictly in manifest (path) order. That order
 * is what makes the snapshot byte-for-byte the same whatever the number of
 * threads: ids are handed out during the merge, never by the workers.
 * Workers may run at most WINDOW files ahead of the merge, which bounds
 * memory on worlds with thousands of files.
 *
 * A worker copies each record's strings into its file's batch (the reader's
 * buffers die with the file); the merge interns names, affiliations, domains
 * and ids, appends titles and abstracts, and frees the batch.
 */
#include "build.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "career/career.h"
#include "ingest/source.h"
#include "model/world.h"
#include "resolve/org_stage.h"
#include "resolve/person_stage.h"
#include "store/snapshot.h"

/* Strings of the interned kinds (names, affiliations, domains, ids, labels)
 * are de-duplicated per file by the worker, which also hashes them: the
 * merging thread — the one serial part of the build — then interns each
 * distinct string of a file once instead of once per occurrence (a venue
 * name appears on every paper, "Google" on hundreds). A local id is an index
 * into batch.strs; 0 = empty. */
typedef uint32_t lid;

typedef struct {
    uint64_t off;
    uint32_t n;
    uint32_t table; /* SC_STR_* */
    uint64_t hash;  /* sc_hash of the bytes, as the world's tables use */
} lstr;

/* Text strings (titles, keywords, source ids) are not interned: the worker
 * lays them out exactly as the snapshot's text table does (bytes + NUL), so
 * the merge appends the whole buffer to the snapshot file in one write. A
 * text reference is a local index, 0 = empty. */
enum { P_SOURCE_ID, P_TITLE, P_ABSTRACT, P_KEYWORDS, P_NTEXT };
enum { P_VENUE, P_STATUS, P_TRACK, P_NLABEL };
enum { A_NAME, A_AFF, A_DOMAIN, A_OPENREVIEW, A_ORCID, A_DBLP, A_OPENALEX, A_NSTR };

typedef struct {
    uint32_t text[P_NTEXT];
    lid label[P_NLABEL];
    int year;
    int64_t citations;
    uint32_t first_author, n_authors;
} bpaper;

typedef struct {
    lid s[A_NSTR];
    uint16_t position;
} bauthor;

typedef struct {
    lid key, orcid;
    uint32_t first_name, n_names, first_aff, n_affs; /* into pnames / paffs */
} bperson;

typedef struct {
    uint32_t line, col;
    uint64_t what_off, bytes_off;
    uint32_t what_n, bytes_n;
} breject;

typedef struct {
    sc_buf str;                 /* bytes of local strings and reject texts */
    SC_VEC(lstr) strs;          /* local id -> string */
    uint64_t *slots;            /* local dedup index: hash high half << 32 | header offset / 8 */
    size_t nslots;
    sc_buf text;                /* text strings, each followed by NUL */
    SC_VEC(uint64_t) text_off;  /* local text index -> start in text */
    SC_VEC(bpaper) papers;
    SC_VEC(bauthor) authors;
    SC_VEC(bperson) persons;
    SC_VEC(lid) pnames;
    SC_VEC(lid) paffs; /* pairs: affiliation, label */
    SC_VEC(breject) rejects;
    uint64_t checksum, size;
    int rc;
    sc_error err;
    int done;
} batch;

/* The local index cost the workers a third of their time on large files
 * (the DBLP-sized world), in cache misses: a probe read the slot, then the
 * string's record in strs, then its bytes. Each kept string's bytes in str
 * are now preceded by a header holding its local id, its length and its
 * table, and a slot points at the header, so a probe reads the slot and one
 * place (docs/performance.md, "Stop 10"). A string too long for the
 * header's length field is not indexed: it gets a local id of its own every
 * time, and the merge's interning, which is exact, makes it one string
 * again. */
typedef struct {
    uint32_t id;
    uint32_t n_table; /* length | table << KEEP_NBITS */
} khead;
enum { KEEP_NBITS = 28, KEEP_NMAX = (1u << KEEP_NBITS) - 1 };

static inline uint64_t kslot(uint64_t h, uint64_t head)
{
    return (h & 0xFFFFFFFF00000000ULL) | (head >> 3); /* heads are 8-aligned, never at 0 */
}

/* Indexed: its length fits the header and its header's offset a slot. */
static inline int kindexed(uint64_t head, size_t n) { return n <= KEEP_NMAX && (head >> 3) <= UINT32_MAX; }

static void local_grow(batch *b)
{
    size_t ns = b->nslots ? b->nslots * 2 : 4096;
    uint64_t *s = sc_xcalloc(ns, sizeof *s);
    for (size_t id = 1; id < b->strs.n; id++) {
        const lstr *l = &b->strs.v[id];
        if (!kindexed(l->off - sizeof(khead), l->n)) continue;
        uint64_t h = l->hash ^ l->table;
        size_t i = h & (ns - 1);
        while (s[i]) i = (i + 1) & (ns - 1);
        s[i] = kslot(h, l->off - sizeof(khead));
    }
    free(b->slots);
    b->slots = s;
    b->nslots = ns;
}

static lid keep(batch *b, int table, sc_span s)
{
    if (s.n == 0) return 0;
    uint32_t n = (uint32_t)SC_MIN(s.n, (size_t)UINT32_MAX - 1);
    uint64_t hash = sc_hash(s.p, n), h = hash ^ (uint64_t)table;
    if (b->strs.n == 0) sc_vec_push(&b->strs, ((lstr){0, 0, 0, 0})); /* id 0 = empty */
    if ((b->strs.n + 1) * 2 > b->nslots) local_grow(b);
    size_t mask = b->nslots - 1, i = h & mask;
    /* where its header would go: 8-aligned, never at 0 (a slot of 0 is empty) */
    size_t pad = b->str.n ? (8 - (b->str.n & 7)) & 7 : 8;
    uint64_t head = b->str.n + pad;
    int indexed = kindexed(head, n);
    uint32_t nt = n | (uint32_t)table << KEEP_NBITS;
    if (indexed)
        for (uint64_t sl; (sl = b->slots[i]) != 0; i = (i + 1) & mask) {
            if ((sl >> 32) != (h >> 32)) continue;
            const char *hp = b->str.p + ((sl & 0xFFFFFFFFu) << 3);
            khead kh;
            memcpy(&kh, hp, sizeof kh);
            if (kh.n_table == nt && memcmp(hp + sizeof kh, s.p, n) == 0) return (lid)kh.id;
        }
    lid id = (lid)b->strs.n;
    sc_buf_reserve(&b->str, pad + sizeof(khead) + n);
    memset(b->str.p + b->str.n, 0, pad);
    khead kh = {id, nt};
    memcpy(b->str.p + head, &kh, sizeof kh);
    b->str.n = head + sizeof kh;
    sc_vec_push(&b->strs, ((lstr){b->str.n, n, (uint32_t)table, hash}));
    sc_buf_add(&b->str, s.p, n);
    if (indexed) b->slots[i] = kslot(h, head);
    return id;
}

static uint32_t keep_text(batch *b, sc_span s)
{
    if (s.n == 0) return 0;
    if (b->text_off.n == 0) sc_vec_push(&b->text_off, 0); /* index 0 = empty */
    uint32_t id = (uint32_t)b->text_off.n;
    sc_vec_push(&b->text_off, (uint64_t)b->text.n);
    sc_buf_add(&b->text, s.p, s.n);
    sc_buf_addc(&b->text, 0);
    return id;
}

static int sink_paper(sc_sink *s, const sc_rec_paper *p)
{
    batch *b = s->ctx;
    bpaper bp;
    bp.text[P_SOURCE_ID] = keep_text(b, p->source_id);
    bp.text[P_TITLE] = keep_text(b, p->title);
    /* Abstracts are not kept: queries never print them, and the topic index
     * that will search them is built from the records during the build.
     * They are a third of the corpus; copying and writing them was a third
     * of the build (docs/performance.md). The sources keep them. */
    bp.text[P_ABSTRACT] = 0;
    bp.text[P_KEYWORDS] = keep_text(b, p->keywords);
    bp.label[P_VENUE] = keep(b, SC_STR_LABEL, p->venue);
    bp.label[P_STATUS] = keep(b, SC_STR_LABEL, p->status);
    bp.label[P_TRACK] = keep(b, SC_STR_LABEL, p->track);
    bp.year = p->year;
    bp.citations = p->citations;
    bp.first_author = (uint32_t)b->authors.n;
    bp.n_authors = 0;
    for (size_t i = 0; i < p->n_authors && i < 65535; i++) {
        const sc_rec_author *a = &p->authors[i];
        if (a->name.n == 0) continue; /* a position with no name holds nobody */
        bauthor ba;
        ba.s[A_NAME] = keep(b, SC_STR_NAME, a->name);
        ba.s[A_AFF] = keep(b, SC_STR_AFF, a->affiliation);
        ba.s[A_DOMAIN] = keep(b, SC_STR_DOMAIN, a->email_domain);
        ba.s[A_OPENREVIEW] = keep(b, SC_STR_ID, a->openreview);
        ba.s[A_ORCID] = keep(b, SC_STR_ID, a->orcid);
        ba.s[A_DBLP] = keep(b, SC_STR_ID, a->dblp);
        ba.s[A_OPENALEX] = keep(b, SC_STR_ID, a->openalex);
        ba.position = (uint16_t)(i + 1);
        sc_vec_push(&b->authors, ba);
        bp.n_authors++;
    }
    sc_vec_push(&b->papers, bp);
    return 0;
}

static int sink_person(sc_sink *s, const sc_rec_person *p)
{
    batch *b = s->ctx;
    bperson bp;
    bp.key = keep(b, SC_STR_ID, p->key);
    bp.orcid = keep(b, SC_STR_ID, p->n_orcids ? p->orcids[0] : SC_SPAN_NULL);
    bp.first_name = (uint32_t)b->pnames.n;
    bp.n_names = (uint32_t)p->n_names;
    for (size_t i = 0; i < p->n_names; i++) sc_vec_push(&b->pnames, keep(b, SC_STR_NAME, p->names[i]));
    bp.first_aff = (uint32_t)(b->paffs.n / 2);
    bp.n_affs = (uint32_t)p->n_affiliations;
    for (size_t i = 0; i < p->n_affiliations; i++) {
        sc_vec_push(&b->paffs, keep(b, SC_STR_AFF, p->affiliations[i]));
        sc_vec_push(&b->paffs, keep(b, SC_STR_LABEL, p->aff_labels ? p->aff_labels[i] : SC_SPAN_NULL));
    }
    sc_vec_push(&b->persons, bp);
    return 0;
}

static void sink_reject(sc_sink *s, uint32_t line, uint32_t col, const char *what,
                        const char *bytes, size_t n)
{
    batch *b = s->ctx;
    breject rj = {line, col, b->str.n, 0, (uint32_t)strlen(what), (uint32_t)n};
    sc_buf_add(&b->str, what, rj.what_n);
    rj.bytes_off = b->str.n;
    sc_buf_add(&b->str, bytes, n);
    sc_vec_push(&b->rejects, rj);
}

/* Empty a batch but keep its memory: batches are recycled through a ring of
 * WINDOW slots, so a long build touches the same pages again instead of
 * faulting in fresh ones for every file. */
static void batch_reset(batch *b)
{
    b->str.n = b->text.n = 0;
    if (b->slots) memset(b->slots, 0, b->nslots * sizeof *b->slots);
    b->strs.n = b->text_off.n = b->papers.n = b->authors.n = b->persons.n = 0;
    b->pnames.n = b->paffs.n = b->rejects.n = 0;
    b->checksum = b->size = 0;
    b->rc = 0;
    b->done = 0;
}

static void batch_free(batch *b)
{
    sc_buf_free(&b->str);
    free(b->slots);
    sc_vec_free(&b->strs);
    sc_buf_free(&b->text);
    sc_vec_free(&b->text_off);
    sc_vec_free(&b->papers);
    sc_vec_free(&b->authors);
    sc_vec_free(&b->persons);
    sc_vec_free(&b->pnames);
    sc_vec_free(&b->paffs);
    sc_vec_free(&b->rejects);
}

/* ---- worker pool ---------------------------------------------------------- */

enum { WINDOW_PER_THREAD = 2 };

typedef struct {
    sc_manifest *m;
    batch *batches;
    size_t next;   /* next file to claim */
    size_t merged; /* files merged so far */
    size_t window;
    int stop;
    pthread_mutex_t mu;
    pthread_cond_t cv_done, cv_room;
} pool;

static void *worker(void *arg)
{
    pool *pl = arg;
    for (;;) {
        pthread_mutex_lock(&pl->mu);
        while (!pl->stop && pl->next < pl->m->e.n && pl->next >= pl->merged + pl->window)
            pthread_cond_wait(&pl->cv_room, &pl->mu);
        if (pl->stop || pl->next >= pl->m->e.n) {
            pthread_mutex_unlock(&pl->mu);
            return NULL;
        }
        size_t i = pl->next++;
        pthread_mutex_unlock(&pl->mu);

        batch *b = &pl->batches[i % pl->window];
        sc_manifest_entry *e = &pl->m->e.v[i];
        sc_sink sink = {sink_paper, sink_person, sink_reject, b};
        b->rc = sc_source_read(e->path, e->format, e->dtd, &sink, &b->checksum, &b->size, &b->err);

        pthread_mutex_lock(&pl->mu);
        b->done = 1;
        pthread_cond_broadcast(&pl->cv_done);
        pthread_mutex_unlock(&pl->mu);
    }
}

/* ---- merge ------------------------------------------------------------- */

typedef SC_VEC(sc_m_venue) venue_vec;
typedef SC_VEC(uint32_t) u32_vec;

/* The world being built. Text strings are not kept here: they stream to
 * the snapshot file (out) as each batch merges; only their offsets stay. */
typedef struct {
    sc_strtab str[SC_STR_COUNT]; /* str[SC_STR_TEXT] is unused */
    SC_VEC(uint64_t) text_off;   /* text id -> offset in the text section */
    uint64_t text_bytes;
    sc_snapwriter *out;
    SC_VEC(sc_m_paper) papers;
    SC_VEC(sc_m_authorship) auths;
    SC_VEC(sc_m_ext_ids) ext; /* entry 0: no ids */
    SC_VEC(sc_m_person) persons;
    SC_VEC(uint32_t) pnames;
    SC_VEC(sc_m_person_aff) paffs;
    SC_VEC(sc_m_source) sources;
    sc_buf rejects; /* JSON Lines */
    uint64_t n_rejects;
    SC_VEC(uint32_t) gid; /* scratch: a batch's local string ids -> world ids */
    sc_orgstage_out orgs;
    sc_personstage_out people;
    sc_career_out careers;
    venue_vec venues; /* venues by name */
    u32_vec order;    /* papers by (venue, year, id) */
    /* titles and source ids for person resolution: the text section as
     * streamed to the snapshot file, mapped back once reading is done
     * instead of kept as a second copy in memory (the text section is
     * 0.50 GB on the DBLP-sized world, docs/performance.md "Stop 10") */
    sc_snapmap text_map;
    const char *text; /* the text section: string id k at text + text_off[k] */
    sc_build_result *res;
} world;


/* Append one text string that is not part of a batch (source paths). */
static uint32_t put_text(world *w, const char *s)
{
    size_t n = strlen(s);
    if (!n) return 0;
    uint32_t id = (uint32_t)w->text_off.n - 1;
    sc_snapwriter_append(w->out, s, n + 1);
    w->text_bytes += n + 1;
    sc_vec_push(&w->text_off, w->text_bytes);
    return id;
}

static void merge_rejects(world *w, const batch *b, const char *path)
{
    sc_build_result *res = w->res;
    for (size_t i = 0; i < b->rejects.n; i++) {
        const breject *r = &b->rejects.v[i];
        const char *what = b->str.p + r->what_off;
        sc_buf_printf(&w->rejects, "{\"file\":");
        sc_buf_json_str(&w->rejects, path, strlen(path));
        sc_buf_printf(&w->rejects, ",\"line\":%u,\"col\":%u,\"error\":", r->line, r->col);
        sc_buf_json_str(&w->rejects, what, r->what_n);
        /* the record's bytes may be anything: text when they are UTF-8,
         * else base64, so that nothing is lost either way */
        const char *rb = b->str.p + r->bytes_off;
        if (sc_utf8_valid(rb, r->bytes_n)) {
            sc_buf_adds(&w->rejects, ",\"record\":");
            sc_buf_json_str(&w->rejects, rb, r->bytes_n);
        } else {
            sc_buf_adds(&w->rejects, ",\"record_base64\":\"");
            sc_buf_base64(&w->rejects, rb, r->bytes_n);
            sc_buf_addc(&w->rejects, '"');
        }
        sc_buf_adds(&w->rejects, "}\n");
        if (res->first_rejects_shown < 5) {
            size_t used = strlen(res->first_rejects);
            snprintf(res->first_rejects + used, sizeof res->first_rejects - used,
                     "%s:%u:%u: %.*s\n", path, r->line, r->col, (int)r->what_n, what);
            res->first_rejects_shown++;
        }
    }
    w->n_rejects += b->rejects.n;
}

static void merge(world *w, batch *b, uint32_t source, const char *path)
{
    /* strings: each distinct string of the file is interned once */
    sc_vec_grow(&w->gid, b->strs.n + 1);
    uint32_t *gid = w->gid.v;
    gid[0] = 0;
    enum { AHEAD = 12 }; /* strings between prefetch stages (sc_strtab_prefetch) */
    for (size_t k = 1; k < b->strs.n; k++) {
        for (int st = 0; st < 3; st++) {
            size_t f = k + (size_t)(3 - st) * AHEAD;
            if (f < b->strs.n) sc_strtab_prefetch(&w->str[b->strs.v[f].table], b->strs.v[f].hash, st);
        }
        const lstr *l = &b->strs.v[k];
        gid[k] = sc_strtab_intern(&w->str[l->table], b->str.p + l->off, l->n, l->hash);
    }
    /* text: local index k (k >= 1) becomes global base + k - 1 */
    uint32_t base = (uint32_t)w->text_off.n - 1;
    size_t nt = b->text_off.n ? b->text_off.n - 1 : 0;
    if (nt) {
        sc_snapwriter_append(w->out, b->text.p, b->text.n);
        w->text_off.n--; /* the end marker is rewritten below */
        sc_vec_grow(&w->text_off, nt + 1);
        for (size_t k = 1; k <= nt; k++) w->text_off.v[w->text_off.n++] = w->text_bytes + b->text_off.v[k];
        w->text_bytes += b->text.n;
        sc_vec_push(&w->text_off, w->text_bytes);
    }
#define TEXT(k) ((k) ? base + (k) - 1 : 0)
    sc_vec_grow(&w->papers, b->papers.n);
    sc_vec_grow(&w->auths, b->authors.n);
    for (size_t i = 0; i < b->papers.n; i++) {
        const bpaper *bp = &b->papers.v[i];
        sc_m_paper p;
        memset(&p, 0, sizeof p);
        p.title = TEXT(bp->text[P_TITLE]);
        p.abstract = TEXT(bp->text[P_ABSTRACT]);
        p.keywords = TEXT(bp->text[P_KEYWORDS]);
        p.source_id = TEXT(bp->text[P_SOURCE_ID]);
        p.venue = gid[bp->label[P_VENUE]];
        p.status = gid[bp->label[P_STATUS]];
        p.track = gid[bp->label[P_TRACK]];
        p.source = source;
        p.first_authorship = (uint32_t)w->auths.n;
        p.n_authors = (uint16_t)bp->n_authors;
        p.year = (uint16_t)(bp->year > 0 && bp->year < 65536 ? bp->year : 0);
        p.citations = bp->citations;
        uint32_t pid = (uint32_t)w->papers.n;
        for (uint32_t k = 0; k < bp->n_authors; k++) {
            const bauthor *ba = &b->authors.v[bp->first_author + k];
            sc_m_authorship a;
            memset(&a, 0, sizeof a);
            a.paper = pid;
            a.name = gid[ba->s[A_NAME]];
            a.affiliation = gid[ba->s[A_AFF]];
            a.domain = gid[ba->s[A_DOMAIN]];
            sc_m_ext_ids x = {gid[ba->s[A_OPENREVIEW]], gid[ba->s[A_ORCID]], gid[ba->s[A_DBLP]],
                              gid[ba->s[A_OPENALEX]]};
            if (x.openreview | x.orcid | x.dblp | x.openalex) {
                a.ext = (uint32_t)w->ext.n;
                sc_vec_push(&w->ext, x);
            }
            a.position = ba->position;
            w->auths.v[w->auths.n++] = a;
        }
        w->papers.v[w->papers.n++] = p;
    }
#undef TEXT
    for (size_t i = 0; i < b->persons.n; i++) {
        const bperson *bp = &b->persons.v[i];
        sc_m_person p;
        memset(&p, 0, sizeof p);
        p.key = gid[bp->key];
        p.orcid = gid[bp->orcid];
        p.first_name = (uint32_t)w->pnames.n;
        p.n_names = bp->n_names;
        for (uint32_t k = 0; k < bp->n_names; k++) sc_vec_push(&w->pnames, gid[b->pnames.v[bp->first_name + k]]);
        p.first_aff = (uint32_t)w->paffs.n;
        p.n_affs = bp->n_affs;
        for (uint32_t k = 0; k < bp->n_affs; k++) {
            sc_m_person_aff pa;
            pa.affiliation = gid[b->paffs.v[2 * (bp->first_aff + k)]];
            pa.label = gid[b->paffs.v[2 * (bp->first_aff + k) + 1]];
            sc_vec_push(&w->paffs, pa);
        }
        p.source = source;
        sc_vec_push(&w->persons, p);
    }
    merge_rejects(w, b, path);
}

static void world_free(world *w)
{
    for (int i = 0; i < SC_STR_COUNT; i++) sc_strtab_free(&w->str[i]);
    sc_vec_free(&w->text_off);
    sc_vec_free(&w->gid);
    sc_orgstage_free(&w->orgs);
    sc_personstage_free(&w->people);
    sc_careers_free(&w->careers);
    sc_snapmap_free(&w->text_map);
    sc_vec_free(&w->papers);
    sc_vec_free(&w->auths);
    sc_vec_free(&w->ext);
    sc_vec_free(&w->persons);
    sc_vec_free(&w->pnames);
    sc_vec_free(&w->paffs);
    sc_vec_free(&w->sources);
    sc_vec_free(&w->venues);
    sc_vec_free(&w->order);
    sc_buf_free(&w->rejects);
}

/* ---- indexes ----------------------------------------------------------- */

typedef struct {
    uint64_t key; /* venue rank << 32 | year << 16 ... */
    uint32_t paper;
} order_item;

static int cmp_order(const void *a, const void *b)
{
    const order_item *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->paper < y->paper ? -1 : x->paper > y->paper;
}

static const sc_strtab *g_labels; /* for qsort on venue names */
static int cmp_label(const void *a, const void *b)
{
    return strcmp(sc_strtab_get(g_labels, *(const uint32_t *)a),
                  sc_strtab_get(g_labels, *(const uint32_t *)b));
}


/* Venues sorted by name, and all papers ordered by (venue, year, id). */
static void index_venues(world *w)
{
    venue_vec *venues = &w->venues;
    u32_vec *order = &w->order;
    size_t nl = sc_strtab_count(&w->str[SC_STR_LABEL]);
    uint32_t *count = sc_xcalloc(nl, sizeof *count);
    for (size_t i = 0; i < w->papers.n; i++) count[w->papers.v[i].venue]++;
    SC_VEC(uint32_t) ids = {0};
    for (size_t l = 0; l < nl; l++)
        if (count[l]) sc_vec_push(&ids, (uint32_t)l);
    g_labels = &w->str[SC_STR_LABEL];
    if (ids.n) qsort(ids.v, ids.n, sizeof *ids.v, cmp_label);
    uint32_t *rank = sc_xcalloc(nl, sizeof *rank);
    uint32_t first = 0;
    for (size_t r = 0; r < ids.n; r++) {
        rank[ids.v[r]] = (uint32_t)r;
        sc_m_venue v = {ids.v[r], first, count[ids.v[r]], 0};
        sc_vec_push(venues, v);
        first += count[ids.v[r]];
    }
    order_item *items = sc_xmalloc(sizeof *items * (w->papers.n ? w->papers.n : 1));
    for (size_t i = 0; i < w->papers.n; i++)
        items[i] = (order_item){(uint64_t)rank[w->papers.v[i].venue] << 16 | w->papers.v[i].year,
                                (uint32_t)i};
    if (w->papers.n) qsort(items, w->papers.n, sizeof *items, cmp_order);
    sc_vec_grow(order, w->papers.n);
    for (size_t i = 0; i < w->papers.n; i++) order->v[i] = items[i].paper;
    order->n = w->papers.n;
    free(items);
    free(rank);
    free(count);
    sc_vec_free(&ids);
}

static int write_file_atomic(const char *path, const char *p, size_t n, sc_error *err)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) return sc_fail(err, SC_EINTERNAL, "%s: cannot create: %s", tmp, strerror(errno));
    int bad = n && fwrite(p, 1, n, f) != n;
    bad |= fflush(f) != 0 || fsync(fileno(f)) != 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return sc_fail(err, SC_EINTERNAL, "%s: cannot write: %s", path, strerror(e));
    }
    return SC_OK;
}

/* The snapshot is written in three parts, each queued to the writer's
 * thread as soon as its tables are final, so that copying them to the file
 * overlaps with the stages that follow (the order of sections in the file
 * is the order they are queued). First what reading made: papers,
 * authorships, person records, sources, venues, the paper order, the text
 * offsets; the header-like META section goes first but is filled in last. */
#define SEC(ID, VEC)                                                                               \
    sc_snapwriter_section_async(out, &(sc_section){ID, sizeof *(VEC).v, (VEC).v,                  \
                                                   (VEC).n * sizeof *(VEC).v, (VEC).n})
#define ARR(ID, T, PTR, N)                                                                         \
    sc_snapwriter_section_async(out, &(sc_section){ID, sizeof(T), PTR, (N) * sizeof(T), N})

static void write_read_part(world *w)
{
    sc_snapwriter *out = w->out;
    sc_snapwriter_reserve(out, SC_SEC_META, sizeof(sc_m_meta), sizeof(sc_m_meta));
    SEC(SC_SEC_PAPERS, w->papers);
    SEC(SC_SEC_AUTHORSHIPS, w->auths);
    SEC(SC_SEC_AUTH_EXT, w->ext);
    SEC(SC_SEC_PERSONS, w->persons);
    SEC(SC_SEC_PERSON_NAMES, w->pnames);
    SEC(SC_SEC_PERSON_AFFS, w->paffs);
    SEC(SC_SEC_SOURCES, w->sources);
}

/* The venues and the paper order, which read the LABEL table: made and
 * queued on the organisation thread before it fills that table. */
static void write_order_part(world *w)
{
    sc_snapwriter *out = w->out;
    index_venues(w);
    SEC(SC_SEC_VENUES, w->venues);
    SEC(SC_SEC_PAPER_ORDER, w->order);
    SEC(SC_SEC_STR_BASE + 2 * SC_STR_TEXT, w->text_off);
}

/* Then organisations (while careers are computed)... */
static void write_orgs_part(world *w)
{
    sc_snapwriter *out = w->out;
    SEC(SC_SEC_ORGS, w->orgs.orgs);
    size_t naff = sc_strtab_count(&w->str[SC_STR_AFF]);
    ARR(SC_SEC_AFF_ORG, sc_m_aff_org, w->orgs.aff_org, naff);
    ARR(SC_SEC_AUTH_ORG, uint32_t, w->orgs.auth_org, w->auths.n);
}

/* ... and people, once they have their keys. */
static void write_people_part(world *w)
{
    sc_snapwriter *out = w->out;
    SEC(SC_SEC_PEOPLE, w->people.people);
    size_t npp = w->people.people.n;
    ARR(SC_SEC_AUTH_PERSON, uint32_t, w->people.auth_person, w->auths.n);
    ARR(SC_SEC_PERSON_AUTHS, uint32_t, w->people.person_auths, w->auths.n);
    ARR(SC_SEC_PEOPLE_BY_KEY, uint32_t, w->people.by_key, npp);
}

/* Last careers, the string tables and META, then commit. */
static int write_world(world *w, sc_error *err)
{
    sc_snapwriter *out = w->out;
    const sc_career_out *cr = &w->careers;
    size_t npp = w->people.people.n, nor = w->orgs.orgs.n;
    SEC(SC_SEC_STINTS, cr->stints);
    SEC(SC_SEC_MOVES, cr->moves);
    ARR(SC_SEC_PERSON_STINT_OFF, uint32_t, cr->person_stint_off, npp + 1);
    ARR(SC_SEC_PERSON_MOVE_OFF, uint32_t, cr->person_move_off, npp + 1);
    ARR(SC_SEC_ORG_STINTS, uint32_t, cr->org_stints, cr->stints.n);
    ARR(SC_SEC_ORG_STINT_OFF, uint32_t, cr->org_stint_off, nor + 1);
    ARR(SC_SEC_MOVES_FROM, uint32_t, cr->moves_from, cr->moves.n);
    ARR(SC_SEC_ORG_FROM_OFF, uint32_t, cr->org_from_off, nor + 1);
    ARR(SC_SEC_MOVES_TO, uint32_t, cr->moves_to, cr->moves.n);
    ARR(SC_SEC_ORG_TO_OFF, uint32_t, cr->org_to_off, nor + 1);
    for (int t = 0; t < SC_STR_COUNT; t++) {
        if (t == SC_STR_TEXT) continue;
        sc_strtab *st = &w->str[t];
        ARR(SC_SEC_STR_BASE + 2 * t, uint64_t, st->off.v, st->off.n);
        ARR(SC_SEC_STR_BASE + 2 * t + 1, char, st->bytes.p, st->bytes.n);
    }
    sc_m_meta meta;
    memset(&meta, 0, sizeof meta);
    meta.papers = w->papers.n;
    meta.authorships = w->auths.n;
    meta.persons = w->persons.n;
    meta.sources = w->sources.n;
    meta.rejects = w->n_rejects;
    meta.orgs = w->orgs.orgs.n ? w->orgs.orgs.n - 1 : 0;
    meta.registry_orgs = w->orgs.registry_orgs;
    meta.auth_with_aff = w->orgs.auth_with_aff;
    meta.auth_resolved = w->orgs.auth_resolved;
    meta.people = w->people.people.n;
    meta.stints = w->careers.stints.n;
    meta.moves = w->careers.moves.n;
    for (size_t i = 0; i < w->papers.n; i++) {
        int y = w->papers.v[i].year;
        if (!y) continue;
        if (!meta.first_year || y < meta.first_year) meta.first_year = y;
        if (y > meta.last_year) meta.last_year = y;
    }
    sc_snapwriter_fill(out, SC_SEC_META, &meta, 1);
    w->out = NULL;
    return sc_snapwriter_commit(out, err);
}
#undef SEC
#undef ARR

/* The organisation stage, on its own thread: it reads the AFF and DOMAIN
 * tables and interns into LABEL, which the person stage leaves alone until
 * it asks for the result (org_wait). The person passes that need no
 * organisations (names, blocks, title words) run meanwhile: the stages'
 * serial stretches then overlap instead of leaving a core idle in turn.
 * The thread first sorts the papers by venue (LABEL is still as reading
 * left it) and queues those sections, and after the stage it works out
 * the organisations' sectors for careers. */
typedef struct {
    world *w;
    sc_orgreg *reg;
    int threads;
    pthread_t tid;
    int running; /* the thread is started and not yet joined */
    double t0;
    int8_t *sector; /* per organisation: its sector (for careers) */
} org_job;

static void org_run(org_job *J)
{
    world *w = J->w;
    write_order_part(w);
    sc_orgstage_in in = {&w->str[SC_STR_AFF], &w->str[SC_STR_DOMAIN], w->auths.v, w->auths.n, J->threads,
                         &w->str[SC_STR_NAME], w->papers.v};
    sc_orgstage_run(J->reg, &in, &w->str[SC_STR_LABEL], &w->orgs);
    sc_orgreg_free(J->reg);
    J->reg = NULL;
    /* the organisations' sectors for careers (some sixty word searches in
     * each name), here while the person stage runs */
    size_t no = w->orgs.orgs.n;
    J->sector = sc_xcalloc(no ? no : 1, 1);
    for (size_t o = 1; o < no; o++)
        J->sector[o] = (int8_t)sc_org_sector(&w->orgs.orgs.v[o],
                                             sc_strtab_get(&w->str[SC_STR_LABEL], w->orgs.orgs.v[o].name));
    w->res->orgs_seconds = sc_now() - J->t0;
}

static void *org_main(void *arg)
{
    org_run(arg);
    return NULL;
}

/* The organisations of every authorship, once the stage is done (called
 * by the person stage, and after it in case it never asked). */
static const uint32_t *org_wait(void *arg)
{
    org_job *J = arg;
    if (J->running) {
        pthread_join(J->tid, NULL);
        J->running = 0;
    }
    return J->w->orgs.auth_org;
}

static void *keys_main(void *job)
{
    sc_personstage_finish(job);
    return NULL;
}

/* Resolution: organisations of every affiliation and authorship. */
static int resolve_world(world *w, const char *overrides, const sc_options *opt, int threads, sc_error *err)
{
    double t0 = sc_now();
    sc_orgreg *reg;
    const char *path = opt && opt->registry ? opt->registry : sc_orgreg_default_path();
    int rc = sc_orgreg_load(path, &reg, err);
    if (rc) return rc;
    if (overrides && (rc = sc_orgreg_load_overrides(reg, overrides, err)) != SC_OK) {
        sc_orgreg_free(reg);
        return rc;
    }
    org_job oj = {.w = w, .reg = reg, .threads = threads, .t0 = t0};
    oj.running = pthread_create(&oj.tid, NULL, org_main, &oj) == 0;
    if (!oj.running) org_run(&oj); /* no thread: in turn, as before */

    size_t np = w->papers.n;
    const char **titles = sc_xmalloc(sizeof *titles * (np ? np : 1));
    const char **sids = sc_xmalloc(sizeof *sids * (np ? np : 1));
    for (size_t i = 0; i < np; i++) {
        titles[i] = w->text + w->text_off.v[w->papers.v[i].title];
        sids[i] = w->text + w->text_off.v[w->papers.v[i].source_id];
    }
    sc_personstage_in pin = {w->str, w->papers.v, np, w->auths.v, w->auths.n, NULL,
                             titles, sids, threads, org_wait, &oj, w->ext.v};
    sc_personstage_job *pjob = NULL;
    rc = sc_personstage_start(&pin, &w->people, &pjob, err);
    org_wait(&oj);
    if (rc) {
        free(titles);
        free(sids);
        free(oj.sector);
        return rc;
    }
    /* the people's keys (and the index by key) are made on another thread
     * while careers, which need neither, are computed */
    pthread_t keys_tid;
    int keys_thread = pthread_create(&keys_tid, NULL, keys_main, pjob) == 0;
    if (!keys_thread) sc_personstage_finish(pjob);
    write_orgs_part(w);
    double tc = sc_now();
    sc_career_in cin = {w->papers.v, w->papers.n, w->auths.v, w->auths.n, w->orgs.auth_org, w->orgs.aff_org,
                        w->orgs.orgs.v, NULL, w->orgs.orgs.n, w->people.people.v, w->people.people.n,
                        w->people.person_auths, NULL, threads, oj.sector};
    sc_careers_run(&cin, &w->careers);
    free(oj.sector);
    if (keys_thread) pthread_join(keys_tid, NULL);
    free(titles);
    free(sids);
    write_people_part(w);
    w->res->careers_seconds = sc_now() - tc;
    w->res->suspect_papers = w->careers.suspect_papers;
    w->res->name_as_affiliation = w->orgs.auth_name_as_aff;
    return SC_OK;
}

int sc_build(sc_manifest *m, const char *snap_path, const char *rejects_path,
             const char *overrides_path, const sc_options *opt, sc_build_result *res, sc_error *err)
{
    double t0 = sc_now();
    memset(res, 0, sizeof *res);
    sc_manifest_sort(m);
    int threads = opt && opt->threads > 0 ? opt->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1) threads = 1;
    if (threads > 64) threads = 64;

    uint64_t total_bytes = 0, done_bytes = 0;
    for (size_t i = 0; i < m->e.n; i++) total_bytes += m->e.v[i].size;

    world w;
    memset(&w, 0, sizeof w);
    w.res = res;
    for (int t = 0; t < SC_STR_COUNT; t++)
        if (t != SC_STR_TEXT) sc_strtab_init(&w.str[t], 1);
    int rc = sc_snapwriter_open(snap_path, 32 + 2 * SC_STR_COUNT, &w.out, err);
    if (rc) {
        world_free(&w);
        return rc;
    }
    /* the text section streams first; its string 0 is the empty string */
    sc_snapwriter_begin(w.out, SC_SEC_STR_BASE + 2 * SC_STR_TEXT + 1, 1);
    sc_snapwriter_append(w.out, "", 1);
    w.text_bytes = 1;
    sc_vec_push(&w.text_off, 0);
    sc_vec_push(&w.text_off, 1);
    sc_vec_push(&w.ext, ((sc_m_ext_ids){0, 0, 0, 0}));

    pool pl;
    memset(&pl, 0, sizeof pl);
    pl.m = m;
    pl.window = (size_t)threads * WINDOW_PER_THREAD;
    pl.batches = sc_xcalloc(pl.window, sizeof *pl.batches);
    pthread_mutex_init(&pl.mu, NULL);
    pthread_cond_init(&pl.cv_done, NULL);
    pthread_cond_init(&pl.cv_room, NULL);
    pthread_t tid[64];
    int started = 0;
    for (int t = 0; t < threads && (size_t)t < m->e.n; t++)
        if (pthread_create(&tid[t], NULL, worker, &pl) == 0) started++;

    if (m->e.n && !started) rc = sc_fail(err, SC_EINTERNAL, "cannot start worker threads");
    double waited = 0;
    for (size_t i = 0; i < m->e.n && rc == SC_OK; i++) {
        double tw = sc_now();
        pthread_mutex_lock(&pl.mu);
        while (!pl.batches[i % pl.window].done) pthread_cond_wait(&pl.cv_done, &pl.mu);
        pthread_mutex_unlock(&pl.mu);
        waited += sc_now() - tw;
        batch *b = &pl.batches[i % pl.window];
        sc_manifest_entry *e = &m->e.v[i];
        if (b->rc) {
            rc = b->rc;
            if (err) *err = b->err;
        } else {
            e->size = b->size;
            e->checksum = b->checksum;
            e->has_checksum = 1;
            sc_m_source s;
            memset(&s, 0, sizeof s);
            s.path = put_text(&w, e->path);
            s.format = e->format;
            s.size = b->size;
            s.checksum = b->checksum;
            s.papers = (uint32_t)b->papers.n;
            s.rejects = (uint32_t)b->rejects.n;
            sc_vec_push(&w.sources, s);
            merge(&w, b, (uint32_t)i, e->path);
        }
        batch_reset(b);
        done_bytes += e->size;
        pthread_mutex_lock(&pl.mu);
        pl.merged = i + 1;
        if (rc) pl.stop = 1;
        pthread_cond_broadcast(&pl.cv_room);
        pthread_mutex_unlock(&pl.mu);
        if (opt && opt->progress) opt->progress(opt->progress_ctx, "reading", done_bytes, total_bytes, "bytes");
    }
    pthread_mutex_lock(&pl.mu);
    pl.stop = 1;
    pthread_cond_broadcast(&pl.cv_room);
    pthread_mutex_unlock(&pl.mu);
    for (int t = 0; t < started; t++) pthread_join(tid[t], NULL);
    for (size_t i = 0; i < pl.window; i++) batch_free(&pl.batches[i]);
    free(pl.batches);
    pthread_mutex_destroy(&pl.mu);
    pthread_cond_destroy(&pl.cv_done);
    pthread_cond_destroy(&pl.cv_room);

    res->read_seconds = sc_now() - t0;
    res->wait_seconds = waited;
    res->papers = w.papers.n;
    res->authorships = w.auths.n;
    res->persons = w.persons.n;
    res->rejects = w.n_rejects;
    res->sources = m->e.n;
    res->bytes = total_bytes;
    if (rc == SC_OK && opt && opt->strict && w.n_rejects)
        rc = sc_fail(err, SC_EINPUT, "%" PRIu64 " record(s) rejected and --strict is set; first:\n%s",
                     w.n_rejects, res->first_rejects);
    if (rc == SC_OK) {
        /* the text section is complete; what reading made is final: it
         * goes to disk while resolution runs */
        sc_snapwriter_end(w.out, w.text_bytes);
        w.text = sc_snapwriter_map_last(w.out, &w.text_map);
        if (!w.text) rc = sc_fail(err, SC_EINTERNAL, "%s: cannot read back the text just written", snap_path);
    }
    if (rc == SC_OK) {
        write_read_part(&w);
        if (opt && opt->progress) opt->progress(opt->progress_ctx, "resolving", 0, 1, "organisations");
        double tr = sc_now();
        rc = resolve_world(&w, overrides_path, opt, threads, err);
        res->resolve_seconds = sc_now() - tr;
    }
    if (rc == SC_OK) {
        if (opt && opt->progress) opt->progress(opt->progress_ctx, "writing", 0, 1, "snapshot");
        rc = write_file_atomic(rejects_path, w.rejects.p ? w.rejects.p : "", w.rejects.n, err);
    }
    if (rc == SC_OK) {
        rc = write_world(&w, err);
    } else {
        sc_snapwriter_abort(w.out);
        w.out = NULL;
    }
    world_free(&w);
    res->seconds = sc_now() - t0;
    return rc;
}
