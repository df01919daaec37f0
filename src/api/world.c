/*
 * world.c — scout.h's world calls: open a snapshot and answer queries from
 * the mapped tables without copying them.
 */
#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/world.h"
#include "resolve/normalize.h"
#include "resolve/person.h"
#include "store/snapshot.h"
#include "api/world_int.h"

#define SECTION(W, ID, PTR, COUNT)                                                                 \
    ((PTR) = sc_snapshot_section(&(W)->snap, ID, sizeof *(PTR), COUNT), (PTR) != NULL)

int sc_world_open(const char *path, sc_world **out, sc_error *err)
{
    sc_world *w = sc_xcalloc(1, sizeof *w);
    int rc = sc_snapshot_open(path, &w->snap, err);
    if (rc) {
        free(w);
        return rc;
    }
    uint64_t one = 0, np = 0;
    const sc_m_person *persons;
    int ok = SECTION(w, SC_SEC_META, w->meta, &one) && one == 1 &&
             SECTION(w, SC_SEC_PAPERS, w->papers, &w->n_papers) &&
             SECTION(w, SC_SEC_AUTHORSHIPS, w->auths, &w->n_auths) &&
             SECTION(w, SC_SEC_AUTH_EXT, w->ext, &w->n_ext) && w->n_ext >= 1 &&
             SECTION(w, SC_SEC_VENUES, w->venues, &w->n_venues) &&
             SECTION(w, SC_SEC_PAPER_ORDER, w->order, &w->n_order) &&
             SECTION(w, SC_SEC_SOURCES, w->sources, &w->n_sources) &&
             SECTION(w, SC_SEC_PERSONS, persons, &np) &&
             SECTION(w, SC_SEC_ORGS, w->orgs, &w->n_orgs) &&
             SECTION(w, SC_SEC_AFF_ORG, w->aff_org, &w->n_aff_org) &&
             SECTION(w, SC_SEC_AUTH_ORG, w->auth_org, &w->n_auth_org) && w->n_auth_org == w->n_auths &&
             SECTION(w, SC_SEC_PEOPLE, w->people, &w->n_people) &&
             SECTION(w, SC_SEC_AUTH_PERSON, w->auth_person, &w->n_auth_person) && w->n_auth_person == w->n_auths &&
             SECTION(w, SC_SEC_PERSON_AUTHS, w->person_auths, &w->n_person_auths) && w->n_person_auths == w->n_auths &&
             SECTION(w, SC_SEC_PEOPLE_BY_KEY, w->by_key, &w->n_by_key) && w->n_by_key == w->n_people;
    uint64_t n1 = 0, n2 = 0, n3 = 0, n4 = 0, n5 = 0, n6 = 0, n7 = 0, n8 = 0;
    ok = ok && SECTION(w, SC_SEC_STINTS, w->stints, &w->n_stints) &&
         SECTION(w, SC_SEC_MOVES, w->moves, &w->n_moves) &&
         SECTION(w, SC_SEC_PERSON_STINT_OFF, w->person_stint_off, &n1) && n1 == w->n_people + 1 &&
         SECTION(w, SC_SEC_PERSON_MOVE_OFF, w->person_move_off, &n2) && n2 == w->n_people + 1 &&
         SECTION(w, SC_SEC_ORG_STINTS, w->org_stints, &n3) && n3 == w->n_stints &&
         SECTION(w, SC_SEC_ORG_STINT_OFF, w->org_stint_off, &n4) && n4 == w->n_orgs + 1 &&
         SECTION(w, SC_SEC_MOVES_FROM, w->moves_from, &n5) && n5 == w->n_moves &&
         SECTION(w, SC_SEC_ORG_FROM_OFF, w->org_from_off, &n6) && n6 == w->n_orgs + 1 &&
         SECTION(w, SC_SEC_MOVES_TO, w->moves_to, &n7) && n7 == w->n_moves &&
         SECTION(w, SC_SEC_ORG_TO_OFF, w->org_to_off, &n8) && n8 == w->n_orgs + 1 &&
         w->person_stint_off[w->n_people] == w->n_stints && w->person_move_off[w->n_people] == w->n_moves &&
         w->org_stint_off[w->n_orgs] == w->n_stints && w->org_from_off[w->n_orgs] == w->n_moves &&
         w->org_to_off[w->n_orgs] == w->n_moves;
    w->n_persons = np;
    for (int t = 0; ok && t < SC_STR_COUNT; t++) {
        uint64_t noff = 0, nbytes = 0;
        w->str[t].off = sc_snapshot_section(&w->snap, SC_SEC_STR_BASE + 2 * t, sizeof(uint64_t), &noff);
        w->str[t].bytes = sc_snapshot_section(&w->snap, SC_SEC_STR_BASE + 2 * t + 1, 1, &nbytes);
        ok = w->str[t].off && w->str[t].bytes && noff >= 2 && w->str[t].off[noff - 1] <= nbytes &&
             nbytes > 0 && w->str[t].bytes[nbytes - 1] == 0;
        w->str[t].count = noff - 1;
    }
    if (!ok) {
        sc_snapshot_close(&w->snap);
        free(w);
        return sc_fail(err, SC_EINPUT, "%s: snapshot is missing a table (corrupt or from another version)", path);
    }
    *out = w;
    return SC_OK;
}

