/*
 * scout.h — the whole public contract of libscout.
 *
 * scout reads public publication records (paperlists JSON, DBLP XML, OpenAlex
 * works), compiles them into one immutable *world snapshot* and answers
 * questions about it. The command-line tool (src/cli) and the server are thin
 * faces over this header: the library never prints and never exits; every
 * failure comes back as an sc_error with a code and a message that names the
 * file, line or argument at fault.
 *
 * Life cycle:
 *   sc_workspace_open(dir)        a directory holding manifest + snapshot
 *   sc_workspace_add(ws, paths)   record sources (size, checksum, format)
 *   sc_workspace_build(ws)        sources -> world snapshot (atomic rename)
 *   sc_world_open(path)           mmap a snapshot; queries read from it
 */
#ifndef SCOUT_H
#define SCOUT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SCOUT_VERSION "0.1.0"

/* Error codes double as the command's exit codes. */
enum {
    SC_OK = 0,
    SC_EUSAGE = 1,    /* bad arguments: the caller asked for something impossible */
    SC_EINPUT = 2,    /* bad input: unreadable, corrupt, unknown format, rejects in --strict */
    SC_EINTERNAL = 3, /* a bug or an environment failure (out of disk, I/O error) */
};

typedef struct sc_error {
    int code;
    char msg[1024];
} sc_error;

/* ---- Source formats ------------------------------------------------------ */

typedef enum {
    SC_FMT_UNKNOWN = 0,
    SC_FMT_PAPERLISTS, /* papercopilot paperlists: a JSON array of papers */
    SC_FMT_DBLP,       /* dblp.xml with its DTD */
    SC_FMT_OPENALEX,   /* OpenAlex works: JSON Lines, or API result pages */
} sc_format;

const char *sc_format_name(sc_format f);
sc_format sc_format_parse(const char *name); /* "paperlists", "dblp", "openalex" */

/* ---- Progress -------------------------------------------------------------
 * Long operations report progress through this callback (from the calling
 * thread only). done/total are in `unit`s ("bytes", "papers"). */
typedef void (*sc_progress_fn)(void *ctx, const char *phase, uint64_t done, uint64_t total,
                               const char *unit);

/* ---- Workspace ----------------------------------------------------------- */

typedef struct sc_workspace sc_workspace;

/* Create DIR (and its manifest) if needed. Fails if DIR exists and is not a
 * workspace-or-empty directory. */
int sc_workspace_init(const char *dir, sc_error *err);
/* Open an existing workspace. */
int sc_workspace_open(const char *dir, sc_workspace **out, sc_error *err);
void sc_workspace_close(sc_workspace *ws);
const char *sc_workspace_dir(const sc_workspace *ws);
/* Path of the workspace's snapshot file ("DIR/world.snap"). */
const char *sc_workspace_snapshot_path(const sc_workspace *ws);

typedef struct {
    sc_format format;    /* SC_FMT_UNKNOWN = sniff each file */
    const char *dtd;     /* DBLP: the DTD to use (default: dblp.dtd beside the file) */
    int strict;          /* build: any rejected record fails the build */
    int threads;         /* build: worker threads (0 = number of cores) */
    int defer_checksum;  /* add: leave checksums to the build (ingest reads files once) */
    const char *registry; /* build: organisation registry (NULL = sc_registry_default_path()) */
    sc_progress_fn progress;
    void *progress_ctx;
} sc_options;

typedef struct {
    unsigned added;     /* new sources */
    unsigned updated;   /* known path, content changed */
    unsigned unchanged; /* known path, same size and checksum */
    unsigned skipped;   /* files in a folder that are not a known format */
    char skipped_example[512];
} sc_add_result;

/* Record sources in the manifest (in memory; sc_workspace_save writes it).
 * A folder is walked recursively; files in it of unknown format are skipped
 * (counted), a named file of unknown format is an error (SC_EINPUT). */
int sc_workspace_add(sc_workspace *ws, const char *const *paths, size_t n,
                     const sc_options *opt, sc_add_result *res, sc_error *err);
/* Write the manifest atomically (temp file + rename). */
int sc_workspace_save(sc_workspace *ws, sc_error *err);

size_t sc_workspace_source_count(const sc_workspace *ws);

