/*
 * world.c — scout.h's world calls: open a snapshot and answer queries from
 * the mapped tables without copying them.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/world.h"
#include "store/snapshot.h"

static const char *sc_org_type_label(int t)
{
    static const char *const n[] = {"", "company", "university", "institute", "government", "other"};
    return t >= 1 && t <= 5 ? n[t] : "";
}

typedef struct {
    const uint64_t *off;
    const char *bytes;
    uint64_t count; /* strings */
} strview;

struct sc_world {
    sc_snapshot snap;
    const sc_m_meta *meta;
    const sc_m_paper *papers;
    const sc_m_authorship *auths;
    const sc_m_venue *venues;
    const uint32_t *order;
    const sc_m_source *sources;
    const sc_m_org *orgs;
    const sc_m_aff_org *aff_org;
    const uint32_t *auth_org;
    uint64_t n_orgs, n_aff_org, n_auth_org;
    uint64_t n_papers, n_auths, n_venues, n_order, n_sources, n_persons;
    strview str[SC_STR_COUNT];
};

static const char *S(const sc_world *w, int table, uint32_t id)
{
    const strview *v = &w->str[table];
    if (id >= v->count) return "";
    return v->bytes + v->off[id];
}

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
             SECTION(w, SC_SEC_VENUES, w->venues, &w->n_venues) &&
             SECTION(w, SC_SEC_PAPER_ORDER, w->order, &w->n_order) &&
             SECTION(w, SC_SEC_SOURCES, w->sources, &w->n_sources) &&
             SECTION(w, SC_SEC_PERSONS, persons, &np) &&
             SECTION(w, SC_SEC_ORGS, w->orgs, &w->n_orgs) &&
             SECTION(w, SC_SEC_AFF_ORG, w->aff_org, &w->n_aff_org) &&
             SECTION(w, SC_SEC_AUTH_ORG, w->auth_org, &w->n_auth_org) && w->n_auth_org == w->n_auths;
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
        sc_authorship out = {
            S(w, SC_STR_NAME, a->name),    S(w, SC_STR_AFF, a->affiliation),
            S(w, SC_STR_DOMAIN, a->domain), S(w, SC_STR_ID, a->openreview),
            S(w, SC_STR_ID, a->orcid),      S(w, SC_STR_ID, a->dblp),
            S(w, SC_STR_ID, a->openalex),
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
