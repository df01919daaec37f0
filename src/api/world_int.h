/*
 * world_int.h — the mapped world shared by the query files of src/api
 * (world.c: papers, orgs, people; careers.c: stints, moves, flows, org and
 * conference views). Not part of the public contract.
 */
#ifndef SCOUT_WORLD_INT_H
#define SCOUT_WORLD_INT_H

#include "model/world.h"
#include "store/snapshot.h"

static inline const char *sc_org_type_label(int t)
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
    const sc_m_ext_ids *ext;
    uint64_t n_ext;
    const sc_m_venue *venues;
    const uint32_t *order;
    const sc_m_source *sources;
    const sc_m_org *orgs;
    const sc_m_aff_org *aff_org;
    const uint32_t *auth_org;
    uint64_t n_orgs, n_aff_org, n_auth_org;
    const sc_m_person_rec *people;
    const uint32_t *auth_person, *person_auths, *by_key;
    uint64_t n_people, n_auth_person, n_person_auths, n_by_key;
    uint64_t n_papers, n_auths, n_venues, n_order, n_sources, n_persons;
    const sc_m_stint *stints;
    const sc_m_move *moves;
    const uint32_t *person_stint_off, *person_move_off;
    const uint32_t *org_stints, *org_stint_off, *moves_from, *org_from_off, *moves_to, *org_to_off;
    uint64_t n_stints, n_moves;
    strview str[SC_STR_COUNT];
};

static inline const char *S(const sc_world *w, int table, uint32_t id)
{
    const strview *v = &w->str[table];
    if (id >= v->count) return "";
    return v->bytes + v->off[id];
}

#endif
