/*
 * career.h — careers from resolved authorships: per person, the years and
 * organisations seen on their papers are segmented into stints (a Viterbi
 * path over organisations that pays for every switch), and consecutive
 * stints give moves. docs/careers.md explains the model and its parameters.
 *
 * Input: the person stage's grouping (authorships of each person in (year,
 * id) order), each authorship's primary organisation and second one (a dual
 * affiliation), paper years and organisation types. Output: the tables of
 * world.h (sc_m_stint, sc_m_move) and the indexes queries read.
 */
#ifndef SCOUT_CAREER_H
#define SCOUT_CAREER_H

#include "model/world.h"
#include "util/util.h"

typedef enum {
    SC_MOVE_UNKNOWN = 0, /* a side's sector is not known (an unresolved organisation) */
    SC_MOVE_ACAD_IND,    /* academia -> industry */
    SC_MOVE_IND_ACAD,
    SC_MOVE_IND_IND,
    SC_MOVE_ACAD_ACAD,
} sc_move_kind;

const char *sc_move_kind_name(int kind);  /* "academia->industry", …, "unknown" */
int sc_move_kind_parse(const char *s);    /* also "a2i", "i2a", "i2i", "a2a"; -1 if unknown */

/* Sector of an organisation: 1 industry, 2 academia (universities,
 * institutes, government, other), 0 unknown. Workspace clusters (type 0) are
 * judged by words of their name ("university", "inc", …). */
int sc_org_sector(const sc_m_org *org, const char *name);

/* The segmentation's parameters (docs/careers.md). */
typedef struct {
    double mismatch;     /* cost of one authorship elsewhere than the state (alpha) */
    double second;       /* cost of one authorship whose second affiliation is the state */
    double year_cap;     /* a year's cost is at most this (a visiting year is not a move) */
    double switch_cost;  /* cost of changing organisation (beta) */
} sc_career_params;

extern const sc_career_params sc_career_default;

typedef struct {
    const sc_m_paper *papers;
    size_t n_papers;
    const sc_m_authorship *auths;
    size_t n_auths;
    const uint32_t *auth_org;        /* per authorship, 0 = none */
    const sc_m_aff_org *aff_org;     /* per AFF string id: org2 is the second affiliation */
    const sc_m_org *orgs;            /* 0 .. n_orgs-1 (0 = none) */
    const char *const *org_names;    /* per org, for sectors of clusters */
    size_t n_orgs;
    const sc_m_person_rec *people;
    size_t n_people;
    const uint32_t *person_auths;    /* authorships grouped by person, by (year, id) */
    const sc_career_params *params;  /* NULL = sc_career_default */
    int threads;                     /* people are split among this many (the result does not depend on it) */
    const int8_t *sector;            /* per org: sc_org_sector, made beforehand (NULL: made here) */
} sc_career_in;

typedef SC_VEC(sc_m_stint) sc_stint_vec;
typedef SC_VEC(sc_m_move) sc_move_vec;

typedef struct {
    sc_stint_vec stints;
    sc_move_vec moves;
    uint32_t *person_stint_off; /* n_people + 1 */
    uint32_t *person_move_off;  /* n_people + 1 */
    uint32_t *org_stints, *org_stint_off; /* stint ids by (org, first year); n_orgs + 1 offsets */
    uint32_t *moves_from, *org_from_off;  /* move ids by (from org, year) */
    uint32_t *moves_to, *org_to_off;      /* move ids by (to org, year) */
    size_t suspect_papers; /* papers whose affiliations were not believed */
} sc_career_out;

void sc_careers_run(const sc_career_in *in, sc_career_out *out);
void sc_careers_free(sc_career_out *out);

#endif
