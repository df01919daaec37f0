/*
 * person.c — sc_persons_resolve: who is who (see person.h, and
 * docs/resolution-people.md for the method and its measured accuracy).
 *
 * The world-wide passes live here; clustering inside one block is
 * person_cluster.c, names are person_name.c.
 *
 *   1. every distinct spelling is parsed once (in parallel): block key, full
 *      key, signature, DBLP number;
 *   2. how common each name is: the expected number of *other* people who
 *      write it, from surname and first-name frequencies (a "Wei Wang" is
 *      many people, a "Nando de Freitas" one);
 *   3. blocks (surname + first initial) as a counting sort of authorships,
 *      members ascending; a topic vector per paper from its title words;
 *      the size of each organisation; external ids the sources misplaced;
 *   4. blocks are clustered by up to in->threads workers; each block's
 *      result depends on the block alone, so the thread count and the order
 *      workers take blocks in change nothing; then clusters that differ by
 *      a second surname ("Tomás García Araújo", "Tomás García") are weighed
 *      together across their blocks;
 *   5. external ids join clusters across blocks (an ORCID written with two
 *      spellings of the name), never across conflicting ids;
 *   6. persons are numbered by their first authorship, and each gets a key
 *      from the anchor of its earliest authorship.
 *
 * Determinism: hashes are XXH3 of bytes (sc_hash), sorts have total orders,
 * no time or address enters any decision.
 */
#include "resolve/person.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#if defined PERSON_DEBUG || defined PERSON_BENCH
#include <stdio.h>
#include <time.h>
#endif

#include "resolve/person_int.h"

/* ---- a small open-addressing map u64 -> u64 (key 0 is stored as 1) ---- */

typedef struct {
    uint64_t *k, *v;
    size_t cap, n;
} umap;

static void umap_init(umap *m, size_t want)
{
    size_t cap = 16;
    while (cap < 2 * want)
        cap *= 2;
    m->k = sc_xcalloc(cap, sizeof *m->k);
    m->v = sc_xcalloc(cap, sizeof *m->v);
    m->cap = cap;
    m->n = 0;
}

static void umap_free(umap *m)
{
    free(m->k);
    free(m->v);
    memset(m, 0, sizeof *m);
}

static uint64_t *umap_slot(umap *m, uint64_t key, int insert);

static void umap_grow(umap *m)
{
    umap o = *m;
    umap_init(m, o.cap); /* doubles */
    for (size_t i = 0; i < o.cap; i++)
        if (o.k[i]) *umap_slot(m, o.k[i], 1) = o.v[i];
    umap_free(&o);
}

/* The value slot of key; NULL when absent and !insert. */
static uint64_t *umap_slot(umap *m, uint64_t key, int insert)
{
    if (!key) key = 1;
    if (insert && 2 * (m->n + 1) > m->cap) umap_grow(m);
    size_t mask = m->cap - 1, i = (size_t)pc_mix64(key) & mask;
    while (m->k[i]) {
        if (m->k[i] == key) return &m->v[i];
        i = (i + 1) & mask;
    }
    if (!insert) return NULL;
    m->k[i] = key;
    m->v[i] = 0;
    m->n++;
    return &m->v[i];
}

static uint64_t umap_get(const umap *m, uint64_t key)
{
    uint64_t *s = umap_slot((umap *)m, key, 0);
    return s ? *s : 0;
}

/* ---- threads ------------------------------------------------------------ */

typedef struct {
    void (*fn)(void *ctx, size_t i, int t);
    void *ctx;
    size_t n;
    atomic_size_t next;
    int t;
} prun;

typedef struct {
    prun *r;
    int t;
} pthr;

static void *prun_main(void *arg)
{
    pthr *p = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&p->r->next, 1);
        if (i >= p->r->n) break;
        p->r->fn(p->r->ctx, i, p->t);
    }
    return NULL;
}

/* Call fn(ctx, i, worker) for i in [0, n) on up to `threads` threads. The
 * callers make each i's effect independent of which worker runs it. */
#define run_par pc_run_par
void pc_run_par(int threads, size_t n, void (*fn)(void *, size_t, int), void *ctx)
{
    prun r = {fn, ctx, n, 0, 0};
    if (threads < 1) threads = 1;
    if ((size_t)threads > n) threads = n ? (int)n : 1;
    pthread_t th[64];
    pthr arg[64];
    int started = 0;
    for (int t = 1; t < threads && t < 64; t++) {
        arg[t] = (pthr){&r, t};
        if (pthread_create(&th[t], NULL, prun_main, &arg[t]) != 0) break;
        started = t;
    }
    arg[0] = (pthr){&r, 0};
    prun_main(&arg[0]);
    for (int t = 1; t <= started; t++)
        pthread_join(th[t], NULL);
}

void *pc_huge_alloc(size_t bytes, int zero)
{
    size_t huge = (size_t)2 << 20;
    if (bytes < 4 * huge) return zero ? sc_xcalloc(1, bytes ? bytes : 1) : sc_xmalloc(bytes ? bytes : 1);
    size_t len = (bytes + huge - 1) & ~(huge - 1);
    void *p = NULL;
    if (posix_memalign(&p, huge, len) != 0) return zero ? sc_xcalloc(1, bytes) : sc_xmalloc(bytes);
#ifdef MADV_HUGEPAGE
    madvise(p, len, MADV_HUGEPAGE);
#endif
    if (zero) memset(p, 0, len);
    return p;
}

/* ---- external ids ------------------------------------------------------- */

