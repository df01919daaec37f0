/*
 * org_stage.h — the build stage that resolves every affiliation string and
 * e-mail domain of the world and credits each authorship to an organisation.
 */
#ifndef SCOUT_ORG_STAGE_H
#define SCOUT_ORG_STAGE_H

#include "model/world.h"
#include "resolve/org.h"

typedef struct {
    const sc_strtab *aff, *domain;
    const sc_m_authorship *auths;
    size_t n_auths;
    int threads;
    /* optional: with them, an unresolved affiliation that is the name of an
     * author of the paper (a list shifted into the names, "A. Dettori"
     * with affiliation "Dettori") credits no organisation */
    const sc_strtab *names;
    const sc_m_paper *papers;
} sc_orgstage_in;

typedef SC_VEC(sc_m_org) sc_org_vec;

typedef struct {
    sc_org_vec orgs;      /* index 0 is "no organisation" */
    sc_m_aff_org *aff_org; /* per AFF string id */
    uint32_t *auth_org;    /* per authorship: primary organisation, 0 = none */
    size_t registry_orgs;
    uint64_t auth_with_aff, auth_resolved;
    uint64_t auth_name_as_aff; /* authorships whose affiliation was an author's name */
} sc_orgstage_out;

/* labels: the world's LABEL table (organisation ids, names, countries are
 * interned into it). Deterministic whatever the thread count. */
void sc_orgstage_run(const sc_orgreg *reg, const sc_orgstage_in *in, sc_strtab *labels,
                     sc_orgstage_out *out);
void sc_orgstage_free(sc_orgstage_out *out);

#endif
