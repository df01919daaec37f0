/*
 * source.h — one entry point for reading any source: sniff its format, load
 * or stream it, and run the right reader into a sink.
 */
#ifndef SCOUT_SOURCE_H
#define SCOUT_SOURCE_H

#include "ingest/record.h"

/* Sniff the format of a file from its (decompressed) first bytes. Returns
 * SC_FMT_UNKNOWN for anything scout cannot read (err says why when the file
 * itself is unreadable: then the return is SC_FMT_UNKNOWN and err->code set). */
sc_format sc_source_sniff(const char *path, sc_error *err);

/* Read a whole source into sink. checksum/size (may be NULL) receive the
 * XXH3 and size of the file's bytes on disk. */
int sc_source_read(const char *path, sc_format fmt, const char *dtd, sc_sink *sink,
                   uint64_t *checksum, uint64_t *size, sc_error *err);

#endif
