/*
 * person_cluster.c — clustering the authorships of one block (one surname +
 * first initial) into people. Blocks are independent, so workers take them
 * in any order and the result is the same.
 *
 * Phase 1, certain links (union-find over authorships):
 *   - the same external id of one kind (ORCID, OpenReview, DBLP, OpenAlex);
 *   - the same exact name with the same DBLP number ("Wei Wang 0001");
 *   - the same exact name and a shared co-author whose name is rare, at the
 *     same organisation;
 *   - the same exact name at the same organisation within a year (for names
 *     of any commonness: two homonyms at one place in one year are rare, and
 *     phase 2 would join them anyway; linking here leaves it half the
 *     clusters to compare).
 * Never across conflicting ids or different DBLP numbers.
 *
 * Phase 2, weighed links (agglomerative over the phase-1 clusters): each pair
 * of clusters with compatible spellings gets a score = prior (how many
 * people are likely to write this name) + shared co-authors + same
 * organisation at the same time - years at different organisations + title
 * words alike. Pairs merge best first while the score, recomputed on the
 * merged clusters, stays >= 0: so a homonym that looks like a person's move
 * in isolation is refused once the person's other years show two places at
 * once, and a mover is joined through co-authors and topics that carry
 * across the move. docs/resolution-people.md has the numbers and why.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "resolve/person_int.h"

typedef struct {
    uint64_t k1, k2;
    uint32_t i, pad;
} tup;

/* sc_pn_sig_compat's common cases inline (different initials or first
 * names, no middle names on one side), the rest through it. */
static inline int sig_compat(const sc_pn_sig *a, const sc_pn_sig *b)
{
    if (a->g0i != b->g0i) return 0;
    if (a->cat && a->cat == b->cat) return 1;
    if (a->g0 && b->g0 && a->g0 != b->g0) return 0;
    if (!a->nmid || !b->nmid) return 1; /* an empty list embeds in any */
    return sc_pn_sig_compat(a, b);
}

static inline int sig_equal(const sc_pn_sig *a, const sc_pn_sig *b)
{
    if (a->g0i != b->g0i || a->g0 != b->g0 || a->nmid != b->nmid) return 0;
    for (size_t i = 0; i < a->nmid; i++)
        if (a->mi[i] != b->mi[i] || a->mf[i] != b->mf[i]) return 0;
    return 1;
}

/* Hash of what sc_pn_sig_equal compares (not the struct's bytes: padding). */
static uint64_t sig_hash(const sc_pn_sig *g)
{
    uint32_t v[3 + 2 * SC_PN_MAXMID] = {g->g0i, g->g0, g->nmid};
    for (int i = 0; i < g->nmid && i < SC_PN_MAXMID; i++) {
        v[3 + 2 * i] = g->mi[i];
        v[4 + 2 * i] = g->mf[i];
    }
    return sc_hash(v, sizeof v);
}

/* A member of the block. */
typedef struct {
    uint32_t a, rec, paper, org;
    uint32_t pos; /* its evidence: C->ev[pos] */
    uint16_t year;
    uint64_t ext[4];
} mem_t;

/* A phase-2 cluster. Arrays are sorted; they live in the scratch's arena. */
typedef struct {
    uint32_t *co;      /* co-author blocks */
    uint64_t *oy;      /* org << 16 | year */
    uint64_t *yo;      /* year << 32 | org, known years only */
    float tv[PC_TDIM]; /* topic: sum of idf x word vectors of its titles */
    uint32_t nco, noy, nyo;
    uint32_t cco, coy, cyo; /* room in co, oy, yo (they live in the scratch's arena) */
    sc_pn_sig sig;
    float lambda;
    uint32_t number;
    uint64_t ext[4];
    uint32_t n, ver, par, minmem;
    uint16_t y0, y1; /* first and last year seen (0: none known) */
    uint32_t block; /* of the first member: pairs across blocks differ by a surname */
    float fanin;    /* most longer names one of its names is short for */
    /* one bit per co-author block, organisation and year (hashed to 64):
     * clusters whose masks do not meet share none, and the merges that
     * would look are skipped */
    uint64_t mco, morg, myear;
    double tn; /* squared length of tv, as topic_cos sums it */
    uint64_t rare; /* sig_hash of a rare spelling (lambda < PL_LAMBDA), else 0 */
    uint64_t sh;   /* sig_hash(&sig) */
} proot;

typedef struct {
    double s;
    uint32_t a, b, va, vb;
} hent;

typedef struct {
    char *p;
    size_t cap, used;
} arena_chunk;

typedef struct {
    SC_VEC(mem_t) mem;
    SC_VEC(uint32_t) par; /* phase-1 union-find over members */
    SC_VEC(uint32_t) number;
    SC_VEC(uint64_t) ext;      /* 4 per member: root attributes */
    SC_VEC(uint32_t) cost, co; /* co-authors per member: co[cost[i] .. cost[i+1]) */
    SC_VEC(uint8_t) cor;       /* per co-author: weight >= P1_CO_MINW */
    SC_VEC(tup) t;
    SC_VEC(uint32_t) rid; /* member -> phase-2 cluster */
    SC_VEC(proot) R;
    SC_VEC(uint32_t) rmem_start, rmem; /* members of each cluster */
    SC_VEC(sc_pn_sig) forms;
    SC_VEC(uint64_t) pairs, rpairs;
    SC_VEC(hent) heap;
    SC_VEC(hent) low; /* the pairs as first scored, best first (see merge_loop) */
    size_t low_at;
    SC_VEC(uint32_t) u32a;
    SC_VEC(uint64_t) u64a;
    SC_VEC(uint64_t) rtmp; /* sort_u64's buffer */
    /* the block's profile arrays: chunks used in turn, reset per block
     * (one bump allocation instead of three mallocs per cluster) */
    SC_VEC(arena_chunk) arena;
    size_t arena_at;
    /* alternatives() per pair of signatures, for this block (stamp = gen) */
    struct altmemo {
        uint64_t hx, hy;
        uint32_t gen;
        float n;
    } * alt;
    uint32_t alt_gen;
#ifdef PERSON_BENCH
    size_t st_rescored;
#endif
} scratch;

/* ---- phase 1 ------------------------------------------------------------ */