void sc_world_close(sc_world *w)
{
    if (!w) return;
    sc_snapshot_close(&w->snap);
    free(w);
}

int sc_world_verify(const sc_world *w, sc_error *err) { return sc_snapshot_verify(&w->snap, err); }

void sc_world_stats(const sc_world *w, sc_stats *st)
{
    memset(st, 0, sizeof *st);
    st->papers = w->meta->papers;
    st->authorships = w->meta->authorships;
    st->persons = w->meta->persons;
    st->venues = w->n_venues;
    st->sources = w->meta->sources;
    st->rejects = w->meta->rejects;
    st->names = w->str[SC_STR_NAME].count - 1;
    st->affiliations = w->str[SC_STR_AFF].count - 1;
    st->orgs = w->meta->orgs;
    st->people = w->meta->people;
    st->stints = w->meta->stints;
    st->moves = w->meta->moves;
    st->registry_orgs = w->meta->registry_orgs;
    st->auth_with_aff = w->meta->auth_with_aff;
    st->auth_resolved = w->meta->auth_resolved;
    st->first_year = w->meta->first_year;
    st->last_year = w->meta->last_year;
    st->snapshot_bytes = w->snap.size;
    st->format_version = w->snap.version;
}

static void fill_paper(const sc_world *w, uint32_t id, sc_paper *p)
{
    const sc_m_paper *m = &w->papers[id];
    p->id = id;
    p->venue = S(w, SC_STR_LABEL, m->venue);
    p->title = S(w, SC_STR_TEXT, m->title);
    p->status = S(w, SC_STR_LABEL, m->status);
    p->source_id = S(w, SC_STR_TEXT, m->source_id);
    p->year = m->year;
    p->citations = m->citations;
    p->n_authors = m->n_authors;
}

/* Case-insensitive (ASCII) substring test. */
static int contains_ci(const char *hay, const char *needle, size_t nn)
{
    if (nn == 0) return 1;
    for (; *hay; hay++)
        if (tolower((unsigned char)*hay) == tolower((unsigned char)needle[0]) &&
            strncasecmp(hay, needle, nn) == 0)
            return 1;
    return 0;
}

static int paper_has_author(const sc_world *w, uint32_t id, const char *needle, size_t nn)
{
    const sc_m_paper *m = &w->papers[id];
    if ((uint64_t)m->first_authorship + m->n_authors > w->n_auths) return 0;
    for (uint32_t k = 0; k < m->n_authors; k++)
        if (contains_ci(S(w, SC_STR_NAME, w->auths[m->first_authorship + k].name), needle, nn)) return 1;
    return 0;
}

