/*
 * world.h — the world's data as flat tables.
 *
 * The same structs are filled in memory by the build and read back, without
 * any decoding, from the mmap-ed snapshot (src/store/snapshot.c): fixed-size
 * little-endian records, string references as dense ids into string tables.
 * Changing a struct here changes the snapshot format: bump
 * SC_SNAPSHOT_VERSION in store/snapshot.h.
 */
#ifndef SCOUT_WORLD_H
#define SCOUT_WORLD_H

#include <stdint.h>

#include "model/strtab.h"

/* String tables (sc_world_tables.str[...]). */
enum {
    SC_STR_TEXT,    /* titles, abstracts, keywords, source ids, paths: not interned */
    SC_STR_NAME,    /* author names as written */
    SC_STR_AFF,     /* raw affiliation strings */
    SC_STR_DOMAIN,  /* e-mail domains */
    SC_STR_ID,      /* external person ids: OpenReview, ORCID, DBLP, OpenAlex */
    SC_STR_LABEL,   /* venues, statuses, tracks, formats */
    SC_STR_COUNT
};

typedef struct {
    uint32_t venue;     /* LABEL */
    uint32_t title;     /* TEXT */
    uint32_t abstract;  /* TEXT */
    uint32_t keywords;  /* TEXT */
    uint32_t source_id; /* TEXT */
    uint32_t status;    /* LABEL */
    uint32_t track;     /* LABEL */
    uint32_t source;    /* index into sources */
    uint32_t first_authorship;
    uint16_t n_authors;
    uint16_t year;      /* 0 = unknown */
    int64_t citations;  /* -1 = unknown */
} sc_m_paper;

typedef struct {
    uint32_t paper;
    uint32_t name;        /* NAME */
    uint32_t affiliation; /* AFF */
    uint32_t domain;      /* DOMAIN */
    uint32_t ext;         /* its external ids: index into SC_SEC_AUTH_EXT, 0 = none */
    uint16_t position;    /* 1-based, as in the source */
    uint16_t flags;
} sc_m_authorship;

/* The external ids of an authorship that has any (most have none: they
 * were four u32 in every authorship, a third of its bytes). Entry 0 is all
 * zeros. */
typedef struct {
    uint32_t openreview, orcid, dblp, openalex; /* ID */
} sc_m_ext_ids;

/* A person record from a source (DBLP homepages). */
typedef struct {
    uint32_t key;          /* ID */
    uint32_t first_name;   /* into person_names */
    uint32_t n_names;
    uint32_t first_aff;    /* into person_affs */
    uint32_t n_affs;
    uint32_t orcid;        /* ID */
    uint32_t source;
    uint32_t pad;
} sc_m_person;

typedef struct {
    uint32_t affiliation; /* AFF */
    uint32_t label;       /* LABEL ("former", "" …) */
} sc_m_person_aff;

typedef struct {
    uint32_t path;     /* TEXT */
    uint32_t format;   /* sc_format */
    uint64_t size;
    uint64_t checksum;
    uint32_t papers;
    uint32_t rejects;
} sc_m_source;

/* Papers of one venue: paper_order[first .. first+count) sorted by (year, id). */
typedef struct {
    uint32_t name;  /* LABEL */
    uint32_t first;
    uint32_t count;
    uint32_t pad;
} sc_m_venue;

/* An organisation: from the registry (origin 1, in registry order) or formed
 * in this workspace from unresolved strings sharing a cluster key (origin 2). */
typedef struct {
    uint32_t key;         /* LABEL: registry id, or "~" + cluster key */
    uint32_t name;        /* LABEL */
    uint32_t country;     /* LABEL */
    uint32_t parent;      /* org index, 0 = none */
    uint8_t type;         /* sc_org_type; 0 for clusters */
    uint8_t origin;       /* 1 registry, 2 cluster */
    uint16_t pad;
    uint32_t example_aff; /* AFF: a raw string that resolved here */
    uint32_t authorships; /* authorships credited to it (primary) */
    uint32_t papers;      /* papers with at least one such authorship */
} sc_m_org;

/* How one raw affiliation string resolved (indexed by AFF string id). */
typedef struct {
    uint32_t org, org2;   /* primary and second organisation, 0 = none */
    uint8_t method;       /* sc_match_method */
    uint8_t confidence;   /* percent */
    uint16_t pad;
} sc_m_aff_org;

/* A person: a cluster of authorships (resolve/person.h). */
typedef struct {
    uint32_t key;        /* ID: the stable key ("p…") */
    uint32_t name;       /* NAME: the name they use most */
    uint32_t name_key;   /* ID: the blocking key of that name, for look-ups */
    uint32_t first_auth; /* into the by-person authorship index */
    uint32_t n_auth;
    uint32_t n_papers;
    uint16_t first_year, last_year;
} sc_m_person_rec;

/* A stint: a run of years a person is credited to one organisation
 * (career/career.c). Sorted by (person, first_year). */
typedef struct {
    uint32_t person;
    uint32_t org;
    uint16_t first_year, last_year; /* of the evidence at the organisation */
    uint32_t papers;                /* authorships at the organisation in the stint */
    uint32_t first_auth, last_auth; /* the first and last of them */
} sc_m_stint;

enum { SC_MOVE_FIRST_JOB = 1 }; /* sc_m_move.flags: first job after a PhD */

/* A move between two consecutive stints. Sorted by (person, year). */
typedef struct {
    uint32_t person;
    uint32_t from_org, to_org;
    uint32_t from_stint;          /* the stint left; the next one is joined */
    uint16_t year;                /* estimated */
    uint16_t last_old, first_new; /* years of the last / first evidence */
    uint16_t flags;
    uint8_t confidence;           /* percent */
    uint8_t kind;                 /* sc_move_kind (career/career.h) */
    uint16_t pad;
    uint32_t ev_old[2], ev_new[2]; /* authorships: last two at the old place, first two at the new (UINT32_MAX = none) */
} sc_m_move;

/* World-wide figures kept in the snapshot's header section. */
typedef struct {
    uint64_t papers, authorships, persons, sources, rejects;
    int32_t first_year, last_year;
    uint64_t orgs, registry_orgs;
    uint64_t auth_with_aff;      /* authorships with a non-empty affiliation or domain */
    uint64_t auth_resolved;      /* of which resolved to a registry organisation */
    uint64_t people;
    uint64_t stints, moves;
} sc_m_meta;

#endif
