/*
 * org.h — the organisation registry and the resolution of raw affiliation
 * strings (+ e-mail domains) to organisations.
 *
 * The registry is data/orgs.tsv (shipped; columns in its header) plus a
 * workspace's overrides. Resolution, strongest signal first:
 *   1. e-mail domain, sub-domains folded (cs.stanford.edu -> stanford.edu);
 *      shared mail providers carry no signal;
 *   2. exact alias after normalisation (normalize.h), of the whole string or
 *      of one of its comma-separated segments (department prefixes and
 *      addresses are other segments); when it names another organisation
 *      than the domain, the name wins and the domain's organisation comes
 *      second (measured on the corpus: docs/resolution.md);
 *   3. fuzzy: an alias that stands as a phrase inside a segment, scored by
 *      how much of the segment (IDF-weighted) it explains (little is enough
 *      for a name that says what it is: "… University"), unless the segment
 *      goes on into another institution's name ("… University Hospital",
 *      "… University of Technology", "… at Arlington");
 *   4. nothing: the caller forms a workspace organisation from the
 *      cluster key (sc_org_cluster_key of the main segment; itself tried as
 *      a registry name first), so nothing is dropped.
 * A string naming two organisations ("Stanford University and Google",
 * "Tsinghua University+BAAI") gives several hits; the first is primary.
 */
#ifndef SCOUT_ORG_H
#define SCOUT_ORG_H

#include "util/util.h"

typedef enum {
    SC_ORG_COMPANY = 1,
    SC_ORG_UNIVERSITY,
    SC_ORG_INSTITUTE,
    SC_ORG_GOVERNMENT,
    SC_ORG_OTHER,
} sc_org_type;

typedef enum {
    SC_MATCH_NONE = 0,
    SC_MATCH_DOMAIN,
    SC_MATCH_ALIAS,
    SC_MATCH_FUZZY,
    SC_MATCH_CLUSTER,
} sc_match_method;

const char *sc_org_type_name(int type);
const char *sc_match_method_name(int method);

typedef struct {
    char *id, *name, *country;
    int type;
    uint32_t parent; /* registry index, 0 = none */
} sc_org;

typedef struct sc_orgreg sc_orgreg;

/* $SCOUT_ORGS, else data/orgs.tsv (or share/scout/orgs.tsv) found walking up
 * from the executable's directory, else /usr/local/share/scout/orgs.tsv. */
const char *sc_orgreg_default_path(void);

/* Load and validate a registry; errors name FILE:LINE:COL. */
int sc_orgreg_load(const char *path, sc_orgreg **out, sc_error *err);
/* Workspace overrides: lines "alias<TAB>org-id" or "@domain<TAB>org-id". */
int sc_orgreg_load_overrides(sc_orgreg *r, const char *path, sc_error *err);
void sc_orgreg_free(sc_orgreg *r);
size_t sc_orgreg_count(const sc_orgreg *r); /* organisations are 1..count */
const sc_org *sc_orgreg_get(const sc_orgreg *r, uint32_t i);
uint32_t sc_orgreg_find(const sc_orgreg *r, const char *id);

typedef struct {
    uint32_t org; /* registry index */
    uint8_t method;
    float confidence;
} sc_org_hit;

enum { SC_ORG_MAX_HITS = 4 };

typedef struct {
    sc_org_hit hit[SC_ORG_MAX_HITS];
    int n;                 /* 0 = not resolved: see cluster_key */
    char cluster_key[160]; /* normalised main segment, for workspace clusters */
} sc_org_resolution;

/* Resolve one affiliation (may be empty) with an optional e-mail domain.
 * Thread-safe on a loaded registry. */
void sc_org_resolve(const sc_orgreg *r, const char *aff, size_t n, const char *domain, size_t dn,
                    sc_org_resolution *out);

/* The cluster key of one comma segment naming an organisation: normalised
 * (normalize.h) with leading footnote numbers/letters, "the", "from", "all
 * authors", numbers (postcodes), parenthesised acronyms and trailing legal
 * forms dropped; "Univ."/"Universität"/"Université"/"Universidad"/… become
 * "university", "de"/"di"/"degli Studi" after it "of", "Institut"/"Centre"
 * spelled one way; "University of X" is written "X university" unless X is a
 * US state or a subject ("University of Washington", "… of Technology"). */
void sc_org_cluster_key(const char *seg, size_t n, char *out, size_t cap);

/* HTML escaping left in publishers' affiliation strings undone ("A&amp;M",
 * "&#x00E8;", "<!--label omitted: 1-->", "<sup>2</sup>"); out has room for
 * n bytes; returns the new length (<= n). Resolution applies it first. */
size_t sc_org_unescape_html(const char *s, size_t n, char *out);

#endif