typedef struct {
    uint64_t papers, authorships, persons, rejects, sources, bytes;
    double seconds;      /* the whole build */
    double read_seconds; /* reading and merging all sources */
    double wait_seconds; /* of which the merging thread waited for parsers */
    double resolve_seconds; /* resolving organisations and people */
    double orgs_seconds;    /* of which organisations */
    double careers_seconds; /* of which careers (stints, moves) */
    uint64_t suspect_papers; /* papers whose affiliations careers did not believe (docs/careers.md) */
    uint64_t name_as_affiliation; /* authorships whose unresolved affiliation was an author's name */
    /* The first rejects, "FILE:LINE:COL: what", one per line (all of them are
     * in the workspace's rejects file). */
    char first_rejects[2048];
    unsigned first_rejects_shown;
} sc_build_result;

/* Compile every source in the manifest into a new snapshot, written beside
 * the old one and renamed into place; rejects go to DIR/rejects.jsonl. On any
 * failure the previous snapshot and manifest are left exactly as they were.
 * The manifest (with checksums filled in) is saved only on success. */
int sc_workspace_build(sc_workspace *ws, const sc_options *opt, sc_build_result *res,
                       sc_error *err);

/* ---- World (a mapped snapshot) ------------------------------------------ */

typedef struct sc_world sc_world;

int sc_world_open(const char *snapshot_path, sc_world **out, sc_error *err);
void sc_world_close(sc_world *w);
/* Verify every section checksum (slower: reads the whole file). */
int sc_world_verify(const sc_world *w, sc_error *err);

typedef struct {
    uint64_t papers, authorships, persons, venues, sources, rejects;
    uint64_t names, affiliations; /* distinct strings */
    uint64_t orgs, registry_orgs;  /* organisations in the world; of which from the registry */
    uint64_t people;               /* people resolved from the authorships */
    uint64_t stints, moves;        /* careers (docs/careers.md) */
    uint64_t auth_with_aff, auth_resolved; /* authorships with an affiliation or domain; resolved to the registry */
    int first_year, last_year;
    uint64_t snapshot_bytes;
    uint32_t format_version;
} sc_stats;

void sc_world_stats(const sc_world *w, sc_stats *st);

/* One paper as seen by queries. Strings point into the mapped snapshot and
 * live as long as the world. */
typedef struct {
    uint32_t id;
    const char *venue, *title, *status, *source_id;
    int year;
    int64_t citations; /* -1 = unknown */
    uint32_t n_authors;
} sc_paper;

typedef struct {
    const char *name, *affiliation, *email_domain;
    const char *openreview, *orcid, *dblp, *openalex;
} sc_authorship;

typedef struct {
    const char *venue;  /* exact venue name (case-insensitive), or NULL */
    int year;           /* 0 = any */
    const char *author; /* case-insensitive substring of an author's name, or NULL */
    size_t limit;       /* 0 = no limit */
} sc_paper_query;

/* Call fn for each matching paper, in (venue, year, id) order; fn returns
 * non-zero to stop. Returns the number of papers passed to fn. */
size_t sc_world_papers(const sc_world *w, const sc_paper_query *q,
                       int (*fn)(void *ctx, const sc_paper *p), void *ctx);
void sc_world_paper_authors(const sc_world *w, uint32_t paper_id,
                            void (*fn)(void *ctx, uint32_t pos, const sc_authorship *a),
                            void *ctx);
/* Venue names and their paper counts, by name. */
size_t sc_world_venue_count(const sc_world *w);
const char *sc_world_venue(const sc_world *w, size_t i, uint64_t *papers);
/* First and last year with papers of venue i (0 when unknown). */
void sc_world_venue_years(const sc_world *w, size_t i, int *first, int *last);

/* Organisations of the world (1..count): registry ones, then the ones
 * formed from unresolved strings (type "cluster"). */
typedef struct {
    uint32_t index;
    const char *id, *name, *country, *type, *parent;
    int from_registry;
    const char *example; /* a raw affiliation string credited to it */
    uint64_t authorships, papers;
} sc_org_row;
size_t sc_world_org_count(const sc_world *w);
int sc_world_org(const sc_world *w, uint32_t i, sc_org_row *out);

/* People (resolved from authorships; see docs/resolution-people.md). */
typedef struct {
    uint32_t index;
    const char *key;  /* stable across rebuilds */
    const char *name; /* the name they use most */
    uint32_t papers, authorships;
    int first_year, last_year;
} sc_person_row;
size_t sc_world_people_count(const sc_world *w);
int sc_world_person(const sc_world *w, uint32_t i, sc_person_row *out);
/* People whose name matches (after Unicode and case folding, by name key),
 * or whose key is exactly `query`. Returns how many (fills up to max). */