size_t sc_world_papers(const sc_world *w, const sc_paper_query *q,
                       int (*fn)(void *ctx, const sc_paper *p), void *ctx)
{
    size_t seen = 0;
    size_t nn = q->author ? strlen(q->author) : 0;
    for (uint64_t v = 0; v < w->n_venues; v++) {
        const sc_m_venue *ve = &w->venues[v];
        if (q->venue && strcasecmp(S(w, SC_STR_LABEL, ve->name), q->venue) != 0) continue;
        if ((uint64_t)ve->first + ve->count > w->n_order) continue;
        const uint32_t *ord = w->order + ve->first;
        size_t lo = 0, hi = ve->count;
        if (q->year) { /* papers of a venue are sorted by year: binary search */
            size_t a = 0, b = ve->count;
            while (a < b) {
                size_t mid = (a + b) / 2;
                if (w->papers[ord[mid]].year < q->year) a = mid + 1;
                else b = mid;
            }
            lo = a;
            while (a < ve->count && w->papers[ord[a]].year == q->year) a++;
            hi = a;
        }
        for (size_t i = lo; i < hi; i++) {
            uint32_t id = ord[i];
            if (id >= w->n_papers) continue;
            if (q->author && !paper_has_author(w, id, q->author, nn)) continue;
            sc_paper p;
            fill_paper(w, id, &p);
            seen++;
            if (fn(ctx, &p) || (q->limit && seen >= q->limit)) return seen;
        }
    }
    return seen;
}

void sc_world_paper_authors(const sc_world *w, uint32_t paper_id,
                            void (*fn)(void *ctx, uint32_t pos, const sc_authorship *a), void *ctx)
{
    if (paper_id >= w->n_papers) return;
    const sc_m_paper *m = &w->papers[paper_id];
    if ((uint64_t)m->first_authorship + m->n_authors > w->n_auths) return;
    for (uint32_t k = 0; k < m->n_authors; k++) {
        const sc_m_authorship *a = &w->auths[m->first_authorship + k];
        const sc_m_ext_ids *x = &w->ext[a->ext < w->n_ext ? a->ext : 0];
        sc_authorship out = {
            S(w, SC_STR_NAME, a->name),    S(w, SC_STR_AFF, a->affiliation),
            S(w, SC_STR_DOMAIN, a->domain), S(w, SC_STR_ID, x->openreview),
            S(w, SC_STR_ID, x->orcid),      S(w, SC_STR_ID, x->dblp),
            S(w, SC_STR_ID, x->openalex),
        };
        fn(ctx, a->position, &out);
    }
}

size_t sc_world_venue_count(const sc_world *w) { return w->n_venues; }

const char *sc_world_venue(const sc_world *w, size_t i, uint64_t *papers)
{
    if (i >= w->n_venues) return NULL;
    if (papers) *papers = w->venues[i].count;
    return S(w, SC_STR_LABEL, w->venues[i].name);
}

size_t sc_world_org_count(const sc_world *w) { return w->n_orgs ? w->n_orgs - 1 : 0; }

int sc_world_org(const sc_world *w, uint32_t i, sc_org_row *o)
{
    if (i == 0 || i >= w->n_orgs) return 0;
    const sc_m_org *m = &w->orgs[i];
    o->index = i;
    o->id = S(w, SC_STR_LABEL, m->key);
    o->name = S(w, SC_STR_LABEL, m->name);
    o->country = S(w, SC_STR_LABEL, m->country);
    o->type = m->origin == 1 ? sc_org_type_label(m->type) : "cluster";
    o->parent = m->parent && m->parent < w->n_orgs ? S(w, SC_STR_LABEL, w->orgs[m->parent].key) : "";
    o->from_registry = m->origin == 1;
    o->example = S(w, SC_STR_AFF, m->example_aff);
    o->authorships = m->authorships;
    o->papers = m->papers;
    return 1;
}

size_t sc_world_people_count(const sc_world *w) { return w->n_people; }

int sc_world_person(const sc_world *w, uint32_t i, sc_person_row *o)
{
    if (i >= w->n_people) return 0;
    const sc_m_person_rec *r = &w->people[i];
    *o = (sc_person_row){i, S(w, SC_STR_ID, r->key), S(w, SC_STR_NAME, r->name), r->n_papers, r->n_auth,
                         r->first_year, r->last_year};
    return 1;
}

