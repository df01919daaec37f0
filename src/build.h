/*
 * build.h — the pipeline: sources -> readers -> world tables -> snapshot.
 */
#ifndef SCOUT_BUILD_H
#define SCOUT_BUILD_H

#include "store/manifest.h"

/* Compile every source of m (in path order) into a snapshot at snap_path and
 * the rejects into rejects_path (JSON Lines). Sizes and checksums found while
 * reading are written back into m. Nothing is written unless the whole build
 * succeeds. */
int sc_build(sc_manifest *m, const char *snap_path, const char *rejects_path,
             const char *overrides_path, const sc_options *opt, sc_build_result *res, sc_error *err);

#endif