size_t sc_world_find_people(const sc_world *w, const char *query, uint32_t *out, size_t max);
/* Suggestions when nobody has that name: people whose usual name is within a
 * few edits of it (closest first, then most papers). Returns how many. */
size_t sc_world_suggest_people(const sc_world *w, const char *query, uint32_t *out, size_t max);
typedef struct {
    uint32_t paper;
    int year;
    const char *venue, *title, *name_used, *affiliation;
    const char *org_id, *org_name; /* "" when none */
} sc_person_authorship;
/* A person's authorships in (year, id) order. */
void sc_world_person_authorships(const sc_world *w, uint32_t i,
                                 void (*fn)(void *ctx, const sc_person_authorship *a), void *ctx);
/* Co-authors by number of shared papers (most first). */
size_t sc_world_person_coauthors(const sc_world *w, uint32_t i, uint32_t *persons, uint32_t *counts,
                                 size_t max);

/* Every authorship of a paper with the resolved person and organisation. */
typedef struct {
    uint32_t position;
    const char *name, *affiliation, *email_domain;
    const char *person_key; /* "" if none */
    const char *org_id;     /* "" if none; "~…" for a workspace cluster */
} sc_resolved_authorship;
void sc_world_paper_resolved(const sc_world *w, uint32_t paper_id,
                             void (*fn)(void *ctx, const sc_resolved_authorship *a), void *ctx);

/* ---- Careers and talent flows (docs/careers.md) ----------------------------
 * Computed in the build: per person, stints (a run of years at one
 * organisation) and moves between consecutive stints. */

typedef struct {
    uint32_t org;         /* organisation index (sc_world_org) */
    const char *org_id, *org_name, *org_type, *country;
    int first_year, last_year;
    uint32_t papers;      /* authorships at the organisation in the stint */
} sc_stint_row;
/* A person's stints in time order; fills up to max, returns how many. */
size_t sc_world_person_stints(const sc_world *w, uint32_t person, sc_stint_row *out, size_t max);

typedef struct {
    int side;             /* 0 at the old place, 1 at the new */
    uint32_t paper;
    int year;
    const char *venue, *title, *affiliation;
    const char *email_domain; /* "" if none; an authorship may be placed by its domain alone */
} sc_evidence;

typedef struct {
    uint32_t index;       /* move id */
    uint32_t person;
    const char *person_key, *person_name;
    uint32_t from, to;    /* organisation indexes */
    const char *from_id, *from_name, *from_type, *from_country;
    const char *to_id, *to_name, *to_type, *to_country;
    int year;             /* estimated: the first year with evidence at the new place */
    int last_old_year, first_new_year;
    double confidence;    /* 0..1 */
    const char *kind;     /* "academia->industry", …, "unknown" */
    int first_job;        /* the first job after a PhD */
    unsigned shared_coauthors; /* people the person wrote with on both sides */
    size_t n_evidence;
    sc_evidence evidence[4]; /* up to two papers on each side */
} sc_move_row;

typedef struct {
    const uint32_t *persons; /* only these people (NULL = anyone) */
    size_t n_persons;
    uint32_t org;         /* from or to this organisation (0 = any) */
    uint32_t from, to;    /* 0 = any */
    int since, until;     /* move years, inclusive (0 = open) */
    int kind;             /* sc_move_kind (-1 = any) */
    double min_confidence;
    size_t limit;         /* 0 = no limit */
} sc_move_query;

/* Moves matching q in (year, person key, id) order; fn returns non-zero to
 * stop. Returns how many were passed to fn. */
size_t sc_world_moves(const sc_world *w, const sc_move_query *q,
                      int (*fn)(void *ctx, const sc_move_row *m), void *ctx);
size_t sc_world_move_count(const sc_world *w);
/* "academia->industry" (or "a2i"), "industry->academia" ("i2a"),
 * "industry->industry" ("i2i"), "academia->academia" ("a2a"), "unknown":
 * the sc_move_query kind; -1 if none of these. */
int sc_move_kind_parse(const char *s);
size_t sc_world_stint_count(const sc_world *w);

/* Organisations by id ("google", "~…"), by name (case-insensitive), or by an
 * affiliation string of the world written exactly so (any case); fills up to
 * max; returns how many. Suggestions: names containing every word of the
 * query, most authorships first. */
size_t sc_world_find_org(const sc_world *w, const char *query, uint32_t *out, size_t max);
size_t sc_world_suggest_orgs(const sc_world *w, const char *query, uint32_t *out, size_t max);