uint64_t pc_ext_hash(const sc_person_input *in, int k, uint32_t id)
{
    if (!id) return 0;
    const char *s = in->ext_str ? in->ext_str(in->ctx, id) : NULL;
    char buf[256];
    size_t n = 0;
    if (s) {
        /* ORCID and OpenAlex come as URLs or bare ids; DBLP pids with or
         * without "homepages/": keep the part that identifies */
        const char *p = s;
        if (k == 1 || k == 3) {
            const char *slash = strrchr(s, '/');
            if (slash && slash[1]) p = slash + 1;
        } else if (k == 2 && strncmp(s, "homepages/", 10) == 0) {
            p = s + 10;
        }
        for (; *p && n < sizeof buf; p++) {
            unsigned char c = (unsigned char)*p;
            if (c == ' ' || c == '\t') continue;
            buf[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    }
    if (!n) { /* no text: the string id itself identifies within this build */
        memcpy(buf, &id, sizeof id);
        n = sizeof id;
    }
    uint64_t h = sc_hash(buf, n) ^ pc_mix64((uint64_t)k + 1);
    return h ? h : 1;
}

/* ---- title words -------------------------------------------------------- */

static const char *const stopwords[] = {
    "the",     "and",     "for",     "with",   "via",      "from",     "into",     "over",
    "under",   "using",   "towards", "toward", "through",  "based",    "are",      "its",
    "our",     "their",   "this",    "that",   "these",    "those",    "can",      "not",
    "all",     "new",     "how",     "what",   "when",     "why",      "which",    "between",
    "beyond",  "without", "within",  "non",    "one",      "two",      "does",     "your",
    "you",     "more",    "less",    "than",   "about",    "learning", "approach", "method",
    "methods", "model",   "models",  "study",  "analysis", "use",      NULL};

/* Hashes of the stop words, in an open-addressing set (filled once per
 * process; 0 = empty, sc_pn_hash32 is never 0): one probe for most words
 * of a title, where a binary search mispredicted its way through six. */
#define STOP_SLOTS 256
static uint32_t stop_h[STOP_SLOTS];
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;
/* Title word bytes: a-z and digits as they are, A-Z lowered, bytes of
 * UTF-8 sequences (>= 0x80) as they are, 0 for the rest (separators and
 * the terminating NUL): one table look-up per byte instead of a chain of
 * range tests. */
static unsigned char word_byte[256];

static void stopwords_fill(void)
{
    for (int c = 1; c < 256; c++)
        word_byte[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a'
                                       : (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 ? c
                                                                                                      : 0);
    for (size_t i = 0; stopwords[i]; i++) {
        uint32_t h = sc_pn_hash32(stopwords[i], strlen(stopwords[i]));
        size_t j = h & (STOP_SLOTS - 1);
        while (stop_h[j] && stop_h[j] != h)
            j = (j + 1) & (STOP_SLOTS - 1);
        stop_h[j] = h;
    }
}

static void stopwords_init(void)
{
    pthread_once(&stop_once, stopwords_fill);
}

static int stopword(uint32_t h)
{
    for (size_t j = h & (STOP_SLOTS - 1); stop_h[j]; j = (j + 1) & (STOP_SLOTS - 1))
        if (stop_h[j] == h) return 1;
    return 0;
}

/* Unique word hashes of a title into out (returns how many). */
static size_t title_words(const char *t, uint32_t *out, size_t cap)
{
    size_t k = 0;
    char w[64];
    const unsigned char *u = (const unsigned char *)t;
    while (u && *u && k < cap) {
        while (*u && !word_byte[*u])
            u++;
        size_t n = 0;
        int alpha = 0;
        for (unsigned char c; (c = word_byte[*u]) != 0; u++) {
            alpha |= c > '9'; /* a letter or a UTF-8 byte, not a digit */
            if (n < sizeof w) w[n++] = (char)c;
        }
        if (n < 3 || !alpha) continue;
        /* plurals: "networks" = "network" */
        if (n > 4 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i') n--;
        uint32_t h = sc_pn_hash32(w, n);
        if (stopword(h)) continue;
        size_t j = 0;
        while (j < k && out[j] != h)
            j++;
        if (j == k) out[k++] = h;
    }
    return k;
}

/* ---- the passes --------------------------------------------------------- */

/* Record r's alternative full keys ([0], [1]; see pctx.altv), NULL when it
 * has none. */
static inline const uint64_t *rec_alt(const pctx *C, uint32_t r)
{
    uint64_t w = C->altbit[r >> 6], m = 1ull << (r & 63);
    if (!(w & m)) return NULL;
    return C->altv[C->altrank[r >> 6] + (uint32_t)__builtin_popcountll(w & (m - 1))];
}

typedef struct {
    pctx *C;
    const uint32_t *ids; /* distinct name ids used */
    size_t n_ids;
    uint64_t *bhash, *sur, *g0; /* per record: block key, surname, first given token */
    int *ok;
    uint32_t *koff;     /* per record: where its block key text starts in its chunk's kbuf */
    sc_buf *kbuf;       /* per chunk */
    uint64_t (*alt)[2]; /* per record: its alternative full keys (pctx.altv), 0 = none */
} parse_job;

#define PARSE_CHUNK 4096

static void parse_chunk(void *ctx, size_t c, int t)
{
    parse_job *J = ctx;
    J->kbuf[c].n = 0;
    const sc_person_input *in = J->C->in;
    (void)t;
    size_t b = c * PARSE_CHUNK, e = b + PARSE_CHUNK < J->n_ids ? b + PARSE_CHUNK : J->n_ids;
    sc_pname pn;
    char key[SC_PN_TEXT + 8];
    for (size_t i = b; i < e; i++) {
        const char *s = in->name_str(in->ctx, J->ids[i]);
        J->ok[i] = s && sc_pname_parse(s, strlen(s), &pn) > 0;
        if (!J->ok[i]) continue;
        pn_rec *r = &J->C->recs[i];
        size_t n = sc_pname_block_key(&pn, key, SC_PN_TEXT); /* as sc_name_key */
        J->bhash[i] = sc_hash(key, n);
        J->koff[i] = (uint32_t)J->kbuf[c].n;
        sc_buf_add(&J->kbuf[c], key, n + 1);
        n = sc_pname_full_key(&pn, key, sizeof key);
        r->full = sc_hash(key, n);
        r->number = pn.number;
        sc_pname_sig(&pn, &r->sig);
        size_t sb = pn.off[pn.sur], se = pn.off[pn.ntok - 1] + pn.len[pn.ntok - 1];
        J->sur[i] = sc_hash(pn.text + sb, se - sb);
        /* "Tomás García Araújo" is also written "Tomás García": a one-word
         * surname after a full given-or-first-surname token */
        if (pn.sur >= 2 && pn.sur == pn.ntok - 1 && pn.len[pn.sur - 1] > 1 &&
            (pn.len[pn.sur - 1] > 2 || (unsigned char)pn.text[pn.off[pn.sur - 1]] < 0x80)) {
            sc_pname alt = pn;
            alt.ntok = pn.sur;
            alt.sur = (uint8_t)(pn.sur - 1);
            n = sc_pname_full_key(&alt, key, sizeof key);
            J->alt[i][0] = sc_hash(key, n);
            /* and "Shai Ben David" is "Shai Ben-David" written with a space:
             * the last two words one surname */
            alt = pn;
            alt.sur = (uint8_t)(pn.sur - 1);
            n = sc_pname_full_key(&alt, key, sizeof key);
            J->alt[i][1] = sc_hash(key, n);
        }
        J->g0[i] = pn.sur ? sc_hash(pn.text + pn.off[0], pn.len[0]) ^ 0x5bd1e995u : 0;
    }
}

typedef struct {
    uint64_t h;
    uint32_t i, pad;
} hidx;

/* Sort by (h, i) where i is ascending in the input: an LSD radix sort on h
 * (stable, so ties keep the input order), 16 bits a pass, skipping passes
 * where all keys agree. */
static void hidx_sort(hidx *v, size_t n)
{
    if (n < 2) return;
    if (n < 256) {
        for (size_t i = 1; i < n; i++) {
            hidx x = v[i];
            size_t j = i;
            while (j > 0 && (v[j - 1].h > x.h || (v[j - 1].h == x.h && v[j - 1].i > x.i)))
                v[j] = v[j - 1], j--;
            v[j] = x;
        }
        return;
    }
    hidx *tmp = sc_xmalloc(n * sizeof *tmp), *src = v, *dst = tmp;
    size_t *cnt = sc_xmalloc(65536 * sizeof *cnt);
    for (int shift = 0; shift < 64; shift += 16) {
        memset(cnt, 0, 65536 * sizeof *cnt);
        for (size_t i = 0; i < n; i++)
            cnt[(src[i].h >> shift) & 0xFFFF]++;
        if (cnt[(src[0].h >> shift) & 0xFFFF] == n) continue;
        size_t sum = 0;
        for (size_t b = 0; b < 65536; b++) {
            size_t c = cnt[b];
            cnt[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[cnt[(src[i].h >> shift) & 0xFFFF]++] = src[i];
        hidx *t = src;
        src = dst;
        dst = t;
    }
    if (src != v) memcpy(v, src, n * sizeof *v);
    free(tmp);
    free(cnt);
}

/* Steps 1-2: parse spellings, count names, estimate how common each is.
 * The block keys' text goes to out (the stage names people with it). */
static void names_pass(pctx *C, uint32_t *cnt, sc_person_result *out)
{
    size_t n_ids = 0;
    for (uint32_t id = 0; id < C->n_name_ids; id++)
        n_ids += cnt[id] > 0;
    uint32_t *ids = sc_xmalloc((n_ids + 1) * sizeof *ids);
    n_ids = 0;
    for (uint32_t id = 0; id < C->n_name_ids; id++)
        if (cnt[id]) ids[n_ids++] = id;
    C->recs = sc_xcalloc(n_ids + 1, sizeof *C->recs);
    C->n_recs = n_ids;
    parse_job J = {C,
                   ids,
                   n_ids,
                   sc_xcalloc(n_ids + 1, 8),
                   sc_xcalloc(n_ids + 1, 8),
                   sc_xcalloc(n_ids + 1, 8),
                   sc_xcalloc(n_ids + 1, sizeof(int)),
                   sc_xcalloc(n_ids + 1, sizeof(uint32_t)),
                   NULL,
                   sc_xcalloc(n_ids + 1, sizeof(uint64_t[2]))};
    size_t nchunks = (n_ids + PARSE_CHUNK - 1) / PARSE_CHUNK;
    J.kbuf = sc_xcalloc(nchunks + 1, sizeof *J.kbuf);
    run_par(C->threads, nchunks, parse_chunk, &J);
    {
        size_t tot = 0;
        for (size_t c = 0; c < nchunks; c++)
            tot += J.kbuf[c].n;
        out->name_keys = sc_xmalloc(tot + 1);
        out->name_key_at = sc_xmalloc(((size_t)C->n_name_ids + 1) * sizeof *out->name_key_at);
        memset(out->name_key_at, 0xFF, ((size_t)C->n_name_ids + 1) * sizeof *out->name_key_at);
        size_t at = 0;
        for (size_t c = 0; c < nchunks; c++) {
            if (J.kbuf[c].n) memcpy(out->name_keys + at, J.kbuf[c].p, J.kbuf[c].n);
            for (size_t i = c * PARSE_CHUNK; i < n_ids && i < (c + 1) * PARSE_CHUNK; i++)
                if (J.ok[i]) out->name_key_at[ids[i]] = (uint32_t)(at + J.koff[i]);
            at += J.kbuf[c].n;
            sc_buf_free(&J.kbuf[c]);
        }
        free(J.kbuf);
        free(J.koff);
    }

    for (uint32_t id = 0; id < C->n_name_ids; id++)
        C->name_rec[id] = PN_NONE;
    for (size_t i = 0; i < n_ids; i++)
        if (J.ok[i]) C->name_rec[ids[i]] = (uint32_t)i;

    /* blocks: ranks of the distinct block keys */
    hidx *hs = sc_xmalloc((n_ids + 1) * sizeof *hs);
    size_t nh = 0;
    for (size_t i = 0; i < n_ids; i++)
        if (J.ok[i]) hs[nh++] = (hidx){J.bhash[i], (uint32_t)i, 0};
    hidx_sort(hs, nh);
    uint32_t nb = 0;
    for (size_t i = 0; i < nh; i++) {
        if (i && hs[i].h != hs[i - 1].h) nb++;
        C->recs[hs[i].i].block = nb;
    }
    C->n_blocks = nh ? nb + 1 : 0;

    /* distinct full names: people are roughly one per full name */
    size_t D = 0;
    uint64_t n_named = 0;
    nh = 0;
    for (size_t i = 0; i < n_ids; i++)
        if (J.ok[i]) {
            hs[nh++] = (hidx){C->recs[i].full, 0, 0};
            n_named += cnt[ids[i]];
        }
    hidx_sort(hs, nh);
    for (size_t i = 0; i < nh; i++)
        D += !i || hs[i].h != hs[i - 1].h;
    free(hs);
    double avg = D ? (double)n_named / (double)D : 1; /* authorships per person */
    if (avg < 1) avg = 1;

    /* how common: the expected number of other people writing (g, s) if the
     * first name were drawn independently of the surname among the names it
     * is seen with. Leave-one-out (minus the name's own authorships) so that
     * a prolific person does not make their own name look common. */
    /* surnames, first names and (first name, surname) pairs as dense ids
     * (three look-ups a name), then counts in flat arrays */
    uint32_t *sid = sc_xmalloc((n_ids + 1) * sizeof *sid);
    uint32_t *gid = sc_xmalloc((n_ids + 1) * sizeof *gid);
    uint32_t *pid = sc_xmalloc((n_ids + 1) * sizeof *pid);
    size_t ns = 0, ng = 0, npair = 0;
    {
        umap Ms, Mg, Mp;
        umap_init(&Ms, n_ids + 1);
        umap_init(&Mg, 1024);
        umap_init(&Mp, n_ids + 1);
        for (size_t i = 0; i < n_ids; i++) {
            if (!J.ok[i]) continue;
            uint64_t *v = umap_slot(&Ms, J.sur[i], 1);
            if (!*v) *v = ++ns;
            sid[i] = (uint32_t)(*v - 1);
            v = umap_slot(&Mg, J.g0[i], 1);
            if (!*v) *v = ++ng;
            gid[i] = (uint32_t)(*v - 1);
            v = umap_slot(&Mp, J.g0[i] ^ pc_mix64(J.sur[i]), 1);
            if (!*v) *v = ++npair;
            pid[i] = (uint32_t)(*v - 1);
        }
        umap_free(&Ms);
        umap_free(&Mg);
        umap_free(&Mp);
    }
    uint64_t *As = sc_xcalloc(ns + 1, sizeof *As), *Ts = sc_xcalloc(ns + 1, sizeof *Ts);
    uint64_t *Ag = sc_xcalloc(ng + 1, sizeof *Ag), *Tg = sc_xcalloc(ng + 1, sizeof *Tg);
    uint64_t *Ogs = sc_xcalloc(npair + 1, sizeof *Ogs);
    uint8_t *seen = sc_xcalloc(npair + 1, 1);
    for (size_t i = 0; i < n_ids; i++) {
        if (!J.ok[i]) continue;
        uint64_t c = cnt[ids[i]];
        As[sid[i]] += c;
        Ag[gid[i]] += c;
        Ogs[pid[i]] += c;
    }
    for (size_t i = 0; i < n_ids; i++) {
        if (!J.ok[i] || seen[pid[i]]) continue;
        seen[pid[i]] = 1;
        Tg[gid[i]] += As[sid[i]];
        Ts[sid[i]] += Ag[gid[i]];
    }
    for (size_t i = 0; i < n_ids; i++) {
        if (!J.ok[i]) continue;
        double o = (double)Ogs[pid[i]];
        double as = (double)As[sid[i]] - o, ag = (double)Ag[gid[i]] - o;
        double tg = (double)Tg[gid[i]] - (double)As[sid[i]];
        double ts = (double)Ts[sid[i]] - (double)Ag[gid[i]];
        if (as < 0) as = 0;
        if (ag < 0) ag = 0;
        /* the surnames a first name is seen with stand for its culture (and
         * the first names a surname is seen with for the surname's), but a
         * name seen a handful of times has not met most of its culture yet:
         * a culture is never taken to be smaller than PW_CULTURE_MIN of
         * everyone. The larger culture of the two gives the smaller, and
         * better, estimate: "Long" is both a Chinese and an English surname,
         * and "Birgit Long" is not as common as all Longs make it look. */
        double cmin = PW_CULTURE_MIN * (double)n_named;
        double pop = tg > ts ? tg : ts;
        double lam = as * ag / (pop > cmin ? pop : cmin) / avg;
        if (C->recs[i].sig.nmid) lam *= PW_MID_F;
        if (lam > PW_LAMBDA_CAP) lam = PW_LAMBDA_CAP;
        C->recs[i].lambda = (float)lam;
    }
    free(As);
    free(Ts);
    free(Ag);
    free(Tg);
    free(Ogs);
    free(seen);
    free(sid);
    free(gid);
    free(pid);

    C->avg = avg;

    /* records in block order, so that a block's names sit together in
     * memory (nothing depends on the order of records) */
    {
        uint32_t *bcnt = sc_xcalloc((size_t)C->n_blocks + 2, sizeof *bcnt);
        uint32_t nok = 0;
        for (size_t i = 0; i < n_ids; i++)
            if (J.ok[i]) {
                bcnt[C->recs[i].block + 1]++;
                nok++;
            }
        for (uint32_t b = 0; b < C->n_blocks; b++)
            bcnt[b + 1] += bcnt[b];
        uint32_t *newi = sc_xmalloc((n_ids + 1) * sizeof *newi);
        for (size_t i = 0, tail = nok; i < n_ids; i++)
            newi[i] = J.ok[i] ? bcnt[C->recs[i].block]++ : (uint32_t)tail++;
        pn_rec *nr = pc_huge_alloc((n_ids + 1) * sizeof *nr, 1);
        for (size_t i = 0; i < n_ids; i++)
            nr[newi[i]] = C->recs[i];
        free(C->recs);
        C->recs = nr;
        for (size_t i = 0; i < n_ids; i++)
            if (J.ok[i]) C->name_rec[ids[i]] = newi[i];
        /* the alternative keys of the records that have them (a minority:
         * 16 bytes a record for all was 65 MB at 4 M names) */
        size_t nw = n_ids / 64 + 1;
        C->altbit = sc_xcalloc(nw, sizeof *C->altbit);
        C->altrank = sc_xmalloc(nw * sizeof *C->altrank);
        for (size_t i = 0; i < n_ids; i++)
            if (J.alt[i][0] | J.alt[i][1]) C->altbit[newi[i] >> 6] |= 1ull << (newi[i] & 63);
        uint32_t nalt = 0;
        for (size_t w = 0; w < nw; w++) {
            C->altrank[w] = nalt;
            nalt += (uint32_t)__builtin_popcountll(C->altbit[w]);
        }
        C->altv = sc_xmalloc(((size_t)nalt + 1) * sizeof *C->altv);
        for (size_t i = 0; i < n_ids; i++)
            if (J.alt[i][0] | J.alt[i][1]) {
                uint32_t r = newi[i];
                size_t x = C->altrank[r >> 6] +
                           (size_t)__builtin_popcountll(C->altbit[r >> 6] & ((1ull << (r & 63)) - 1));
                C->altv[x][0] = J.alt[i][0];
                C->altv[x][1] = J.alt[i][1];
            }
        free(newi);
        free(bcnt);
    }
    free(J.alt);
    free(J.bhash);
    free(J.sur);
    free(J.g0);
    free(J.ok);
    free(ids);
}

/* Step 3c: ids that sources put on the wrong author. Lists of ids aligned
 * by position with the authors go out of step (paperlists' or_profile and
 * dblp fields do, now and then), and "the same id must merge" would then
 * weld two people together. An id belongs to the name (block) it is seen
 * with most; where it sits on another name on a paper whose authors include
 * that usual name, it is the misplaced one and is not believed. An id on
 * another spelling with nobody of the usual name beside it ("J.
 * Garcia-Lopez" with José García's ORCID) is believed. OpenReview ids spell
 * a name, and one that shares no surname with its author's is not believed
 * either. A record with a misplaced id has lost step: none of its ids is
 * believed. */
typedef struct {
    uint64_t h;
    uint32_t block, a;
} idocc;

static int idocc_cmp(const void *x, const void *y)
{
    const idocc *u = x, *v = y;
    if (u->h != v->h) return u->h < v->h ? -1 : 1;
    if (u->block != v->block) return u->block < v->block ? -1 : 1;
    return u->a < v->a ? -1 : u->a > v->a;
}

/* An OpenReview id spells its owner's name ("~Sergey_Levine1"): 1 when it
 * is plainly someone else's (no surname in common with the author's name). */
static int openreview_other(const sc_person_input *in, uint32_t id, uint32_t name)
{
    const char *s = in->ext_str ? in->ext_str(in->ctx, id) : NULL;
    const char *nm = in->name_str(in->ctx, name);
    if (!s || s[0] != '~' || !nm) return 0;
    char buf[256];
    size_t n = 0;
    for (const char *p = s + 1; *p && n + 1 < sizeof buf; p++)
        buf[n++] = *p == '_' ? ' ' : *p;
    while (n > 0 && buf[n - 1] >= '0' && buf[n - 1] <= '9')
        n--;
    sc_pname a, b;
    if (sc_pname_parse(buf, n, &a) <= 0 || sc_pname_parse(nm, strlen(nm), &b) <= 0) return 0;
    /* any token of one equal to the other's surname: same family name, in
     * either order ("~Wang_Wei1" for "Wei Wang") */
    size_t sb = b.off[b.sur], se = b.off[b.ntok - 1] + b.len[b.ntok - 1];
    size_t ab = a.off[a.sur], ae = a.off[a.ntok - 1] + a.len[a.ntok - 1];
    for (size_t i = 0; i < a.ntok; i++)
        if (a.len[i] == se - sb && !memcmp(a.text + a.off[i], b.text + sb, se - sb)) return 0;
    for (size_t i = 0; i < b.ntok; i++)
        if (b.len[i] == ae - ab && !memcmp(b.text + b.off[i], a.text + ab, ae - ab)) return 0;
    return 1;
}

typedef struct {
    pctx *C;
    uint8_t *bad;
    atomic_int any;
} extjob;

#define EXT_CHUNK 16384

/* The normalised hash of every external id (per authorship), and
 * OpenReview ids that name somebody else. */
static void ext_chunk(void *ctx, size_t c, int t)
{
    extjob *J = ctx;
    pctx *C = J->C;
    const sc_person_input *in = C->in;
    (void)t;
    size_t b = c * EXT_CHUNK, e = b + EXT_CHUNK < in->n_auth ? b + EXT_CHUNK : in->n_auth;
    int any = 0;
    for (int k = 0; k < 4; k++) {
        if (!in->ext[k]) continue;
        for (size_t a = b; a < e; a++) {
            uint32_t id = in->ext[k][a];
            C->ehash[k][a] = id ? pc_ext_hash(in, k, id) : 0;
            if (k == 0 && id && openreview_other(in, id, in->name[a])) {
                J->bad[a] |= 1;
                any = 1;
            }
        }
    }
    if (any) atomic_store(&J->any, 1);
}

static void ext_check_pass(pctx *C)
{
    const sc_person_input *in = C->in;
    SC_VEC(idocc) occ = {0};
    int have = 0;
    for (int k = 0; k < 4; k++)
        if (in->ext[k]) {
            C->ehash[k] = sc_xmalloc((in->n_auth + 1) * sizeof *C->ehash[k]);
            have = 1;
        }
    if (!have) return;
    extjob X = {C, sc_xcalloc(in->n_auth + 1, 1), 0};
    run_par(C->threads, (in->n_auth + EXT_CHUNK - 1) / EXT_CHUNK, ext_chunk, &X);
    if (atomic_load(&X.any))
        C->ext_bad = X.bad;
    else
        free(X.bad);
    for (int k = 0; k < 4; k++) {
        if (!in->ext[k]) continue;
        occ.n = 0;
        for (size_t a = 0; a < in->n_auth; a++)
            if (in->ext[k][a] && C->ablock[a] != PN_NONE &&
                !(C->ext_bad && (C->ext_bad[a] >> k & 1)))
                sc_vec_push(&occ, ((idocc){C->ehash[k][a], C->ablock[a], (uint32_t)a}));
        if (occ.n < 2) continue;
        qsort(occ.v, occ.n, sizeof *occ.v, idocc_cmp);
        for (size_t i = 0; i < occ.n;) {
            size_t e = i;
            while (e < occ.n && occ.v[e].h == occ.v[i].h)
                e++;
            /* the usual block: most occurrences, then the smallest index */
            uint32_t best = occ.v[i].block;
            size_t bestn = 0;
            int several = 0;
            for (size_t j = i; j < e;) {
                size_t f = j;
                while (f < e && occ.v[f].block == occ.v[j].block)
                    f++;
                if (f - j > bestn) {
                    bestn = f - j;
                    best = occ.v[j].block;
                }
                several |= j != i;
                j = f;
            }
            for (size_t j = i; several && j < e; j++) {
                if (occ.v[j].block == best) continue;
                uint32_t p = in->paper[occ.v[j].a], f = in->first_auth[p], na = in->n_auth_of[p];
                for (uint32_t q = f; q < f + na; q++)
                    if (q != occ.v[j].a && C->ablock[q] == best) {
                        if (!C->ext_bad) C->ext_bad = sc_xcalloc(in->n_auth + 1, 1);
                        C->ext_bad[occ.v[j].a] |= (uint8_t)(1u << k);
                        break;
                    }
            }
            i = e;
        }
    }
    sc_vec_free(&occ);
    /* a record with one misplaced id has its lists out of step: none of its
     * ids is believed (its DBLP pids are shifted along with the rest) */
    if (C->ext_bad)
        for (size_t p = 0; p < in->n_papers; p++) {
            uint32_t f = in->first_auth[p], na = in->n_auth_of[p];
            int bad = 0;
            for (uint32_t q = f; q < f + na; q++)
                bad |= C->ext_bad[q] != 0;
            if (bad)
                for (uint32_t q = f; q < f + na; q++)
                    C->ext_bad[q] = 0xF;
        }
}

static void ablock_chunk(void *ctx, size_t c, int t)
{
    pctx *C = ctx;
    const sc_person_input *in = C->in;
    (void)t;
    size_t b = c * 65536, e = b + 65536 < in->n_auth ? b + 65536 : in->n_auth;
    for (size_t a = b; a < e; a++) {
        uint32_t r = C->name_rec[in->name[a]];
        C->ablock[a] = r == PN_NONE ? PN_NONE : C->recs[r].block;
    }
}

/* Step 3a: members of each block, ascending (a counting sort). */
static void blocks_pass(pctx *C)
{
    const sc_person_input *in = C->in;
    size_t n = in->n_auth;
    C->bstart = sc_xcalloc((size_t)C->n_blocks + 2, sizeof *C->bstart);
    /* each authorship's block once (a name record per authorship is a
     * cache miss), then the counting sort reads that */
    C->ablock = sc_xmalloc((n + 1) * sizeof *C->ablock);
    run_par(C->threads, (n + 65535) / 65536, ablock_chunk, C);
    for (size_t a = 0; a < n; a++)
        if (C->ablock[a] != PN_NONE) C->bstart[C->ablock[a] + 1]++;
    for (uint32_t b = 0; b < C->n_blocks; b++)
        C->bstart[b + 1] += C->bstart[b];
    uint64_t total = C->bstart[C->n_blocks];
    C->bmem = sc_xmalloc((total + 1) * sizeof *C->bmem);
    uint64_t *fill = sc_xmalloc(((size_t)C->n_blocks + 1) * sizeof *fill);
    memcpy(fill, C->bstart, (size_t)C->n_blocks * sizeof *fill);
    for (size_t a = 0; a < n; a++)
        if (C->ablock[a] != PN_NONE) C->bmem[fill[C->ablock[a]]++] = (uint32_t)a;
    free(fill);
    /* a co-author is evidence in proportion to how few people write its
     * name: "defreitas n" is one person, "wang w" hundreds */
    double avg = C->avg;
    C->bco_w = sc_xcalloc((size_t)C->n_blocks + 1, sizeof *C->bco_w);
    C->bshare = sc_xcalloc((size_t)C->n_blocks + 1, sizeof *C->bshare);
    for (uint32_t b = 0; b < C->n_blocks; b++) {
        C->bshare[b] =
            (float)((double)(C->bstart[b + 1] - C->bstart[b]) / (double)(total ? total : 1));
        double people = (double)(C->bstart[b + 1] - C->bstart[b]) / avg;
        if (people < 1) people = 1;
        C->bco_w[b] = (float)(1.0 / (1.0 + 0.5 * log(people)));
    }
}

typedef struct {
    pctx *C;
    size_t chunk, nchunks;
    SC_VEC(uint32_t) * words; /* per chunk */
    uint32_t *count;          /* per paper */
} words_job;

static void words_chunk(void *ctx, size_t c, int t)
{
    words_job *J = ctx;
    const sc_person_input *in = J->C->in;
    (void)t;
    size_t b = c * J->chunk, e = b + J->chunk < in->n_papers ? b + J->chunk : in->n_papers;
    uint32_t w[64];
    for (size_t p = b; p < e; p++) {
        size_t k = title_words(in->title[p], w, 64);
        J->count[p] = (uint32_t)k;
        for (size_t i = 0; i < k; i++)
            sc_vec_push(&J->words[c], w[i]);
    }
}

/* The random signature of a word: PC_TSIG entries of +-1. */
static void word_sig(uint32_t h, int *pos, float *sign)
{
    uint64_t x = pc_mix64((uint64_t)h * 0x9E3779B97F4A7C15ull + 1);
    for (int i = 0; i < PC_TSIG; i++) {
        pos[i] = (int)(x & (PC_TDIM - 1));
        sign[i] = (x >> 6) & 1 ? 1.0f : -1.0f;
        x = pc_mix64(x + 0x632BE59BD9B4E019ull);
    }
}

typedef struct {
    pctx *C;
    const uint32_t *hash; /* per word id */
    int parts;
    uint8_t *spos;  /* per word id: PC_TSIG positions of its signature */
    uint8_t *ssign; /* per word id: bit i set = entry i is +1 */
} emb_job;

/* The signatures of words [c * 65536, ...) into the tables. */
static void sig_chunk(void *ctx, size_t c, int t)
{
    emb_job *E = ctx;
    (void)t;
    size_t b = c * 65536, e = b + 65536 < E->C->n_words ? b + 65536 : E->C->n_words;
    int pos[PC_TSIG];
    float sign[PC_TSIG];
    for (size_t w = b; w < e; w++) {
        word_sig(E->hash[w], pos, sign);
        uint8_t bits = 0;
        for (int i = 0; i < PC_TSIG; i++) {
            E->spos[w * PC_TSIG + i] = (uint8_t)pos[i];
            if (sign[i] > 0) bits |= (uint8_t)(1u << i);
        }
        E->ssign[w] = bits;
    }
}

/* Part t accumulates the vectors of words with id % parts == t, over all
 * papers in order: each word's sum is the same whatever the thread count. */
static void emb_part(void *ctx, size_t t, int w_)
{
    emb_job *E = ctx;
    pctx *C = E->C;
    (void)w_;
    float cvec[PC_TDIM];
    for (size_t p = 0; p < C->in->n_papers; p++) {
        uint64_t b = C->pwstart[p], e = C->pwstart[p + 1];
        int mine = 0;
        for (uint64_t i = b; i < e && !mine; i++)
            mine = C->pw[i] % (uint32_t)E->parts == t;
        if (!mine || e - b < 2) continue;
        memset(cvec, 0, sizeof cvec);
        for (uint64_t i = b; i < e; i++) {
            uint32_t w = C->pw[i];
            for (int k = 0; k < PC_TSIG; k++)
                cvec[E->spos[w * PC_TSIG + k]] += E->ssign[w] >> k & 1 ? 1.0f : -1.0f;
        }
        for (uint64_t i = b; i < e; i++) {
            uint32_t w = C->pw[i];
            if (w % (uint32_t)E->parts != t) continue;
            float *v = C->wemb + (size_t)w * PC_TDIM;
            for (int k = 0; k < PC_TDIM; k++)
                v[k] += cvec[k];
            for (int k = 0; k < PC_TSIG; k++) /* not itself */
                v[E->spos[w * PC_TSIG + k]] -= E->ssign[w] >> k & 1 ? 1.0f : -1.0f;
        }
    }
    for (size_t w = t; w < C->n_words; w += (size_t)E->parts) {
        float *v = C->wemb + w * PC_TDIM;
        double n = 0;
        for (int k = 0; k < PC_TDIM; k++)
            n += (double)v[k] * v[k];
        if (n > 0) {
            float f = (float)(1.0 / sqrt(n));
            for (int k = 0; k < PC_TDIM; k++)
                v[k] *= f;
        }
    }
}

/* Paper p's topic vector v, quantised to int8 with a per-paper scale: each
 * component within half a step (largest |component| / 254) of v's. */
static void pc_topic_put(pctx *C, size_t p, const float *v)
{
    float mx = 0;
    for (int d = 0; d < PC_TDIM; d++)
        mx = fabsf(v[d]) > mx ? fabsf(v[d]) : mx;
    int8_t *q = C->ptv + p * PC_TDIM;
    if (!(mx > 0)) {
        memset(q, 0, PC_TDIM);
        C->pts[p] = 0;
        return;
    }
    float inv = 127.0f / mx;
    for (int d = 0; d < PC_TDIM; d++) {
        long r = lrintf(v[d] * inv);
        q[d] = (int8_t)(r > 127 ? 127 : r < -127 ? -127 : r);
    }
    C->pts[p] = mx / 127.0f;
}

static void paper_topic(void *ctx, size_t c, int t)
{
    pctx *C = ctx;
    (void)t;
    size_t b = c * 8192, e = b + 8192 < C->in->n_papers ? b + 8192 : C->in->n_papers;
    for (size_t p = b; p < e; p++) {
        float v[PC_TDIM] = {0};
        for (uint64_t j = C->pwstart[p]; j < C->pwstart[p + 1]; j++) {
            uint32_t w = C->pw[j];
            const float *x = C->wemb + (size_t)w * PC_TDIM;
            float f = C->widf[w];
            for (int d = 0; d < PC_TDIM; d++)
                v[d] += f * x[d];
        }
        float dot = 0;
        for (int d = 0; d < PC_TDIM; d++)
            dot += v[d] * C->tcommon[d];
        for (int d = 0; d < PC_TDIM; d++)
            v[d] -= dot * C->tcommon[d];
        pc_topic_put(C, p, v);
    }
}

/* Step 3b: title words per paper, how many papers each is in, and topic
 * vectors. */
static void words_pass(pctx *C)
{
    const sc_person_input *in = C->in;
    if (!in->title || !in->n_papers) return;
    stopwords_init();
    words_job J = {C, 8192, 0, NULL, sc_xcalloc(in->n_papers + 1, sizeof(uint32_t))};
    J.nchunks = (in->n_papers + J.chunk - 1) / J.chunk;
    J.words = sc_xcalloc(J.nchunks, sizeof *J.words);
    run_par(C->threads, J.nchunks, words_chunk, &J);
    C->pwstart = sc_xmalloc((in->n_papers + 1) * sizeof *C->pwstart);
    uint64_t tot = 0;
    for (size_t p = 0; p < in->n_papers; p++) {
        C->pwstart[p] = tot;
        tot += J.count[p];
    }
    C->pwstart[in->n_papers] = tot;
    C->pw = sc_xmalloc((tot + 1) * sizeof *C->pw);
    uint64_t k = 0;
    for (size_t c = 0; c < J.nchunks; c++) {
        if (J.words[c].n) memcpy(C->pw + k, J.words[c].v, J.words[c].n * sizeof *C->pw);
        k += J.words[c].n;
        sc_vec_free(&J.words[c]);
    }
    free(J.words);
    free(J.count);

    /* dense word ids (in hash order: which id a word gets changes nothing
     * but the order of work), and document frequencies: a radix sort of
     * (hash, place) */
    SC_VEC(uint32_t) df = {0}, hash = {0};
    {
        uint64_t *hp = sc_xmalloc((tot + 1) * sizeof *hp);
        for (uint64_t i = 0; i < tot; i++)
            hp[i] = (uint64_t)C->pw[i] << 32 | i;
        pc_sort_u64(hp, tot);
        for (uint64_t i = 0; i < tot; i++) {
            uint32_t h = (uint32_t)(hp[i] >> 32);
            if (!i || h != (uint32_t)(hp[i - 1] >> 32)) {
                sc_vec_push(&df, 0);
                sc_vec_push(&hash, h);
            }
            df.v[df.n - 1]++;
            C->pw[(uint32_t)hp[i]] = (uint32_t)(df.n - 1);
        }
        free(hp);
    }
    C->n_words = df.n;
    C->widf = sc_xmalloc((df.n + 1) * sizeof *C->widf);
    for (size_t w = 0; w < df.n; w++)
        C->widf[w] = (float)log((double)in->n_papers / df.v[w]);

    /* topic vectors by random indexing: each word gets a fixed sparse random
     * signature; a word's vector is the sum of the signatures of the words
     * it shares titles with. Words of one field ("policy", "reward",
     * "q-learning") end up pointing the same way though no title holds them
     * all, so two papers of one field are alike without sharing a word. */
    C->wemb = sc_xcalloc((C->n_words + 1) * PC_TDIM, sizeof *C->wemb);
    emb_job E = {C, hash.v, C->threads, sc_xmalloc((C->n_words + 1) * PC_TSIG),
                 sc_xmalloc(C->n_words + 1)};
    run_par(C->threads, (C->n_words + 65535) / 65536, sig_chunk, &E);
    run_par(C->threads, (size_t)C->threads, emb_part, &E);
    free(E.spos);
    free(E.ssign);
    sc_vec_free(&hash);
    /* Every word's vector leans the same way (all titles share the frequent
     * words they were summed from), so unrelated papers came out alike
     * (cosine 0.5-0.8 on the real corpus: a robotics paper of 2005 and a
     * statistics paper of 2016). The direction they share is the mean paper
     * vector, sum over words of df x idf x vector; it is taken out of each
     * paper's vector, and the cosine of two papers says what they share
     * beyond being titles. */
    memset(C->tcommon, 0, sizeof C->tcommon);
    if (PW_CENTER) {
        double u[PC_TDIM] = {0}, n2 = 0;
        for (size_t w = 0; w < C->n_words; w++) {
            double f = (double)df.v[w] * C->widf[w];
            const float *x = C->wemb + w * PC_TDIM;
            for (int d = 0; d < PC_TDIM; d++)
                u[d] += f * x[d];
        }
        for (int d = 0; d < PC_TDIM; d++)
            n2 += u[d] * u[d];
        if (n2 > 0)
            for (int d = 0; d < PC_TDIM; d++)
                C->tcommon[d] = (float)(u[d] / sqrt(n2));
    }
    sc_vec_free(&df);
    /* a paper's topic: its words' vectors weighted by idf (computed once
     * here rather than for every authorship of the paper) */
    /* read at random per authorship: in huge pages (TLB misses were as
     * much of the gather as the cache misses) */
    C->ptv = pc_huge_alloc((in->n_papers + 1) * PC_TDIM * sizeof *C->ptv, 0);
    C->pts = pc_huge_alloc((in->n_papers + 1) * sizeof *C->pts, 0);
    /* paper_topic writes every paper's entries (first touched there, on all
     * threads); the spare last one is zero */
    memset(C->ptv + in->n_papers * PC_TDIM, 0, PC_TDIM * sizeof *C->ptv);
    C->pts[in->n_papers] = 0;
    run_par(C->threads, (in->n_papers + 8191) / 8192, paper_topic, C);
    free(C->wemb);
    free(C->widf);
    free(C->pw);
    free(C->pwstart);
    C->wemb = C->widf = NULL;
    C->pw = NULL;
    C->pwstart = NULL;
}

static int u32cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Step 3c: how big each organisation is (same place is weaker evidence at
 * a giant). */
static void orgs_pass(pctx *C)
{
    const sc_person_input *in = C->in;
    if (!in->org) return;
    uint32_t max = 0;
    size_t k = 0;
    for (size_t a = 0; a < in->n_auth; a++)
        if (in->org[a] > max) max = in->org[a];
    C->org_n = sc_xcalloc((size_t)max + 1, sizeof *C->org_n);
    for (size_t a = 0; a < in->n_auth; a++)
        if (in->org[a]) {
            C->org_n[in->org[a]]++;
            k++;
        }
    C->n_orgs = (size_t)max + 1;
    C->n_with_org = (double)k;
}

double pc_org_share(const pctx *C, uint32_t org)
{
    if (org >= C->n_orgs || !C->org_n[org]) return 1;
    return (double)C->org_n[org] / C->n_with_org;
}

/* Step 3d: each authorship's evidence in block order (pev), in chunks of
 * block positions on all threads; the co-author blocks and id hashes of a
 * chunk go to its own buffers first, then are copied into place. */
#define EV_CHUNK 8192
#define EV_AHEAD 16

typedef struct {
    uint32_t rec, paper, org;
    uint8_t extm, pad[3];
} aev_t; /* per authorship, in authorship order */

typedef struct {
    uint32_t first;
    uint16_t na, year;
} pinfo_t; /* per paper */

typedef struct {
    pctx *C;
    size_t nchunks;
    SC_VEC(uint32_t) * co; /* per chunk */
    SC_VEC(uint64_t) * eh;
    uint64_t *cobase, *ehbase; /* per chunk, after the first run */
    aev_t *aev;
    pinfo_t *pinfo;
} ev_job;

/* The per-authorship and per-paper fields packed, read in order: the
 * gather in block order then misses once per authorship and paper, not
 * once per array. */
static void ev_pack(void *ctx, size_t c, int t)
{
    ev_job *J = ctx;
    pctx *C = J->C;
    const sc_person_input *in = C->in;
    (void)t;
    size_t b = c * EV_CHUNK, e = b + EV_CHUNK < in->n_auth ? b + EV_CHUNK : in->n_auth;
    for (size_t a = b; a < e; a++) {
        aev_t *v = &J->aev[a];
        v->rec = C->name_rec[in->name[a]];
        v->paper = in->paper[a];
        v->org = in->org ? in->org[a] : 0;
        v->extm = 0;
        for (int kind = 0; kind < 4; kind++)
            if (C->ehash[kind] && C->ehash[kind][a] && !(C->ext_bad && (C->ext_bad[a] >> kind & 1)))
                v->extm |= (uint8_t)(1u << kind);
    }
    b = c * EV_CHUNK, e = b + EV_CHUNK < in->n_papers ? b + EV_CHUNK : in->n_papers;
    for (size_t p = b; p < e; p++)
        J->pinfo[p] = (pinfo_t){in->first_auth[p], in->n_auth_of[p], in->year ? in->year[p] : 0};
}

static void ev_chunk(void *ctx, size_t c, int t)
{
    ev_job *J = ctx;
    pctx *C = J->C;
    (void)t;
    size_t b = c * EV_CHUNK, e = b + EV_CHUNK < C->n_ev ? b + EV_CHUNK : C->n_ev;
    const uint32_t *bm = C->bmem;
    const aev_t *A = J->aev;
    const pinfo_t *P = J->pinfo;
    for (size_t i = b; i < e; i++) {
        if (i + EV_AHEAD < e) __builtin_prefetch(&A[bm[i + EV_AHEAD]]);
        if (i + EV_AHEAD / 2 < e) __builtin_prefetch(&P[A[bm[i + EV_AHEAD / 2]].paper]);
        if (i + EV_AHEAD / 4 < e) __builtin_prefetch(&C->ablock[P[A[bm[i + EV_AHEAD / 4]].paper].first]);
        uint32_t a = bm[i];
        const aev_t *x = &A[a];
        pev *v = &C->ev[i];
        pinfo_t pi = P[x->paper];
        v->a = a;
        v->rec = x->rec;
        v->paper = x->paper;
        v->org = x->org;
        v->year = pi.year;
        v->pad = 0;
        v->extm = x->extm;
        v->eh = (uint32_t)J->eh[c].n;
        for (int kind = 0; kind < 4; kind++)
            if (x->extm >> kind & 1) sc_vec_push(&J->eh[c], C->ehash[kind][a]);
        /* co-authors: the blocks of the other names on the paper, except
         * its own block (there a name may be a co-author or the other
         * cluster itself) */
        v->co = (uint32_t)J->co[c].n;
        uint32_t f = pi.first, na = pi.na;
        if (na > CO_MAXAUTH) continue;
        uint32_t own = C->ablock[a];
        for (uint32_t j = f; j < f + na; j++) {
            uint32_t cb = C->ablock[j];
            if (cb == PN_NONE || cb == own) continue;
            /* the top bit: rare enough to link on its own (phase 1) */
            sc_vec_push(&J->co[c], cb | (C->bco_w[cb] >= P1_CO_MINW ? PC_CO_RARE : 0));
        }
    }
}

static void ev_place(void *ctx, size_t c, int t)
{
    ev_job *J = ctx;
    pctx *C = J->C;
    (void)t;
    size_t b = c * EV_CHUNK, e = b + EV_CHUNK < C->n_ev ? b + EV_CHUNK : C->n_ev;
    for (size_t i = b; i < e; i++) {
        C->ev[i].co += (uint32_t)J->cobase[c];
        C->ev[i].eh += (uint32_t)J->ehbase[c];
        C->apos[C->ev[i].a] = (uint32_t)i;
    }
    if (J->co[c].n) memcpy(C->cob + J->cobase[c], J->co[c].v, J->co[c].n * sizeof *C->cob);
    if (J->eh[c].n) memcpy(C->evh + J->ehbase[c], J->eh[c].v, J->eh[c].n * sizeof *C->evh);
    sc_vec_free(&J->co[c]);
    sc_vec_free(&J->eh[c]);
}

static void evidence_pass(pctx *C)
{
    if (C->n_blocks >= PC_CO_RARE) abort(); /* block ids keep a flag bit free */
    C->n_ev = (size_t)C->bstart[C->n_blocks];
    C->ev = sc_xmalloc((C->n_ev + 1) * sizeof *C->ev);
    C->apos = sc_xmalloc((C->in->n_auth + 1) * sizeof *C->apos);
    ev_job J = {C, (C->n_ev + EV_CHUNK - 1) / EV_CHUNK, NULL, NULL, NULL, NULL, NULL, NULL};
    const sc_person_input *in = C->in;
    J.aev = sc_xmalloc((in->n_auth + 1) * sizeof *J.aev);
    J.pinfo = sc_xmalloc((in->n_papers + 1) * sizeof *J.pinfo);
    size_t big = in->n_auth > in->n_papers ? in->n_auth : in->n_papers;
    run_par(C->threads, (big + EV_CHUNK - 1) / EV_CHUNK, ev_pack, &J);
    J.co = sc_xcalloc(J.nchunks + 1, sizeof *J.co);
    J.eh = sc_xcalloc(J.nchunks + 1, sizeof *J.eh);
    J.cobase = sc_xmalloc((J.nchunks + 1) * sizeof *J.cobase);
    J.ehbase = sc_xmalloc((J.nchunks + 1) * sizeof *J.ehbase);
    run_par(C->threads, J.nchunks, ev_chunk, &J);
    free(J.aev);
    free(J.pinfo);
    /* nothing after the gather reads the per-authorship id hashes, the
     * id checks, the blocks of authorships or the members by block (ev
     * holds what the blocks need of them): freed before the rest is made,
     * which lowers the peak of the stage (~0.8 GB at 25 M authorships) */
    for (int k = 0; k < 4; k++) {
        free(C->ehash[k]);
        C->ehash[k] = NULL;
    }
    free(C->ext_bad);
    C->ext_bad = NULL;
    free(C->ablock);
    C->ablock = NULL;
    free(C->bmem);
    C->bmem = NULL;
    uint64_t nco = 0, neh = 0;
    for (size_t c = 0; c < J.nchunks; c++) {
        J.cobase[c] = nco;
        J.ehbase[c] = neh;
        nco += J.co[c].n;
        neh += J.eh[c].n;
    }
    if (nco >= UINT32_MAX || neh >= UINT32_MAX) abort(); /* 32-bit offsets */
    C->cob = sc_xmalloc((nco + 1) * sizeof *C->cob);
    C->evh = sc_xmalloc((neh + 1) * sizeof *C->evh);
    run_par(C->threads, J.nchunks, ev_place, &J);
    memset(&C->ev[C->n_ev], 0, sizeof *C->ev);
    C->ev[C->n_ev].co = (uint32_t)nco;
    C->ev[C->n_ev].eh = (uint32_t)neh;
    free(J.co);
    free(J.eh);
    free(J.cobase);
    free(J.ehbase);
}

typedef struct {
    pctx *C;
    const uint32_t *order;
    pworker *W;
} block_job;

static void block_one(void *ctx, size_t i, int t)
{
    block_job *J = ctx;
#ifdef PERSON_BENCH
    struct timespec a_, b_;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a_);
    size_t p0_ = J->W[t].st_pairs, r0_ = J->W[t].st_rescored, k0_ = J->W[t].st_roots, q0_ = J->W[t].st_low;
#endif
    pc_block(J->C, J->order[i], &J->W[t]);
#ifdef PERSON_BENCH
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b_);
    uint64_t k_ = J->C->bstart[J->order[i] + 1] - J->C->bstart[J->order[i]];
    int lg_ = 0;
    while ((k_ >> (lg_ + 1)) && lg_ < 23)
        lg_++;
    J->W[t].st_bt[lg_] += (double)(b_.tv_sec - a_.tv_sec) + 1e-9 * (double)(b_.tv_nsec - a_.tv_nsec);
    J->W[t].st_bn[lg_]++;
    J->W[t].st_bm[lg_] += k_;
    J->W[t].st_bp[lg_] += J->W[t].st_pairs - p0_;
    J->W[t].st_br[lg_] += J->W[t].st_rescored - r0_;
    J->W[t].st_bk[lg_] += J->W[t].st_roots - k0_;
    J->W[t].st_bq[lg_] += J->W[t].st_low - q0_;
#endif
}

static int pext_cmp(const void *a, const void *b)
{
    const pext *x = a, *y = b;
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
    return x->auth < y->auth ? -1 : x->auth > y->auth;
}

static size_t lab_index(const uint32_t *labs, size_t n, uint32_t l)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (labs[m] < l)
            lo = m + 1;
        else
            hi = m;
    }
    return lo < n && labs[lo] == l ? lo : (size_t)-1;
}

static uint32_t gfind(uint32_t *par, uint32_t x)
{
    while (par[x] != x) {
        par[x] = par[par[x]];
        x = par[x];
    }
    return x;
}

/* Step 5: external ids across blocks. */
static size_t ext_pass(pctx *C, pext *E, size_t ne)
{
    size_t merged = 0;
    if (!ne) return 0;
    /* from here on .auth is the authorship's cluster */
    for (size_t i = 0; i < ne; i++)
        E[i].auth = C->label[E[i].auth];
    qsort(E, ne, sizeof *E, pext_cmp);
    uint32_t *labs = sc_xmalloc(ne * sizeof *labs);
    for (size_t i = 0; i < ne; i++)
        labs[i] = E[i].auth;
    qsort(labs, ne, sizeof *labs, u32cmp);
    size_t nl = 0;
    for (size_t i = 0; i < ne; i++)
        if (!nl || labs[nl - 1] != labs[i]) labs[nl++] = labs[i];
    uint32_t *par = sc_xmalloc(nl * sizeof *par);
    uint64_t *ext = sc_xcalloc(4 * nl, sizeof *ext);
    for (size_t i = 0; i < nl; i++)
        par[i] = (uint32_t)i;
    for (size_t i = 0; i < ne; i++)
        ext[4 * lab_index(labs, nl, E[i].auth) + E[i].kind] = E[i].hash;
    for (size_t i = 1, f = 0; i < ne; i++) {
        if (E[i].kind != E[f].kind || E[i].hash != E[f].hash) {
            f = i;
            continue;
        }
        uint32_t x = gfind(par, (uint32_t)lab_index(labs, nl, E[f].auth));
        uint32_t y = gfind(par, (uint32_t)lab_index(labs, nl, E[i].auth));
        if (x == y) continue;
        int conflict = 0;
        for (int k = 0; k < 4; k++)
            if (ext[4 * x + k] && ext[4 * y + k] && ext[4 * x + k] != ext[4 * y + k]) conflict = 1;
        if (conflict) continue;
        if (y < x) {
            uint32_t t = x;
            x = y;
            y = t;
        }
        par[y] = x; /* the smaller label (earlier authorship) stays */
        for (int k = 0; k < 4; k++)
            if (!ext[4 * x + k]) ext[4 * x + k] = ext[4 * y + k];
        merged++;
    }
    if (merged) {
        for (size_t a = 0; a < C->in->n_auth; a++) {
            size_t li = lab_index(labs, nl, C->label[a]);
            if (li != (size_t)-1) C->label[a] = labs[gfind(par, (uint32_t)li)];
        }
    }
    free(labs);
    free(par);
    free(ext);
    return merged;
}

/* Step 4b: clusters whose names differ by a second surname ("Tomás García
 * Araújo" in block "araujo t", "Tomás García" in block "garcia t"), or by a
 * hyphen ("Shai Ben David" in "david s", "Shai Ben-David" in "bendavid s"),
 * are clustered again together, as one group per connected set. */
typedef struct {
    pctx *C;
    const uint32_t *gstart, *gmem, *lstart;
    const uint64_t *links;
    pworker *W;
} group_job;

static void group_one(void *ctx, size_t i, int t)
{
    group_job *J = ctx;
    pc_group(J->C, J->gmem + J->gstart[i], J->gstart[i + 1] - J->gstart[i], J->links + J->lstart[i],
             J->lstart[i + 1] - J->lstart[i], &J->W[t]);
}

/* The two walks of surname_pass over all authorships, in chunks on all
 * threads (each looks up its name's record at random): per chunk, the
 * (full key, cluster) of authorships whose name is some name's alt, then
 * the pairs of clusters an alt name links. What is done with them does
 * not depend on their order (sorted, or unions whose roots are the
 * smallest members). */
#define SUR_CHUNK 32768

typedef struct {
    pctx *C;
    const hidx *fl; /* the (full key, cluster) list, sorted and unique */
    size_t nf;
    SC_VEC(hidx) * full; /* per chunk */
    SC_VEC(uint64_t) * pairs;
} sur_job;

static void sur_full_chunk(void *ctx, size_t c, int t)
{
    sur_job *J = ctx;
    pctx *C = J->C;
    const sc_person_input *in = C->in;
    (void)t;
    size_t b = c * SUR_CHUNK, e = b + SUR_CHUNK < in->n_auth ? b + SUR_CHUNK : in->n_auth;
    for (size_t a = b; a < e; a++) { /* only full names that are some name's alt */
        uint32_t r = C->name_rec[in->name[a]];
        if (r != PN_NONE && C->recs[r].fanin > 0) sc_vec_push(&J->full[c], ((hidx){C->recs[r].full, C->label[a], 0}));
    }
}

static void sur_pair_chunk(void *ctx, size_t c, int t)
{
    sur_job *J = ctx;
    pctx *C = J->C;
    const sc_person_input *in = C->in;
    const hidx *fl = J->fl;
    size_t nf = J->nf;
    (void)t;
    size_t b = c * SUR_CHUNK, e0 = b + SUR_CHUNK < in->n_auth ? b + SUR_CHUNK : in->n_auth;
    for (size_t a = b; a < e0; a++) {
        uint32_t r = C->name_rec[in->name[a]];
        const uint64_t *ka = r == PN_NONE ? NULL : rec_alt(C, r);
        if (!ka || !ka[0]) continue;
        for (int k = 0; k < 2; k++) {
            uint64_t h = ka[k];
            if (!h) continue;
            size_t lo = 0, hi = nf;
            while (lo < hi) {
                size_t m = (lo + hi) / 2;
                if (fl[m].h < h)
                    lo = m + 1;
                else
                    hi = m;
            }
            size_t e = lo;
            while (e < nf && fl[e].h == h)
                e++;
            if (e == lo || e - lo > 16) continue; /* nobody, or a crowd: no evidence either way */
            for (size_t j = lo; j < e; j++) {
                uint32_t la = C->label[a], lb = fl[j].i;
                if (la != lb) sc_vec_push(&J->pairs[c], ((uint64_t)(la < lb ? la : lb) << 32) | (la < lb ? lb : la));
            }
        }
    }
}

static void surname_pass(pctx *C, pworker *W)
{
    const sc_person_input *in = C->in;
    size_t n = in->n_auth;
    /* how many distinct long names each short one stands for */
    {
        hidx *ab = sc_xmalloc((2 * C->n_recs + 1) * sizeof *ab);
        size_t na = 0;
        for (size_t i = 0; i < C->n_recs; i++) {
            const uint64_t *ka = rec_alt(C, (uint32_t)i);
            if (!ka) continue;
            if (ka[0]) ab[na++] = (hidx){ka[0], (uint32_t)i, 0};
            if (ka[1]) ab[na++] = (hidx){ka[1], (uint32_t)i, 0};
        }
        if (!na) {
            free(ab);
            return;
        }
        umap fan;
        umap_init(&fan, na);
        hidx_sort(ab, na);
        umap seen;
        umap_init(&seen, na);
        for (size_t i = 0; i < na; i++) {
            uint64_t *s = umap_slot(&seen, ab[i].h ^ pc_mix64(C->recs[ab[i].i].full), 1);
            if (*s) continue;
            *s = 1;
            *umap_slot(&fan, ab[i].h, 1) += 1;
        }
        for (size_t i = 0; i < C->n_recs; i++)
            C->recs[i].fanin = (float)umap_get(&fan, C->recs[i].full);
        umap_free(&fan);
        umap_free(&seen);
        free(ab);
    }
    /* who writes each full name: (full key, cluster), unique */
    size_t nchunks = (n + SUR_CHUNK - 1) / SUR_CHUNK;
    sur_job SJ = {C, NULL, 0, sc_xcalloc(nchunks + 1, sizeof *SJ.full), sc_xcalloc(nchunks + 1, sizeof *SJ.pairs)};
    run_par(C->threads, nchunks, sur_full_chunk, &SJ);
    hidx *fl = sc_xmalloc((n + 1) * sizeof *fl);
    size_t nf = 0;
    for (size_t c = 0; c < nchunks; c++) {
        if (SJ.full[c].n) memcpy(fl + nf, SJ.full[c].v, SJ.full[c].n * sizeof *fl);
        nf += SJ.full[c].n;
        sc_vec_free(&SJ.full[c]);
    }
    free(SJ.full);
    /* by (full key, cluster): radix sorts, by cluster and then (stable) by
     * key: (key, cluster) ascending */
    {
        hidx *bl = sc_xmalloc((nf + 1) * sizeof *bl), *fl2 = sc_xmalloc((nf + 1) * sizeof *fl2);
        for (size_t i = 0; i < nf; i++)
            bl[i] = (hidx){fl[i].i, (uint32_t)i, 0};
        hidx_sort(bl, nf);
        for (size_t i = 0; i < nf; i++)
            fl2[i] = fl[bl[i].i];
        free(bl);
        free(fl);
        fl = fl2;
        hidx_sort(fl, nf);
    }
    size_t u = 0;
    for (size_t i = 0; i < nf; i++)
        if (!u || fl[u - 1].h != fl[i].h || fl[u - 1].i != fl[i].i) fl[u++] = fl[i];
    nf = u;
    uint32_t *par = sc_xmalloc((n + 1) * sizeof *par);
    for (size_t a = 0; a < n; a++)
        par[a] = (uint32_t)a;
    SC_VEC(uint64_t) links = {0};
    SJ.fl = fl;
    SJ.nf = nf;
    run_par(C->threads, nchunks, sur_pair_chunk, &SJ);
    for (size_t c = 0; c < nchunks; c++) {
        for (size_t i = 0; i < SJ.pairs[c].n; i++) {
            uint64_t l = SJ.pairs[c].v[i];
            sc_vec_push(&links, l);
            uint32_t x = gfind(par, (uint32_t)(l >> 32)), y = gfind(par, (uint32_t)l);
            if (x == y) continue;
            if (y < x) {
                uint32_t t = x;
                x = y;
                y = t;
            }
            par[y] = x;
        }
        sc_vec_free(&SJ.pairs[c]);
    }
    free(SJ.pairs);
    free(fl);
    if (!links.n) {
        free(par);
        return;
    }
    /* links, unique, by group */
    pc_sort_u64(links.v, links.n);
    u = 0;
    for (size_t i = 0; i < links.n; i++)
        if (!u || links.v[u - 1] != links.v[i]) links.v[u++] = links.v[i];
    links.n = u;
    hidx *lg = sc_xmalloc((links.n + 1) * sizeof *lg);
    for (size_t i = 0; i < links.n; i++)
        lg[i] = (hidx){gfind(par, (uint32_t)(links.v[i] >> 32)), (uint32_t)i, 0};
    hidx_sort(lg, links.n);
    uint64_t *lsorted = sc_xmalloc((links.n + 1) * sizeof *lsorted);
    for (size_t i = 0; i < links.n; i++)
        lsorted[i] = links.v[lg[i].i];
    /* groups: authorships of linked clusters, by group then ascending */
    uint64_t *ga = sc_xmalloc((n + 1) * sizeof *ga);
    uint32_t *gsize = sc_xcalloc(n + 1, sizeof *gsize);
    for (size_t a = 0; a < n; a++) {
        uint32_t l = C->label[a];
        if (l == a) gsize[gfind(par, l)]++; /* count clusters per group */
    }
    size_t ng = 0;
    for (size_t a = 0; a < n; a++) {
        uint32_t g = gfind(par, C->label[a]);
        if (gsize[g] > 1) ga[ng++] = ((uint64_t)g << 32) | a;
    }
    free(gsize);
    free(par);
    pc_sort_u64(ga, ng);
    uint32_t *gmem = sc_xmalloc((ng + 1) * sizeof *gmem);
    uint32_t *gstart = sc_xmalloc((ng + 2) * sizeof *gstart);
    uint32_t *lstart = sc_xmalloc((ng + 2) * sizeof *lstart);
    size_t ngr = 0, li = 0;
    for (size_t i = 0; i < ng; i++) {
        if (!i || (ga[i] >> 32) != (ga[i - 1] >> 32)) {
            /* the group's links (groups and link runs are both by root) */
            uint64_t g = ga[i] >> 32;
            while (li < links.n && lg[li].h < g)
                li++;
            lstart[ngr] = (uint32_t)li;
            gstart[ngr++] = (uint32_t)i;
            while (li < links.n && lg[li].h == g)
                li++;
        }
        gmem[i] = (uint32_t)ga[i];
    }
    gstart[ngr] = (uint32_t)ng;
    lstart[ngr] = (uint32_t)li;
    free(ga);
    free(lg);
    group_job GJ = {C, gstart, gmem, lstart, lsorted, W};
    run_par(C->threads, ngr, group_one, &GJ);
    free(gmem);
    free(gstart);
    free(lstart);
    free(lsorted);
    sc_vec_free(&links);
}

/* ---- keys --------------------------------------------------------------- */

static const char B32[] = "0123456789abcdefghjkmnpqrstvwxyz"; /* Crockford: no i l o u */

static void key_of(uint64_t h, char out[16])
{
    out[0] = 'p';
    for (int i = 0; i < 12; i++)
        out[1 + i] = B32[(h >> (59 - 5 * i)) & 31];
    out[13] = 0;
}

static void anchor_of(const sc_person_input *in, size_t a, unsigned salt, sc_buf *b)
{
    b->n = 0;
    if (in->anchor)
        in->anchor(in->ctx, a, b);
    else
        sc_buf_printf(b, "auth|%zu", a);
    if (salt) sc_buf_printf(b, "#%u", salt);
}

/* Step 6b: the earliest authorship of each person (smallest year, unknown
 * years last, then smallest anchor) names it. Flat passes: the candidates
 * (authorships in their person's first year) are grouped by person with a
 * counting sort; anchors are built only to compare two candidates and, once
 * per person, to hash. */
typedef struct {
    const sc_person_input *in;
    const uint32_t *cstart, *cand;
    uint32_t *anchor_auth;
    uint64_t *h;
    size_t np, chunk;
    sc_buf best[64][2]; /* per worker: best[t][0] best so far, [1] current */
} keys_job;

static void key_chunk(void *ctx, size_t c, int t)
{
    keys_job *J = ctx;
    sc_buf *best = &J->best[t][0], *cur = &J->best[t][1];
    size_t p0 = c * J->chunk, p1 = p0 + J->chunk < J->np ? p0 + J->chunk : J->np;
    /* the candidates of the chunk's people are consecutive in cand: hint
     * those a few anchors ahead (stage 0 furthest) */
    enum { AHEAD = 6 };
    void (*pf)(void *, size_t, int) = J->in->anchor_prefetch;
    uint32_t cend = J->cstart[p1];
#define PREFETCH(q)                                                                                \
    do {                                                                                           \
        if (pf)                                                                                    \
            for (int st_ = 0; st_ < 3; st_++) {                                                    \
                uint32_t f_ = (q) + (uint32_t)(3 - st_) * AHEAD;                                   \
                if (f_ < cend) pf(J->in->ctx, J->cand[f_], st_);                                   \
            }                                                                                      \
    } while (0)
    for (size_t p = p0; p < p1; p++) {
        uint32_t i = J->cstart[p], e = J->cstart[p + 1];
        uint32_t bi = J->cand[i];
        PREFETCH(i);
        anchor_of(J->in, bi, 0, best);
        for (uint32_t j = i + 1; j < e; j++) {
            PREFETCH(j);
            anchor_of(J->in, J->cand[j], 0, cur);
            size_t m = cur->n < best->n ? cur->n : best->n;
            int cmp = memcmp(cur->p, best->p, m);
            if (cmp < 0 || (cmp == 0 && cur->n < best->n)) {
                sc_buf tb = *best;
                *best = *cur;
                *cur = tb;
                bi = J->cand[j];
            }
        }
        J->anchor_auth[p] = bi;
        J->h[p] = sc_hash(best->p, best->n) >> 4;
    }
#undef PREFETCH
}

static void keys_pass(const sc_person_input *in, sc_person_result *out, int threads)
{
    size_t n = in->n_auth, np = out->n_persons;
    uint16_t *miny = sc_xmalloc((np + 1) * sizeof *miny);
    uint32_t *cstart = sc_xcalloc(np + 2, sizeof *cstart);
    for (size_t p = 0; p < np; p++)
        miny[p] = 0xFFFF;
    for (size_t a = 0; a < n; a++) {
        uint16_t y = in->year ? in->year[in->paper[a]] : 0;
        if (!y) y = 0xFFFE;
        uint32_t p = out->person_of[a];
        if (y < miny[p]) miny[p] = y;
    }
    for (size_t a = 0; a < n; a++) {
        uint16_t y = in->year ? in->year[in->paper[a]] : 0;
        if (!y) y = 0xFFFE;
        uint32_t p = out->person_of[a];
        cstart[p + 2] += y == miny[p];
    }
    for (size_t p = 0; p < np; p++)
        cstart[p + 2] += cstart[p + 1];
    uint32_t *cand = sc_xmalloc((cstart[np + 1] + 1) * sizeof *cand);
    for (size_t a = 0; a < n; a++) { /* ascending within each person */
        uint16_t y = in->year ? in->year[in->paper[a]] : 0;
        if (!y) y = 0xFFFE;
        uint32_t p = out->person_of[a];
        if (y == miny[p]) cand[cstart[p + 1]++] = (uint32_t)a;
    }
    free(miny);
    /* per person, on all threads: the candidate with the smallest anchor,
     * and the hash of that anchor */
    uint32_t *anchor_auth = sc_xmalloc((np + 1) * sizeof *anchor_auth);
    out->keys = sc_xcalloc(np + 1, sizeof *out->keys);
    uint64_t *h = sc_xmalloc((np + 1) * sizeof *h);
    keys_job KJ;
    memset(&KJ, 0, sizeof KJ);
    KJ.in = in, KJ.cstart = cstart, KJ.cand = cand, KJ.anchor_auth = anchor_auth, KJ.h = h;
    KJ.np = np, KJ.chunk = 8192;
    run_par(threads, (np + KJ.chunk - 1) / KJ.chunk, key_chunk, &KJ);
    for (int t = 0; t < 64; t++) {
        sc_buf_free(&KJ.best[t][0]);
        sc_buf_free(&KJ.best[t][1]);
    }
    free(cand);
    free(cstart);
    /* hash. Persons whose anchors are alike (sources without ids) are
     * salted in person order ("anchor#1", "#2", ...): the k-th person of a
     * run of equal hashes takes salt k. Should any of the final hashes still
     * coincide (never seen: 60 bits), the keys are made again one person at
     * a time, each salted until unused, which the ranks reproduce otherwise. */
    sc_buf cur = {0};
    hidx *hs = sc_xmalloc((np + 1) * sizeof *hs);
    for (size_t p = 0; p < np; p++)
        hs[p] = (hidx){h[p], (uint32_t)p, 0};
    hidx_sort(hs, np);
    for (size_t i = 1, f = 0; i < np; i++) {
        if (hs[i].h != hs[f].h) {
            f = i;
            continue;
        }
        anchor_of(in, anchor_auth[hs[i].i], (unsigned)(i - f), &cur);
        h[hs[i].i] = sc_hash(cur.p, cur.n) >> 4;
    }
    for (size_t p = 0; p < np; p++)
        hs[p] = (hidx){h[p], (uint32_t)p, 0};
    hidx_sort(hs, np);
    int collide = 0;
    for (size_t p = 1; p < np && !collide; p++)
        collide = hs[p].h == hs[p - 1].h;
    free(hs);
    if (!collide) {
        for (size_t p = 0; p < np; p++)
            key_of(h[p] << 4, out->keys[p]);
    } else {
        umap used;
        umap_init(&used, np + 1);
        for (size_t p = 0; p < np; p++) {
            unsigned salt = 0;
            uint64_t h60;
            for (;;) {
                anchor_of(in, anchor_auth[p], salt, &cur);
                h60 = sc_hash(cur.p, cur.n) >> 4;
                uint64_t *s = umap_slot(&used, h60 + 1, 1);
                if (!*s) {
                    *s = 1;
                    break;
                }
                salt++;
            }
            key_of(h60 << 4, out->keys[p]);
        }
        umap_free(&used);
    }
    free(h);
    sc_buf_free(&cur);
    free(anchor_auth);
}

/* ---- the whole ---------------------------------------------------------- */

int sc_persons_resolve(const sc_person_input *in, sc_person_result *out, sc_error *err)
{
    memset(out, 0, sizeof *out);
    if (!in || (in->n_auth &&
                (!in->name || !in->paper || !in->name_str || !in->first_auth || !in->n_auth_of)))
        return sc_fail(err, SC_EINTERNAL, "persons: incomplete input");
    if (in->n_auth >= UINT32_MAX)
        return sc_fail(err, SC_EINTERNAL, "persons: too many authorships");
    size_t n = in->n_auth;
    pctx C;
    memset(&C, 0, sizeof C);
    C.in = in;
    C.threads = in->threads < 1 ? 1 : in->threads > 64 ? 64 : in->threads;

#if defined PERSON_DEBUG || defined PERSON_BENCH
#define PT(what)                                                                                   \
    do {                                                                                           \
        struct timespec ts_;                                                                       \
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts_);                                             \
        double c_ = ts_.tv_sec + 1e-9 * ts_.tv_nsec;                                               \
        long rss_ = 0, vsz_ = 0;                                                                   \
        FILE *f_ = fopen("/proc/self/statm", "r");                                                 \
        if (f_) {                                                                                  \
            if (fscanf(f_, "%ld %ld", &vsz_, &rss_) != 2) rss_ = 0;                               \
            fclose(f_);                                                                            \
        }                                                                                          \
        fprintf(stderr, "  [%.4f s, cpu %.4f s, rss %ld KiB] %s\n", sc_now() - t0, c_ - c0,       \
                rss_ * 4, what);                                                                   \
    } while (0)
    double t0 = sc_now(), c0;
    {
        struct timespec ts_;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts_);
        c0 = ts_.tv_sec + 1e-9 * ts_.tv_nsec;
    }
#else
#define PT(what) ((void)0)
#endif
    PT("start");
    uint32_t max_id = 0;
    for (size_t a = 0; a < n; a++)
        if (in->name[a] > max_id) max_id = in->name[a];
    C.n_name_ids = n ? max_id + 1 : 0;
    uint32_t *cnt = sc_xcalloc((size_t)C.n_name_ids + 1, sizeof *cnt);
    for (size_t a = 0; a < n; a++)
        cnt[in->name[a]]++;
    C.name_rec = sc_xmalloc(((size_t)C.n_name_ids + 1) * sizeof *C.name_rec);
    names_pass(&C, cnt, out);
    free(cnt);
    PT("names");
    blocks_pass(&C);
    PT("blocks");
    words_pass(&C);
    PT("words");
    ext_check_pass(&C);
    /* the ids are read no more (C.ehash holds what the gather needs), and
     * everything from here on may read the organisations */
    sc_person_input later = *in;
    if (in->ext_done) {
        for (int k = 0; k < 4; k++)
            later.ext[k] = NULL;
        later.ext_done = NULL;
        in->ext_done(in->ctx);
    }
    if (in->org_wait) {
        later.org = in->org_wait(in->ctx);
        later.org_wait = NULL;
    }
    C.in = in = &later;
    orgs_pass(&C);
    PT("orgs, id checks");
    evidence_pass(&C);
    PT("evidence");

    C.label = pc_huge_alloc((n + 1) * sizeof *C.label, 0);
    for (size_t a = 0; a < n; a++)
        C.label[a] = (uint32_t)a; /* unnamed: alone */

    /* big blocks first so that no worker is left with one at the end */
    uint32_t *order = sc_xmalloc(((size_t)C.n_blocks + 1) * sizeof *order);
    {
        hidx *bs = sc_xmalloc(((size_t)C.n_blocks + 1) * sizeof *bs);
        for (uint32_t b = 0; b < C.n_blocks; b++)
            bs[b] = (hidx){UINT64_MAX - (C.bstart[b + 1] - C.bstart[b]), b, 0};
        hidx_sort(bs, C.n_blocks);
        for (uint32_t b = 0; b < C.n_blocks; b++)
            order[b] = bs[b].i;
        if (C.n_blocks) out->largest_block = (size_t)(C.bstart[bs[0].i + 1] - C.bstart[bs[0].i]);
        free(bs);
    }
    out->n_blocks = C.n_blocks;
    pworker *W = sc_xcalloc((size_t)C.threads, sizeof *W);
    block_job BJ = {&C, order, W};
    run_par(C.threads, C.n_blocks, block_one, &BJ);
    free(order);
    PT("clustered blocks");

    surname_pass(&C, W);
    PT("surname groups");

#ifdef PERSON_BENCH
    {
        size_t a[11] = {0}, rp = 0;
        for (int t = 0; t < C.threads; t++) {
            a[0] += W[t].st_mem, a[1] += W[t].st_roots, a[2] += W[t].st_pairs;
            a[3] += W[t].st_single_pairs, a[4] += W[t].st_low, a[5] += W[t].st_merges;
            a[6] += W[t].st_rescored, a[7] += W[t].st_allpairs_blocks;
            a[8] += W[t].st_large_blocks, a[9] += W[t].st_large_pairs;
            rp += W[t].st_rare_pairs;
        }
        fprintf(stderr,
                "  phase2: members %zu roots %zu pairs %zu (single-single %zu) kept %zu merges %zu "
                "rescored %zu; blocks all-pairs %zu large %zu (pairs %zu); rare-round pairs %zu\n",
                a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], rp);
        for (int lg = 0; lg < 24; lg++) {
            double bt = 0;
            size_t bn = 0, bm = 0, bp = 0, br = 0, bk = 0, bq = 0;
            for (int t = 0; t < C.threads; t++)
                bt += W[t].st_bt[lg], bn += W[t].st_bn[lg], bm += W[t].st_bm[lg],
                    bp += W[t].st_bp[lg], br += W[t].st_br[lg], bk += W[t].st_bk[lg],
                    bq += W[t].st_bq[lg];
            if (bn)
                fprintf(stderr,
                        "  blocks of %u+: %zu blocks, %zu members, %zu roots, %zu pairs, %zu kept, "
                        "%zu rescored, %.3f s cpu, %.2f us/member\n",
                        1u << lg, bn, bm, bk, bp, bq, br, bt, 1e6 * bt / (double)bm);
        }
    }
