/*
 * person_name.h — author names taken apart for person resolution (private
 * to src/resolve/person*.c).
 *
 * A name as written ("de Freitas, Nando", "N. de Freitas", "Wei Wang 0001",
 * "José García-López") is folded (case, accents, punctuation), reordered when
 * written "Last, First", and split into given tokens and a surname (with its
 * particles: "de freitas", "van der maaten"). A trailing DBLP homonym number
 * is taken out: it is not part of the name but is evidence of its own.
 *
 * From the parts come the keys clustering works with:
 *   block key   surname + first initial ("defreitas n"): every spelling of one
 *               person should land in one block;
 *   full key    every given token and the surname ("nando defreitas"): the
 *               exact-name groups clustering starts from;
 *   signature   a compact form for deciding whether two spellings can be one
 *               person ("N. de Freitas" ~ "Nando de Freitas", but "Alex F."
 *               is not "Alex G.").
 */
#ifndef SCOUT_PERSON_NAME_H
#define SCOUT_PERSON_NAME_H

#include <stddef.h>
#include <stdint.h>

#define SC_PN_MAXTOK 12
#define SC_PN_TEXT   256
#define SC_PN_MAXMID 4

/* A parsed name: folded tokens (UTF-8, no separators stored) in text;
 * tokens [0, sur) are given names, [sur, ntok) the surname with particles. */
typedef struct {
    char text[SC_PN_TEXT];
    uint16_t off[SC_PN_MAXTOK];
    uint8_t len[SC_PN_MAXTOK];
    uint8_t ntok, sur;
    uint32_t number; /* DBLP homonym number ("0001" -> 1), 0 = none */
} sc_pname;

/* Parse s[0..n) (any bytes; invalid UTF-8 is read as Latin-1). Returns the
 * number of tokens (0: nothing name-like in it). */
int sc_pname_parse(const char *s, size_t n, sc_pname *pn);

/* Block key ("defreitas n", or the surname alone when there is no given
 * name) and full key ("nando defreitas"), NUL-terminated into out; return
 * the length (truncated to cap - 1). */
size_t sc_pname_block_key(const sc_pname *pn, char *out, size_t cap);
size_t sc_pname_full_key(const sc_pname *pn, char *out, size_t cap);

/* Name signature: hashes of the given tokens. A token of one character is an
 * initial (full == 0). */
typedef struct {
    uint32_t g0i, g0; /* first given name: initial, full (0 = initial only) */
    uint32_t
        cat; /* all given names run together when all are full ("zhi hua" = "zhihua"), else 0 */
    uint32_t mi[SC_PN_MAXMID]; /* middle names: initial */
    uint32_t mf[SC_PN_MAXMID]; /* middle names: full, 0 = initial only */
    uint8_t nmid;
} sc_pn_sig;

void sc_pname_sig(const sc_pname *pn, sc_pn_sig *sig);
/* Can the two spellings be one person? Same initial; full first names equal
 * (or the given names run together are equal); the shorter list of middle
 * names matches, in order, part of the longer one. */
int sc_pn_sig_compat(const sc_pn_sig *a, const sc_pn_sig *b);
/* The most specific spelling both are consistent with (a and b compatible). */
void sc_pn_sig_unify(const sc_pn_sig *a, const sc_pn_sig *b, sc_pn_sig *out);
int sc_pn_sig_equal(const sc_pn_sig *a, const sc_pn_sig *b);
/* Full middle names one spelling has and the other lacks ("Tomás Flores
 * García" vs "Tomás García": 1). A dropped initial is common; a dropped
 * full name is usually a different person (in Spanish names it is the
 * first surname). */
int sc_pn_sig_dropped_full(const sc_pn_sig *a, const sc_pn_sig *b);

/* 32-bit hash of a token (never 0). */
uint32_t sc_pn_hash32(const char *p, size_t n);

#endif