/* The people of name key `key` (the by_key range); with exact, only those
 * who used the folded name `want`. Appends to out (k so far). */
static size_t find_in_block(const sc_world *w, const char *key, const sc_buf *want, int exact, uint32_t *out,
                            size_t max, size_t k)
{
    size_t lo = 0, hi = w->n_by_key;
    while (lo < hi) { /* first person whose name key is >= key */
        size_t mid = (lo + hi) / 2;
        uint32_t p = w->by_key[mid];
        if (p < w->n_people && strcmp(S(w, SC_STR_ID, w->people[p].name_key), key) < 0) lo = mid + 1;
        else hi = mid;
    }
    sc_buf have = {0};
    for (size_t i = lo; i < w->n_by_key; i++) {
        uint32_t p = w->by_key[i];
        if (p >= w->n_people || strcmp(S(w, SC_STR_ID, w->people[p].name_key), key) != 0) break;
        int match = !exact;
        const sc_m_person_rec *r = &w->people[p];
        for (uint32_t z = 0; z < r->n_auth && !match && (uint64_t)r->first_auth + z < w->n_person_auths; z++) {
            uint32_t a = w->person_auths[r->first_auth + z];
            if (a >= w->n_auths) continue;
            const char *nm = S(w, SC_STR_NAME, w->auths[a].name);
            sc_norm_text(nm, strlen(nm), &have);
            match = have.n == want->n && memcmp(have.p, want->p, want->n) == 0;
        }
        if (!match) continue;
        int dup = 0; /* already found under another key */
        for (size_t j = 0; j < k && j < max && !dup; j++)
            dup = out[j] == p;
        if (dup) continue;
        if (k < max) out[k] = p;
        k++;
    }
    sc_buf_free(&have);
    return k;
}

size_t sc_world_find_people(const sc_world *w, const char *q, uint32_t *out, size_t max)
{
    /* a key: exact match */
    for (uint64_t i = 0; i < w->n_people && q[0] == 'p' && !strchr(q, ' '); i++)
        if (strcmp(S(w, SC_STR_ID, w->people[i].key), q) == 0) {
            if (max) out[0] = (uint32_t)i;
            return 1;
        }
    char key[256];
    sc_name_key(q, strlen(q), key, sizeof key);
    if (!key[0]) return 0;
    /* the block shares surname and initial ("wang w"): keep the people who
     * used exactly the asked name (folded) */
    sc_buf want = {0};
    sc_norm_text(q, strlen(q), &want);
    size_t k = find_in_block(w, key, &want, 1, out, max, 0);
    /* a person whose names differ by a second surname is filed under one of
     * them: "Shai Ben David" under "Shai Ben-David", "Tomás García Araújo"
     * perhaps under "Tomás García" (the build joins such names) */
    const char *sp = strrchr(q, ' ');
    if (k == 0 && sp && sp > q && strchr(q, ' ') != sp && strlen(q) < 200) {
        char alt[256], akey[256];
        snprintf(alt, sizeof alt, "%.*s-%s", (int)(sp - q), q, sp + 1);
        sc_name_key(alt, strlen(alt), akey, sizeof akey);
        if (akey[0]) k = find_in_block(w, akey, &want, 1, out, max, k);
        snprintf(alt, sizeof alt, "%.*s", (int)(sp - q), q);
        sc_name_key(alt, strlen(alt), akey, sizeof akey);
        if (akey[0]) k = find_in_block(w, akey, &want, 1, out, max, k);
    }
    /* if nobody did, the whole block answers (the caller shows them as
     * candidates) */
    if (k == 0) k = find_in_block(w, key, &want, 0, out, max, 0);
    sc_buf_free(&want);
    return k;
}

