/*
 * demo_orgs.h — the organisation table of the demo world (private to
 * src/demo).
 *
 * The demo world uses real organisation names because the later resolution
 * stage is measured on exactly these strings: each organisation comes with
 * the messy ways real paper lists write it (department prefixes, addresses,
 * acronyms, lab names, accents, case noise) and the e-mail domains its
 * people use. Every string the generator may write for an organisation is
 * listed here, so the truth file orgs.jsonl can list them all.
 */
#ifndef SCOUT_DEMO_ORGS_H
#define SCOUT_DEMO_ORGS_H

/* A raw string (alias or e-mail domain) and the years it is in use:
 * "Meta AI" only from 2021, "fb.com" mostly before 2022. 0 = open end. */
typedef struct {
    const char *s;
    short from, to;
} sc_demo_str;

typedef enum { SC_ORG_COMPANY, SC_ORG_UNIVERSITY, SC_ORG_INSTITUTE } sc_demo_org_type;

typedef struct {
    const char *name;    /* canonical name */
    sc_demo_org_type type;
    const char *country; /* ISO 3166 alpha-2 */
    const char *parent;  /* canonical name of the parent organisation, or NULL */
    short founded;       /* first year it employs researchers in the demo */
    short size;          /* relative weight as an employer / PhD school */
    const sc_demo_str *aliases; /* terminated by {NULL}; [0] is the canonical name */
    const sc_demo_str *domains; /* terminated by {NULL} */
} sc_demo_org;

extern const sc_demo_org sc_demo_orgs[];
extern const unsigned sc_demo_norgs;

const char *sc_demo_org_type_name(sc_demo_org_type t);

#endif
