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

/* Split normalised text into tokens (spans into the text). */
size_t sc_norm_tokens(const char *s, size_t n, sc_span *tok, size_t cap);

/* The registrable part of an e-mail domain: "cs.stanford.edu" ->
 * "stanford.edu", "robots.ox.ac.uk" -> "ox.ac.uk" (two-level public suffixes
 * such as ac.uk, edu.cn, co.jp are kept whole). Lower-cased into out. */
void sc_domain_registrable(const char *d, size_t n, sc_buf *out);

/* 1 for mail providers that say nothing about an employer (gmail.com …). */
int sc_domain_is_shared(const char *d, size_t n);

#endif
