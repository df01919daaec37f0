/*
 * input.h — opening a source file: plain, gzip or zstd, told apart by their
 * magic bytes (not by the file name). Two ways to read:
 *
 *  - sc_input_load: the whole decompressed content in memory (plain files are
 *    mmap-ed, not copied). Used by the JSON readers: one venue-year file is a
 *    few MB, and a whole buffer lets the tokenizer run without refills.
 *  - sc_stream: bounded-memory streaming, used by the DBLP reader (the real
 *    dblp.xml is 4.5 GB).
 *
 * A truncated or corrupt archive is an SC_EINPUT error naming the file.
 */
#ifndef SCOUT_INPUT_H
#define SCOUT_INPUT_H

#include "util/util.h"

typedef enum { SC_COMP_NONE, SC_COMP_GZIP, SC_COMP_ZSTD } sc_compression;

/* Compression of the first bytes of a file. */
sc_compression sc_compression_sniff(const unsigned char *p, size_t n);

typedef struct {
    const char *p;      /* the content */
    size_t n;
    size_t file_bytes;  /* size on disk (compressed) */
    uint64_t checksum;  /* sc_hash of the bytes on disk (only if asked) */
    int mapped;         /* p is an mmap of the file */
    void *base;         /* what to unmap/free */
    size_t base_n;
} sc_input;

/* Load path fully. want_checksum: also hash the on-disk bytes. */
int sc_input_load(const char *path, int want_checksum, sc_input *in, sc_error *err);
void sc_input_free(sc_input *in);

typedef struct sc_stream sc_stream;
int sc_stream_open(const char *path, sc_stream **out, sc_error *err);
/* Read up to cap decompressed bytes; returns bytes read, 0 at the end, -1 on
 * error (err set, naming the file). */
long sc_stream_read(sc_stream *s, char *buf, size_t cap, sc_error *err);
/* Bytes consumed from the file so far (for progress). */
uint64_t sc_stream_file_pos(const sc_stream *s);
void sc_stream_close(sc_stream *s);

/* Checksum (sc_hash) and size of a file's bytes on disk. */
int sc_file_checksum(const char *path, uint64_t *sum, uint64_t *size, sc_error *err);

#endif
