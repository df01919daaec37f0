/*
 * careers.c — scout.h's career queries: stints, moves, flows, the
 * organisation view and the conference view, read from the snapshot's
 * career tables (career/career.h) and indexes.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/world_int.h"
#include "career/career.h"

static const char *org_type_name(const sc_m_org *o)
{
    return o->origin == 2 ? "cluster" : sc_org_type_label(o->type);
}

size_t sc_world_move_count(const sc_world *w) { return w->n_moves; }
size_t sc_world_stint_count(const sc_world *w) { return w->n_stints; }

size_t sc_world_person_stints(const sc_world *w, uint32_t person, sc_stint_row *out, size_t max)
{
    if (person >= w->n_people) return 0;
    uint32_t lo = w->person_stint_off[person], hi = w->person_stint_off[person + 1];
    size_t k = 0;
    for (uint32_t i = lo; i < hi && i < w->n_stints; i++, k++) {
        if (k >= max) continue;
        const sc_m_stint *s = &w->stints[i];
        const sc_m_org *o = s->org < w->n_orgs ? &w->orgs[s->org] : &w->orgs[0];
        out[k] = (sc_stint_row){s->org, S(w, SC_STR_LABEL, o->key), S(w, SC_STR_LABEL, o->name),
                                org_type_name(o), S(w, SC_STR_LABEL, o->country), s->first_year,
                                s->last_year, s->papers};
    }
    return k;
}

static void add_evidence(const sc_world *w, sc_move_row *r, int side, uint32_t a)
{
    if (a >= w->n_auths || r->n_evidence >= 4) return;
    const sc_m_authorship *au = &w->auths[a];
    if (au->paper >= w->n_papers) return;
    const sc_m_paper *p = &w->papers[au->paper];
    r->evidence[r->n_evidence++] = (sc_evidence){side, au->paper, p->year, S(w, SC_STR_LABEL, p->venue),
                                                 S(w, SC_STR_TEXT, p->title), S(w, SC_STR_AFF, au->affiliation),
                                                 S(w, SC_STR_DOMAIN, au->domain)};
}


/* People the mover wrote with both in the old stint's years and in the new
 * stint's (counted at query time, for the moves shown). The old side's
 * co-authors go into a small open-addressing set, the new side's are looked
 * up in it; each one found counts once. (Sorting both sides with qsort was
 * a quarter of `moves --org google`'s time.) */
static unsigned shared_coauthors(const sc_world *w, const sc_m_move *m)
{
    if (m->person >= w->n_people || (uint64_t)m->from_stint + 1 >= w->n_stints) return 0;
    const sc_m_stint *a = &w->stints[m->from_stint], *b = &w->stints[m->from_stint + 1];
    const sc_m_person_rec *p = &w->people[m->person];
    /* upper bound of the old side's co-authorships: the table's size */
    size_t n0 = 0;
    for (uint32_t k = 0; k < p->n_auth && (uint64_t)p->first_auth + k < w->n_person_auths; k++) {
        uint32_t au = w->person_auths[p->first_auth + k];
        if (au >= w->n_auths || w->auths[au].paper >= w->n_papers) continue;
        const sc_m_paper *pp = &w->papers[w->auths[au].paper];
        if (pp->year >= a->first_year && pp->year <= a->last_year) n0 += pp->n_authors;
    }
    if (!n0) return 0;
    size_t cap = 16;
    while (cap < 2 * n0) cap <<= 1;
    uint32_t stack[512], *set = cap <= 512 ? stack : sc_xmalloc(cap * sizeof *set);
    memset(set, 0xFF, cap * sizeof *set); /* UINT32_MAX: empty */
    unsigned shared = 0;
    for (int side = 0; side < 2; side++)
        for (uint32_t k = 0; k < p->n_auth && (uint64_t)p->first_auth + k < w->n_person_auths; k++) {
            uint32_t au = w->person_auths[p->first_auth + k];
            if (au >= w->n_auths || w->auths[au].paper >= w->n_papers) continue;
            const sc_m_paper *pp = &w->papers[w->auths[au].paper];
            const sc_m_stint *st = side == 0 ? a : b;
            if (pp->year < st->first_year || pp->year > st->last_year) continue;
            for (uint32_t z = 0; z < pp->n_authors && (uint64_t)pp->first_authorship + z < w->n_auths; z++) {
                uint32_t q = w->auth_person[pp->first_authorship + z];
                if (q == m->person || q >= UINT32_MAX - 1) continue;
                size_t h = ((size_t)q * 0x9E3779B1u) & (cap - 1);
                while (set[h] != UINT32_MAX && set[h] != q) h = (h + 1) & (cap - 1);
                if (side == 0) {
                    set[h] = q;
                } else if (set[h] == q) {
                    shared++;
                    set[h] = UINT32_MAX - 1; /* counted: a tombstone that keeps the probe chain */
                }
            }
        }
    if (set != stack) free(set);
    return shared;
}

