/*
 * snapshot.h — the world snapshot file: one versioned, checksummed,
 * immutable file of sections, mmap-ed by readers.
 *
 * Layout (little-endian; docs/snapshot.md):
 *   header (64 bytes): magic "SCOUTWLD", version, section count, file size,
 *                      checksum of the directory
 *   directory: one 40-byte entry per section (id, element size, offset,
 *              size, element count, XXH3-64 of the section's bytes)
 *   sections, each starting on a 64-byte boundary.
 * Opening checks magic, version, sizes, bounds and the directory checksum
 * (microseconds); sc_snapshot_verify also checks every section's bytes.
 *
 * Writing goes to a temporary file beside the target, is fsync-ed and renamed
 * into place, so a crash at any point leaves either the old or the new world.
 */
#ifndef SCOUT_SNAPSHOT_H
#define SCOUT_SNAPSHOT_H

#include "util/util.h"

#define SC_SNAPSHOT_VERSION 5u

enum {
    SC_SEC_META = 1,
    SC_SEC_PAPERS,
    SC_SEC_AUTHORSHIPS,
    SC_SEC_PERSONS,
    SC_SEC_PERSON_NAMES,
    SC_SEC_PERSON_AFFS,
    SC_SEC_SOURCES,
    SC_SEC_VENUES,
    SC_SEC_PAPER_ORDER,
    SC_SEC_ORGS,
    SC_SEC_AFF_ORG,
    SC_SEC_AUTH_ORG,
    SC_SEC_PEOPLE,       /* sc_m_person_rec, in person order */
    SC_SEC_AUTH_PERSON,  /* u32 per authorship */
    SC_SEC_PERSON_AUTHS, /* u32 authorship ids grouped by person, by year */
    SC_SEC_PEOPLE_BY_KEY, /* u32 person ids sorted by name key */
    SC_SEC_STINTS,        /* sc_m_stint by (person, year) */
    SC_SEC_PERSON_STINT_OFF, /* u32 per person + 1: first stint */
    SC_SEC_MOVES,         /* sc_m_move by (person, year) */
    SC_SEC_PERSON_MOVE_OFF,  /* u32 per person + 1: first move */
    SC_SEC_ORG_STINTS,    /* u32 stint ids by (org, first year, id) */
    SC_SEC_ORG_STINT_OFF, /* u32 per org + 1 */
    SC_SEC_MOVES_FROM,    /* u32 move ids by (from org, year, id) */
    SC_SEC_ORG_FROM_OFF,  /* u32 per org + 1 */
    SC_SEC_MOVES_TO,      /* u32 move ids by (to org, year, id) */
    SC_SEC_ORG_TO_OFF,    /* u32 per org + 1 */
    SC_SEC_AUTH_EXT,      /* sc_m_ext_ids; sc_m_authorship.ext points here */
    SC_SEC_STR_BASE = 100, /* table k: offsets 100+2k, bytes 101+2k */
};

typedef struct {
    uint32_t id, elem_size;
    const void *p;
    uint64_t size, count;
} sc_section;

int sc_snapshot_write(const char *path, const sc_section *secs, size_t n, sc_error *err);

/* Streaming writer: sections may be appended piece by piece (the build
 * streams titles and abstracts to disk while later files are still being
 * parsed, instead of holding them all in memory). Errors are sticky and
 * reported by commit. */
typedef struct sc_snapwriter sc_snapwriter;
int sc_snapwriter_open(const char *path, uint32_t max_sections, sc_snapwriter **out, sc_error *err);
void sc_snapwriter_begin(sc_snapwriter *w, uint32_t id, uint32_t elem_size);
void sc_snapwriter_append(sc_snapwriter *w, const void *p, size_t n);
void sc_snapwriter_end(sc_snapwriter *w, uint64_t count);
void sc_snapwriter_section(sc_snapwriter *w, const sc_section *s);
/* The bytes of the last section ended, mapped read-only from the file being
 * written (its pages are still in the page cache): a build reads back what
 * it streamed out instead of keeping a second copy in memory. Call it
 * before anything is queued. Where the file cannot be mapped the bytes are
 * read into memory instead; NULL only if neither works (a write error,
 * which commit reports). sc_snapmap_free unmaps or frees. */
typedef struct {
    void *base;
    size_t len;
    int copied; /* base is a malloc'd copy, not a map */
} sc_snapmap;
const char *sc_snapwriter_map_last(sc_snapwriter *w, sc_snapmap *m);
void sc_snapmap_free(sc_snapmap *m);
/* Background writing: the section is written by the writer's own thread,
 * after everything queued or written before it, while the caller goes on
 * computing the next ones. s->p must stay alive and unchanged until commit
 * or abort. Once a section is queued, the calls above must not be used
 * again (only queueing, reserve, fill, commit, abort). */
void sc_snapwriter_section_async(sc_snapwriter *w, const sc_section *s);
/* A section whose bytes are known only later (a summary of what follows):
 * takes its place in the file and the directory now, in queue order, with
 * size bytes of zeros; sc_snapwriter_fill writes them at commit time. */
void sc_snapwriter_reserve(sc_snapwriter *w, uint32_t id, uint32_t elem_size, uint64_t size);
/* The reserved section's bytes (exactly its size) and element count. */
void sc_snapwriter_fill(sc_snapwriter *w, uint32_t id, const void *p, uint64_t count);
/* Write the header and directory, fsync, rename into place; frees w. */
int sc_snapwriter_commit(sc_snapwriter *w, sc_error *err);
/* Drop the temporary file; frees w. */
void sc_snapwriter_abort(sc_snapwriter *w);

typedef struct {
    uint32_t id, elem_size;
    uint64_t offset, size, count, checksum;
} sc_section_entry;

typedef struct {
    void *base;
    size_t size;
    uint32_t version;
    uint32_t n;
    const sc_section_entry *dir;
    char path[4096];
} sc_snapshot;

int sc_snapshot_open(const char *path, sc_snapshot *s, sc_error *err);
/* The section's bytes, or NULL if absent or if its element size differs. */
const void *sc_snapshot_section(const sc_snapshot *s, uint32_t id, uint32_t elem_size,
                                uint64_t *count);
int sc_snapshot_verify(const sc_snapshot *s, sc_error *err);
void sc_snapshot_close(sc_snapshot *s);

#endif