void sc_world_person_authorships(const sc_world *w, uint32_t i,
                                 void (*fn)(void *ctx, const sc_person_authorship *a), void *ctx)
{
    if (i >= w->n_people) return;
    const sc_m_person_rec *r = &w->people[i];
    if ((uint64_t)r->first_auth + r->n_auth > w->n_person_auths) return;
    for (uint32_t k = 0; k < r->n_auth; k++) {
        uint32_t a = w->person_auths[r->first_auth + k];
        if (a >= w->n_auths) continue;
        const sc_m_authorship *au = &w->auths[a];
        if (au->paper >= w->n_papers) continue;
        const sc_m_paper *p = &w->papers[au->paper];
        uint32_t org = w->auth_org[a];
        const sc_m_org *o = org && org < w->n_orgs ? &w->orgs[org] : NULL;
        sc_person_authorship pa = {au->paper, p->year, S(w, SC_STR_LABEL, p->venue), S(w, SC_STR_TEXT, p->title),
                                   S(w, SC_STR_NAME, au->name), S(w, SC_STR_AFF, au->affiliation),
                                   o ? S(w, SC_STR_LABEL, o->key) : "", o ? S(w, SC_STR_LABEL, o->name) : ""};
        fn(ctx, &pa);
    }
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

size_t sc_world_person_coauthors(const sc_world *w, uint32_t i, uint32_t *persons, uint32_t *counts, size_t max)
{
    if (i >= w->n_people || max == 0) return 0;
    const sc_m_person_rec *r = &w->people[i];
    SC_VEC(uint32_t) co = {0};
    uint32_t last_paper = UINT32_MAX;
    for (uint32_t k = 0; k < r->n_auth && (uint64_t)r->first_auth + k < w->n_person_auths; k++) {
        uint32_t a = w->person_auths[r->first_auth + k];
        if (a >= w->n_auths) continue;
        uint32_t pid = w->auths[a].paper;
        if (pid == last_paper || pid >= w->n_papers) continue;
        last_paper = pid;
        const sc_m_paper *p = &w->papers[pid];
        for (uint32_t z = 0; z < p->n_authors; z++) {
            uint64_t b = (uint64_t)p->first_authorship + z;
            if (b >= w->n_auths) break;
            uint32_t other = w->auth_person[b];
            if (other != i) sc_vec_push(&co, other);
        }
    }
    /* count by sorting */
    if (co.n) qsort(co.v, co.n, sizeof *co.v, cmp_u32);
    size_t n = 0;
    for (size_t x = 0; x < co.n;) {
        size_t y = x;
        while (y < co.n && co.v[y] == co.v[x]) y++;
        uint32_t c = (uint32_t)(y - x);
        /* keep the top `max` by count (ties: smaller person id) */
        size_t pos = n < max ? n++ : max;
        while (pos > 0 && (counts[pos - 1] < c)) {
            if (pos < max) persons[pos] = persons[pos - 1], counts[pos] = counts[pos - 1];
            pos--;
        }
        if (pos < max) persons[pos] = co.v[x], counts[pos] = c;
        x = y;
    }
    sc_vec_free(&co);
    return n;
}

void sc_world_paper_resolved(const sc_world *w, uint32_t paper_id,
                             void (*fn)(void *ctx, const sc_resolved_authorship *a), void *ctx)
{
    if (paper_id >= w->n_papers) return;
    const sc_m_paper *m = &w->papers[paper_id];
    if ((uint64_t)m->first_authorship + m->n_authors > w->n_auths) return;
    for (uint32_t k = 0; k < m->n_authors; k++) {
        uint32_t ai = m->first_authorship + k;
        const sc_m_authorship *a = &w->auths[ai];
        uint32_t per = w->auth_person[ai], org = w->auth_org[ai];
        sc_resolved_authorship r = {a->position, S(w, SC_STR_NAME, a->name), S(w, SC_STR_AFF, a->affiliation),
                                    S(w, SC_STR_DOMAIN, a->domain),
                                    per < w->n_people ? S(w, SC_STR_ID, w->people[per].key) : "",
                                    org && org < w->n_orgs ? S(w, SC_STR_LABEL, w->orgs[org].key) : ""};
        fn(ctx, &r);
    }
}
