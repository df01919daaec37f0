/*
 * util.h — the small building blocks every other module uses: errors with
 * context, growable byte buffers, spans, hashing, a few string helpers.
 *
 * Ownership rule: a function that returns heap memory says so in its comment;
 * everything else borrows. Nothing here prints or exits (the library never
 * does; only src/cli does).
 */
#ifndef SCOUT_UTIL_H
#define SCOUT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#include "scout.h"

#define SC_UNUSED(x) ((void)(x))
#define SC_MIN(a, b) ((a) < (b) ? (a) : (b))
#define SC_MAX(a, b) ((a) > (b) ? (a) : (b))

/* Set an error (printf-style). Always returns err->code so callers can write
 * `return sc_fail(err, SC_EINPUT, "...")`. err may be NULL. */
int sc_fail(sc_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A view of bytes that are owned elsewhere; not NUL-terminated. */
typedef struct {
    const char *p;
    size_t n;
} sc_span;

#define SC_SPAN_NULL ((sc_span){NULL, 0})
static inline sc_span sc_span_of(const char *p, size_t n) { return (sc_span){p, n}; }
sc_span sc_span_cstr(const char *s);
int sc_span_eq(sc_span a, const char *lit);
sc_span sc_span_trim(sc_span s); /* ASCII white space and U+00A0 at both ends */

/* Growable byte buffer. Zero-initialise to use; sc_buf_free releases. Growth
 * failures abort: they are out-of-memory, which a build cannot recover from. */
typedef struct {
    char *p;
    size_t n, cap;
} sc_buf;

void sc_buf_reserve(sc_buf *b, size_t extra);
void sc_buf_add(sc_buf *b, const void *p, size_t n);
void sc_buf_addc(sc_buf *b, char c);
void sc_buf_adds(sc_buf *b, const char *s);
void sc_buf_printf(sc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sc_buf_vprintf(sc_buf *b, const char *fmt, va_list ap);
void sc_buf_free(sc_buf *b);
/* Append a JSON string literal (with quotes) for the given bytes. */
void sc_buf_json_str(sc_buf *b, const char *p, size_t n);

/* Append the base64 (RFC 4648) encoding of bytes. */
void sc_buf_base64(sc_buf *b, const void *p, size_t n);

/* Allocation helpers that abort on out-of-memory (see sc_buf). */
void *sc_xmalloc(size_t n);
void *sc_xcalloc(size_t n, size_t size);
void *sc_xrealloc(void *p, size_t n);
char *sc_xstrdup(const char *s);
char *sc_xstrndup(const char *s, size_t n);

/* Typed growable array: SC_VEC(int) v = {0}; sc_vec_push(&v, 3); */
#define SC_VEC(T) struct { T *v; size_t n, cap; }
#define sc_vec_grow(vec, extra)                                                          \
    do {                                                                                 \
        if ((vec)->n + (extra) > (vec)->cap) {                                           \
            size_t nc_ = (vec)->cap ? (vec)->cap * 2 : 16;                               \
            while (nc_ < (vec)->n + (extra)) nc_ *= 2;                                   \
            (vec)->v = sc_xrealloc((vec)->v, nc_ * sizeof(*(vec)->v));                  \
            (vec)->cap = nc_;                                                            \
        }                                                                                \
    } while (0)
#define sc_vec_push(vec, x)                                                              \
    do {                                                                                 \
        sc_vec_grow(vec, 1);                                                             \
        (vec)->v[(vec)->n++] = (x);                                                      \
    } while (0)
#define sc_vec_free(vec)                                                                 \
    do {                                                                                 \
        free((vec)->v);                                                                  \
        (vec)->v = NULL;                                                                 \
        (vec)->n = (vec)->cap = 0;                                                       \
    } while (0)

/* 64-bit hash of bytes (XXH3). Stable across runs and machines: it is used
 * for checksums written to disk and for deterministic interning. */
uint64_t sc_hash(const void *p, size_t n);

/* Line and column (1-based, column in bytes) of offset off in buf. */
void sc_line_col(const char *buf, size_t off, uint32_t *line, uint32_t *col);

/* Monotonic seconds, for timing summaries. */
double sc_now(void);

/* Validate UTF-8; returns 1 when p[0..n) is well-formed. */
int sc_utf8_valid(const char *p, size_t n);

#endif