static void fill_move(const sc_world *w, uint32_t i, sc_move_row *r)
{
    const sc_m_move *m = &w->moves[i];
    memset(r, 0, sizeof *r);
    r->index = i;
    r->person = m->person;
    const sc_m_person_rec *p = m->person < w->n_people ? &w->people[m->person] : NULL;
    r->person_key = p ? S(w, SC_STR_ID, p->key) : "";
    r->person_name = p ? S(w, SC_STR_NAME, p->name) : "";
    const sc_m_org *f = &w->orgs[m->from_org < w->n_orgs ? m->from_org : 0];
    const sc_m_org *t = &w->orgs[m->to_org < w->n_orgs ? m->to_org : 0];
    r->from = m->from_org;
    r->to = m->to_org;
    r->from_id = S(w, SC_STR_LABEL, f->key);
    r->from_name = S(w, SC_STR_LABEL, f->name);
    r->from_type = org_type_name(f);
    r->from_country = S(w, SC_STR_LABEL, f->country);
    r->to_id = S(w, SC_STR_LABEL, t->key);
    r->to_name = S(w, SC_STR_LABEL, t->name);
    r->to_type = org_type_name(t);
    r->to_country = S(w, SC_STR_LABEL, t->country);
    r->year = m->year;
    r->last_old_year = m->last_old;
    r->first_new_year = m->first_new;
    r->confidence = m->confidence / 100.0;
    r->kind = sc_move_kind_name(m->kind);
    r->first_job = (m->flags & SC_MOVE_FIRST_JOB) != 0;
    r->shared_coauthors = shared_coauthors(w, m);
    for (int k = 1; k >= 0; k--) /* oldest first */
        if (m->ev_old[k] != UINT32_MAX) add_evidence(w, r, 0, m->ev_old[k]);
    for (int k = 0; k < 2; k++)
        if (m->ev_new[k] != UINT32_MAX) add_evidence(w, r, 1, m->ev_new[k]);
}

static int move_ok(const sc_world *w, const sc_move_query *q, uint32_t i)
{
    const sc_m_move *m = &w->moves[i];
    if (q->org && m->from_org != q->org && m->to_org != q->org) return 0;
    if (q->from && m->from_org != q->from) return 0;
    if (q->to && m->to_org != q->to) return 0;
    if (q->since && m->year < q->since) return 0;
    if (q->until && m->year > q->until) return 0;
    if (q->kind >= 0 && m->kind != q->kind) return 0;
    if (m->confidence < q->min_confidence * 100.0 - 1e-9) return 0;
    return 1;
}

static const sc_world *g_w; /* for the comparator */

static int cmp_move(const void *a, const void *b)
{
    const sc_m_move *x = &g_w->moves[*(const uint32_t *)a], *y = &g_w->moves[*(const uint32_t *)b];
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    if (x->person != y->person) {
        const char *kx = x->person < g_w->n_people ? S(g_w, SC_STR_ID, g_w->people[x->person].key) : "";
        const char *ky = y->person < g_w->n_people ? S(g_w, SC_STR_ID, g_w->people[y->person].key) : "";
        int c = strcmp(kx, ky);
        if (c) return c;
    }
    uint32_t u = *(const uint32_t *)a, v = *(const uint32_t *)b;
    return u < v ? -1 : u > v;
}

