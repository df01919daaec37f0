/*
 * openalex.h — reader for OpenAlex works, and the sniffer that recognises
 * them.
 *
 * Accepted shapes, told apart by content (not by file name):
 *   (a) JSON Lines, one work per line (the snapshot layout);
 *   (b) API result pages {"meta":…,"results":[work,…]} (also one per line);
 *   (c) a JSON array of works;
 *   (d) a single work object (or several, concatenated).
 * Each work becomes one sc_rec_paper with its authorships (OpenAlex author
 * id, ORCID, raw affiliation or institution names).
 */
#ifndef SCOUT_OPENALEX_H
#define SCOUT_OPENALEX_H

#include "ingest/record.h"

/* Read a whole decompressed file. Malformed works go to sink->reject (with
 * 1-based line and byte column) and reading goes on with the next one.
 * Returns SC_OK, SC_EINPUT "PATH:LINE:COL: not OpenAlex works …" when the
 * content is some other JSON (an author, an institution, a paperlists
 * array…) or not JSON, or the sink's non-zero value when it asks to stop.
 * An empty (or all white space) input is SC_OK with no papers. */
int sc_read_openalex(const char *buf, size_t n, const sc_read_ctx *ctx, sc_sink *sink,
                     sc_error *err);

/* SC_FMT_OPENALEX when the start of buf (at most 64 KiB are looked at) is a
 * work, a JSON Lines file of works, a results page of works or an array of
 * works: the first object has an "authorships" array or an "id" that is a
 * work id ("https://openalex.org/W…"). SC_FMT_UNKNOWN otherwise. */
sc_format sc_openalex_sniff(const char *buf, size_t n);

#endif