#endif
    SC_VEC(pext) E = {0};
    for (int t = 0; t < C.threads; t++) {
        out->merged_by_ext += W[t].merged_by_ext;
        out->split_homonyms += W[t].split_homonyms;
        for (size_t i = 0; i < W[t].ext.n; i++)
            sc_vec_push(&E, W[t].ext.v[i]);
        pc_worker_free(&W[t]);
    }
    free(W);
    /* only the labels are read from here on: the rest goes before the
     * per-authorship tables below are made (the stage's peak was here) */
    free(C.name_rec);
    free(C.recs);
    free(C.altbit);
    free(C.altrank);
    free(C.altv);
    free(C.bstart);
    free(C.bco_w);
    free(C.bshare);
    free(C.ptv);
    free(C.pts);
    free(C.org_n);
    free(C.ev);
    free(C.cob);
    free(C.evh);
    free(C.apos);
    out->merged_by_ext += ext_pass(&C, E.v, E.n);
    sc_vec_free(&E);
    PT("ext ids");

    /* persons numbered by first authorship */
    out->person_of = sc_xmalloc((n + 1) * sizeof *out->person_of);
    uint32_t *num = sc_xmalloc((n + 1) * sizeof *num);
    for (size_t a = 0; a < n; a++)
        num[a] = PN_NONE;
    size_t np = 0;
    for (size_t a = 0; a < n; a++) {
        uint32_t l = C.label[a];
        if (num[l] == PN_NONE) num[l] = (uint32_t)np++;
        out->person_of[a] = num[l];
    }
    PT("numbered");
    free(num);
    out->n_persons = np;
    if (!in->defer_keys) keys_pass(in, out, C.threads);
    PT("keys");

    free(C.label);
    return SC_OK;
}

void sc_persons_keys(const sc_person_input *in, sc_person_result *out)
{
    keys_pass(in, out, in->threads < 1 ? 1 : in->threads > 64 ? 64 : in->threads);
}

void sc_person_result_free(sc_person_result *r)
{
    if (!r) return;
    free(r->person_of);
    free(r->keys);
    free(r->name_keys);
    free(r->name_key_at);
    memset(r, 0, sizeof *r);
}