size_t sc_world_moves(const sc_world *w, const sc_move_query *q,
                      int (*fn)(void *ctx, const sc_move_row *m), void *ctx)
{
    SC_VEC(uint32_t) ids = {0};
    /* the narrowest index that answers */
    uint32_t org = q->from ? q->from : q->to ? q->to : q->org;
    if (q->persons) {
        for (size_t k = 0; k < q->n_persons; k++) {
            uint32_t p = q->persons[k];
            if (p >= w->n_people) continue;
            for (uint32_t i = w->person_move_off[p]; i < w->person_move_off[p + 1]; i++)
                if (move_ok(w, q, i)) sc_vec_push(&ids, i);
        }
    } else if (org && org < w->n_orgs) {
        int use_from = q->from || (!q->to && q->org);
        for (int pass = 0; pass < 2; pass++) {
            int from_side = pass == 0 ? use_from : !use_from;
            if (pass == 1 && (q->from || q->to || !q->org)) break;
            const uint32_t *idx = from_side ? w->moves_from : w->moves_to;
            const uint32_t *off = from_side ? w->org_from_off : w->org_to_off;
            for (uint32_t k = off[org]; k < off[org + 1]; k++) {
                uint32_t i = idx[k];
                if (i >= w->n_moves || !move_ok(w, q, i)) continue;
                /* --org: a move from and to the same org cannot exist, so no duplicates */
                sc_vec_push(&ids, i);
            }
        }
    } else if (!org) {
        for (uint32_t i = 0; i < w->n_moves; i++)
            if (move_ok(w, q, i)) sc_vec_push(&ids, i);
    }
    g_w = w;
    if (fn && ids.n > 1) qsort(ids.v, ids.n, sizeof *ids.v, cmp_move); /* counting needs no order */
    size_t n = 0;
    sc_move_row r;
    if (!fn) n = q->limit && ids.n > q->limit ? q->limit : ids.n;
    for (size_t k = 0; fn && k < ids.n && (!q->limit || n < q->limit); k++) {
        fill_move(w, ids.v[k], &r);
        n++;
        if (fn && fn(ctx, &r)) break;
    }
    sc_vec_free(&ids);
    return n;
}

/* ---- organisations by name ---- */

size_t sc_world_find_org(const sc_world *w, const char *q, uint32_t *out, size_t max)
{
    size_t k = 0;
    for (uint64_t i = 1; i < w->n_orgs; i++)
        if (!strcmp(S(w, SC_STR_LABEL, w->orgs[i].key), q)) {
            if (max) out[0] = (uint32_t)i;
            return 1;
        }
    for (uint64_t i = 1; i < w->n_orgs; i++)
        if (!strcasecmp(S(w, SC_STR_LABEL, w->orgs[i].name), q)) {
            if (k < max) out[k] = (uint32_t)i;
            k++;
        }
    if (k) return k;
    /* an affiliation string of the world, written exactly so (any case):
     * "Google Brain" is credited to Google by the build's resolution */
    const strview *aff = &w->str[SC_STR_AFF];
    for (uint64_t i = 1; i < aff->count && i < w->n_aff_org; i++) {
        const sc_m_aff_org *ao = &w->aff_org[i];
        if (!ao->org || ao->org >= w->n_orgs || ao->org2) continue;
        if (!strcasecmp(aff->bytes + aff->off[i], q)) {
            if (max) out[0] = ao->org;
            return 1;
        }
    }
    return 0;
}

static int word_in(const char *hay, const char *word, size_t n)
{
    for (const char *p = hay; *p; p++)
        if (!strncasecmp(p, word, n)) return 1;
    return 0;
}

/* Edit distance (with transpositions) of two short strings, ASCII case folded */
static int edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
    if (na > 60 || nb > 60) return 99;
    int d[61][61];
    for (size_t i = 0; i <= na; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= nb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            int c = (a[i - 1] | 32) == (b[j - 1] | 32) ? 0 : 1;
            int x = d[i - 1][j] + 1, y = d[i][j - 1] + 1, z = d[i - 1][j - 1] + c;
            d[i][j] = x < y ? (x < z ? x : z) : (y < z ? y : z);
            if (i > 1 && j > 1 && (a[i - 1] | 32) == (b[j - 2] | 32) && (a[i - 2] | 32) == (b[j - 1] | 32) &&
                d[i - 2][j - 2] + 1 < d[i][j])
                d[i][j] = d[i - 2][j - 2] + 1; /* a transposition */
        }
    return d[na][nb];
}

/* a word of hay within one edit (two for words of 8+ letters) of word */
static int near_word(const char *hay, const char *word, size_t n)
{
    int allow = n >= 8 ? 2 : 1;
    for (const char *p = hay; *p;) {
        while (*p == ' ' || *p == ',' || *p == '-' || *p == '(' || *p == ')') p++;
        size_t m = strcspn(p, " ,-()");
        if (!m) break;
        if ((m > n ? m - n : n - m) <= (size_t)allow && edit_distance(p, m, word, n) <= allow) return 1;
        p += m;
    }
    return 0;
}

