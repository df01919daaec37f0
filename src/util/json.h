/*
 * json.h — a narrow, strict, streaming JSON tokenizer over an in-memory
 * buffer.
 *
 * Why our own: the readers only need a few fields of each record and skip the
 * rest (a paperlists record is ~3 KB of which scout keeps a few hundred
 * bytes). A DOM library (jansson, json-c: the ones Debian has for C) builds
 * every value and was measured 4-8x slower on the corpus (bench/json_bench.c,
 * docs/performance.md). This tokenizer validates everything it passes over —
 * it accepts every y_* and rejects every n_* case of JSONTestSuite (see
 * tests/unit/test_json.c) — but materialises only what the caller asks for.
 *
 * Usage: position a cursor on a value, ask what kind it is, then enter
 * objects/arrays and walk them, read strings/numbers, or skip values.
 * Strings come back raw (between the quotes); sc_json_unescape decodes them.
 * Errors stop the cursor: j->err says what, j->err_at where.
 *
 * Decisions on JSONTestSuite's implementation-defined (i_*) cases: invalid
 * UTF-8 inside strings is rejected (scout stores only valid UTF-8); escaped
 * lone surrogates are accepted and decode to U+FFFD; a UTF-8 BOM before the
 * document is skipped; huge numbers are accepted as tokens; nesting deeper
 * than SC_JSON_MAX_DEPTH is rejected.
 */
#ifndef SCOUT_JSON_H
#define SCOUT_JSON_H

#include "util/util.h"

#define SC_JSON_MAX_DEPTH 1024

typedef enum {
    SC_JSON_ERROR = -1,
    SC_JSON_EOF = 0, /* nothing but white space left */
    SC_JSON_NULL,
    SC_JSON_FALSE,
    SC_JSON_TRUE,
    SC_JSON_NUMBER,
    SC_JSON_STRING,
    SC_JSON_ARRAY,
    SC_JSON_OBJECT,
} sc_json_kind;

typedef struct {
    const char *buf, *p, *end;
    const char *err;    /* static message, NULL while fine */
    const char *err_at; /* where the error was found */
    int first;          /* walking an object/array: no element read yet */
} sc_json;

void sc_json_init(sc_json *j, const char *buf, size_t n);
/* Skip white space; report the kind of the next value without consuming it. */
sc_json_kind sc_json_peek(sc_json *j);
/* Consume a string value; raw gets its bytes between the quotes; *escaped is
 * set when it holds backslash escapes (then decode with sc_json_unescape). */
int sc_json_string(sc_json *j, sc_span *raw, int *escaped);
/* Consume a number; num gets its text. */
int sc_json_number(sc_json *j, sc_span *num);
/* Validate and skip any value. */
int sc_json_skip(sc_json *j);
/* Objects: consume '{', then sc_json_key returns 1 with the next key read and
 * the ':' consumed (the cursor is then on the value, which the caller must
 * consume or skip), 0 after the closing '}', -1 on error. */
int sc_json_object(sc_json *j);
int sc_json_key(sc_json *j, sc_span *key, int *escaped);
/* Arrays: consume '[', then sc_json_item returns 1 when a value follows (the
 * cursor is on it), 0 after ']', -1 on error. */
int sc_json_array(sc_json *j);
int sc_json_item(sc_json *j);
/* Decode a raw string (as returned above) into out, which must hold at
 * least n bytes (decoding never grows a string). Returns the decoded length.
 * The input must have come from the tokenizer (escapes already validated). */
size_t sc_json_unescape(const char *raw, size_t n, char *out);
/* Validate a whole document: one value surrounded by white space. */
int sc_json_validate(sc_json *j);
/* Set an error at p unless one is set; returns -1. */
int sc_json_fail(sc_json *j, const char *p, const char *what);

#endif
