/*
 * normalize.h — text normalisation for matching organisation strings.
 *
 * sc_norm_text folds a string to a canonical form: Unicode compatibility
 * decomposition, case folding and accent stripping (utf8proc), every
 * character that is not a letter or digit becomes a space, runs of spaces
 * collapse, "&" becomes "and", apostrophes vanish and a leading "the" is
 * dropped — as scripts/gen-orgs.py's norm() does, so registry aliases match.
 * "ETH Zürich" and "ETH  zurich," both give "eth zurich".
 */
#ifndef SCOUT_NORMALIZE_H
#define SCOUT_NORMALIZE_H

#include "util/util.h"

/* Normalise s into out (reset first). Invalid UTF-8 bytes are dropped. */
void sc_norm_text(const char *s, size_t n, sc_buf *out);

/* Is code point cp a footnote mark that papers put between or after the
 * organisations of one author ("DeepMind\u266dUniversity College London",
 * "CUHK\u2021University of Toronto")? Daggers, section and pilcrow signs,
 * bullets, the double bar, mathematical operators, geometric shapes,
 * miscellaneous symbols (card suits, music signs, stars) and dingbats; as
 * FOOTNOTE_MARKS in scripts/gen-orgs.py. */
int sc_is_footnote_mark(uint32_t cp);

/* The length in bytes of the footnote mark starting at s (at most n bytes
 * long), or 0 if none starts there. */
size_t sc_footnote_mark_len(const char *s, size_t n);

/* Split normalised text into tokens (spans into the text). */
size_t sc_norm_tokens(const char *s, size_t n, sc_span *tok, size_t cap);

/* The registrable part of an e-mail domain: "cs.stanford.edu" ->
 * "stanford.edu", "robots.ox.ac.uk" -> "ox.ac.uk" (two-level public suffixes
 * such as ac.uk, edu.cn, co.jp are kept whole). Lower-cased into out. */
void sc_domain_registrable(const char *d, size_t n, sc_buf *out);

/* 1 for mail providers that say nothing about an employer (gmail.com …). */
int sc_domain_is_shared(const char *d, size_t n);

#endif