typedef struct {
    uint32_t org, score;
} scored;

static int cmp_scored(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    const sc_m_org *ox = &g_w->orgs[x->org], *oy = &g_w->orgs[y->org];
    if (ox->authorships != oy->authorships) return ox->authorships > oy->authorships ? -1 : 1;
    return x->org < y->org ? -1 : x->org > y->org;
}

/* Organisations sharing words (3+ letters) with the query: most shared
 * words first, then most authorships. */
size_t sc_world_suggest_orgs(const sc_world *w, const char *q, uint32_t *out, size_t max)
{
    SC_VEC(scored) hits = {0};
    for (uint64_t i = 1; i < w->n_orgs; i++) {
        const char *name = S(w, SC_STR_LABEL, w->orgs[i].name);
        const char *key = S(w, SC_STR_LABEL, w->orgs[i].key);
        uint32_t score = 0;
        for (const char *p = q; *p;) {
            while (*p == ' ' || *p == ',' || *p == '-') p++;
            size_t n = strcspn(p, " ,-");
            if (!n) break;
            if (n >= 3 && (word_in(name, p, n) || word_in(key, p, n))) score += 2;
            else if (n >= 4 && near_word(name, p, n)) score += 1; /* a typo */
            p += n;
        }
        if (score) sc_vec_push(&hits, ((scored){(uint32_t)i, score}));
    }
    g_w = w;
    if (hits.n > 1) qsort(hits.v, hits.n, sizeof *hits.v, cmp_scored);
    size_t k = 0;
    for (; k < hits.n && k < max; k++) out[k] = hits.v[k].org;
    sc_vec_free(&hits);
    return k;
}

typedef struct {
    uint32_t person;
    int dist;
} near_person;

static int cmp_near(const void *a, const void *b)
{
    const near_person *x = a, *y = b;
    if (x->dist != y->dist) return x->dist < y->dist ? -1 : 1;
    const sc_m_person_rec *px = &g_w->people[x->person], *py = &g_w->people[y->person];
    if (px->n_papers != py->n_papers) return px->n_papers > py->n_papers ? -1 : 1;
    return x->person < y->person ? -1 : x->person > y->person;
}

/* People whose usual name is within a few edits of the query (a typo, a
 * missing accent): the closest first, then the most papers. */
size_t sc_world_suggest_people(const sc_world *w, const char *q, uint32_t *out, size_t max)
{
    size_t nq = strlen(q);
    if (!nq || nq > 60) return 0;
    int allow = nq >= 12 ? 3 : nq >= 6 ? 2 : 1;
    SC_VEC(near_person) hits = {0};
    for (uint64_t i = 0; i < w->n_people; i++) {
        const char *nm = S(w, SC_STR_NAME, w->people[i].name);
        size_t n = strlen(nm);
        if ((n > nq ? n - nq : nq - n) > (size_t)allow) continue;
        int d = edit_distance(nm, n, q, nq);
        if (d <= allow) sc_vec_push(&hits, ((near_person){(uint32_t)i, d}));
    }
    g_w = w;
    if (hits.n > 1) qsort(hits.v, hits.n, sizeof *hits.v, cmp_near);
    size_t k = 0;
    for (; k < hits.n && k < max; k++) out[k] = hits.v[k].person;
    sc_vec_free(&hits);
    return k;
}

/* ---- flows ---- */

static int type_ok(const sc_world *w, uint32_t org, const char *want)
{
    if (!want || !*want) return 1;
    const sc_m_org *o = &w->orgs[org];
    if (!strcasecmp(want, "industry") || !strcasecmp(want, "academia")) {
        int sec = sc_org_sector(o, S(w, SC_STR_LABEL, o->name));
        return sec == (!strcasecmp(want, "industry") ? 1 : 2);
    }
    return !strcasecmp(want, org_type_name(o));
}

typedef struct {
    uint32_t from, to;
    uint64_t n;
} pair_count;

static int cmp_flow(const void *a, const void *b)
{
    const pair_count *x = a, *y = b;
    if (x->n != y->n) return x->n > y->n ? -1 : 1;
    int c = strcmp(S(g_w, SC_STR_LABEL, g_w->orgs[x->from].name), S(g_w, SC_STR_LABEL, g_w->orgs[y->from].name));
    if (c) return c;
    c = strcmp(S(g_w, SC_STR_LABEL, g_w->orgs[x->to].name), S(g_w, SC_STR_LABEL, g_w->orgs[y->to].name));
    if (c) return c;
    if (x->from != y->from) return x->from < y->from ? -1 : 1;
    return x->to < y->to ? -1 : x->to > y->to;
}

