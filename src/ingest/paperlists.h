/*
 * paperlists.h — reader for papercopilot "paperlists" files: one JSON array
 * of paper objects per venue-year (VENUE/VENUEYYYY.json[.gz|.zst]).
 */
#ifndef SCOUT_PAPERLISTS_H
#define SCOUT_PAPERLISTS_H

#include "ingest/record.h"

/* Read a whole decompressed file. Malformed records go to sink->reject and
 * reading goes on; returns SC_EINPUT only when the file is not a JSON array
 * at all, or when the sink asks to stop. */
int sc_read_paperlists(const char *buf, size_t n, const sc_read_ctx *ctx, sc_sink *sink,
                       sc_error *err);

/* 1 when buf starts like a paperlists file (a JSON array whose first object
 * has paperlists keys). Looks at the first 64 KiB at most. */
int sc_paperlists_sniff(const char *buf, size_t n);

/* Venue and year from a file name: ".../nips/nips2018.json.gz" -> "nips",
 * 2018. The venue is the name's leading letters (lower-cased into out, at
 * most cap-1 bytes); the year the last four digits before the extension. */
void sc_paperlists_name(const char *path, char *venue, size_t cap, int *year);

#endif
