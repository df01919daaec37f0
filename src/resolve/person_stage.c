/*
 * person_stage.c — run person resolution over the world (see
 * person_stage.h): adapt the world's tables to sc_person_input, then build
 * the per-person records and the two indexes `scout person` reads
 * (authorships by person, people by name key).
 */
#include "resolve/person_stage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resolve/person.h"
#include "resolve/person_int.h"

typedef struct {
    const sc_personstage_in *in;
    uint32_t *ext[4]; /* the resolver's input ids, freed as soon as it is done with them */
} ctx;

static const char *name_str(void *c, uint32_t id)
{
    ctx *x = c;
    return sc_strtab_get(&x->in->str[SC_STR_NAME], id);
}

static const char *ext_str(void *c, uint32_t id)
{
    ctx *x = c;
    return sc_strtab_get(&x->in->str[SC_STR_ID], id);
}

static void ext_done(void *c)
{
    ctx *x = c;
    for (int k = 0; k < 4; k++) {
        free(x->ext[k]);
        x->ext[k] = NULL;
    }
}

static const uint32_t *org_wait(void *c)
{
    ctx *x = c;
    return x->in->auth_org_wait(x->in->wait_ctx);
}

/* sep then the decimal digits of v (called per authorship: no printf) */
static void put_uint(sc_buf *out, char sep, unsigned v)
{
    char d[12];
    int k = 0;
    do d[k++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    sc_buf_addc(out, sep);
    while (k) sc_buf_addc(out, d[--k]);
}

/* venue|year|source id|position: where an authorship stands in the sources,
 * independent of build order and of other sources */
static void anchor(void *c, size_t auth, sc_buf *out)
{
    ctx *x = c;
    const sc_m_authorship *a = &x->in->auths[auth];
    const sc_m_paper *p = &x->in->papers[a->paper];
    out->n = 0;
    sc_buf_adds(out, sc_strtab_get(&x->in->str[SC_STR_LABEL], p->venue));
    put_uint(out, '|', p->year);
    sc_buf_addc(out, '|');
    if (x->in->source_ids) sc_buf_adds(out, x->in->source_ids[a->paper]);
    put_uint(out, '|', a->position);
}

/* What anchor reads, a level of indirection a stage: the authorship, then
 * its paper and source id pointer, then the source id's bytes. */
static void anchor_prefetch(void *c, size_t auth, int stage)
{
    ctx *x = c;
    const sc_m_authorship *a = &x->in->auths[auth];
    if (stage == 0) {
        __builtin_prefetch(a);
        return;
    }
    if (stage == 1) {
        __builtin_prefetch(&x->in->papers[a->paper]);
        if (x->in->source_ids) __builtin_prefetch(&x->in->source_ids[a->paper]);
        return;
    }
    if (x->in->source_ids) __builtin_prefetch(x->in->source_ids[a->paper]);
}

/* name key ids by their strings (prefix first, then the rest) */
typedef struct {
    uint64_t pre; /* the first 8 bytes, big-endian: compares like the string */
    uint32_t id;
    const char *s;
} kent;

static int kent_cmp(const void *a, const void *b)
{
    const kent *x = a, *y = b;
    if (x->pre != y->pre) return x->pre < y->pre ? -1 : 1;
    int c = strcmp(x->s, y->s);
    if (c) return c;
    return x->id < y->id ? -1 : x->id > y->id;
}

typedef struct {
    const sc_personstage_in *in;
    sc_personstage_out *out;
    const uint32_t *start_of;
    size_t npers;
    uint32_t n_names;
    size_t chunk;
    uint32_t *ncount[64]; /* per worker, zero between persons */
} prec_job;

static void prec_chunk(void *arg, size_t c, int t)
{
    prec_job *J = arg;
    const sc_personstage_in *in = J->in;
    sc_personstage_out *out = J->out;
    if (!J->ncount[t]) J->ncount[t] = sc_xcalloc((size_t)J->n_names + 1, sizeof(uint32_t));
    uint32_t *ncount = J->ncount[t];
    size_t p0 = c * J->chunk, p1 = p0 + J->chunk < J->npers ? p0 + J->chunk : J->npers;
    for (size_t person = p0; person < p1; person++) {
        size_t start = J->start_of[person], k = J->start_of[person + 1];
        sc_m_person_rec *r = &out->people.v[person];
        r->first_auth = (uint32_t)start;
        r->n_auth = (uint32_t)(k - start);
        uint32_t last_paper = UINT32_MAX;
        for (size_t q = start; q < k; q++) {
            if (q + 4 < k) __builtin_prefetch(&in->auths[out->person_auths[q + 4]]);
            const sc_m_authorship *a = &in->auths[out->person_auths[q]];
            ncount[a->name]++;
            uint16_t y = in->papers[a->paper].year;
            if (y && (!r->first_year || y < r->first_year)) r->first_year = y;
            if (y > r->last_year) r->last_year = y;
            if (a->paper != last_paper) r->n_papers++; /* a paper's authorships are adjacent */
            last_paper = a->paper;
        }
        uint32_t best = UINT32_MAX, best_n = 0;
        for (size_t q = start; q < k; q++) {
            uint32_t nm = in->auths[out->person_auths[q]].name, cn = ncount[nm];
            if (cn > best_n || (cn == best_n && nm < best)) best_n = cn, best = nm;
        }
        for (size_t q = start; q < k; q++) ncount[in->auths[out->person_auths[q]].name] = 0;
        r->name = best;
    }
}

/* What the second step needs of the first: the person input (keys are
 * made from it) and the result. */
struct sc_personstage_job {
    const sc_personstage_in *in;
    sc_personstage_out *out;
    ctx c;
    sc_person_input pin; /* its paper and year arrays are kept for the keys */
    uint32_t *paper;
    uint16_t *year;
    sc_person_result pr;
};

int sc_personstage_start(const sc_personstage_in *in, sc_personstage_out *out, sc_personstage_job **job,
                         sc_error *err)
{
    *job = NULL;
    memset(out, 0, sizeof *out);
    size_t na = in->n_auths, np = in->n_papers;
    uint32_t *paper = sc_xmalloc(sizeof *paper * (na ? na : 1));
    uint32_t *name = sc_xmalloc(sizeof *name * (na ? na : 1));
    /* ids of a kind: made on its first id (zeros before it, from calloc);
     * a kind nobody has stays NULL, which the resolver reads as no ids and
     * then keeps no per-authorship hashes for (12 bytes an authorship a
     * kind: 0.3 GB a kind at 25 M authorships) */
    uint32_t *ext[4] = {NULL, NULL, NULL, NULL};
    for (size_t i = 0; i < na; i++) {
        const sc_m_authorship *a = &in->auths[i];
        paper[i] = a->paper;
        name[i] = a->name;
        const sc_m_ext_ids *x = &in->ext[a->ext];
        uint32_t v[4] = {x->openreview, x->orcid, x->dblp, x->openalex};
#ifdef PERSON_NO_EXT
        /* eval/people_ids.py: the resolver without the external ids, which
         * are then the truth it is scored against */
        v[0] = v[1] = v[2] = v[3] = 0;
#endif
        for (int k = 0; k < 4; k++) {
            if (v[k] && !ext[k]) ext[k] = sc_xcalloc(na, sizeof(uint32_t));
            if (ext[k]) ext[k][i] = v[k];
        }
    }
    uint32_t *first = sc_xmalloc(sizeof *first * (np ? np : 1));
    uint16_t *nauth = sc_xmalloc(sizeof *nauth * (np ? np : 1));
    uint16_t *year = sc_xmalloc(sizeof *year * (np ? np : 1));
    for (size_t p = 0; p < np; p++) {
        first[p] = in->papers[p].first_authorship;
        nauth[p] = in->papers[p].n_authors;
        year[p] = in->papers[p].year;
    }
    sc_personstage_job *J = sc_xcalloc(1, sizeof *J);
    J->in = in;
    J->out = out;
    J->c = (ctx){in, {ext[0], ext[1], ext[2], ext[3]}};
    J->pin = (sc_person_input){na, np, paper, name, in->auth_org, {ext[0], ext[1], ext[2], ext[3]},
                               first, nauth, year, in->titles, name_str, ext_str, anchor, &J->c, in->threads,
                               in->auth_org_wait ? org_wait : NULL, 1, anchor_prefetch, ext_done};
    J->paper = paper;
    J->year = year;
    int rc = sc_persons_resolve(&J->pin, &J->pr, err);
    free(name);
    ext_done(&J->c); /* if the resolver returned before it was done with them */
    free(first);
    free(nauth);
    J->pin.name = NULL;
    J->pin.first_auth = NULL;
    J->pin.n_auth_of = NULL;
    for (int k = 0; k < 4; k++) J->pin.ext[k] = NULL;
    if (rc) {
        free(paper);
        free(year);
        sc_person_result_free(&J->pr);
        free(J);
        return rc;
    }
    J->pin.org_wait = NULL; /* answered during resolve */
    sc_person_result pr = J->pr;

    /* per-person records */
    out->auth_person = pr.person_of;
    size_t npers = pr.n_persons;
    sc_vec_grow(&out->people, npers);
    out->people.n = npers;
    memset(out->people.v, 0, sizeof *out->people.v * npers);
    /* authorships grouped by person, each group by (year, authorship id):
     * a counting sort by year, then a stable one by person */
    out->person_auths = sc_xmalloc(sizeof(uint32_t) * (na ? na : 1));
    uint32_t *start_of;
    {
        uint32_t ycnt[65537];
        memset(ycnt, 0, sizeof ycnt);
        for (size_t i = 0; i < na; i++) ycnt[in->papers[in->auths[i].paper].year + 1]++;
        for (size_t y = 0; y < 65536; y++) ycnt[y + 1] += ycnt[y];
        uint32_t *by_year = sc_xmalloc(sizeof(uint32_t) * (na ? na : 1));
        for (size_t i = 0; i < na; i++) by_year[ycnt[in->papers[in->auths[i].paper].year]++] = (uint32_t)i;
        start_of = sc_xcalloc(npers + 2, sizeof *start_of);
        for (size_t i = 0; i < na; i++) start_of[out->auth_person[i] + 2]++;
        for (size_t p = 0; p < npers; p++) start_of[p + 2] += start_of[p + 1];
        for (size_t j = 0; j < na; j++) {
            uint32_t i = by_year[j];
            out->person_auths[start_of[out->auth_person[i] + 1]++] = i;
        }
        /* start_of[p] .. start_of[p + 1]: person p's authorships */
        free(by_year);
    }
    /* per person, on all threads: papers, years, the name used most (ties:
     * the smallest name id) */
    uint32_t n_names = (uint32_t)in->str[SC_STR_NAME].off.n;
    prec_job PJ = {in, out, start_of, npers, n_names, 4096, {0}};
    pc_run_par(in->threads < 1 ? 1 : in->threads > 64 ? 64 : in->threads,
               (npers + PJ.chunk - 1) / PJ.chunk, prec_chunk, &PJ);
    for (int t = 0; t < 64; t++) free(PJ.ncount[t]);
    free(start_of);
    *job = J;
    return SC_OK;
}

/* The text of a name's key ("" when it is no name). */
static const char *key_text(const sc_person_result *pr, uint32_t name)
{
    return pr->name_key_at && pr->name_key_at[name] != UINT32_MAX ? pr->name_keys + pr->name_key_at[name] : "";
}

/* The hashes the interning below will need, on all threads: per person,
 * of its key and of its name's key. */
typedef struct {
    const sc_person_result *pr;
    const sc_m_person_rec *people;
    uint64_t *hkey, *hname;
    size_t n;
} khash_job;

static void khash_chunk(void *arg, size_t c, int t)
{
    khash_job *K = arg;
    (void)t;
    size_t p0 = c * 8192, p1 = p0 + 8192 < K->n ? p0 + 8192 : K->n;
    for (size_t p = p0; p < p1; p++) {
        const char *nk = key_text(K->pr, K->people[p].name);
        K->hkey[p] = sc_hash(K->pr->keys[p], strlen(K->pr->keys[p]));
        K->hname[p] = sc_hash(nk, strlen(nk));
    }
}

/* The people's keys, made and interned into the ID table with the key of
 * their name, in person order (the order gives the ids). The interning is
 * serial and a cache miss a string: the hashes are made beforehand on all
 * threads, and the slots prefetched a few people ahead. */
static void finish_keys(sc_personstage_job *J)
{
    const sc_personstage_in *in = J->in;
    sc_personstage_out *out = J->out;
    sc_persons_keys(&J->pin, &J->pr); /* reads person_of, which out->auth_person also holds */
    const sc_person_result *pr = &J->pr;
    size_t npers = pr->n_persons;
    uint32_t n_names = (uint32_t)in->str[SC_STR_NAME].off.n;
    sc_strtab *ids = &in->str[SC_STR_ID];
    /* room for every key at once: no rehash while interning */
    sc_strtab_reserve(ids, 2 * npers);
    khash_job K = {pr, out->people.v, sc_xmalloc((npers + 1) * sizeof(uint64_t)),
                   sc_xmalloc((npers + 1) * sizeof(uint64_t)), npers};
    pc_run_par(in->threads < 1 ? 1 : in->threads > 64 ? 64 : in->threads, (npers + 8191) / 8192, khash_chunk, &K);
    /* keys of a name are made once */
    uint32_t *nkey = sc_xmalloc(((size_t)n_names + 1) * sizeof *nkey);
    memset(nkey, 0xFF, ((size_t)n_names + 1) * sizeof *nkey);
    enum { AHEAD = 8 };
    for (size_t person = 0; person < npers; person++) {
        if (person + AHEAD < npers) {
            sc_strtab_prefetch(ids, K.hkey[person + AHEAD], 0);
            sc_strtab_prefetch(ids, K.hname[person + AHEAD], 0);
        }
        sc_m_person_rec *r = &out->people.v[person];
        uint32_t best = r->name;
        if (nkey[best] == UINT32_MAX) {
            const char *key = key_text(pr, best);
            nkey[best] = sc_strtab_intern(ids, key, strlen(key), K.hname[person]); /* "" is id 0 */
        }
        r->name_key = nkey[best];
        r->key = sc_strtab_intern(ids, pr->keys[person], strlen(pr->keys[person]), K.hkey[person]);
    }
    free(nkey);
    free(K.hkey);
    free(K.hname);
}

/* People by (name key, person id): the distinct names sorted by the text
 * of their keys, ranks shared by equal texts, then a counting sort of
 * people by rank. Reads only the names and their key texts, so it runs
 * beside finish_keys. */
static void finish_by_key(sc_personstage_job *J)
{
    const sc_personstage_in *in = J->in;
    sc_personstage_out *out = J->out;
    const sc_person_result *pr = &J->pr;
    size_t npers = pr->n_persons;
    out->by_key = sc_xmalloc(sizeof(uint32_t) * (npers ? npers : 1));
    if (!npers) return;
    uint32_t n_names = (uint32_t)in->str[SC_STR_NAME].off.n;
    uint32_t *rank = sc_xmalloc(((size_t)n_names + 1) * sizeof *rank);
    memset(rank, 0xFF, ((size_t)n_names + 1) * sizeof *rank);
    kent *ks = sc_xmalloc(npers * sizeof *ks);
    size_t nk = 0;
    for (size_t p = 0; p < npers; p++) {
        uint32_t name = out->people.v[p].name;
        if (rank[name] != UINT32_MAX) continue;
        rank[name] = 0;
        const char *t = key_text(pr, name);
        uint64_t pre = 0;
        for (int j = 0, end = 0; j < 8; j++) {
            unsigned char ch = end ? 0 : (unsigned char)t[j];
            if (!ch) end = 1;
            pre = pre << 8 | ch;
        }
        ks[nk++] = (kent){pre, name, t};
    }
    qsort(ks, nk, sizeof *ks, kent_cmp);
    uint32_t nr = 0;
    for (size_t i = 0; i < nk; i++) {
        if (i && (ks[i].pre != ks[i - 1].pre || strcmp(ks[i].s, ks[i - 1].s) != 0)) nr++;
        rank[ks[i].id] = nr;
    }
    uint32_t *kstart = sc_xcalloc((size_t)nr + 2, sizeof *kstart);
    for (size_t p = 0; p < npers; p++) kstart[rank[out->people.v[p].name] + 1]++;
    for (uint32_t i = 0; i <= nr; i++) kstart[i + 1] += kstart[i];
    for (size_t p = 0; p < npers; p++) out->by_key[kstart[rank[out->people.v[p].name]]++] = (uint32_t)p;
    free(kstart);
    free(ks);
    free(rank);
}

static void finish_part(void *job, size_t i, int t)
{
    (void)t;
    if (i == 0) finish_keys(job);
    else finish_by_key(job);
}

void sc_personstage_finish(sc_personstage_job *J)
{
    pc_run_par(J->in->threads > 1 ? 2 : 1, 2, finish_part, J);
    J->pr.person_of = NULL; /* out->auth_person's */
    free(J->paper);
    free(J->year);
    sc_person_result_free(&J->pr);
    free(J);
}

static int stage_once(const sc_personstage_in *in, sc_personstage_out *out, sc_error *err)
{
    sc_personstage_job *J;
    int rc = sc_personstage_start(in, out, &J, err);
    if (rc == SC_OK) sc_personstage_finish(J);
    return rc;
}

/* With -DPERSON_BENCH, PERSON_BENCH=N in the environment runs the stage N
 * times and prints each run's time (the last run's output is kept). */
int sc_personstage_run(const sc_personstage_in *in, sc_personstage_out *out, sc_error *err)
{
#ifdef PERSON_BENCH
    const char *rep = getenv("PERSON_BENCH");
    int n = rep ? atoi(rep) : 0;
    for (int i = 0; i < n; i++) {
        double t0 = sc_now();
        int rc = stage_once(in, out, err);
        fprintf(stderr, "person stage: %.4f s\n", sc_now() - t0);
        if (rc) return rc;
        sc_personstage_free(out);
    }
#endif
    return stage_once(in, out, err);
}

void sc_personstage_free(sc_personstage_out *out)
{
    sc_vec_free(&out->people);
    free(out->auth_person);
    free(out->person_auths);
    free(out->by_key);
    memset(out, 0, sizeof *out);
}