static int flow_move_ok(const sc_world *w, const sc_flow_query *q, const sc_m_move *m, const int8_t *ok_from,
                        const int8_t *ok_to)
{
    if (m->to_org >= w->n_orgs) return 0;
    if (q->since && m->year < q->since) return 0;
    if (q->until && m->year > q->until) return 0;
    if (m->confidence < q->min_confidence * 100.0 - 1e-9) return 0;
    if (ok_from && !ok_from[m->from_org]) return 0;
    if (ok_to && !ok_to[m->to_org]) return 0;
    if (q->country && *q->country &&
        strcasecmp(S(w, SC_STR_LABEL, w->orgs[m->from_org].country), q->country) &&
        strcasecmp(S(w, SC_STR_LABEL, w->orgs[m->to_org].country), q->country))
        return 0;
    return 1;
}

static int8_t *type_mask(const sc_world *w, const char *want)
{
    if (!want || !*want) return NULL;
    int8_t *m = sc_xcalloc(w->n_orgs ? w->n_orgs : 1, 1);
    for (uint64_t o = 1; o < w->n_orgs; o++) m[o] = (int8_t)type_ok(w, (uint32_t)o, want);
    return m;
}

/* Pairs are counted per origin from the by-origin index (no sort of all
 * moves); only the pairs that can make the top `max` are ordered by names. */
size_t sc_world_flows(const sc_world *w, const sc_flow_query *q, sc_flow_row *out, size_t max)
{
    int8_t *ok_from = type_mask(w, q->from_type), *ok_to = type_mask(w, q->to_type);
    uint32_t *cnt = sc_xcalloc(w->n_orgs ? w->n_orgs : 1, sizeof *cnt);
    SC_VEC(uint32_t) touched = {0};
    SC_VEC(pair_count) pc = {0};
    uint64_t most = 0;
    for (uint64_t f = 1; f < w->n_orgs; f++) {
        if (ok_from && !ok_from[f]) continue;
        touched.n = 0;
        for (uint32_t k = w->org_from_off[f]; k < w->org_from_off[f + 1]; k++) {
            const sc_m_move *m = &w->moves[w->moves_from[k]];
            if (!flow_move_ok(w, q, m, NULL, ok_to)) continue;
            if (!cnt[m->to_org]++) sc_vec_push(&touched, m->to_org);
        }
        for (size_t i = 0; i < touched.n; i++) {
            uint32_t t = touched.v[i];
            sc_vec_push(&pc, ((pair_count){(uint32_t)f, t, cnt[t]}));
            if (cnt[t] > most) most = cnt[t];
            cnt[t] = 0;
        }
    }
    size_t n = pc.n, keep = n;
    if (max < n && max > 0) {
        /* the smallest count that still reaches the top max */
        uint64_t *hist = sc_xcalloc(most + 2, sizeof *hist);
        for (size_t i = 0; i < n; i++) hist[pc.v[i].n]++;
        uint64_t c = most, have = 0;
        while (c > 0 && have + hist[c] < max) have += hist[c--];
        free(hist);
        keep = 0;
        for (size_t i = 0; i < n; i++)
            if (pc.v[i].n >= c) pc.v[keep++] = pc.v[i];
    }
    g_w = w;
    if (keep > 1) qsort(pc.v, keep, sizeof *pc.v, cmp_flow);
    for (size_t i = 0; i < keep && i < max; i++) {
        uint32_t f = pc.v[i].from, t = pc.v[i].to;
        out[i] = (sc_flow_row){f, t, S(w, SC_STR_LABEL, w->orgs[f].key), S(w, SC_STR_LABEL, w->orgs[f].name),
                               S(w, SC_STR_LABEL, w->orgs[t].key), S(w, SC_STR_LABEL, w->orgs[t].name),
                               pc.v[i].n};
    }
    free(cnt);
    free(ok_from);
    free(ok_to);
    sc_vec_free(&touched);
    sc_vec_free(&pc);
    return n;
}

/* ---- the organisation view ---- */

