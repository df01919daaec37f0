/*
 * person_stage.h — the build stage that clusters the world's authorships into
 * people (resolve/person.h) and lays out the tables queries need.
 */
#ifndef SCOUT_PERSON_STAGE_H
#define SCOUT_PERSON_STAGE_H

#include "model/world.h"

typedef SC_VEC(sc_m_person_rec) sc_person_vec;

typedef struct {
    sc_person_vec people;
    uint32_t *auth_person;  /* per authorship */
    uint32_t *person_auths; /* authorship ids grouped by person, each group by (year, id) */
    uint32_t *by_key;       /* person ids sorted by (name key, person id) */
} sc_personstage_out;

typedef struct {
    sc_strtab *str;               /* the world's string tables (SC_STR_COUNT) */
    const sc_m_paper *papers;
    size_t n_papers;
    const sc_m_authorship *auths;
    size_t n_auths;
    const uint32_t *auth_org;     /* per authorship */
    const char *const *titles;    /* per paper, may be NULL */
    const char *const *source_ids; /* per paper, for stable keys */
    int threads;
    /* When set, auth_org is not ready yet (organisations are resolved on
     * another thread meanwhile): the stage calls auth_org_wait(wait_ctx)
     * when it first needs them and takes what it returns; it does not read
     * the LABEL table (which that thread fills) before. */
    const uint32_t *(*auth_org_wait)(void *wait_ctx);
    void *wait_ctx;
    const sc_m_ext_ids *ext; /* the authorships' external ids (sc_m_authorship.ext) */
} sc_personstage_in;

int sc_personstage_run(const sc_personstage_in *in, sc_personstage_out *out, sc_error *err);

/* The same in two steps, so that careers (which need people but not their
 * keys) can run alongside the second. start makes everything but the
 * people's key and name_key and by_key; finish makes those (and interns the
 * keys into the ID table), then frees job. in, and the arrays it points to,
 * must live until finish. */
typedef struct sc_personstage_job sc_personstage_job;
int sc_personstage_start(const sc_personstage_in *in, sc_personstage_out *out, sc_personstage_job **job,
                         sc_error *err);
void sc_personstage_finish(sc_personstage_job *job);
void sc_personstage_free(sc_personstage_out *out);

#endif
