/*
 * manifest.h — a workspace's list of sources: what the world is compiled
 * from. A tab-separated text file, one source per line, sorted by path, so a
 * person can read it and a diff shows what changed:
 *
 *   # scout manifest 1
 *   # path  format  size  mtime_ns  checksum  dtd
 *   /data/nips/nips2018.json.gz  paperlists  1234  1700000000000000000  9f…  -
 *
 * A checksum of "-" means "not computed yet" (ingest defers it to the build,
 * which reads the file anyway).
 */
#ifndef SCOUT_MANIFEST_H
#define SCOUT_MANIFEST_H

#include "util/util.h"

typedef struct {
    char *path; /* absolute */
    sc_format format;
    uint64_t size;
    int64_t mtime_ns;
    uint64_t checksum;
    int has_checksum;
    char *dtd; /* NULL = default */
} sc_manifest_entry;

typedef struct {
    SC_VEC(sc_manifest_entry) e;
} sc_manifest;

int sc_manifest_load(const char *file, sc_manifest *m, sc_error *err);
int sc_manifest_save(const char *file, const sc_manifest *m, sc_error *err);
void sc_manifest_free(sc_manifest *m);
void sc_manifest_copy(sc_manifest *dst, const sc_manifest *src);
sc_manifest_entry *sc_manifest_find(sc_manifest *m, const char *path);
void sc_manifest_sort(sc_manifest *m);

#endif