size_t sc_world_org_years(const sc_world *w, uint32_t org, sc_org_year *out, size_t max)
{
    if (!org || org >= w->n_orgs) return 0;
    int y0 = w->meta->first_year, y1 = w->meta->last_year;
    if (!y0 || y1 < y0) return 0;
    size_t ny = (size_t)(y1 - y0 + 1);
    sc_org_year *t = calloc(ny, sizeof *t);
    if (!t) return 0;
    for (uint32_t k = w->org_stint_off[org]; k < w->org_stint_off[org + 1]; k++) {
        const sc_m_stint *s = &w->stints[w->org_stints[k]];
        for (int y = s->first_year; y <= s->last_year; y++)
            if (y >= y0 && y <= y1) t[y - y0].active++;
    }
    for (uint32_t k = w->org_to_off[org]; k < w->org_to_off[org + 1]; k++) {
        int y = w->moves[w->moves_to[k]].year;
        if (y >= y0 && y <= y1) t[y - y0].hires++;
    }
    for (uint32_t k = w->org_from_off[org]; k < w->org_from_off[org + 1]; k++) {
        int y = w->moves[w->moves_from[k]].year;
        if (y >= y0 && y <= y1) t[y - y0].departures++;
    }
    size_t n = 0;
    for (size_t i = 0; i < ny; i++) {
        if (!t[i].active && !t[i].hires && !t[i].departures) continue;
        if (n < max) {
            out[n] = t[i];
            out[n].year = y0 + (int)i;
            out[n].net = (int)t[i].hires - (int)t[i].departures;
            out[n].attrition = t[i].active ? (double)t[i].departures / t[i].active : 0.0;
        }
        n++;
    }
    free(t);
    return n < max ? n : max;
}

