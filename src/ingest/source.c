/*
 * source.c — format sniffing and reader dispatch (see source.h).
 *
 * Sniffing looks at content, never only at the name: the first non-blank
 * byte '<' means XML (DBLP when it mentions dblp), '[' or '{' means JSON,
 * told apart by the keys of the first record (paperlists keys vs OpenAlex's
 * "authorships" / "https://openalex.org/W" ids).
 */
#include "ingest/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/dblp.h"
#include "ingest/input.h"
#include "ingest/openalex.h"
#include "ingest/paperlists.h"

const char *sc_format_name(sc_format f)
{
    switch (f) {
    case SC_FMT_PAPERLISTS: return "paperlists";
    case SC_FMT_DBLP: return "dblp";
    case SC_FMT_OPENALEX: return "openalex";
    default: return "unknown";
    }
}

sc_format sc_format_parse(const char *name)
{
    if (!name) return SC_FMT_UNKNOWN;
    if (strcmp(name, "paperlists") == 0) return SC_FMT_PAPERLISTS;
    if (strcmp(name, "dblp") == 0) return SC_FMT_DBLP;
    if (strcmp(name, "openalex") == 0) return SC_FMT_OPENALEX;
    return SC_FMT_UNKNOWN;
}

/* The first HEAD decompressed bytes of a file. Plain files are read with
 * one pread of HEAD bytes: sniffing a folder must not read whole files. */
static long read_head(const char *path, char *head, size_t cap, sc_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return sc_fail(err, SC_EINPUT, "%s: cannot open: %s", path, strerror(errno)), -1;
    ssize_t k = pread(fd, head, cap, 0);
    close(fd);
    if (k < 0) return sc_fail(err, SC_EINPUT, "%s: read error: %s", path, strerror(errno)), -1;
    if (sc_compression_sniff((const unsigned char *)head, (size_t)k) == SC_COMP_NONE) return k;
    sc_stream *s;
    if (sc_stream_open(path, &s, err)) return -1;
    size_t n = 0;
    while (n < cap) {
        sc_error e2 = {0, {0}};
        long r = sc_stream_read(s, head + n, cap - n, &e2);
        if (r < 0) {
            /* a truncated archive still sniffs from what it holds; the
             * read at build time reports the damage */
            if (n == 0) {
                if (err) *err = e2;
                sc_stream_close(s);
                return -1;
            }
            break;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    sc_stream_close(s);
    return (long)n;
}

sc_format sc_source_sniff(const char *path, sc_error *err)
{
    enum { HEAD = 65536 };
    char *head = sc_xmalloc(HEAD + 1);
    long got = read_head(path, head, HEAD, err);
    if (got < 0) {
        free(head);
        return SC_FMT_UNKNOWN;
    }
    size_t n = (size_t)got;
    head[n] = 0;
    sc_format f = SC_FMT_UNKNOWN;
    size_t i = 0;
    if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) i++;
    if (i < n && head[i] == '<') {
        /* the root element, not a mere mention (dblp.dtd itself mentions it) */
        if (strstr(head + i, "<dblp>") || strstr(head + i, "<dblp ") || strstr(head + i, "<!DOCTYPE dblp"))
            f = SC_FMT_DBLP;
    } else if (i < n && (head[i] == '[' || head[i] == '{')) {
        if (sc_openalex_sniff(head, n) == SC_FMT_OPENALEX) f = SC_FMT_OPENALEX;
        else if (sc_paperlists_sniff(head, n)) f = SC_FMT_PAPERLISTS;
    }
    free(head);
    return f;
}

int sc_source_read(const char *path, sc_format fmt, const char *dtd, sc_sink *sink,
                   uint64_t *checksum, uint64_t *size, sc_error *err)
{
    sc_read_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.path = path;
    ctx.dtd_path = dtd;
    if (fmt == SC_FMT_DBLP) {
        if (checksum || size) {
            uint64_t c, z;
            int rc = sc_file_checksum(path, &c, &z, err);
            if (rc) return rc;
            if (checksum) *checksum = c;
            if (size) *size = z;
        }
        return sc_read_dblp(path, &ctx, sink, err);
    }
    sc_input in;
    int rc = sc_input_load(path, checksum != NULL, &in, err);
    if (rc) return rc;
    if (checksum) *checksum = in.checksum;
    if (size) *size = in.file_bytes;
    char venue[64];
    if (fmt == SC_FMT_PAPERLISTS) {
        sc_paperlists_name(path, venue, sizeof venue, &ctx.year);
        ctx.venue = sc_span_cstr(venue);
        rc = sc_read_paperlists(in.p, in.n, &ctx, sink, err);
    } else if (fmt == SC_FMT_OPENALEX) {
        rc = sc_read_openalex(in.p, in.n, &ctx, sink, err);
    } else {
        rc = sc_fail(err, SC_EINPUT, "%s: unknown format", path);
    }
    sc_input_free(&in);
    return rc;
}
