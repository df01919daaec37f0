/*
 * person.h — who is who: cluster authorships into people.
 *
 * Input: every authorship of the world with what is known about it (the name
 * as written, the paper, its year, the resolved organisation, external ids,
 * the paper's co-authors and title words). Output: a person number per
 * authorship and, per person, a stable key.
 *
 * Method (docs/resolution-people.md): names are normalised to keys (Unicode folding,
 * initials, "Last, First", middle names) and authorships are blocked by key;
 * inside a block they are clustered by shared co-authors, organisations in
 * overlapping years and topic words. External ids are hard evidence: the
 * same id must merge, different ids of one kind never do. Homonyms split;
 * variants of one person ("Nando de Freitas", "N. de Freitas") merge.
 */
#ifndef SCOUT_PERSON_H
#define SCOUT_PERSON_H

#include "util/util.h"

typedef struct {
    size_t n_auth;           /* authorships */
    size_t n_papers;
    /* per authorship */
    const uint32_t *paper;   /* paper index */
    const uint32_t *name;    /* name string id (as written) */
    const uint32_t *org;     /* resolved organisation id, 0 = none */
    const uint32_t *ext[4];  /* external ids (string ids, 0 = none): OpenReview, ORCID, DBLP, OpenAlex */
    /* per paper */
    const uint32_t *first_auth; /* index of the paper's first authorship */
    const uint16_t *n_auth_of;  /* its number of authorships */
    const uint16_t *year;       /* 0 = unknown */
    const char *const *title;   /* title text (for topic words), may be NULL */
    /* strings */
    const char *(*name_str)(void *ctx, uint32_t name_id);
    const char *(*ext_str)(void *ctx, uint32_t ext_id);
    /* a stable description of an authorship's place in the sources, used to
     * derive keys that survive rebuilds: e.g. "nips|2018|source_id|3" */
    void (*anchor)(void *ctx, size_t auth, sc_buf *out);
    void *ctx;
    int threads; /* may use up to this many threads; results must not depend on it */
    /* name_str, ext_str and anchor are called from several threads at once
     * (they only look strings up). */
    /* When set, org is still being computed by the caller (on another
     * thread) when sc_persons_resolve starts: the passes that need no
     * organisations (names, blocks, title words, id checks) run first, then
     * org_wait(ctx) is called once and returns what org would have held.
     * anchor is not called before it returns. */
    const uint32_t *(*org_wait)(void *ctx);
    /* When set, sc_persons_resolve leaves keys NULL: sc_persons_keys makes
     * them later (the caller can use person_of meanwhile). */
    int defer_keys;
    /* Optional: a hint that anchor(ctx, auth) will be called soon, in
     * three stages (0, 1, 2) a few calls apart, so that the caller can
     * prefetch what anchor reads at random, one level of indirection a
     * stage. */
    void (*anchor_prefetch)(void *ctx, size_t auth, int stage);
    /* Optional: called once, from the calling thread, when ext is read no
     * more (after the id checks, before the organisations are waited for):
     * the caller may free the ext arrays then. */
    void (*ext_done)(void *ctx);
} sc_person_input;

typedef struct {
    uint32_t *person_of; /* per authorship: person number 0..n_persons-1 (caller frees) */
    size_t n_persons;
    char (*keys)[16];    /* per person: a stable key, NUL-terminated, "p" + 12 base32, e.g. "p7k2m9x4qd3ah" (caller frees) */
    /* per name id (as written): offset into name_keys of its block key
     * (sc_name_key, NUL-terminated), UINT32_MAX when it is no name or not
     * used (caller frees both) */
    uint32_t *name_key_at;
    char *name_keys;
    /* figures for stats */
    size_t n_blocks, largest_block;
    size_t merged_by_ext, split_homonyms;
} sc_person_result;

int sc_persons_resolve(const sc_person_input *in, sc_person_result *out, sc_error *err);
/* The keys of a result made with defer_keys (in as given to resolve, its
 * arrays still alive; org_wait, if any, already answered). */
void sc_persons_keys(const sc_person_input *in, sc_person_result *out);
void sc_person_result_free(sc_person_result *r);

/* The blocking key of a name, written into out (NUL-terminated): folded,
 * accents stripped, "Last, First" reordered, e.g. "Nando de Freitas" ->
 * "defreitas n". Returns its length. Exposed for tests and `scout person`. */
size_t sc_name_key(const char *name, size_t n, char *out, size_t cap);

#endif