static int cmp_u32_asc(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_partner(const void *a, const void *b)
{
    const sc_org_partner *x = a, *y = b;
    if (x->moves != y->moves) return x->moves > y->moves ? -1 : 1;
    return x->org < y->org ? -1 : x->org > y->org;
}

size_t sc_world_org_partners(const sc_world *w, uint32_t org, int dir, int since, int until,
                             sc_org_partner *out, size_t max)
{
    if (!org || org >= w->n_orgs) return 0;
    const uint32_t *idx = dir ? w->moves_from : w->moves_to;
    const uint32_t *off = dir ? w->org_from_off : w->org_to_off;
    SC_VEC(uint32_t) other = {0};
    for (uint32_t k = off[org]; k < off[org + 1]; k++) {
        const sc_m_move *m = &w->moves[idx[k]];
        if ((since && m->year < since) || (until && m->year > until)) continue;
        sc_vec_push(&other, dir ? m->to_org : m->from_org);
    }
    SC_VEC(sc_org_partner) agg = {0};
    if (other.n) {
        qsort(other.v, other.n, sizeof *other.v, cmp_u32_asc);
        for (size_t i = 0; i < other.n; i++) {
            if (agg.n && agg.v[agg.n - 1].org == other.v[i]) agg.v[agg.n - 1].moves++;
            else sc_vec_push(&agg, ((sc_org_partner){other.v[i], NULL, NULL, 1}));
        }
        qsort(agg.v, agg.n, sizeof *agg.v, cmp_partner);
    }
    size_t n = 0;
    for (; n < agg.n && n < max; n++) {
        out[n] = agg.v[n];
        const sc_m_org *o = &w->orgs[out[n].org < w->n_orgs ? out[n].org : 0];
        out[n].id = S(w, SC_STR_LABEL, o->key);
        out[n].name = S(w, SC_STR_LABEL, o->name);
    }
    sc_vec_free(&other);
    sc_vec_free(&agg);
    return n;
}

/* ---- the conference view ---- */

void sc_world_venue_years(const sc_world *w, size_t i, int *first, int *last)
{
    *first = *last = 0;
    if (i >= w->n_venues) return;
    const sc_m_venue *v = &w->venues[i];
    /* paper order is (venue, year, id): the ends of the range */
    for (uint32_t k = 0; k < v->count && (uint64_t)v->first + k < w->n_order; k++) {
        uint32_t p = w->order[v->first + k];
        if (p < w->n_papers && w->papers[p].year) {
            *first = w->papers[p].year;
            break;
        }
    }
    if (v->count && (uint64_t)v->first + v->count - 1 < w->n_order) {
        uint32_t p = w->order[v->first + v->count - 1];
        if (p < w->n_papers) *last = w->papers[p].year;
    }
}

typedef struct { /* per org index, or per country label id */
    uint32_t papers, last_paper;
    double frac;
} tally;

static int cmp_tally(const void *a, const void *b)
{
    const sc_conf_row *x = a, *y = b;
    if (x->fractional != y->fractional) return x->fractional > y->fractional ? -1 : 1;
    if (x->papers != y->papers) return x->papers > y->papers ? -1 : 1;
    return strcmp(x->key, y->key);
}

static void credit(tally *t, uint32_t key, uint32_t paper, double share)
{
    tally *x = &t[key];
    x->frac += share;
    if (x->last_paper != paper + 1) {
        x->papers++;
        x->last_paper = paper + 1;
    }
}

int sc_world_conference(const sc_world *w, const char *venue, int year, sc_conference *out, sc_error *err)
{
    memset(out, 0, sizeof *out);
    const sc_m_venue *v = NULL;
    for (uint64_t i = 0; i < w->n_venues && !v; i++)
        if (!strcasecmp(S(w, SC_STR_LABEL, w->venues[i].name), venue)) v = &w->venues[i];
    if (!v) return sc_fail(err, SC_EUSAGE, "no venue '%s' in this world", venue);
    size_t nl = w->str[SC_STR_LABEL].count;
    tally *to = calloc(w->n_orgs ? w->n_orgs : 1, sizeof *to);
    tally *tc = calloc(nl ? nl : 1, sizeof *tc);
    if (!to || !tc) {
        free(to);
        free(tc);
        return sc_fail(err, SC_EINTERNAL, "out of memory");
    }
    uint32_t papers = 0, auths = 0;
    for (uint32_t k = 0; k < v->count && (uint64_t)v->first + k < w->n_order; k++) {
        uint32_t pid = w->order[v->first + k];
        if (pid >= w->n_papers) continue;
        const sc_m_paper *p = &w->papers[pid];
        if (p->year != year) continue;
        papers++;
        uint32_t na = p->n_authors;
        for (uint32_t z = 0; z < na; z++) {
            uint64_t a = (uint64_t)p->first_authorship + z;
            if (a >= w->n_auths) break;
            auths++;
            uint32_t o1 = w->auth_org[a];
            uint32_t o2 = o1 && w->auths[a].affiliation < w->n_aff_org ? w->aff_org[w->auths[a].affiliation].org2 : 0;
            if (o2 == o1 || o2 >= w->n_orgs) o2 = 0;
            if (o1 >= w->n_orgs) o1 = 0;
            double share = 1.0 / na / (o2 ? 2 : 1);
            credit(to, o1, pid, share);
            credit(tc, o1 ? w->orgs[o1].country : 0, pid, share);
            if (o2) {
                credit(to, o2, pid, share);
                credit(tc, w->orgs[o2].country, pid, share);
            }
        }
    }
    if (!papers) {
        free(to);
        free(tc);
        return sc_fail(err, SC_EUSAGE, "no papers of %s in %d in this world", S(w, SC_STR_LABEL, v->name), year);
    }
    out->venue = S(w, SC_STR_LABEL, v->name);
    out->year = year;
    out->papers = papers;
    out->authorships = auths;
    for (int pass = 0; pass < 2; pass++) {
        tally *t = pass ? tc : to;
        size_t n = pass ? nl : w->n_orgs, k = 0;
        for (size_t i = 0; i < n; i++) k += t[i].papers > 0;
        sc_conf_row *rows = calloc(k ? k : 1, sizeof *rows);
        k = 0;
        for (size_t i = 0; i < n && rows; i++) {
            if (!t[i].papers) continue;
            sc_conf_row *r = &rows[k++];
            if (pass) {
                r->key = S(w, SC_STR_LABEL, (uint32_t)i);
                r->name = r->key;
            } else {
                r->key = i ? S(w, SC_STR_LABEL, w->orgs[i].key) : "";
                r->name = i ? S(w, SC_STR_LABEL, w->orgs[i].name) : "";
            }
            r->papers = t[i].papers;
            r->fractional = t[i].frac;
            r->share = t[i].frac / papers;
        }
        if (rows) qsort(rows, k, sizeof *rows, cmp_tally);
        if (pass) out->countries = rows, out->n_countries = k;
        else out->orgs = rows, out->n_orgs = k;
    }
    free(to);
    free(tc);
    return SC_OK;
}

void sc_conference_free(sc_conference *c)
{
    free(c->orgs);
    free(c->countries);
    memset(c, 0, sizeof *c);
}