typedef struct {
    int since, until;     /* 0 = open */
    const char *from_type, *to_type; /* "industry", "academia", or an org type; NULL = any */
    const char *country;  /* either side in this country (ISO code); NULL = any */
    double min_confidence;
} sc_flow_query;

typedef struct {
    uint32_t from, to;
    const char *from_id, *from_name, *to_id, *to_name;
    uint64_t moves;
} sc_flow_row;

/* Organisation x organisation move counts, most first (then by names);
 * fills up to max rows, returns the number of distinct pairs. */
size_t sc_world_flows(const sc_world *w, const sc_flow_query *q, sc_flow_row *out, size_t max);

typedef struct {
    int year;
    uint32_t active;      /* people with a stint there covering the year (headcount proxy) */
    uint32_t hires, departures;
    int net;
    double attrition;     /* departures / active */
} sc_org_year;
/* Per year of the world's range where the organisation has anyone; returns how many. */
size_t sc_world_org_years(const sc_world *w, uint32_t org, sc_org_year *out, size_t max);

typedef struct {
    uint32_t org;
    const char *id, *name;
    uint64_t moves;
} sc_org_partner;
/* Where hires came from (dir 0) or where leavers went (dir 1), most first. */
size_t sc_world_org_partners(const sc_world *w, uint32_t org, int dir, int since, int until,
                             sc_org_partner *out, size_t max);

typedef struct {
    const char *key;      /* organisation id, or a country code */
    const char *name;
    uint32_t papers;      /* papers with at least one author there */
    double fractional;    /* each paper split among its authors, each author's share among their organisations */
    double share;         /* fractional / papers of the conference */
} sc_conf_row;

typedef struct {
    const char *venue;    /* as stored */
    int year;
    uint32_t papers, authorships;
    size_t n_orgs, n_countries;
    sc_conf_row *orgs;    /* most fractional first; "" key = no organisation */
    sc_conf_row *countries;
} sc_conference;

/* The conference view; SC_EUSAGE if the venue or year is not in the world
 * (err says which). Free with sc_conference_free. */
int sc_world_conference(const sc_world *w, const char *venue, int year, sc_conference *out, sc_error *err);
void sc_conference_free(sc_conference *c);

/* ---- Organisations ---------------------------------------------------------
 * The registry shipped with scout (data/orgs.tsv) plus a workspace's overrides
 * (DIR/orgs-overrides.tsv: "alias<TAB>org-id" or "@domain<TAB>org-id"). */

typedef struct sc_registry sc_registry;

/* overrides may be NULL. Errors name FILE:LINE:COL. */
int sc_registry_open(const char *path, const char *overrides, sc_registry **out, sc_error *err);
void sc_registry_close(sc_registry *r);
size_t sc_registry_count(const sc_registry *r);

typedef struct {
    const char *id, *name, *type, *country;
    const char *parent;   /* parent's id, "" if none */
    const char *method;   /* domain, alias, fuzzy */
    double confidence;    /* 0..1 */
} sc_org_match;

/* Resolve an affiliation string (and optional e-mail domain, may be NULL).
 * Fills up to max matches (the first is primary) and returns how many; 0
 * means unresolved, and cluster_key (if given) receives the normalised
 * string scout would cluster it under. */
size_t sc_resolve_org(const sc_registry *r, const char *text, const char *domain,
                      sc_org_match *out, size_t max, char *cluster_key, size_t cap);

/* Default registry path: $SCOUT_ORGS, else data/orgs.tsv beside the
 * executable's directory or its parent, else PREFIX/share/scout/orgs.tsv. */
const char *sc_registry_default_path(void);

/* ---- Demo world ---------------------------------------------------------- */

typedef struct {
    uint64_t seed;
    uint64_t people;     /* researchers (default 2000) */
    int first_year, last_year;
    int write_dblp;      /* also (or instead) write DBLP XML */
    int write_paperlists;
    sc_progress_fn progress;
    void *progress_ctx;
} sc_demo_options;

typedef struct {
    uint64_t people, papers, authorships, moves, orgs, files;
    uint64_t bytes;
} sc_demo_result;

/* Write a deterministic synthetic world into out_dir: sources under
 * out_dir/sources/ and ground truth under out_dir/truth/. */
int sc_demo_generate(const char *out_dir, const sc_demo_options *opt, sc_demo_result *res,
                     sc_error *err);

#ifdef __cplusplus
}
#endif
#endif
