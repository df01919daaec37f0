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

typedef struct {
    const sc_personstage_in *in;
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

static const sc_personstage_in *g_in; /* for qsort comparators */
static const uint32_t *g_ap;
static const sc_strtab *g_ids;
static const sc_m_person_rec *g_people;

static int cmp_auth(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (g_ap[x] != g_ap[y]) return g_ap[x] < g_ap[y] ? -1 : 1;
    uint16_t yx = g_in->papers[g_in->auths[x].paper].year, yy = g_in->papers[g_in->auths[y].paper].year;
    if (yx != yy) return yx < yy ? -1 : 1;
    return x < y ? -1 : x > y;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_key(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int c = strcmp(sc_strtab_get(g_ids, g_people[x].name_key), sc_strtab_get(g_ids, g_people[y].name_key));
    if (c) return c;
    return x < y ? -1 : x > y;
}

static int stage_once(const sc_personstage_in *in, sc_personstage_out *out, sc_error *err)
{
    memset(out, 0, sizeof *out);
    size_t na = in->n_auths, np = in->n_papers;
    uint32_t *paper = sc_xmalloc(sizeof *paper * (na ? na : 1));
    uint32_t *name = sc_xmalloc(sizeof *name * (na ? na : 1));
    uint32_t *ext[4];
    for (int k = 0; k < 4; k++) ext[k] = sc_xmalloc(sizeof(uint32_t) * (na ? na : 1));
    for (size_t i = 0; i < na; i++) {
        const sc_m_authorship *a = &in->auths[i];
        paper[i] = a->paper;
        name[i] = a->name;
        ext[0][i] = a->openreview;
        ext[1][i] = a->orcid;
        ext[2][i] = a->dblp;
        ext[3][i] = a->openalex;
    }
    uint32_t *first = sc_xmalloc(sizeof *first * (np ? np : 1));
    uint16_t *nauth = sc_xmalloc(sizeof *nauth * (np ? np : 1));
    uint16_t *year = sc_xmalloc(sizeof *year * (np ? np : 1));
    for (size_t p = 0; p < np; p++) {
        first[p] = in->papers[p].first_authorship;
        nauth[p] = in->papers[p].n_authors;
        year[p] = in->papers[p].year;
    }
    ctx c = {in};
    sc_person_input pin = {na, np, paper, name, in->auth_org, {ext[0], ext[1], ext[2], ext[3]},
                           first, nauth, year, in->titles, name_str, ext_str, anchor, &c, in->threads};
    sc_person_result pr;
    memset(&pr, 0, sizeof pr);
    int rc = sc_persons_resolve(&pin, &pr, err);
    free(paper);
    free(name);
    for (int k = 0; k < 4; k++) free(ext[k]);
    free(first);
    free(nauth);
    free(year);
    if (rc) return rc;

    /* per-person records */
    out->auth_person = pr.person_of;
    pr.person_of = NULL;
    sc_vec_grow(&out->people, pr.n_persons);
    out->people.n = pr.n_persons;
    memset(out->people.v, 0, sizeof *out->people.v * pr.n_persons);
    /* authorships grouped by person (a counting sort: persons are dense),
     * then each group ordered by (year, authorship id) */
    out->person_auths = sc_xmalloc(sizeof(uint32_t) * (na ? na : 1));
    uint32_t *start_of = sc_xcalloc(pr.n_persons + 1, sizeof *start_of);
    for (size_t i = 0; i < na; i++) start_of[out->auth_person[i] + 1]++;
    for (size_t p = 0; p < pr.n_persons; p++) start_of[p + 1] += start_of[p];
    for (size_t i = 0; i < na; i++) out->person_auths[start_of[out->auth_person[i]]++] = (uint32_t)i;
    g_in = in;
    g_ap = out->auth_person;
    for (size_t p = 0, from = 0; p < pr.n_persons; p++) { /* start_of[p] is now p's end */
        size_t to = start_of[p], n = to - from;
        uint32_t *g = out->person_auths + from;
        if (n > 16) {
            qsort(g, n, sizeof *g, cmp_auth);
        } else {
            for (size_t x = 1; x < n; x++) { /* small groups: insertion sort */
                uint32_t v = g[x];
                size_t y = x;
                while (y > 0 && cmp_auth(&g[y - 1], &v) > 0) g[y] = g[y - 1], y--;
                g[y] = v;
            }
        }
        from = to;
    }
    free(start_of);
    SC_VEC(uint32_t) names = {0};
    for (size_t start = 0; start < na;) {
        uint32_t person = out->auth_person[out->person_auths[start]];
        size_t k = start + 1;
        while (k < na && out->auth_person[out->person_auths[k]] == person) k++;
        sc_m_person_rec *r = &out->people.v[person];
        r->first_auth = (uint32_t)start;
        r->n_auth = (uint32_t)(k - start);
        names.n = 0;
        uint32_t last_paper = UINT32_MAX;
        for (size_t q = start; q < k; q++) {
            const sc_m_authorship *a = &in->auths[out->person_auths[q]];
            sc_vec_push(&names, a->name);
            uint16_t y = in->papers[a->paper].year;
            if (y && (!r->first_year || y < r->first_year)) r->first_year = y;
            if (y > r->last_year) r->last_year = y;
            if (a->paper != last_paper) r->n_papers++; /* a paper's authorships are adjacent */
            last_paper = a->paper;
        }
        /* the name used most; ties go to the smallest name id */
        qsort(names.v, names.n, sizeof *names.v, cmp_u32);
        uint32_t best = names.v[0];
        size_t best_n = 0;
        for (size_t q = 0; q < names.n;) {
            size_t z = q;
            while (z < names.n && names.v[z] == names.v[q]) z++;
            if (z - q > best_n) best_n = z - q, best = names.v[q];
            q = z;
        }
        r->name = best;
        const char *nm = sc_strtab_get(&in->str[SC_STR_NAME], best);
        char key[256];
        size_t kl = sc_name_key(nm, strlen(nm), key, sizeof key);
        r->name_key = sc_strtab_add(&in->str[SC_STR_ID], key, kl);
        r->key = sc_strtab_add(&in->str[SC_STR_ID], pr.keys[person], strlen(pr.keys[person]));
        start = k;
    }
    sc_vec_free(&names);
    out->by_key = sc_xmalloc(sizeof(uint32_t) * (pr.n_persons ? pr.n_persons : 1));
    for (size_t i = 0; i < pr.n_persons; i++) out->by_key[i] = (uint32_t)i;
    g_ids = &in->str[SC_STR_ID];
    g_people = out->people.v;
    if (pr.n_persons) qsort(out->by_key, pr.n_persons, sizeof(uint32_t), cmp_key);
    sc_person_result_free(&pr);
    return SC_OK;
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