static uint32_t find1(scratch *S, uint32_t x)
{
    uint32_t *p = S->par.v;
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

/* Join the clusters of members x and y unless they carry different ids of
 * one kind or different DBLP numbers. Returns 1 when two clusters joined. */
static int union1(scratch *S, uint32_t x, uint32_t y)
{
    uint32_t rx = find1(S, x), ry = find1(S, y);
    if (rx == ry) return 0;
    uint64_t *ex = S->ext.v + 4 * (size_t)rx, *ey = S->ext.v + 4 * (size_t)ry;
    for (int k = 0; k < 4; k++)
        if (ex[k] && ey[k] && ex[k] != ey[k]) return 0;
    uint32_t nx = S->number.v[rx], ny = S->number.v[ry];
    if (nx && ny && nx != ny) return 0;
    if (ry < rx) { /* the root is the smaller member index: the earlier authorship */
        uint32_t t = rx;
        rx = ry;
        ry = t;
        uint64_t *te = ex;
        ex = ey;
        ey = te;
    }
    S->par.v[ry] = rx;
    for (int k = 0; k < 4; k++)
        if (!ex[k]) ex[k] = ey[k];
    if (!S->number.v[rx]) S->number.v[rx] = S->number.v[ry];
    return 1;
}

/* Sorting without qsort's comparator calls (they were a tenth of the time):
 * an inlined quicksort, median of three, insertion sort below 16. Equal
 * elements are identical (tuples carry a unique index), so the order is
 * fully determined although the sort is not stable. */
#define DEF_SORT(NAME, T, LESS)                                                                    \
    static void NAME(T *v, size_t n)                                                               \
    {                                                                                              \
        while (n > 16) {                                                                           \
            size_t m = n / 2;                                                                      \
            if (LESS(&v[m], &v[0])) {                                                              \
                T t_ = v[m];                                                                       \
                v[m] = v[0];                                                                       \
                v[0] = t_;                                                                         \
            }                                                                                      \
            if (LESS(&v[n - 1], &v[0])) {                                                          \
                T t_ = v[n - 1];                                                                   \
                v[n - 1] = v[0];                                                                   \
                v[0] = t_;                                                                         \
            }                                                                                      \
            if (LESS(&v[n - 1], &v[m])) {                                                          \
                T t_ = v[n - 1];                                                                   \
                v[n - 1] = v[m];                                                                   \
                v[m] = t_;                                                                         \
            }                                                                                      \
            T piv = v[m];                                                                          \
            size_t i = 0, j = n - 1;                                                               \
            for (;;) {                                                                             \
                while (LESS(&v[i], &piv))                                                          \
                    i++;                                                                           \
                while (LESS(&piv, &v[j]))                                                          \
                    j--;                                                                           \
                if (i >= j) break;                                                                 \
                T t_ = v[i];                                                                       \
                v[i] = v[j];                                                                       \
                v[j] = t_;                                                                         \
                i++;                                                                               \
                j--;                                                                               \
            }                                                                                      \
            /* recurse into the smaller side, loop on the larger */                                \
            if (j + 1 < n - j - 1) {                                                               \
                NAME(v, j + 1);                                                                    \
                v += j + 1;                                                                        \
                n -= j + 1;                                                                        \
            } else {                                                                               \
                NAME(v + j + 1, n - j - 1);                                                        \
                n = j + 1;                                                                         \
            }                                                                                      \
        }                                                                                          \
        for (size_t i = 1; i < n; i++) {                                                           \
            T x_ = v[i];                                                                           \
            size_t j = i;                                                                          \
            while (j > 0 && LESS(&x_, &v[j - 1]))                                                  \
                v[j] = v[j - 1], j--;                                                              \
            v[j] = x_;                                                                             \
        }                                                                                          \
    }

static inline int tup_less(const tup *x, const tup *y)
{
    if (x->k1 != y->k1) return x->k1 < y->k1;
    if (x->k2 != y->k2) return x->k2 < y->k2;
    return x->i < y->i;
}
#define NUM_LESS(a, b) (*(a) < *(b))
DEF_SORT(qs_tup, tup, tup_less)
DEF_SORT(sort32, uint32_t, NUM_LESS)
DEF_SORT(qs_u64, uint64_t, NUM_LESS)

static void tsort(scratch *S)
{
    qs_tup(S->t.v, S->t.n);
}

/* LSD radix sort, 16 bits a pass, skipping passes where all keys agree. */
static void radix64(uint64_t *v, size_t n)
{
    uint64_t *tmp = sc_xmalloc(n * sizeof *tmp), *src = v, *dst = tmp;
    size_t *cnt = sc_xmalloc(65536 * sizeof *cnt);
    for (int shift = 0; shift < 64; shift += 16) {
        memset(cnt, 0, 65536 * sizeof *cnt);
        for (size_t i = 0; i < n; i++)
            cnt[(src[i] >> shift) & 0xFFFF]++;
        if (cnt[(src[0] >> shift) & 0xFFFF] == n) continue;
        size_t sum = 0;
        for (size_t b = 0; b < 65536; b++) {
            size_t c = cnt[b];
            cnt[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[cnt[(src[i] >> shift) & 0xFFFF]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != v) memcpy(v, src, n * sizeof *v);
    free(tmp);
    free(cnt);
}

void pc_sort_u64(uint64_t *v, size_t n)
{
    if (n > 65536)
        radix64(v, n);
    else
        qs_u64(v, n);
}

/* Sort numbers ascending: an LSD radix sort by bytes, only over the bytes
 * that differ between keys (cluster pairs and packed lists vary in four or
 * five), through a buffer kept in the scratch; quicksort below 256. The
 * same result as any sort: numbers have one order. */
static void sort_u64(scratch *S, uint64_t *v, size_t n)
{
    if (n < 256) {
        qs_u64(v, n);
        return;
    }
    uint64_t and_ = ~0ull, or_ = 0;
    for (size_t i = 0; i < n; i++)
        and_ &= v[i], or_ |= v[i];
    uint64_t diff = and_ ^ or_;
    sc_vec_grow(&S->rtmp, n);
    uint64_t *src = v, *dst = S->rtmp.v;
    size_t cnt[256];
    for (int shift = 0; shift < 64; shift += 8) {
        if (!((diff >> shift) & 0xFF)) continue;
        memset(cnt, 0, sizeof cnt);
        for (size_t i = 0; i < n; i++)
            cnt[(src[i] >> shift) & 0xFF]++;
        size_t sum = 0;
        for (int b = 0; b < 256; b++) {
            size_t c = cnt[b];
            cnt[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[cnt[(src[i] >> shift) & 0xFF]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != v) memcpy(v, src, n * sizeof *v);
}

static void tpush(scratch *S, uint64_t k1, uint64_t k2, uint32_t i)
{
    tup t = {k1, k2, i, 0};
    sc_vec_push(&S->t, t);
}

/* The exact-name group of a member: full key and number together. */
static uint64_t gkey(const pctx *C, const mem_t *m)
{
    const pn_rec *r = &C->recs[m->rec];
    return r->full ^ ((uint64_t)r->number * 0x9E3779B97F4A7C15ull);
}

/* Co-authors of each member: the blocks of the other names on the paper,
 * except the member's own block (there a name may be a co-author or the
 * other cluster itself). */
static void coauthors(pctx *C, scratch *S)
{
    size_t k = S->mem.n;
    mem_t *M = S->mem.v;
    S->cost.n = S->co.n = S->cor.n = 0;
    sc_vec_grow(&S->cost, k + 1);
    for (size_t i = 0; i < k; i++) {
        S->cost.v[i] = (uint32_t)S->co.n;
        const pev *v = &C->ev[M[i].pos];
        uint32_t c0 = v[0].co, c1 = v[1].co;
        sc_vec_grow(&S->co, c1 - c0);
        sc_vec_grow(&S->cor, c1 - c0);
        for (uint32_t j = c0; j < c1; j++) {
            uint32_t cb = C->cob[j];
            S->co.v[S->co.n++] = cb & ~PC_CO_RARE;
            S->cor.v[S->cor.n++] = cb >> 31;
        }
    }
    S->cost.v[k] = (uint32_t)S->co.n;
    S->cost.n = k + 1;
}

static void phase1(pctx *C, scratch *S, pworker *W)
{
    size_t k = S->mem.n;
    mem_t *M = S->mem.v;

    /* external ids must merge */
    for (int kind = 0; kind < 4; kind++) {
        S->t.n = 0;
        for (size_t i = 0; i < k; i++)
            if (M[i].ext[kind]) tpush(S, M[i].ext[kind], 0, (uint32_t)i);
        if (S->t.n < 2) continue;
        tsort(S);
        for (size_t i = 1, f = 0; i < S->t.n; i++) {
            if (S->t.v[i].k1 != S->t.v[f].k1) {
                f = i; /* a new id: its run starts here */
                continue;
            }
            W->merged_by_ext += (size_t)union1(S, S->t.v[f].i, S->t.v[i].i);
        }
    }
    /* same name, same DBLP number */
    S->t.n = 0;
    for (size_t i = 0; i < k; i++)
        if (C->recs[M[i].rec].number) tpush(S, gkey(C, &M[i]), 0, (uint32_t)i);
    tsort(S);
    for (size_t i = 1; i < S->t.n; i++)
        if (S->t.v[i].k1 == S->t.v[i - 1].k1) union1(S, S->t.v[i - 1].i, S->t.v[i].i);

    /* same name, a rare co-author in common, at the same organisation: a
     * co-author alone is not certain (two homonyms in one field can share a
     * prolific collaborator, and a union here is never undone) */
    S->t.n = 0;
    for (size_t i = 0; i < k; i++)
        if (M[i].org)
            for (uint32_t j = S->cost.v[i]; j < S->cost.v[i + 1]; j++)
                if (S->cor.v[j])
                    tpush(S, gkey(C, &M[i]) ^ pc_mix64(M[i].org), S->co.v[j], (uint32_t)i);
    tsort(S);
    for (size_t i = 1; i < S->t.n; i++)
        if (S->t.v[i].k1 == S->t.v[i - 1].k1 && S->t.v[i].k2 == S->t.v[i - 1].k2)
            union1(S, S->t.v[i - 1].i, S->t.v[i].i);

    /* same name, same organisation within a year */
    S->t.n = 0;
    for (size_t i = 0; i < k; i++)
        if (M[i].org && M[i].year && C->recs[M[i].rec].lambda < P1_ORG_LAMBDA)
            tpush(S, gkey(C, &M[i]), ((uint64_t)M[i].org << 16) | M[i].year, (uint32_t)i);
    tsort(S);
    for (size_t i = 1; i < S->t.n; i++) {
        const tup *x = &S->t.v[i - 1], *y = &S->t.v[i];
        if (x->k1 == y->k1 && (x->k2 >> 16) == (y->k2 >> 16) &&
            (y->k2 & 0xFFFF) - (x->k2 & 0xFFFF) <= 1)
            union1(S, x->i, y->i);
    }
}

/* ---- phase 2: profiles -------------------------------------------------- */

#define ARENA_CHUNK (1u << 18)

static void arena_reset(scratch *S)
{
    for (size_t i = 0; i < S->arena.n; i++)
        S->arena.v[i].used = 0;
    S->arena_at = 0;
}

/* bytes (a multiple of 8) from the arena, valid until the next reset */
static void *arena_get(scratch *S, size_t bytes)
{
    for (;;) {
        if (S->arena_at == S->arena.n) {
            size_t cap = bytes > ARENA_CHUNK ? bytes : ARENA_CHUNK;
            arena_chunk c = {sc_xmalloc(cap), cap, 0};
            sc_vec_push(&S->arena, c);
        }
        arena_chunk *c = &S->arena.v[S->arena_at];
        if (c->cap - c->used >= bytes) {
            void *r = c->p + c->used;
            c->used += bytes;
            return r;
        }
        if (!c->used) { /* too small even empty: make it big enough */
            free(c->p);
            c->p = sc_xmalloc(bytes);
            c->cap = bytes;
            continue;
        }
        S->arena_at++;
    }
}

static void root_free(proot *r)
{
    r->co = NULL;
    r->oy = r->yo = NULL;
    r->nco = r->noy = r->nyo = 0;
    r->cco = r->coy = r->cyo = 0;
}

static uint32_t *uniq32(scratch *S, uint32_t *v, size_t n, uint32_t *out_n)
{
    sort32(v, n);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || v[k - 1] != v[i]) v[k++] = v[i];
    uint32_t *r = k ? arena_get(S, (k * sizeof *r + 7) & ~(size_t)7) : NULL;
    if (k) memcpy(r, v, k * sizeof *r);
    *out_n = (uint32_t)k;
    return r;
}

static uint64_t *uniq64(scratch *S, uint64_t *v, size_t n, uint32_t *out_n)
{
    sort_u64(S, v, n);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || v[k - 1] != v[i]) v[k++] = v[i];
    uint64_t *r = k ? arena_get(S, k * sizeof *r) : NULL;
    if (k) memcpy(r, v, k * sizeof *r);
    *out_n = (uint32_t)k;
    return r;
}

static inline uint64_t bit64(uint64_t v)
{
    return 1ull << (pc_mix64(v) & 63);
}

static double tnorm(const float *tv)
{
    double n = 0;
    for (int k = 0; k < PC_TDIM; k++)
        n += (double)tv[k] * tv[k];
    return n;
}

/* The masks of r's co-authors, organisations and years. */
static void masks(proot *r)
{
    r->mco = r->morg = r->myear = 0;
    for (uint32_t i = 0; i < r->nco; i++)
        r->mco |= bit64(r->co[i]);
    for (uint32_t i = 0; i < r->noy; i++)
        r->morg |= bit64(r->oy[i] >> 16);
    for (uint32_t i = 0; i < r->nyo; i++)
        r->myear |= 1ull << ((r->yo[i] >> 32) & 63);
}

static void build_profile(pctx *C, scratch *S, proot *r, const uint32_t *mem, size_t nm)
{
    mem_t *M = S->mem.v;
    S->u32a.n = 0;
    for (size_t i = 0; i < nm; i++)
        for (uint32_t j = S->cost.v[mem[i]]; j < S->cost.v[mem[i] + 1]; j++)
            sc_vec_push(&S->u32a, S->co.v[j]);
    r->co = uniq32(S, S->u32a.v, S->u32a.n, &r->nco);
    r->cco = r->nco;

    S->u64a.n = 0;
    for (size_t i = 0; i < nm; i++)
        if (M[mem[i]].org) sc_vec_push(&S->u64a, ((uint64_t)M[mem[i]].org << 16) | M[mem[i]].year);
    r->oy = uniq64(S, S->u64a.v, S->u64a.n, &r->noy);
    r->coy = r->noy;
    S->u64a.n = 0;
    for (size_t i = 0; i < nm; i++)
        if (M[mem[i]].org && M[mem[i]].year)
            sc_vec_push(&S->u64a, ((uint64_t)M[mem[i]].year << 32) | M[mem[i]].org);
    r->yo = uniq64(S, S->u64a.v, S->u64a.n, &r->nyo);
    r->cyo = r->nyo;

    /* topic */
    memset(r->tv, 0, sizeof r->tv);
    if (C->ptv)
        for (size_t i = 0; i < nm; i++) {
            uint32_t pp = M[mem[i]].paper;
            const int8_t *e = C->ptv + (size_t)pp * PC_TDIM;
            float f = C->pts[pp];
            for (int d = 0; d < PC_TDIM; d++)
                r->tv[d] += f * (float)e[d];
        }
    r->tn = tnorm(r->tv);
    masks(r);
    r->y0 = r->y1 = 0;
    for (size_t i = 0; i < nm; i++) {
        uint16_t y = M[mem[i]].year;
        if (!y) continue;
        if (!r->y0 || y < r->y0) r->y0 = y;
        if (y > r->y1) r->y1 = y;
    }
}

/* ---- phase 2: scores ---------------------------------------------------- */

/* Shared co-authors, weighted, less what two clusters of these sizes would
 * share by chance: a prolific person's hundred co-author names meet another
 * prolific homonym's in a few popular blocks anyway. */
static double co_shared(const pctx *C, const proot *x, const proot *y)
{
    double s = 0, chance = 0;
    if (!(x->mco & y->mco)) return 0;
    uint32_t i = 0, j = 0;
    while (i < x->nco && j < y->nco) {
        if (x->co[i] < y->co[j])
            i++;
        else if (x->co[i] > y->co[j])
            j++;
        else {
            s += C->bco_w[x->co[i]];
            i++;
            j++;
        }
    }
    if (s == 0) return 0; /* nothing shared: what chance would share only lowers it */
    const proot *sm = x->nco <= y->nco ? x : y, *lg = sm == x ? y : x;
    for (i = 0; i < sm->nco; i++) {
        double p = (double)lg->nco * C->bshare[sm->co[i]];
        chance += C->bco_w[sm->co[i]] * (p < 1 ? p : 1);
    }
    s -= chance;
    return s < 0 ? 0 : s > PW_CO_CAP ? PW_CO_CAP : s;
}

/* Evidence from organisations in common: the same place within a year is
 * nearly certain for one person and as likely as the place's share of all
 * authorships for two; the same place years apart (a person staying, or
 * coming back) counts less. Returns the best over the shared places. */
static double org_match(const pctx *C, const proot *x, const proot *y)
{
    double best = 0;
    if (!(x->morg & y->morg)) return 0;
    uint32_t i = 0, j = 0;
    while (i < x->noy && j < y->noy) {
        uint64_t ox = x->oy[i] >> 16, oy = y->oy[j] >> 16;
        if (ox < oy) {
            i++;
            continue;
        }
        if (ox > oy) {
            j++;
            continue;
        }
        uint32_t ie = i, je = j;
        while (ie < x->noy && (x->oy[ie] >> 16) == ox)
            ie++;
        while (je < y->noy && (y->oy[je] >> 16) == ox)
            je++;
        /* years of one organisation, both sorted: closest pair */
        uint32_t a = i, b = j;
        int dmin = 1 << 20;
        while (a < ie && b < je) {
            int ya = (int)(x->oy[a] & 0xFFFF), yb = (int)(y->oy[b] & 0xFFFF);
            if (ya && yb) {
                int d = abs(ya - yb);
                if (d < dmin) dmin = d;
            }
            if (ya < yb)
                a++;
            else
                b++;
        }
        double share = pc_org_share(C, (uint32_t)ox);
        double w = dmin <= 1 ? log(PW_ORG_P_NEAR / share) : log(PW_ORG_P_FAR / share);
        double cap = dmin <= 1 ? PW_ORG_NEAR : PW_ORG_FAR;
        if (w > cap) w = cap;
        if (w > best) best = w;
        i = ie;
        j = je;
    }
    return best;
}

/* Range of r->yo with year in [y0, y1]. */
static void yrange(const proot *r, uint64_t y0, uint64_t y1, uint32_t *b, uint32_t *e)
{
    uint32_t lo = 0, hi = r->nyo;
    while (lo < hi) {
        uint32_t m = (lo + hi) / 2;
        if ((r->yo[m] >> 32) < y0)
            lo = m + 1;
        else
            hi = m;
    }
    *b = lo;
    while (lo < r->nyo && (r->yo[lo] >> 32) <= y1)
        lo++;
    *e = lo;
}

static int share_org(const proot *x, uint32_t xb, uint32_t xe, const proot *y, uint32_t yb,
                     uint32_t ye)
{
    for (uint32_t i = xb; i < xe; i++)
        for (uint32_t j = yb; j < ye; j++)
            if ((uint32_t)x->yo[i] == (uint32_t)y->yo[j]) return 1;
    return 0;
}

/* Years both were seen, each somewhere the other was not, even a year
 * either side (a move's boundary year is not a conflict). */
static int conflicts(const proot *x, const proot *y)
{
    int n = 0;
    if (!(x->myear & y->myear)) return 0;
    uint32_t i = 0, j = 0;
    while (i < x->nyo && j < y->nyo) {
        uint64_t yx = x->yo[i] >> 32, yy = y->yo[j] >> 32;
        if (yx < yy) {
            i++;
            continue;
        }
        if (yx > yy) {
            j++;
            continue;
        }
        uint32_t ie = i, je = j;
        while (ie < x->nyo && (x->yo[ie] >> 32) == yx)
            ie++;
        while (je < y->nyo && (y->yo[je] >> 32) == yx)
            je++;
        if (!share_org(x, i, ie, y, j, je)) {
            uint32_t xb, xe, yb, ye;
            yrange(x, yx - 1, yx + 1, &xb, &xe);
            yrange(y, yx - 1, yx + 1, &yb, &ye);
            if (!share_org(x, xb, xe, y, yb, ye)) n++;
        }
        i = ie;
        j = je;
    }
    return n;
}

static double topic_cos(const proot *x, const proot *y)
{
    double d = 0, nx = x->tn, ny = y->tn;
    for (int k = 0; k < PC_TDIM; k++)
        d += (double)x->tv[k] * y->tv[k];
    if (nx <= 0 || ny <= 0) return -2;
    return d / sqrt(nx * ny);
}

/* Spellings in the block, other than the pair's, that the less specific of
 * the two could also stand for: each is someone else "N. de Freitas" may be.
 * The count depends on the two signatures only (u is made from them), so it
 * is remembered per pair of signature hashes for the block: a block's
 * clusters share few signatures, and counting scanned all its spellings for
 * every pair scored. */
#define ALT_MEMO 4096 /* entries (a power of two) */
static double alternatives(scratch *S, const proot *X, const proot *Y, const sc_pn_sig *u)
{
    if (S->forms.n > FORMS_MAX) return 10; /* a crowded block: variants need evidence */
    const sc_pn_sig *x = &X->sig, *y = &Y->sig;
    struct altmemo *m = NULL;
    if (S->alt) {
        uint64_t h = (X->sh * 0x9E3779B97F4A7C15ull) ^ (Y->sh + 0x632BE59BD9B4E019ull);
        h ^= h >> 29;
        for (uint32_t i = (uint32_t)h & (ALT_MEMO - 1), probe = 0; probe < 8;
             i = (i + 1) & (ALT_MEMO - 1), probe++) {
            struct altmemo *e = &S->alt[i];
            if (e->gen == S->alt_gen && e->hx == X->sh && e->hy == Y->sh) return e->n;
            if (e->gen != S->alt_gen) {
                m = e;
                break;
            }
        }
    }
    double n = 0;
    for (size_t i = 0; i < S->forms.n; i++) {
        const sc_pn_sig *f = &S->forms.v[i];
        if ((sig_compat(f, x) || sig_compat(f, y)) && !sig_compat(f, u)) n += 1;
    }
    if (m) *m = (struct altmemo){X->sh, Y->sh, S->alt_gen, (float)n};
    return n;
}

#define NEG_INF (-1e30)

/* Two spellings of one person: one is the habit, the other the exception
 * (PW_VAR_RATE of the papers, roughly). Two people: each writes their own,
 * in any proportion. So 14 "Harry A. Schneider" beside 19 "Harry
 * Schneider" speak for two people, 3 "N. de Freitas" beside 20 "Nando de
 * Freitas" for one: log of binomial(k; n, rate) against uniform 1/(n+1). */
static double form_balance_calc(uint32_t nx, uint32_t ny)
{
    double k = nx < ny ? nx : ny, n = (double)nx + ny, p = PW_VAR_RATE;
    int sg; /* lgamma_r: lgamma writes the global signgam (workers call this) */
    double l = lgamma_r(n + 1, &sg) - lgamma_r(k + 1, &sg) - lgamma_r(n - k + 1, &sg) + k * log(p) +
               (n - k) * log(1 - p) + log(n + 1);
    if (l < -PW_FORM_CAP) l = -PW_FORM_CAP;
    if (l > PW_FORM_POS) l = PW_FORM_POS;
    return l;
}

/* the same figures for small clusters, made once */
#define FB_N 32
static double fb_tab[FB_N][FB_N];
static pthread_once_t fb_once = PTHREAD_ONCE_INIT;

static void fb_fill(void)
{
    for (uint32_t i = 0; i < FB_N; i++)
        for (uint32_t j = 0; j < FB_N; j++)
            fb_tab[i][j] = form_balance_calc(i, j);
}

static double form_balance(uint32_t nx, uint32_t ny)
{
    if (nx < FB_N && ny < FB_N) return fb_tab[nx][ny];
    return form_balance_calc(nx, ny);
}

#ifdef PERSON_DEBUG
#include <stdio.h>
static int dbg_on;
#define DBG(...)                                                                                   \
    do {                                                                                           \
        if (dbg_on) fprintf(stderr, __VA_ARGS__);                                                  \
    } while (0)
#else
#define DBG(...)                                                                                   \
    do {                                                                                           \
    } while (0)
#endif

static double clamp_prior(double p)
{
    return p > PW_PRIOR_MAX ? PW_PRIOR_MAX : p < PW_PRIOR_MIN ? PW_PRIOR_MIN : p;
}

static double score(const pctx *C, scratch *S, const proot *x, const proot *y)
{
    if (!sig_compat(&x->sig, &y->sig)) return NEG_INF;
    for (int k = 0; k < 4; k++)
        if (x->ext[k] && y->ext[k] && x->ext[k] != y->ext[k]) return NEG_INF;
    if (x->number && y->number && x->number != y->number) return NEG_INF;

    /* the evidence */
    double s = 0;
    if (x->number && x->number == y->number) s += PW_NUM;
    double co = co_shared(C, x, y);
    s += PW_CO * co;
    double om = org_match(C, x, y);
    s += om;
    int cf = conflicts(x, y);
    /* two places in one year are two people, unless the two share their
     * collaborators: then it is one person with two affiliations
     * (Université de Montréal and Mila, Berkeley and Google) */
    double dual = PW_CONF_CO > 0 ? co / PW_CONF_CO : 0;
    s -= PW_CONF * (cf < PW_CONF_CAP ? cf : PW_CONF_CAP) * (dual < 1 ? 1 - dual : 0);
    double cs = topic_cos(x, y);
    if (cs > -2) {
        /* alike counts at once; unlike only once there are enough titles
         * for a difference in topic to show */
        double t = cs - PW_TOPIC_MID;
        if (t < 0) {
            double m = x->n < y->n ? x->n : y->n;
            t *= m / (m + PW_TOPIC_PAPERS);
        }
        s += PW_TOPIC * t;
    }
    /* years of silence between the two (neither seen while the other was):
     * a researcher rarely vanishes from every venue for a decade and comes
     * back, while two people of one name are often a decade apart */
    if (x->y0 && y->y0) {
        int gap = x->y1 < y->y0 ? y->y0 - x->y1 : y->y1 < x->y0 ? x->y0 - y->y1 : 0;
        if (gap > PW_GAP_FREE) s -= PW_GAP * (gap - PW_GAP_FREE);
    }

    /* the prior: how many people the two spellings may stand for */
    double lam = x->lambda < y->lambda ? x->lambda : y->lambda, prior;
    int equal = sig_equal(&x->sig, &y->sig);
    if (x->block != y->block) {
        /* "Tomás García" for "Tomás García Araújo": as many others may be
         * meant as there are other long names it is short for */
        double fan = x->fanin > y->fanin ? x->fanin : y->fanin;
        prior = clamp_prior(-log((fan > 1 ? fan - 1 : 0) + lam + PW_BASE_VAR));
    } else if (equal) {
        prior = clamp_prior(-log(lam + PW_BASE_EXACT));
    } else {
        /* within one surname a missing full middle name is another person
         * more often than not; across surnames (above) it is the second
         * surname the shorter spelling leaves out, as expected */
        double drop = PW_DROP_FULL * sc_pn_sig_dropped_full(&x->sig, &y->sig);
        /* other spellings the pair may stand for only lower the prior:
         * when the pair is out of reach without them, do not count them */
        prior = clamp_prior(-log(lam + PW_BASE_VAR) - drop);
        if (s + prior + form_balance(x->n, y->n) >= -PW_SLACK) {
            sc_pn_sig u;
            sc_pn_sig_unify(&x->sig, &y->sig, &u);
            prior =
                clamp_prior(-log(alternatives(S, x, y, &u) + lam + PW_BASE_VAR) - drop);
        }
    }
    if (!equal) prior += form_balance(x->n, y->n);
    s += prior;
    DBG("  score %u(%u) %u(%u): prior %.2f co %.2f org %.2f conf %d cos %.2f -> %.2f\n", x->minmem,
        x->n, y->minmem, y->n, prior, co, om, cf, cs, s);
    return s;
}

/* ---- phase 2: merging --------------------------------------------------- */

static uint32_t find2(scratch *S, uint32_t x)
{
    proot *R = S->R.v;
    while (R[x].par != x) {
        R[x].par = R[R[x].par].par;
        x = R[x].par;
    }
    return x;
}

/* *a (room for cap) becomes the sorted union of *a and b: merged from the
 * back in place when there is room, else into twice the room from the
 * arena (the old array is left there). */
#define DEF_MERGE(NAME, T)                                                                         \
    static void NAME(scratch *S, T **a, uint32_t *na, uint32_t *cap, const T *b, uint32_t nb)      \
    {                                                                                              \
        uint32_t m = *na + nb;                                                                     \
        if (!nb) return;                                                                           \
        if (m <= *cap) {                                                                           \
            T *r = *a;                                                                             \
            int64_t i = (int64_t)*na - 1, j = (int64_t)nb - 1, w = (int64_t)m - 1;                 \
            while (j >= 0) {                                                                       \
                if (i >= 0 && r[i] > b[j])                                                         \
                    r[w--] = r[i--];                                                               \
                else if (i >= 0 && r[i] == b[j])                                                   \
                    r[w--] = r[i--], j--;                                                          \
                else                                                                               \
                    r[w--] = b[j--];                                                               \
            }                                                                                      \
            /* r[0 .. i] are in place; r[w + 1 .. m) follow after a gap of w - i */               \
            if (w > i) memmove(r + i + 1, r + w + 1, (size_t)(m - 1 - w) * sizeof *r);             \
            *na = (uint32_t)(i + 1 + (m - 1 - w));                                                 \
            return;                                                                                \
        }                                                                                          \
        uint32_t c = 2 * m;                                                                        \
        T *r = arena_get(S, ((size_t)c * sizeof *r + 7) & ~(size_t)7);                            \
        uint32_t i = 0, j = 0, k = 0;                                                              \
        while (i < *na || j < nb) {                                                                \
            if (j == nb || (i < *na && (*a)[i] < b[j]))                                            \
                r[k++] = (*a)[i++];                                                                \
            else if (i == *na || b[j] < (*a)[i])                                                   \
                r[k++] = b[j++];                                                                   \
            else                                                                                   \
                r[k++] = (*a)[i++], j++;                                                           \
        }                                                                                          \
        *a = r;                                                                                    \
        *na = k;                                                                                   \
        *cap = c;                                                                                  \
    }
DEF_MERGE(merge_u32, uint32_t)
DEF_MERGE(merge_u64, uint64_t)

/* x absorbs y (x has the smaller first member). */
static void absorb(scratch *S, proot *x, proot *y)
{
    merge_u32(S, &x->co, &x->nco, &x->cco, y->co, y->nco);
    merge_u64(S, &x->oy, &x->noy, &x->coy, y->oy, y->noy);
    merge_u64(S, &x->yo, &x->nyo, &x->cyo, y->yo, y->nyo);
    for (int k = 0; k < PC_TDIM; k++)
        x->tv[k] += y->tv[k];
    x->tn = tnorm(x->tv);
    if (y->y0 && (!x->y0 || y->y0 < x->y0)) x->y0 = y->y0;
    if (y->y1 > x->y1) x->y1 = y->y1;
    x->mco |= y->mco;
    x->morg |= y->morg;
    x->myear |= y->myear;
    sc_pn_sig u;
    sc_pn_sig_unify(&x->sig, &y->sig, &u);
    if (!sig_equal(&x->sig, &u)) x->sh = sig_hash(&u);
    x->sig = u;
    if (y->lambda < x->lambda) x->lambda = y->lambda;
    if (!x->number) x->number = y->number;
    if (y->fanin > x->fanin) x->fanin = y->fanin;
    for (int k = 0; k < 4; k++)
        if (!x->ext[k]) x->ext[k] = y->ext[k];
    x->n += y->n;
    x->ver++;
    root_free(y);
}

static int hent_before(const hent *a, const hent *b)
{
    if (a->s != b->s) return a->s > b->s;
    if (a->a != b->a) return a->a < b->a;
    return a->b < b->b;
}

static void heap_push(scratch *S, hent e)
{
    sc_vec_push(&S->heap, e);
    hent *h = S->heap.v;
    size_t i = S->heap.n - 1;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!hent_before(&h[i], &h[p])) break;
        hent t = h[i];
        h[i] = h[p];
        h[p] = t;
        i = p;
    }
}

static hent heap_pop(scratch *S)
{
    hent *h = S->heap.v, top = h[0];
    h[0] = h[--S->heap.n];
    size_t i = 0, n = S->heap.n;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && hent_before(&h[l], &h[m])) m = l;
        if (r < n && hent_before(&h[r], &h[m])) m = r;
        if (m == i) break;
        hent t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
    return top;
}

static inline int hent_less(const hent *a, const hent *b)
{
    return hent_before(a, b);
}
DEF_SORT(sort_hent, hent, hent_less)

/* The pairs as first scored wait in S->low, sorted best first; the heap
 * holds only pairs scored again after a merge. Taking the better of the
 * heap's top and S->low's next pops in the order one heap of both would
 * (entries equal in score and pair are interchangeable: whichever comes
 * first, the pair is merged or refused on its current score), and sorting
 * once is much cheaper than a heap of every pair. Best first; a stale pair
 * (one side merged since) is scored again. */
static void merge_loop(pctx *C, scratch *S)
{
    sort_hent(S->low.v, S->low.n);
    S->low_at = 0;
    for (;;) {
        hent e;
        if (S->heap.n && (S->low_at == S->low.n || hent_before(&S->heap.v[0], &S->low.v[S->low_at])))
            e = heap_pop(S);
        else if (S->low_at < S->low.n)
            e = S->low.v[S->low_at++];
        else
            break;
        uint32_t x = find2(S, e.a), y = find2(S, e.b);
        if (x == y) continue;
        proot *X = &S->R.v[x], *Y = &S->R.v[y];
        if (x != e.a || y != e.b || X->ver != e.va || Y->ver != e.vb) {
            if (x > y) {
                uint32_t t = x;
                x = y;
                y = t;
                X = &S->R.v[x];
                Y = &S->R.v[y];
            }
#ifdef PERSON_BENCH
            S->st_rescored++;
#endif
            double s = score(C, S, X, Y);
            if (s < 0) continue;
            hent f = {s, x, y, X->ver, Y->ver};
            if ((S->heap.n && !hent_before(&f, &S->heap.v[0])) ||
                (S->low_at < S->low.n && !hent_before(&f, &S->low.v[S->low_at]))) {
                heap_push(S, f);
                continue;
            }
            e = f; /* the best of all: it would be popped next, fresh */
        }
        if (e.s < 0) continue; /* fresh and below the threshold */
        /* x < y: x keeps the earlier first member */
        DBG(" merge %u(%u) + %u(%u) at %.2f\n", X->minmem, X->n, Y->minmem, Y->n, e.s);
        Y->par = x;
        absorb(S, X, Y);
    }
}

static void add_pair(scratch *S, uint32_t i, uint32_t j)
{
    if (i == j || !sig_compat(&S->R.v[i].sig, &S->R.v[j].sig)) return;
    /* two clusters of one rare spelling: only the pairs rare_pairs chose */
    if (S->R.v[i].rare && S->R.v[i].rare == S->R.v[j].rare) return;
    if (i > j) {
        uint32_t t = i;
        i = j;
        j = t;
    }
    sc_vec_push(&S->pairs, ((uint64_t)i << 32) | j);
}


/* Candidate pairs of a large block: clusters that share a co-author, an
 * organisation within a year, or a spelling. Pairs with nothing of these
 * could only merge on the name prior, which a crowded block does not give. */
static void large_block_pairs(scratch *S, uint32_t nr)
{
    proot *R = S->R.v;
    /* (co-author block, cluster) packed in 64 bits: a number sort, in the
     * order the (block, 0, cluster) tuples had */
    S->u64a.n = 0;
    for (uint32_t r = 0; r < nr; r++) {
        sc_vec_grow(&S->u64a, R[r].nco);
        for (uint32_t j = 0; j < R[r].nco; j++)
            S->u64a.v[S->u64a.n++] = (uint64_t)R[r].co[j] << 32 | r;
    }
    sort_u64(S, S->u64a.v, S->u64a.n);
    {
        const uint64_t *v = S->u64a.v;
        size_t n = S->u64a.n;
        for (size_t i = 0; i < n;) {
            size_t e = i;
            while (e < n && (v[e] >> 32) == (v[i] >> 32))
                e++;
            if (e - i <= LIST_MAX)
                for (size_t a = i; a < e; a++)
                    for (size_t c = a + 1; c < e; c++)
                        add_pair(S, (uint32_t)v[a], (uint32_t)v[c]);
            i = e;
        }
    }
    /* (organisation, year, cluster): packed when they fit in 24 + 16 + 24
     * bits (the same order as tuples) */
    int packed = nr < (1u << 24);
    for (uint32_t r = 0; r < nr && packed; r++)
        for (uint32_t j = 0; j < R[r].noy && packed; j++)
            packed = (R[r].oy[j] >> 16) < (1u << 24);
    if (packed) {
        S->u64a.n = 0;
        for (uint32_t r = 0; r < nr; r++) {
            sc_vec_grow(&S->u64a, R[r].noy);
            for (uint32_t j = 0; j < R[r].noy; j++)
                S->u64a.v[S->u64a.n++] = R[r].oy[j] << 24 | r;
        }
        sort_u64(S, S->u64a.v, S->u64a.n);
        const uint64_t *v = S->u64a.v;
        size_t n = S->u64a.n;
        for (size_t i = 0; i < n; i++) {
            size_t lim = 0;
            uint64_t o = v[i] >> 40, y = (v[i] >> 24) & 0xFFFF;
            for (size_t c = i + 1;
                 c < n && (v[c] >> 40) == o && ((v[c] >> 24) & 0xFFFF) <= y + 1 && lim < LIST_MAX;
                 c++, lim++)
                add_pair(S, (uint32_t)(v[i] & 0xFFFFFF), (uint32_t)(v[c] & 0xFFFFFF));
        }
    } else {
        S->t.n = 0;
        for (uint32_t r = 0; r < nr; r++)
            for (uint32_t j = 0; j < R[r].noy; j++)
                tpush(S, R[r].oy[j] >> 16, R[r].oy[j] & 0xFFFF, r);
        tsort(S);
        for (size_t i = 0; i < S->t.n; i++) {
            size_t lim = 0;
            for (size_t c = i + 1; c < S->t.n && S->t.v[c].k1 == S->t.v[i].k1 &&
                                   S->t.v[c].k2 <= S->t.v[i].k2 + 1 && lim < LIST_MAX;
                 c++, lim++)
                add_pair(S, S->t.v[i].i, S->t.v[c].i);
        }
    }
    S->t.n = 0;
    for (uint32_t r = 0; r < nr; r++)
        tpush(S, sig_hash(&R[r].sig), 0, r);
    tsort(S);
    for (size_t i = 0; i < S->t.n;) {
        size_t e = i;
        while (e < S->t.n && S->t.v[e].k1 == S->t.v[i].k1)
            e++;
        if (e - i <= LIST_MAX)
            for (size_t a = i; a < e; a++)
                for (size_t c = a + 1; c < e; c++)
                    add_pair(S, S->t.v[a].i, S->t.v[c].i);
        i = e;
    }
}

/* Spellings with many clusters (more than PL_NN + 2; lambda < PL_LAMBDA,
 * which is all of them): pairs of clusters of one spelling were three
 * quarters of all candidate pairs, and a spelling's fragments mostly join
 * into one or two people. Instead of every pair, each cluster of such a
 * spelling is paired with the spelling's biggest cluster and with its next
 * PL_NN in an order by how alike their titles are to the biggest's (so
 * fragments of one field sit together). The merge loop scores a pair again
 * after either side merged, so fragments joined along these pairs still
 * meet the rest of their spelling, and each other, as whole clusters.
 * Marks the clusters (proot.rare) so that add_pair leaves the other pairs
 * of one spelling out, and puts the chosen ones in S->rpairs (sorted,
 * once each). Measured on the demo worlds (2 000 and 20 000 people): the
 * same B-cubed figures to four places, homonyms included; 35 % fewer
 * pairs on the real corpus. */
static void rare_pairs(scratch *S, uint32_t nr)
{
    proot *R = S->R.v;
    S->t.n = 0;
    S->rpairs.n = 0;
    for (uint32_t r = 0; r < nr; r++)
        if (R[r].lambda < PL_LAMBDA) tpush(S, sig_hash(&R[r].sig), UINT64_MAX - R[r].n, r);
    if (S->t.n < 2) return;
    tsort(S);
    for (size_t i = 0; i < S->t.n;) {
        size_t e = i + 1;
        while (e < S->t.n && S->t.v[e].k1 == S->t.v[i].k1)
            e++;
        size_t g = e - i;
        if (g > PL_NN + 2) { /* smaller groups: all their pairs, as before */
            for (size_t a = i; a < e; a++)
                R[S->t.v[a].i].rare = S->t.v[a].k1 | 1;
            /* order the spelling's clusters by how alike their titles are
             * to its biggest cluster's; neighbours in that order are paired */
            uint32_t big = S->t.v[i].i;
            const proot *B = &R[big];
            S->u64a.n = 0;
            for (size_t a = i + 1; a < e; a++) {
                const proot *X = &R[S->t.v[a].i];
                float d = 0;
                for (int q = 0; q < PC_TDIM; q++)
                    d += X->tv[q] * B->tv[q];
                if (X->tn > 0) d /= (float)sqrt(X->tn);
                uint32_t bits;
                memcpy(&bits, &d, 4);
                bits = (bits >> 31) ? ~bits : bits | 0x80000000u; /* order-preserving */
                sc_vec_push(&S->u64a, ((uint64_t)bits << 32) | S->t.v[a].i);
            }
            sort_u64(S, S->u64a.v, S->u64a.n);
            size_t m = S->u64a.n;
            for (size_t a = 0; a < m; a++) {
                uint32_t ra = (uint32_t)S->u64a.v[a];
                uint32_t q[PL_NN + 1], nq = 0;
                q[nq++] = big;
                for (size_t c = a + 1; c < m && c <= a + PL_NN; c++)
                    q[nq++] = (uint32_t)S->u64a.v[c];
                for (uint32_t z = 0; z < nq; z++) {
                    if (!sig_compat(&R[ra].sig, &R[q[z]].sig)) continue;
                    uint32_t x = ra < q[z] ? ra : q[z], y = ra < q[z] ? q[z] : ra;
                    sc_vec_push(&S->rpairs, ((uint64_t)x << 32) | y);
                }
            }
        }
        i = e;
    }
    sort_u64(S, S->rpairs.v, S->rpairs.n);
    size_t u = 0;
    for (size_t i = 0; i < S->rpairs.n; i++)
        if (!u || S->rpairs.v[u - 1] != S->rpairs.v[i]) S->rpairs.v[u++] = S->rpairs.v[i];
    S->rpairs.n = u;
}

/* Root whose first authorship is label (roots are in ascending order). */
static uint32_t root_of_label(scratch *S, uint32_t nr, uint32_t label)
{
    uint32_t lo = 0, hi = nr;
    while (lo < hi) {
        uint32_t m = (lo + hi) / 2;
        if (S->mem.v[S->R.v[m].minmem].a < label)
            lo = m + 1;
        else
            hi = m;
    }
    return lo;
}

#define PF_AHEAD 12 /* members ahead whose topic vectors are prefetched */

static void phase2(pctx *C, scratch *S, pworker *W, const uint64_t *links, size_t nlinks)
{
    size_t k = S->mem.n;
    mem_t *M = S->mem.v;

    arena_reset(S);
    /* clusters in order of their first member */
    S->rid.n = 0;
    sc_vec_grow(&S->rid, k);
    S->rid.n = k;
    uint32_t nr = 0;
    for (size_t i = 0; i < k; i++)
        if (find1(S, (uint32_t)i) == i) S->rid.v[i] = nr++;
    for (size_t i = 0; i < k; i++)
        S->rid.v[i] = S->rid.v[find1(S, (uint32_t)i)];
    /* members of each cluster (counting sort keeps them ascending) */
    S->rmem_start.n = 0;
    sc_vec_grow(&S->rmem_start, nr + 1);
    S->rmem_start.n = nr + 1;
    memset(S->rmem_start.v, 0, (nr + 1) * sizeof *S->rmem_start.v);
    for (size_t i = 0; i < k; i++)
        S->rmem_start.v[S->rid.v[i] + 1]++;
    for (uint32_t r = 0; r < nr; r++)
        S->rmem_start.v[r + 1] += S->rmem_start.v[r];
    S->rmem.n = 0;
    sc_vec_grow(&S->rmem, k);
    S->rmem.n = k;
    {
        uint32_t *fill = sc_xmalloc((nr + 1) * sizeof *fill);
        memcpy(fill, S->rmem_start.v, nr * sizeof *fill);
        for (size_t i = 0; i < k; i++)
            S->rmem.v[fill[S->rid.v[i]]++] = (uint32_t)i;
        free(fill);
    }
    S->R.n = 0;
    sc_vec_grow(&S->R, nr);
    S->R.n = nr;
    for (uint32_t r = 0; r < nr; r++) {
        proot *R = &S->R.v[r];
        memset(R, 0, sizeof *R);
        if (C->ptv) /* the topic vectors of the members a few clusters on */
            for (uint32_t j = S->rmem_start.v[r] + PF_AHEAD;
                 j < S->rmem_start.v[r + 1] + PF_AHEAD && j < k; j++) {
                uint32_t pj = M[S->rmem.v[j]].paper;
                __builtin_prefetch(C->ptv + (size_t)pj * PC_TDIM);
                __builtin_prefetch(C->pts + pj);
            }
        const uint32_t *mem = S->rmem.v + S->rmem_start.v[r];
        size_t nm = S->rmem_start.v[r + 1] - S->rmem_start.v[r];
        build_profile(C, S, R, mem, nm);
        uint32_t root = find1(S, mem[0]);
        R->sig = C->recs[M[mem[0]].rec].sig;
        R->lambda = C->recs[M[mem[0]].rec].lambda;
        R->fanin = C->recs[M[mem[0]].rec].fanin;
        for (size_t i = 1; i < nm; i++) {
            const pn_rec *rc = &C->recs[M[mem[i]].rec];
            if (sig_compat(&R->sig, &rc->sig)) {
                sc_pn_sig u;
                sc_pn_sig_unify(&R->sig, &rc->sig, &u);
                R->sig = u;
            }
            if (rc->lambda < R->lambda) R->lambda = rc->lambda;
            if (rc->fanin > R->fanin) R->fanin = rc->fanin;
        }
        R->number = S->number.v[root];
        memcpy(R->ext, S->ext.v + 4 * (size_t)root, sizeof R->ext);
        R->n = (uint32_t)nm;
        R->par = r;
        R->minmem = mem[0];
        R->block = C->recs[M[mem[0]].rec].block;
        R->sh = sig_hash(&R->sig);
    }
    /* a new stamp: the memo's entries are of other blocks */
    if (!S->alt) S->alt = sc_xcalloc(ALT_MEMO, sizeof *S->alt);
    if (++S->alt_gen == 0) {
        memset(S->alt, 0, ALT_MEMO * sizeof *S->alt);
        S->alt_gen = 1;
    }

    /* the spellings of the block */
    S->forms.n = 0;
    {
        S->t.n = 0;
        if (!links) {
            /* a block's name records are one range (person.c lays them out
             * in block order): its distinct spellings, not its members */
            uint32_t r0 = UINT32_MAX, r1 = 0;
            for (size_t i = 0; i < k; i++) {
                if (M[i].rec < r0) r0 = M[i].rec;
                if (M[i].rec > r1) r1 = M[i].rec;
            }
            for (uint32_t r = r0; k && r <= r1; r++)
                tpush(S, C->recs[r].full, 0, r);
        } else {
            for (size_t i = 0; i < k; i++)
                tpush(S, C->recs[M[i].rec].full, 0, M[i].rec);
        }
        tsort(S);
        for (size_t i = 0; i < S->t.n; i++)
            if (!i || S->t.v[i].k1 != S->t.v[i - 1].k1)
                sc_vec_push(&S->forms, C->recs[S->t.v[i].i].sig);
    }

    /* candidate pairs */
    if (!links && PL_NN > 0) rare_pairs(S, nr);
    S->pairs.n = 0;
    if (links) { /* a group: only the pairs that differ by a second surname */
        for (size_t i = 0; i < nlinks; i++) {
            uint32_t x = root_of_label(S, nr, (uint32_t)(links[i] >> 32));
            uint32_t y = root_of_label(S, nr, (uint32_t)links[i]);
            if (x < nr && y < nr) add_pair(S, x, y);
        }
        sort_u64(S, S->pairs.v, S->pairs.n);
        size_t u = 0;
        for (size_t i = 0; i < S->pairs.n; i++)
            if (!u || S->pairs.v[u - 1] != S->pairs.v[i]) S->pairs.v[u++] = S->pairs.v[i];
        S->pairs.n = u;
    } else if (nr <= ALLPAIRS_ROOTS) {
        /* every pair that can be one person: a first name in full matches
         * only the same first name (or the same given names run together),
         * an initial anything */
        S->t.n = 0;
        for (uint32_t r = 0; r < nr; r++) {
            tpush(S, S->R.v[r].sig.g0, 0, r);
            if (S->R.v[r].sig.cat) tpush(S, (uint64_t)S->R.v[r].sig.cat << 32, 1, r);
        }
        tsort(S);
        /* each pair once, so that they need no sorting: the order they are
         * scored in does not matter (merge_loop sorts them) */
        size_t n0 = 0; /* initials first (g0 == 0) */
        while (n0 < S->t.n && S->t.v[n0].k1 == 0)
            n0++;
        for (size_t a = 0; a < n0; a++) {
            uint32_t ra = S->t.v[a].i;
            for (uint32_t r = 0; r < nr; r++)
                if (S->R.v[r].sig.g0 || r > ra) add_pair(S, ra, r);
        }
        for (size_t i = n0; i < S->t.n;) {
            size_t e = i;
            while (e < S->t.n && S->t.v[e].k1 == S->t.v[i].k1 && S->t.v[e].k2 == S->t.v[i].k2)
                e++;
            int cat = S->t.v[i].k2 == 1;
            for (size_t a = i; a < e; a++)
                for (size_t c = a + 1; c < e; c++) {
                    const sc_pn_sig *ga = &S->R.v[S->t.v[a].i].sig, *gc = &S->R.v[S->t.v[c].i].sig;
                    /* a run-together bucket: pairs with an initial or a
                     * first name in common were made above */
                    if (cat && (!ga->g0 || !gc->g0 || ga->g0 == gc->g0)) continue;
                    add_pair(S, S->t.v[a].i, S->t.v[c].i);
                }
            i = e;
        }
    } else {
        large_block_pairs(S, nr);
        sort_u64(S, S->pairs.v, S->pairs.n);
        size_t u = 0;
        for (size_t i = 0; i < S->pairs.n; i++)
            if (!u || S->pairs.v[u - 1] != S->pairs.v[i]) S->pairs.v[u++] = S->pairs.v[i];
        S->pairs.n = u;
    }
    if (!links) /* the pairs of rare spellings (none of them made above) */
        for (size_t i = 0; i < S->rpairs.n; i++)
            sc_vec_push(&S->pairs, S->rpairs.v[i]);
#ifdef PERSON_DEBUG
    if (dbg_on)
        for (uint32_t r = 0; r < nr; r++) {
            fprintf(stderr, " root %u first m%u n=%u lam %.3f members:", r, S->R.v[r].minmem,
                    S->R.v[r].n, S->R.v[r].lambda);
            for (uint32_t j = S->rmem_start.v[r]; j < S->rmem_start.v[r + 1]; j++)
                fprintf(stderr, " m%u", S->rmem.v[j]);
            fprintf(stderr, "\n");
        }
#endif
    /* With PW_ROUNDS 2, a first round takes the same spelling only, so that
     * each spelling's clusters are whole before spellings are weighed
     * against each other. Measured: no better than one round (the demo
     * world, 20k and 200k people), so one round. */
    for (int round = 2 - PW_ROUNDS; round < 2; round++) {
        S->heap.n = 0;
        S->low.n = 0;
        for (size_t i = 0; i < S->pairs.n; i++) {
            uint32_t x = find2(S, (uint32_t)(S->pairs.v[i] >> 32)),
                     y = find2(S, (uint32_t)S->pairs.v[i]);
            if (x == y) continue;
            if (x > y) {
                uint32_t t = x;
                x = y;
                y = t;
            }
            if (round == 0 && !sig_equal(&S->R.v[x].sig, &S->R.v[y].sig)) continue;
            double s = score(C, S, &S->R.v[x], &S->R.v[y]);
            if (s >= -PW_SLACK)
                sc_vec_push(&S->low, ((hent){s, x, y, S->R.v[x].ver, S->R.v[y].ver}));
        }
#ifdef PERSON_BENCH
        W->st_pairs += S->pairs.n;
        if (!links) W->st_rare_pairs += S->rpairs.n;
        W->st_low += S->low.n;
        W->st_mem += k;
        W->st_roots += nr;
        if (!links) {
            if (nr <= ALLPAIRS_ROOTS)
                W->st_allpairs_blocks++;
            else
                W->st_large_blocks++, W->st_large_pairs += S->pairs.n;
        }
        for (size_t i = 0; i < S->pairs.n; i++)
            if (S->R.v[S->pairs.v[i] >> 32].n == 1 && S->R.v[(uint32_t)S->pairs.v[i]].n == 1)
                W->st_single_pairs++;
        S->st_rescored = 0;
#endif
        merge_loop(C, S);
#ifdef PERSON_BENCH
        W->st_rescored += S->st_rescored;
        for (uint32_t r = 0; r < nr; r++)
            W->st_merges += S->R.v[r].par != r;
#endif
    }

    /* labels: the first authorship of the final cluster */
    for (size_t i = 0; i < k; i++) {
        uint32_t r = find2(S, S->rid.v[i]);
        C->label[M[i].a] = M[S->R.v[r].minmem].a;
    }
    for (uint32_t r = 0; r < nr; r++)
        root_free(&S->R.v[r]);

    /* homonyms split: exact names that ended up as more than one person */
    if (links) return;
    S->t.n = 0;
    for (size_t i = 0; i < k; i++)
        tpush(S, gkey(C, &M[i]), C->label[M[i].a], 0);
    tsort(S);
    for (size_t i = 1; i < S->t.n; i++)
        if (S->t.v[i].k1 == S->t.v[i - 1].k1 && S->t.v[i].k2 != S->t.v[i - 1].k2)
            W->split_homonyms++;
}

/* Load members into the scratch: block positions pos0 .. pos0 + k (auth ==
 * NULL) or the positions of authorship indices auth (ascending). */
static scratch *load(pctx *C, pworker *W, const uint32_t *auth, size_t pos0, size_t k)
{
    if (!W->scratch) {
        W->scratch = sc_xcalloc(1, sizeof(scratch));
        pthread_once(&fb_once, fb_fill);
    }
    scratch *S = W->scratch;
    S->mem.n = 0;
    sc_vec_grow(&S->mem, k);
    S->par.n = S->number.n = S->ext.n = 0;
    sc_vec_grow(&S->par, k);
    sc_vec_grow(&S->number, k);
    sc_vec_grow(&S->ext, 4 * k);
    for (size_t i = 0; i < k; i++) {
        uint32_t pos = auth ? C->apos[auth[i]] : (uint32_t)(pos0 + i);
        const pev *v = &C->ev[pos];
        if (C->ptv) { /* its topic vector, summed in phase 2 */
            __builtin_prefetch(C->ptv + (size_t)v->paper * PC_TDIM);
            __builtin_prefetch(C->pts + v->paper);
        }
        mem_t m;
        m.a = v->a;
        m.rec = v->rec;
        m.paper = v->paper;
        m.org = v->org;
        m.pos = pos;
        m.year = v->year;
        const uint64_t *eh = C->evh + v->eh;
        for (int kind = 0; kind < 4; kind++)
            m.ext[kind] = v->extm >> kind & 1 ? *eh++ : 0;
        S->mem.v[i] = m;
        S->par.v[i] = (uint32_t)i;
        S->number.v[i] = C->recs[m.rec].number;
        memcpy(S->ext.v + 4 * i, m.ext, sizeof m.ext);
    }
    S->mem.n = S->par.n = S->number.n = k;
    S->ext.n = 4 * k;
#ifdef PERSON_DEBUG
    {
        const sc_person_input *in = C->in;
        const char *want = getenv("PERSON_DEBUG");
        dbg_on = 0;
        for (size_t i = 0; want && i < k && !dbg_on; i++) {
            const char *nm = in->name_str(in->ctx, in->name[S->mem.v[i].a]);
            dbg_on = nm && strstr(nm, want);
        }
        if (dbg_on) {
            fprintf(stderr, "group of %zu members\n", k);
            for (size_t i = 0; i < k; i++)
                fprintf(stderr, "  m%zu a%u %s y%u org%u\n", i, S->mem.v[i].a,
                        in->name_str(in->ctx, in->name[S->mem.v[i].a]), S->mem.v[i].year,
                        S->mem.v[i].org);
        }
    }
#endif
    return S;
}

void pc_block(pctx *C, uint32_t b, pworker *W)
{
    uint64_t s0 = C->bstart[b], s1 = C->bstart[b + 1];
    size_t k = (size_t)(s1 - s0);
    scratch *S = load(C, W, NULL, (size_t)s0, k);
    if (k == 1) {
        C->label[S->mem.v[0].a] = S->mem.v[0].a;
    } else {
        coauthors(C, S);
        phase1(C, S, W);
        phase2(C, S, W, NULL, 0);
    }
    /* external ids go on to the world-wide pass (they may join blocks) */
    for (size_t i = 0; i < k; i++)
        for (int kind = 0; kind < 4; kind++)
            if (S->mem.v[i].ext[kind]) {
                pext e = {S->mem.v[i].ext[kind], S->mem.v[i].a, (uint32_t)kind};
                sc_vec_push(&W->ext, e);
            }
}

void pc_group(pctx *C, const uint32_t *auth, size_t k, const uint64_t *links, size_t nlinks,
              pworker *W)
{
    scratch *S = load(C, W, auth, 0, k);
    coauthors(C, S);
    /* the clusters found so far are the starting point */
    S->t.n = 0;
    for (size_t i = 0; i < k; i++)
        tpush(S, C->label[S->mem.v[i].a], 0, (uint32_t)i);
    tsort(S);
    for (size_t i = 1; i < S->t.n; i++)
        if (S->t.v[i].k1 == S->t.v[i - 1].k1) union1(S, S->t.v[i - 1].i, S->t.v[i].i);
    phase2(C, S, W, links, nlinks);
}

void pc_worker_free(pworker *W)
{
    scratch *S = W->scratch;
    if (S) {
        sc_vec_free(&S->mem);
        sc_vec_free(&S->par);
        sc_vec_free(&S->number);
        sc_vec_free(&S->ext);
        sc_vec_free(&S->cost);
        sc_vec_free(&S->co);
        sc_vec_free(&S->cor);
        sc_vec_free(&S->t);
        sc_vec_free(&S->rid);
        sc_vec_free(&S->R);
        sc_vec_free(&S->rmem_start);
        sc_vec_free(&S->rmem);
        sc_vec_free(&S->forms);
        sc_vec_free(&S->pairs);
        sc_vec_free(&S->rpairs);
        sc_vec_free(&S->heap);
        sc_vec_free(&S->low);
        sc_vec_free(&S->u32a);
        sc_vec_free(&S->u64a);
        sc_vec_free(&S->rtmp);
        free(S->alt);
        for (size_t i = 0; i < S->arena.n; i++)
            free(S->arena.v[i].p);
        sc_vec_free(&S->arena);
        free(S);
    }
    sc_vec_free(&W->ext);
    W->scratch = NULL;
}
