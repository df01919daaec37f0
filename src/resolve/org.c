/*
 * org.c — the organisation registry and affiliation resolution (see org.h).
 *
 * Indexes built at load time:
 *   aliases  normalised name/alias/acronym -> organisation (a string claimed
 *            by two organisations is ambiguous and matches neither);
 *   domains  e-mail domain (any suffix down to the registrable part) -> org;
 *   tokens   token -> the aliases containing it, for the fuzzy step, with an
 *            IDF weight per token so that "university" counts for little and
 *            "tsinghua" for much.
 */
#include "resolve/org.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/strtab.h"
#include "resolve/normalize.h"

#define AMBIGUOUS UINT32_MAX

typedef struct {
    uint32_t org;
    uint32_t first_tok, n_tok; /* into alias_tok */
    float weight;              /* sum of its tokens' IDF */
    uint32_t named;            /* it says what the organisation is ("… University") */
    uint32_t campus;           /* another row's name is it plus a place ("University of North Carolina"
                                * / "… Greensboro"): a system's or a main campus's name */
    uint32_t exact_only;       /* matched whole only, no tokens for fuzzy matching (add_translit) */
} alias_info;

struct sc_orgreg {
    SC_VEC(sc_org) orgs; /* index 0 unused */
    sc_strtab id_str;     /* org ids: string id == organisation index */
    sc_strtab alias_str;  /* normalised aliases */
    SC_VEC(alias_info) alias;
    sc_strtab domain_str;
    SC_VEC(uint32_t) domain_org;
    sc_strtab tok_str;    /* tokens */
    SC_VEC(float) tok_idf;
    SC_VEC(uint32_t) alias_tok;  /* token ids of each alias */
    SC_VEC(uint32_t) post_start; /* token -> range in post */
    SC_VEC(uint32_t) post;       /* alias ids */
    /* fuzzy candidates by their first token: the aliases of one organisation
     * with at least one token rare enough to propose candidates (at most
     * FUZZY_MAX_POST postings). A phrase is tried only where the alias's
     * first token stands, not once per shared token anywhere. */
    SC_VEC(uint32_t) first_start; /* token -> range in first */
    SC_VEC(uint32_t) first;       /* alias ids */
    float max_idf;
    /* typo tolerance: a distinctive token (see index_typos) and each of its
     * one-letter deletions -> the token (AMBIGUOUS when two tokens share a
     * deletion) */
    SC_VEC(uint8_t) tok_distinct;
    SC_VEC(uint32_t) tok_org; /* token -> the one organisation all its aliases name, or 0 */
    sc_strtab typo_str;
    SC_VEC(uint32_t) typo_tok;
    SC_VEC(uint8_t) is_parent; /* org -> how many universities name it as parent (at most 255) */
    /* German names written without umlauts ("Universitaet Tuebingen"):
     * names with a/o/u-umlaut or sharp s, transliterated, until the load
     * adds them (add_translit) */
    SC_VEC(uint32_t) tl_org;
    sc_buf tl_text; /* the variants, NUL-separated, in tl_org's order */
};

enum { SYSTEM_MIN = 3 }; /* a parent of this many universities is a system (see resolve_piece) */
#ifndef RELAXED_MIN
#define RELAXED_MIN 0.1f
#endif
enum { FUZZY_MAX_POST = 400 }; /* a token this common proposes no candidates ("university") */

const char *sc_org_type_name(int type)
{
    switch (type) {
    case SC_ORG_COMPANY: return "company";
    case SC_ORG_UNIVERSITY: return "university";
    case SC_ORG_INSTITUTE: return "institute";
    case SC_ORG_GOVERNMENT: return "government";
    case SC_ORG_OTHER: return "other";
    default: return "unknown";
    }
}

const char *sc_match_method_name(int m)
{
    switch (m) {
    case SC_MATCH_DOMAIN: return "domain";
    case SC_MATCH_ALIAS: return "alias";
    case SC_MATCH_FUZZY: return "fuzzy";
    case SC_MATCH_CLUSTER: return "cluster";
    default: return "none";
    }
}

static int type_of(const char *s)
{
    static const char *const names[] = {"", "company", "university", "institute", "government", "other"};
    for (int i = 1; i <= 5; i++)
        if (strcmp(s, names[i]) == 0) return i;
    return 0;
}

size_t sc_orgreg_count(const sc_orgreg *r) { return r->orgs.n - 1; }
const sc_org *sc_orgreg_get(const sc_orgreg *r, uint32_t i) { return i && i < r->orgs.n ? &r->orgs.v[i] : NULL; }

uint32_t sc_orgreg_find(const sc_orgreg *r, const char *id)
{
    size_t n = strlen(id);
    if (n == 0) return 0;
    uint32_t i = sc_strtab_find(&r->id_str, id, n);
    return i == UINT32_MAX || i >= r->orgs.n ? 0 : i;
}

/* The token index built by index_tokens (fuzzy matching, typos). */
static void free_token_index(sc_orgreg *r)
{
    sc_strtab_free(&r->tok_str);
    sc_vec_free(&r->tok_idf);
    sc_vec_free(&r->alias_tok);
    sc_vec_free(&r->post_start);
    sc_vec_free(&r->post);
    sc_vec_free(&r->first_start);
    sc_vec_free(&r->first);
    sc_vec_free(&r->tok_distinct);
    sc_vec_free(&r->tok_org);
    sc_strtab_free(&r->typo_str);
    sc_vec_free(&r->typo_tok);
}

void sc_orgreg_free(sc_orgreg *r)
{
    if (!r) return;
    for (size_t i = 1; i < r->orgs.n; i++) {
        free(r->orgs.v[i].id);
        free(r->orgs.v[i].name);
        free(r->orgs.v[i].country);
    }
    sc_vec_free(&r->orgs);
    sc_strtab_free(&r->id_str);
    sc_strtab_free(&r->alias_str);
    sc_vec_free(&r->alias);
    sc_strtab_free(&r->domain_str);
    sc_vec_free(&r->domain_org);
    free_token_index(r);
    sc_vec_free(&r->is_parent);
    sc_vec_free(&r->tl_org);
    sc_buf_free(&r->tl_text);
    free(r);
}

/* s with each a/o/u-umlaut written ae/oe/ue and sharp s as ss, into out;
 * 0 when s has none of them. */
static int translit_umlauts(const char *s, size_t n, sc_buf *out)
{
    out->n = 0;
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i], d = i + 1 < n ? (unsigned char)s[i + 1] : 0;
        const char *t = NULL;
        if (c == 0xC3) switch (d) {
            case 0xA4: t = "ae"; break;
            case 0xB6: t = "oe"; break;
            case 0xBC: t = "ue"; break;
            case 0x84: t = "Ae"; break;
            case 0x96: t = "Oe"; break;
            case 0x9C: t = "Ue"; break;
            case 0x9F: t = "ss"; break;
            }
        if (t) {
            sc_buf_adds(out, t);
            i++;
            any = 1;
        } else {
            sc_buf_addc(out, (char)c);
        }
    }
    return any;
}

static void add_alias(sc_orgreg *r, uint32_t org, const char *s, size_t n, sc_buf *tmp)
{
    if (memchr(s, 0xC3, n) && translit_umlauts(s, n, tmp)) {
        sc_vec_push(&r->tl_org, org);
        sc_buf_add(&r->tl_text, tmp->p, tmp->n);
        sc_buf_addc(&r->tl_text, 0);
    }
    sc_norm_text(s, n, tmp);
    if (tmp->n == 0) return;
    uint32_t id = sc_strtab_add(&r->alias_str, tmp->p, tmp->n);
    if (id >= r->alias.n) {
        sc_vec_grow(&r->alias, id + 1 - r->alias.n);
        while (r->alias.n <= id) r->alias.v[r->alias.n++] = (alias_info){0, 0, 0, 0, 0, 0, 0};
    }
    alias_info *a = &r->alias.v[id];
    if (a->org == 0) a->org = org;
    else if (a->org != org) a->org = AMBIGUOUS;
}

static void add_domain(sc_orgreg *r, uint32_t org, const char *s, size_t n)
{
    char low[256];
    if (n == 0 || n >= sizeof low) return;
    for (size_t i = 0; i < n; i++) low[i] = (char)tolower((unsigned char)s[i]);
    uint32_t id = sc_strtab_add(&r->domain_str, low, n);
    while (r->domain_org.n <= id) sc_vec_push(&r->domain_org, 0);
    if (r->domain_org.v[id] == 0) r->domain_org.v[id] = org;
    else if (r->domain_org.v[id] != org) r->domain_org.v[id] = AMBIGUOUS;
}

/* Call fn for each '|'-separated item of a field. */
static void each_item(const char *f, void (*fn)(void *, const char *, size_t), void *ctx)
{
    while (*f) {
        const char *bar = strchr(f, '|');
        size_t n = bar ? (size_t)(bar - f) : strlen(f);
        sc_span t = sc_span_trim(sc_span_of(f, n));
        if (t.n) fn(ctx, t.p, t.n);
        if (!bar) break;
        f = bar + 1;
    }
}

typedef struct {
    sc_orgreg *r;
    uint32_t org;
    sc_buf *tmp;
} item_ctx;
static void item_alias(void *c, const char *s, size_t n)
{
    item_ctx *x = c;
    add_alias(x->r, x->org, s, n, x->tmp);
}
static void item_domain(void *c, const char *s, size_t n)
{
    item_ctx *x = c;
    add_domain(x->r, x->org, s, n);
}

enum { TYPO_MIN_LEN = 6 }; /* shorter words are too often other words one letter apart */

static void typo_add(sc_orgreg *r, const char *p, size_t n, uint32_t t)
{
    uint32_t id = sc_strtab_add(&r->typo_str, p, n);
    while (r->typo_tok.n <= id) sc_vec_push(&r->typo_tok, UINT32_MAX);
    if (r->typo_tok.v[id] == UINT32_MAX) r->typo_tok.v[id] = t;
    else if (r->typo_tok.v[id] != t) r->typo_tok.v[id] = AMBIGUOUS - 1; /* two tokens: neither */
}

static int ascii_word(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= '0' && w[i] <= '9'))) return 0;
    return 1;
}

/* A distinctive token names one organisation: every alias holding it is
 * that organisation's ("deepmind", "tsinghua"; not "university", nor
 * "cambridge", which MIT's Cambridge and the University of Cambridge share),
 * it is ASCII and TYPO_MIN_LEN letters or more. Such a token and its
 * one-letter deletions are indexed (symmetric deletion), so that a segment
 * token one edit away ("Google DeepMin", "Tsinghau") can stand for it. */
static void index_typos(sc_orgreg *r)
{
    size_t nt_all = sc_strtab_count(&r->tok_str);
    sc_strtab_init(&r->typo_str, 1);
    sc_vec_push(&r->typo_tok, UINT32_MAX); /* id 0: the empty string */
    sc_vec_grow(&r->tok_distinct, nt_all ? nt_all : 1);
    r->tok_distinct.n = nt_all;
    char buf[64];
    for (size_t t = 0; t < nt_all; t++) {
        r->tok_distinct.v[t] = 0;
        size_t n = sc_strtab_len(&r->tok_str, (uint32_t)t);
        const char *w = sc_strtab_get(&r->tok_str, (uint32_t)t);
        if (n < TYPO_MIN_LEN || n >= sizeof buf || !ascii_word(w, n) || !r->tok_org.v[t]) continue;
        r->tok_distinct.v[t] = 1;
        typo_add(r, w, n, (uint32_t)t);
        for (size_t i = 0; i < n; i++) {
            memcpy(buf, w, i);
            memcpy(buf + i, w + i + 1, n - i - 1);
            typo_add(r, buf, n - 1, (uint32_t)t);
        }
    }
}

/* Are a and b at most one edit apart: one letter inserted, deleted or
 * replaced, or two adjacent letters swapped? (Two deletions that meet in the
 * index may be two edits apart: "deepmin" and "deeping".) */
static int within_one_edit(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0;
    while (i < an && i < bn && a[i] == b[i]) i++;
    if (an == bn) {
        if (i == an) return 1;
        if (!memcmp(a + i + 1, b + i + 1, an - i - 1)) return 1;
        return i + 1 < an && a[i] == b[i + 1] && a[i + 1] == b[i] && !memcmp(a + i + 2, b + i + 2, an - i - 2);
    }
    if (an == bn + 1) return !memcmp(a + i + 1, b + i, bn - i);
    if (bn == an + 1) return !memcmp(a + i, b + i + 1, an - i);
    return 0;
}

/* The distinctive token one edit (insertion, deletion, substitution; also an
 * adjacent swap) away from the unknown token w, or UINT32_MAX. */
static uint32_t typo_token(const sc_orgreg *r, const char *w, size_t n)
{
    char buf[64];
    if (n < TYPO_MIN_LEN || n >= sizeof buf || r->typo_tok.n == 0 || !ascii_word(w, n)) return UINT32_MAX;
    uint32_t found = UINT32_MAX;
#define TRY(t_)                                                                  \
    do {                                                                         \
        uint32_t t__ = (t_);                                                     \
        if (t__ == UINT32_MAX || t__ == AMBIGUOUS - 1) break;                    \
        if (!within_one_edit(w, n, sc_strtab_get(&r->tok_str, t__), sc_strtab_len(&r->tok_str, t__))) break; \
        if (found != UINT32_MAX && found != t__) return UINT32_MAX; /* two */    \
        found = t__;                                                             \
    } while (0)
    uint32_t id = sc_strtab_find(&r->typo_str, w, n); /* w lacks a letter */
    if (id != UINT32_MAX && id) TRY(r->typo_tok.v[id]);
    for (size_t i = 0; i < n; i++) {
        memcpy(buf, w, i);
        memcpy(buf + i, w + i + 1, n - i - 1);
        uint32_t t = sc_strtab_find(&r->tok_str, buf, n - 1); /* w has an extra letter */
        if (t != UINT32_MAX && t < r->tok_distinct.n && r->tok_distinct.v[t]) TRY(t);
        id = sc_strtab_find(&r->typo_str, buf, n - 1); /* a letter differs */
        if (id != UINT32_MAX && id) TRY(r->typo_tok.v[id]);
    }
#undef TRY
    return found;
}

/* An alias is a campus prefix when another organisation has a name that is
 * it followed by one to three words that do not start with a function word:
 * "University of North Carolina" (Chapel Hill's) is a prefix of "University
 * of North Carolina Greensboro", "Texas A&M University" of "Texas A&M
 * University Corpus Christi". Such a name followed by a word the registry
 * does not know names another campus (see fuzzy). */
static void mark_campus_prefixes(sc_orgreg *r)
{
    static const char *const fn[] = {"of", "for", "at", "and", "the", "in", "de", NULL};
    for (size_t b = 1; b < r->alias.n; b++) {
        const alias_info *bi = &r->alias.v[b];
        if (bi->org == 0 || bi->org == AMBIGUOUS || bi->n_tok < 3) continue;
        const char *s = sc_strtab_get(&r->alias_str, (uint32_t)b);
        size_t pos = 0, k = 0;
        for (const char *p = s; *p; p++) {
            if (*p != ' ') continue;
            k++; /* s[0 .. p) holds k tokens */
            pos = (size_t)(p - s);
            if (k < 2 || bi->n_tok - k > 3) continue;
            uint32_t next = r->alias_tok.v[bi->first_tok + k];
            const char *nw = sc_strtab_get(&r->tok_str, next);
            int stop = 0;
            for (const char *const *w = fn; *w && !stop; w++) stop = !strcmp(nw, *w);
            if (stop) continue;
            uint32_t a = sc_strtab_find(&r->alias_str, s, pos);
            if (a == UINT32_MAX || a == 0) continue;
            uint32_t ao = r->alias.v[a].org;
            if (ao && ao != AMBIGUOUS && ao != bi->org) r->alias.v[a].campus = 1;
        }
    }
    /* an alias that the fuzzy matcher reads as the same words ("Univ. of
     * Minnesota", canon_tok) is a campus prefix too */
    sc_strtab same;
    sc_strtab_init(&same, 1);
    SC_VEC(uint8_t) flag = {0};
    for (int pass = 0; pass < 2; pass++)
        for (size_t a = 1; a < r->alias.n; a++) {
            alias_info *ai = &r->alias.v[a];
            if (ai->n_tok == 0) continue;
            const char *key = (const char *)&r->alias_tok.v[ai->first_tok];
            size_t kn = ai->n_tok * sizeof(uint32_t);
            if (pass == 0) {
                uint32_t id = sc_strtab_add(&same, key, kn);
                while (flag.n <= id) sc_vec_push(&flag, 0);
                flag.v[id] |= ai->campus;
            } else {
                uint32_t id = sc_strtab_find(&same, key, kn);
                if (id != UINT32_MAX && flag.v[id]) ai->campus = 1;
            }
        }
    sc_vec_free(&flag);
    sc_strtab_free(&same);
}

/* The transliterated names add_alias kept, each where no name is written
 * so already: "Universität Tübingen" is also found as "Universitaet
 * Tuebingen", but "Muller" stays whoever's name it is. */
static void add_translit(sc_orgreg *r, sc_buf *tmp)
{
    uint32_t *org = r->tl_org.v;
    size_t norg = r->tl_org.n;
    sc_buf text = r->tl_text;
    const char *p = text.p;
    memset(&r->tl_org, 0, sizeof r->tl_org);
    memset(&r->tl_text, 0, sizeof r->tl_text);
    for (size_t i = 0; i < norg; i++) {
        size_t len = strlen(p);
        sc_norm_text(p, len, tmp);
        uint32_t id = tmp->n ? sc_strtab_find(&r->alias_str, tmp->p, tmp->n) : 0;
        if (tmp->n && (id == UINT32_MAX || id == 0 || r->alias.v[id].org == 0)) {
            add_alias(r, org[i], p, len, tmp);
            /* its words stay out of fuzzy matching: "zuerich" beside
             * "zurich" would make a typo of either ambiguous */
            id = sc_strtab_find(&r->alias_str, tmp->p, tmp->n);
            if (id != UINT32_MAX && id) r->alias.v[id].exact_only = 1;
        }
        p += len + 1;
    }
    free(org);
    sc_buf_free(&text);
}

/* "University of North Carolina at Greensboro" is also written without
 * "at": each alias with an inner "at" is also known without it, unless that
 * string is already a name. */
static void add_at_less(sc_orgreg *r, sc_buf *tmp)
{
    size_t n0 = r->alias.n;
    sc_buf alt = {0};
    for (size_t a = 1; a < n0; a++) {
        uint32_t org = r->alias.v[a].org;
        if (org == 0 || org == AMBIGUOUS) continue;
        const char *s = sc_strtab_get(&r->alias_str, (uint32_t)a);
        const char *at = strstr(s, " at ");
        if (!at || at == s) continue;
        alt.n = 0;
        sc_buf_add(&alt, s, (size_t)(at - s));
        sc_buf_adds(&alt, at + 3);
        uint32_t id = sc_strtab_find(&r->alias_str, alt.p, alt.n);
        if (id == UINT32_MAX || id == 0) add_alias(r, org, alt.p, alt.n, tmp);
    }
    sc_buf_free(&alt);
}

/* Build the token index once all aliases are known. */
static int tok_in(sc_span t, const char *const *ws);
static int tok_is(sc_span t, const char *w);

/* The word a fuzzy match compares: an abbreviation is its word ("Kyushu
 * Univ. Institute of …" has "kyushu university"; "Los Alamos National Lab"
 * "laboratory"), "centre" is "center". Used on the registry's aliases and on
 * the segments alike, so "Univ. of Pennsylvania" still matches itself. */
static sc_span canon_tok(sc_span t)
{
    static const struct { const char *abbr, *word; } ab[] = {
        {"univ", "university"}, {"inst", "institute"},    {"natl", "national"}, {"lab", "laboratory"},
        {"labs", "laboratories"}, {"ctr", "center"},      {"centre", "center"}, {"cntr", "center"},
        {"dept", "department"}, {"hosp", "hospital"},     {"technol", "technology"}, {"sciences", "science"}};
    for (size_t i = 0; i < sizeof ab / sizeof *ab; i++)
        if (tok_is(t, ab[i].abbr)) return sc_span_of(ab[i].word, strlen(ab[i].word));
    return t;
}

static void index_tokens(sc_orgreg *r)
{
    sc_strtab_init(&r->tok_str, 1);
    SC_VEC(uint32_t) df = {0};
    sc_span tok[64];
    size_t n_indexed = 0; /* aliases with tokens: the IDF's document count */
    for (size_t a = 1; a < r->alias.n; a++) {
        const char *s = sc_strtab_get(&r->alias_str, (uint32_t)a);
        n_indexed += !r->alias.v[a].exact_only;
        size_t nt = r->alias.v[a].exact_only ? 0 : sc_norm_tokens(s, strlen(s), tok, 64);
        r->alias.v[a].first_tok = (uint32_t)r->alias_tok.n;
        r->alias.v[a].n_tok = (uint32_t)nt;
        r->alias.v[a].named = 0;
        for (size_t k = 0; k < nt; k++) {
            static const char *const head[] = {"university", "universitat", "universite", "universita",
                                               "universidad", "universidade", "universiteit", "institute",
                                               "institut", "college", "academy", "polytechnic", "politecnico",
                                               "hospital", "school", NULL};
            if (tok_in(tok[k], head)) r->alias.v[a].named = 1;
            sc_span c = canon_tok(tok[k]);
            uint32_t t = sc_strtab_add(&r->tok_str, c.p, c.n);
            while (df.n <= t) sc_vec_push(&df, 0);
            df.v[t]++;
            sc_vec_push(&r->alias_tok, t);
        }
    }
    size_t nt_all = sc_strtab_count(&r->tok_str);
    double na = (double)(n_indexed ? n_indexed : 1);
    sc_vec_grow(&r->tok_idf, nt_all);
    r->max_idf = 0;
    for (size_t t = 0; t < nt_all; t++) {
        const char *w = sc_strtab_get(&r->tok_str, (uint32_t)t);
        /* function words explain nothing about which organisation it is */
        int stop = !strcmp(w, "of") || !strcmp(w, "the") || !strcmp(w, "and") || !strcmp(w, "for") ||
                   !strcmp(w, "at") || !strcmp(w, "in") || !strcmp(w, "de") || !strcmp(w, "la");
        r->tok_idf.v[t] = stop ? 0.1f : (float)log(1.0 + na / (t < df.n && df.v[t] ? df.v[t] : 1));
        if (r->tok_idf.v[t] > r->max_idf) r->max_idf = r->tok_idf.v[t];
    }
    r->tok_idf.n = nt_all;
    /* postings: counting sort of (token, alias) */
    sc_vec_grow(&r->post_start, nt_all + 1);
    r->post_start.n = nt_all + 1;
    memset(r->post_start.v, 0, (nt_all + 1) * sizeof(uint32_t));
    for (size_t i = 0; i < r->alias_tok.n; i++) r->post_start.v[r->alias_tok.v[i] + 1]++;
    for (size_t t = 0; t < nt_all; t++) r->post_start.v[t + 1] += r->post_start.v[t];
    sc_vec_grow(&r->post, r->alias_tok.n);
    r->post.n = r->alias_tok.n;
    uint32_t *fill = sc_xcalloc(nt_all + 1, sizeof *fill);
    for (size_t a = 1; a < r->alias.n; a++) {
        alias_info *ai = &r->alias.v[a];
        float w = 0;
        for (uint32_t k = 0; k < ai->n_tok; k++) {
            uint32_t t = r->alias_tok.v[ai->first_tok + k];
            w += r->tok_idf.v[t];
            r->post.v[r->post_start.v[t] + fill[t]++] = (uint32_t)a;
        }
        ai->weight = w;
    }
    /* the one organisation each token's aliases name (0: several, or none) */
    sc_vec_grow(&r->tok_org, nt_all ? nt_all : 1);
    r->tok_org.n = nt_all;
    for (size_t t = 0; t < nt_all; t++) {
        uint32_t org = 0;
        for (uint32_t pi = r->post_start.v[t]; pi < r->post_start.v[t + 1]; pi++) {
            uint32_t o = r->alias.v[r->post.v[pi]].org;
            if (o == 0 || o == AMBIGUOUS || (org && o != org)) {
                org = 0;
                break;
            }
            org = o;
        }
        r->tok_org.v[t] = org;
    }
    /* first-token candidate lists (see struct sc_orgreg) */
    sc_vec_grow(&r->first_start, nt_all + 1);
    r->first_start.n = nt_all + 1;
    memset(r->first_start.v, 0, (nt_all + 1) * sizeof(uint32_t));
    memset(fill, 0, (nt_all + 1) * sizeof *fill);
    size_t nfirst = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t a = 1; a < r->alias.n; a++) {
            const alias_info *ai = &r->alias.v[a];
            if (ai->org == 0 || ai->org == AMBIGUOUS || ai->n_tok == 0) continue;
            int rare = 0;
            for (uint32_t k = 0; k < ai->n_tok && !rare; k++) {
                uint32_t t = r->alias_tok.v[ai->first_tok + k];
                rare = r->post_start.v[t + 1] - r->post_start.v[t] <= FUZZY_MAX_POST;
            }
            if (!rare) continue;
            uint32_t t0 = r->alias_tok.v[ai->first_tok];
            if (pass == 0) {
                r->first_start.v[t0 + 1]++;
                nfirst++;
            } else {
                r->first.v[r->first_start.v[t0] + fill[t0]++] = (uint32_t)a;
            }
        }
        if (pass == 0) {
            for (size_t t = 0; t < nt_all; t++) r->first_start.v[t + 1] += r->first_start.v[t];
            sc_vec_grow(&r->first, nfirst ? nfirst : 1);
            r->first.n = nfirst;
        }
    }
    free(fill);
    sc_vec_free(&df);
    mark_campus_prefixes(r);
    index_typos(r);
}

int sc_orgreg_load(const char *path, sc_orgreg **out, sc_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) return sc_fail(err, SC_EINPUT, "%s: cannot read the organisation registry: %s", path, strerror(errno));
    sc_orgreg *r = sc_xcalloc(1, sizeof *r);
    sc_vec_push(&r->orgs, ((sc_org){0}));
    sc_strtab_init(&r->id_str, 1);
    sc_strtab_init(&r->alias_str, 1);
    sc_vec_push(&r->alias, ((alias_info){0, 0, 0, 0, 0, 0, 0}));
    sc_strtab_init(&r->domain_str, 1);
    sc_vec_push(&r->domain_org, 0);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned lineno = 0;
    int rc = SC_OK;
    SC_VEC(char *) parents = {0};
    sc_buf tmp = {0};
    while ((len = getline(&line, &cap, f)) >= 0 && rc == SC_OK) {
        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        if (len == 0 || line[0] == '#') continue;
        if (!sc_utf8_valid(line, (size_t)len)) {
            rc = sc_fail(err, SC_EINPUT, "%s:%u:1: not valid UTF-8", path, lineno);
            break;
        }
        char *fld[8];
        size_t col[8];
        int k = 0;
        char *p = line;
        while (k < 8) {
            fld[k] = p;
            col[k] = (size_t)(p - line) + 1;
            k++;
            char *t = strchr(p, '\t');
            if (!t) break;
            *t = 0;
            p = t + 1;
        }
        if (k != 8) {
            rc = sc_fail(err, SC_EINPUT, "%s:%u:%zu: expected 8 tab-separated fields (id, name, type, country, parent, aliases, acronyms, domains), found %d",
                         path, lineno, (size_t)(p - line) + 1, k);
            break;
        }
        if (!*fld[0] || strspn(fld[0], "abcdefghijklmnopqrstuvwxyz0123456789-_.") != strlen(fld[0])) {
            rc = sc_fail(err, SC_EINPUT, "%s:%u:%zu: bad id '%s' (lower-case letters, digits, '-')", path, lineno, col[0], fld[0]);
            break;
        }
        if (!*fld[1]) {
            rc = sc_fail(err, SC_EINPUT, "%s:%u:%zu: empty name", path, lineno, col[1]);
            break;
        }
        int type = type_of(fld[2]);
        if (!type) {
            rc = sc_fail(err, SC_EINPUT, "%s:%u:%zu: unknown type '%s' (company, university, institute, government, other)",
                         path, lineno, col[2], fld[2]);
            break;
        }
        if (sc_orgreg_find(r, fld[0])) {
            rc = sc_fail(err, SC_EINPUT, "%s:%u:%zu: duplicate id '%s'", path, lineno, col[0], fld[0]);
            break;
        }
        sc_org o = {sc_xstrdup(fld[0]), sc_xstrdup(fld[1]), sc_xstrdup(fld[3]), type, 0};
        sc_vec_push(&r->orgs, o);
        sc_strtab_add(&r->id_str, fld[0], strlen(fld[0])); /* == r->orgs.n - 1: ids are unique */
        uint32_t oi = (uint32_t)r->orgs.n - 1;
        sc_vec_push(&parents, *fld[4] ? sc_xstrdup(fld[4]) : NULL);
        item_ctx ic = {r, oi, &tmp};
        add_alias(r, oi, fld[1], strlen(fld[1]), &tmp);
        each_item(fld[5], item_alias, &ic);
        each_item(fld[6], item_alias, &ic);
        each_item(fld[7], item_domain, &ic);
    }
    free(line);
    fclose(f);
    for (size_t i = 0; i < parents.n; i++) {
        if (rc == SC_OK && parents.v[i]) {
            uint32_t p = sc_orgreg_find(r, parents.v[i]);
            if (!p) rc = sc_fail(err, SC_EINPUT, "%s: organisation '%s' has unknown parent '%s'", path, r->orgs.v[i + 1].id, parents.v[i]);
            r->orgs.v[i + 1].parent = p;
        }
        free(parents.v[i]);
    }
    sc_vec_free(&parents);
    sc_vec_grow(&r->is_parent, r->orgs.n);
    r->is_parent.n = r->orgs.n;
    memset(r->is_parent.v, 0, r->orgs.n);
    /* campuses only: an academy of institutes (CAS, the Max Planck
     * Society) is the right answer for an institute the registry lacks */
    for (size_t i = 1; i < r->orgs.n; i++)
        if (r->orgs.v[i].parent && r->orgs.v[i].type == SC_ORG_UNIVERSITY && r->is_parent.v[r->orgs.v[i].parent] < 255)
            r->is_parent.v[r->orgs.v[i].parent]++;
    if (rc == SC_OK && r->orgs.n < 2) rc = sc_fail(err, SC_EINPUT, "%s: the registry lists no organisation", path);
    if (rc) {
        sc_buf_free(&tmp);
        sc_orgreg_free(r);
        return rc;
    }
    add_at_less(r, &tmp);
    add_translit(r, &tmp);
    sc_buf_free(&tmp);
    index_tokens(r);
    *out = r;
    return SC_OK;
}

int sc_orgreg_load_overrides(sc_orgreg *r, const char *path, sc_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) return errno == ENOENT ? SC_OK : sc_fail(err, SC_EINPUT, "%s: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned lineno = 0;
    int rc = SC_OK;
    sc_buf tmp = {0};
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        if (len == 0 || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            rc = sc_fail(err, SC_EINPUT, "%s:%u:1: expected 'alias<TAB>org-id' or '@domain<TAB>org-id'", path, lineno);
            break;
        }
        *tab = 0;
        uint32_t org = sc_orgreg_find(r, tab + 1);
        if (!org) {
            rc = sc_fail(err, SC_EINPUT, "%s:%u:%zu: unknown organisation id '%s'", path, lineno, (size_t)(tab - line) + 2, tab + 1);
            break;
        }
        /* an override wins over the shipped registry: clear, then set */
        if (line[0] == '@') {
            uint32_t id = sc_strtab_add(&r->domain_str, line + 1, strlen(line + 1));
            while (r->domain_org.n <= id) sc_vec_push(&r->domain_org, 0);
            r->domain_org.v[id] = org;
        } else {
            sc_norm_text(line, strlen(line), &tmp);
            uint32_t id = sc_strtab_find(&r->alias_str, tmp.p, tmp.n);
            if (id != UINT32_MAX && id) r->alias.v[id].org = org;
            else add_alias(r, org, line, strlen(line), &tmp);
        }
    }
    free(line);
    fclose(f);
    add_translit(r, &tmp);
    sc_buf_free(&tmp);
    if (rc == SC_OK) {
        /* re-index tokens to include new aliases */
        free_token_index(r);
        index_tokens(r);
    }
    return rc;
}

/* ---- resolution ---------------------------------------------------------- */

static uint32_t lookup_alias(const sc_orgreg *r, const char *s, size_t n)
{
    uint32_t id = sc_strtab_find(&r->alias_str, s, n);
    if (id == UINT32_MAX || id == 0) return 0;
    uint32_t org = r->alias.v[id].org;
    return org == AMBIGUOUS ? 0 : org;
}

static uint32_t lookup_domain(const sc_orgreg *r, const char *d, size_t n)
{
    char low[256];
    if (n == 0 || n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++) low[i] = (char)tolower((unsigned char)d[i]);
    while (n && (low[n - 1] == ' ' || low[n - 1] == '.')) n--;
    size_t st = 0;
    while (st < n && (low[st] == ' ' || low[st] == '@')) st++;
    if (sc_domain_is_shared(low + st, n - st)) return 0;
    /* the longest suffix first: is.tuebingen.mpg.de before mpg.de */
    for (size_t i = st; i < n; i++) {
        if (i != st && low[i - 1] != '.') continue;
        uint32_t id = sc_strtab_find(&r->domain_str, low + i, n - i);
        if (id != UINT32_MAX && id && r->domain_org.v[id] && r->domain_org.v[id] != AMBIGUOUS)
            return r->domain_org.v[id];
        if (!memchr(low + i, '.', n - i)) break;
    }
    return 0;
}

static void add_hit(sc_org_resolution *out, uint32_t org, int method, float conf)
{
    for (int i = 0; i < out->n; i++)
        if (out->hit[i].org == org) return;
    if (out->n < SC_ORG_MAX_HITS) out->hit[out->n++] = (sc_org_hit){org, (uint8_t)method, conf};
}

static int tok_is(sc_span t, const char *w)
{
    if (!t.n || t.p[0] != w[0]) return 0;
    size_t n = strlen(w);
    return t.n == n && memcmp(t.p, w, n) == 0;
}

static int tok_in(sc_span t, const char *const *ws)
{
    for (; *ws; ws++)
        if (tok_is(t, *ws)) return 1;
    return 0;
}

/* A word that ends the name of an institution ("… University", "… Institute"). */
static int head_word(sc_span t)
{
    static const char *const w[] = {"university", "univ", "institute", "college", "academy", "school", NULL};
    return tok_in(t, w);
}

/* Does the segment go on, right after a name that stands in it at tokens
 * [.., e), into the name of ANOTHER institution? "Duke University Medical
 * Center" and "Seoul National University Hospital" are hospitals of their
 * own, "Qingdao University of Technology" and "University of Arkansas for
 * Medical Sciences" other universities, "University of Texas at Arlington"
 * a campus (all seen on the ROR sets as distinct organisations). A school of
 * medicine or a college stays its university's. `dashed`: the raw segment
 * joins two names with a dash ("University of Missouri-Rolla"), so a place
 * right after a name that ends in a place is a campus. */
static int extends_name(const sc_span *tok, size_t nt, size_t e, int last_is_head, int dashed)
{
    if (e >= nt) return 0;
    static const char *const hosp[] = {"hospital", "hospitals", "clinic", "clinics", "infirmary", "hospitalier",
                                       "hopital", "klinikum", "policlinic", "polyclinic", NULL};
    for (size_t k = e; k < nt && k < e + 4; k++)
        if (tok_in(tok[k], hosp)) return 1;
    static const char *const center[] = {"center", "centre", "centers", "college", "university", NULL};
    static const char *const before_center[] = {"medical", "cancer", "health", NULL};
    if (e + 1 < nt && tok_in(tok[e], before_center) && tok_in(tok[e + 1], center)) return 1;
    if (e + 2 < nt && tok_is(tok[e], "health") && (tok_is(tok[e + 1], "science") || tok_is(tok[e + 1], "sciences")) &&
        tok_in(tok[e + 2], center))
        return 1;
    static const char *const other[] = {"system", "healthcare", NULL}; /* "Texas A&M University System" */
    if (tok_in(tok[e], other)) return 1;
    static const char *const cont[] = {"of", "for", "at", NULL};
    if (last_is_head && tok_in(tok[e], cont)) return 1;
    /* "Hong Kong Univ. Science and Technology": "of" left out */
    static const char *const subject[] = {"science", "sciences", "technology", NULL};
    if (last_is_head && e + 1 < nt && tok_in(canon_tok(tok[e]), subject) && tok_is(tok[e + 1], "and")) return 1;
    if (!last_is_head && tok_is(tok[e], "at")) return 1; /* "University of Texas at Austin" */
    if (dashed && !last_is_head) return 1;
    return 0;
}

/* Does the segment name another institution whose name ENDS with the name
 * standing in it at tokens [z, ..)? "The First Affiliated Hospital of
 * Zhengzhou University", "Xinhua Hospital Affiliated to Shanghai Jiao Tong
 * University" (hospitals), "Eastern Washington University". */
static int prefixed_name(const sc_span *tok, size_t z)
{
    if (z == 0) return 0;
    static const char *const dir[] = {"eastern", "western", "northern", "southern", "east", "west", "north",
                                      "south", "northeastern", "northwestern", "southeastern", "southwestern",
                                      "central", NULL};
    if (tok_in(tok[z - 1], dir)) return 1;
    static const char *const link[] = {"of", "to", "affiliated", "at", NULL};
    if (!tok_in(tok[z - 1], link)) return 0;
    static const char *const hosp[] = {"hospital", "hospitals", "clinic", "infirmary", NULL};
    for (size_t k = z - 1; k-- > 0 && k + 5 > z;)
        if (tok_in(tok[k], hosp)) return 1;
    return 0;
}

/* Is a campus prefix (see mark_campus_prefixes) followed, to the end of
 * its segment, by one or two words the registry does not know? Then the
 * segment names a campus the registry lacks ("University of Minnesota
 * Crookston", "Texas A&M University Kingsville"), not the prefix's row. A
 * campus the registry has is an alias of its own and matches whole. */
static int other_campus(const alias_info *ai, const sc_span *tok, const uint32_t *tid, size_t nt, size_t e)
{
    if (!ai->campus || e >= nt || nt - e > 2 || tid[e] != UINT32_MAX) return 0;
    for (size_t k = e; k < nt; k++)
        for (size_t c = 0; c < tok[k].n; c++)
            if (!isalpha((unsigned char)tok[k].p[c])) return 0;
    return 1;
}

/* Has the alias a word that no other organisation's alias has ("eth",
 * "davis", "tencent"; not "polytechnique", "interdisciplinary")? */
static int own_word(const sc_orgreg *r, const alias_info *ai)
{
    for (uint32_t k = 0; k < ai->n_tok; k++)
        if (r->tok_org.v[r->alias_tok.v[ai->first_tok + k]] == ai->org) return 1;
    return 0;
}

/* A company's one-word name of its own opening a segment that goes on to
 * name a research unit: "Huawei Moscow Research Center", "NEC Data Science
 * Research Laboratories" (it passes fuzzy's relaxed threshold). */
static int company_lab(const sc_orgreg *r, const alias_info *ai, const sc_span *tok, size_t nt)
{
    static const char *const unit[] = {"research", "laboratory", "laboratories", "labs", "lab", NULL};
    if (ai->org == 0 || ai->org >= r->orgs.n || r->orgs.v[ai->org].type != SC_ORG_COMPANY || !own_word(r, ai))
        return 0;
    for (size_t k = 1; k < nt; k++)
        if (tok_in(tok[k], unit)) return 1;
    return 0;
}

/* Fuzzy: the alias whose tokens all occur in the segment and which explains
 * the largest IDF-weighted share of it. Returns the org, sets *score. */
static uint32_t fuzzy(const sc_orgreg *r, const char *seg, size_t n, int dashed, float *score, int *named)
{
    sc_span tok[48];
    size_t nt = sc_norm_tokens(seg, n, tok, 48);
    if (nt == 0) return 0;
    uint32_t tid[48];
    float seg_w = 0;
    for (size_t k = 0; k < nt; k++) {
        sc_span c = canon_tok(tok[k]);
        uint32_t t = sc_strtab_find(&r->tok_str, c.p, c.n);
        /* a misspelt distinctive word ("Google DeepMin") stands for it */
        if (t == UINT32_MAX) t = typo_token(r, tok[k].p, tok[k].n);
        tid[k] = t;
        /* a token no alias has is a city, a street or a department word: it
         * is left unexplained, weighed as half the rarest known token */
        seg_w += t == UINT32_MAX ? 0.5f * (r->max_idf > 0 ? r->max_idf : 1.0f) : r->tok_idf.v[t];
    }
    uint32_t best = 0;
    float best_score = 0;
    /* the phrases found: a phrase that starts inside another org's phrase
     * found further left is part of that name ("The George Washington
     * University School of Medicine" is no "Washington University School
     * of Medicine"). A segment has at most 48 tokens, and phrases past
     * MAXM are not weighed (64 gave the same answers on the corpus's and
     * the ROR sets' strings; 256 leaves room for longer ones). */
    enum { MAXM = 256 };
    struct { uint32_t org; uint16_t z, e; float s; uint8_t named; } m[MAXM];
    size_t nm = 0;
    /* the alias must stand in the segment as a phrase: its tokens in order
     * and adjacent. Merely containing them is not enough: "Chinese Academy
     * of Medical Sciences" is not the Chinese Academy of Sciences,
     * "Dalhousie University, Oxford St." is not Oxford University (both seen
     * on the ROR set). So the candidates at position z are the aliases whose
     * first token stands there. An alias none of whose tokens has at most
     * FUZZY_MAX_POST postings ("university of technology") is never one.
     * The best score wins, ties to the smaller org: order does not matter. */
    for (size_t z = 0; z < nt; z++) {
        uint32_t t = tid[z];
        if (t == UINT32_MAX) continue;
        uint32_t a0 = r->first_start.v[t], a1 = r->first_start.v[t + 1];
        for (uint32_t pi = a0; pi < a1; pi++) {
            const alias_info *ai = &r->alias.v[r->first.v[pi]];
            if (z + ai->n_tok > nt) continue;
            const uint32_t *at = &r->alias_tok.v[ai->first_tok];
            uint32_t q = 1;
            while (q < ai->n_tok && tid[z + q] == at[q]) q++;
            if (q != ai->n_tok) continue;
            if (extends_name(tok, nt, z + ai->n_tok, head_word(tok[z + ai->n_tok - 1]), dashed) ||
                prefixed_name(tok, z) || other_campus(ai, tok, tid, nt, z + ai->n_tok))
                continue;
            if (nm < MAXM) {
                m[nm].org = ai->org;
                m[nm].z = (uint16_t)z;
                m[nm].e = (uint16_t)(z + ai->n_tok);
                m[nm].s = ai->weight / seg_w;
                /* 1: the alias says what it is; 2: a name of 2+ words
                 * with a word of its own that opens the segment ("ETH
                 * Zurich Institute of Structural Engineering", "UC Davis
                 * Violence Prevention Research Program"; not "Ecole
                 * Polytechnique F ed erale", "Interdisciplinary Center for
                 * Neural Computation") */
                m[nm].named = (uint8_t)((ai->named ? 1 : 0) | (z == 0 && ai->n_tok >= 2 && own_word(r, ai) ? 2 : 0) |
                                        (z == 0 && ai->n_tok == 1 && company_lab(r, ai, tok, nt) ? 2 : 0));
                nm++;
            }
        }
    }
    for (size_t i = 0; i < nm; i++) {
        int inside = 0;
        for (size_t j = 0; j < nm && !inside; j++)
            inside = m[j].org != m[i].org && m[j].z < m[i].z && m[j].e > m[i].z;
        if (inside) continue;
        float s = m[i].s;
        if (s > best_score || (s == best_score && m[i].org < best)) {
            best_score = s;
            best = m[i].org;
            *named = (int)m[i].named;
        }
    }
    *score = best_score;
    return best;
}

/* Words that make a segment a sub-unit or an address rather than the
 * organisation: such segments are tried last. */
static int is_subunit(const char *s, size_t n)
{
#define W(x) {x, sizeof x - 1}
    static const struct { const char *w; size_t n; } w[] = {
        W("department"), W("dept"), W("school of"), W("faculty"), W("division"), W("graduate school"),
        W("college of"), W("centre for"), W("center for"), W("lab "), W("laboratory"), W("group")};
#undef W
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
        if (n >= w[i].n && s[0] == w[i].w[0] && memcmp(s, w[i].w, w[i].n) == 0) return 1;
    return 0;
}

/* Does a normalised segment name an institution (rather than an address)? */
static int names_institution(const char *s, size_t n)
{
#define W(x) {x, sizeof x - 1}
    static const struct { const char *w; size_t n; } w[] = {
        W("univ"), W("institut"), W("college"), W("academy"), W("academia"), W("hochschule"), W("school"),
        W("hospital"), W("laborator"), W("labs"), W("inc"), W("ltd"), W("corporation"), W("corp"), W("gmbh"),
        W("company"), W("foundation"), W("ministry"), W("agency"), W("council"), W("politecnico"),
        W("polytechnic"), W("ecole"), W("centre"), W("center"), W("research"), W("technologies")};
#undef W
    sc_span tok[48];
    size_t nt = sc_norm_tokens(s, n, tok, 48);
    /* "Ltd", "Inc.", "Co., Ltd": a company's legal form, not its name */
    if (nt <= 2) {
        static const char *const legal[] = {"ltd", "inc", "co", "llc", "gmbh", "corp", "sa", "ag", "plc", "limited", NULL};
        int all_legal = 1;
        for (size_t k = 0; k < nt && all_legal; k++) {
            int l = 0;
            for (const char *const *p = legal; *p && !l; p++) l = tok[k].n == strlen(*p) && memcmp(tok[k].p, *p, tok[k].n) == 0;
            all_legal = l;
        }
        if (all_legal) return 0;
    }
    for (size_t k = 0; k < nt; k++)
        for (size_t i = 0; i < sizeof w / sizeof *w; i++)
            if (tok[k].n >= w[i].n && tok[k].p[0] == w[i].w[0] && memcmp(tok[k].p, w[i].w, w[i].n) == 0) return 1;
    return 0;
}

static int all_digits(sc_span t);

/* Is a normalised segment a short street address: a number and a street
 * word in at most 6 words ("2600 draper dr", "box 808", "1101 university
 * avenue"; not "St Jude Children's Research Hospital 262 Danny Thomas Pl")? */
static int street_address(const char *s, size_t n)
{
    static const char *const street[] = {"dr",   "st",     "street", "road",      "rd",    "ave",  "avenue",
                                         "blvd", "boulevard", "box", "drive",     "lane",  "ln",   "hwy",
                                         "highway", "strasse", "str", "calle", "rue", "via", NULL};
    sc_span tok[48];
    size_t nt = sc_norm_tokens(s, n, tok, 48);
    if (nt > 6) return 0;
    int digit = 0, word = 0;
    for (size_t k = 0; k < nt; k++) {
        if (all_digits(tok[k])) digit = 1;
        else if (tok_in(tok[k], street)) word = 1;
    }
    return digit && word;
}

/* Does a raw segment join two names with a dash before a capital
 * ("Wisconsin-Milwaukee", "Wisconsin─Madison", "Missouri–Rolla")? */
static int campus_dash(const char *s, size_t n)
{
    for (size_t i = 1; i + 1 < n; i++) {
        size_t m = 0;
        if (s[i] == '-') m = 1;
        else if (i + 3 < n && (unsigned char)s[i] == 0xE2 &&
                 (((unsigned char)s[i + 1] == 0x80 && ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94)) ||
                  ((unsigned char)s[i + 1] == 0x94 && (unsigned char)s[i + 2] == 0x80)))
            m = 3;
        if (!m) continue;
        if (isalpha((unsigned char)s[i - 1]) && i + m < n && isupper((unsigned char)s[i + m])) return 1;
    }
    return 0;
}

/* ---- cluster keys ---------------------------------------------------------- */

enum { KEY_MAXTOK = 40 };

static int all_digits(sc_span t)
{
    for (size_t i = 0; i < t.n; i++)
        if (!isdigit((unsigned char)t.p[i])) return 0;
    return t.n > 0;
}

/* Words that do not tell one university from another in "University of X"
 * (so "University of X" is not "X University"): US states — "Washington
 * University" is not the University of Washington — and subject words. */
static int keeps_order(sc_span t)
{
    static const char *const w[] = {
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
        "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky",
        "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri",
        "montana", "nebraska", "nevada", "new", "north", "south", "west", "ohio", "oklahoma", "oregon",
        "pennsylvania", "rhode", "tennessee", "texas", "utah", "vermont", "virginia", "washington", "wisconsin",
        "wyoming", "state", "national", "technology", "science", "sciences", "medicine", "medical", "health",
        "applied", "arts", "economics", "agriculture", "agricultural", "education", "engineering", "law",
        "business", "management", "studies", "mines", "petroleum", "music", "pharmacy", "nursing", "the",
        "and", "city", "central", "international", "federal", "technical", "open", "people", "peoples", NULL};
    return tok_in(t, w);
}

static int acronym_paren(const char *p, size_t n)
{
    int upper = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (isupper(c)) upper = 1;
        else if (!(isdigit(c) || c == '&' || c == '-' || c == '.' || c == '/' || c == ' ')) return 0;
    }
    return upper;
}

/* s without its parenthesised acronyms, into out (reset first); 1 if any
 * was dropped. A parenthesised acronym is decoration: "Shahid Beheshti
 * University (SBU)"; a parenthesised place is not: "China University of
 * Petroleum (East China)". */
static int drop_acronym_parens(const char *s, size_t n, sc_buf *out)
{
    int dropped = 0;
    out->n = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '(' || s[i] == '[') {
            char close = s[i] == '(' ? ')' : ']';
            const char *c = memchr(s + i + 1, close, n - i - 1);
            if (c && c - (s + i) <= 16 && acronym_paren(s + i + 1, (size_t)(c - (s + i) - 1))) {
                i = (size_t)(c - s);
                sc_buf_addc(out, ' ');
                dropped = 1;
                continue;
            }
        }
        sc_buf_addc(out, s[i]);
    }
    return dropped;
}

/* The cluster key of one raw segment: its normalised text, with what does
 * not name the organisation dropped and its spellings folded, so that one
 * organisation written differently gets one key. See org.h. */
void sc_org_cluster_key(const char *s0, size_t n0, char *out, size_t cap)
{
    if (!cap) return;
    out[0] = 0;
    sc_buf raw = {0}, nt = {0}, plain = {0};
    drop_acronym_parens(s0, n0, &plain);
    const char *s = plain.p ? plain.p : "";
    size_t n = plain.n;
    for (size_t i = 0; i < n; i++) {
        /* an elided article is a word of its own: "Université d'Oxford" */
        if ((s[i] == 'd' || s[i] == 'D' || s[i] == 'l' || s[i] == 'L') && (i == 0 || s[i - 1] == ' ') && i + 1 < n &&
            (s[i + 1] == '\'' || (i + 3 < n && (unsigned char)s[i + 1] == 0xE2 && (unsigned char)s[i + 2] == 0x80 &&
                                  (unsigned char)s[i + 3] == 0x99))) {
            sc_buf_adds(&raw, s[i] == 'd' || s[i] == 'D' ? "de " : " ");
            i += s[i + 1] == '\'' ? 1 : 3;
            continue;
        }
        sc_buf_addc(&raw, s[i]);
    }
    sc_norm_text(raw.p ? raw.p : "", raw.n, &nt);
    sc_span tok[KEY_MAXTOK], o[KEY_MAXTOK];
    size_t ntok = sc_norm_tokens(nt.p ? nt.p : "", nt.n, tok, KEY_MAXTOK), no = 0;
#define T(x) sc_span_of(x, sizeof x - 1)
    /* leading noise: footnote numbers and letters ("1UT M.D. Anderson",
     * "a Department of"), "the", "from the", "all authors:" */
    size_t k = 0;
    while (k < ntok) {
        sc_span t = tok[k];
        if (all_digits(t) || tok_is(t, "the") || tok_is(t, "from") || tok_is(t, "and") || tok_is(t, "at") ||
            (t.n == 1 && k + 1 < ntok && !tok_is(tok[k + 1], "of"))) {
            k++;
            continue;
        }
        if (tok_is(t, "all") && k + 1 < ntok && tok_is(tok[k + 1], "authors")) {
            k += 2;
            continue;
        }
        if (isdigit((unsigned char)t.p[0])) { /* "1department" */
            size_t d = 0;
            while (d < t.n && isdigit((unsigned char)t.p[d])) d++;
            tok[k] = sc_span_of(t.p + d, t.n - d);
        }
        break;
    }
    static const char *const univ[] = {"univ", "universitat", "universitaet", "universidad", "universite",
                                       "universita", "universidade", "universiteit", "universitet",
                                       "uniwersytet", "universiti", "universitas", "universitatea",
                                       "univerzita", "universitaet", "universitario", "daigaku", "daxue", NULL};
    static const char *const inst[] = {"inst", "institut", "instituto", "istituto", "instytut", NULL};
    static const char *const center[] = {"centre", "ctr", "centro", "cent", NULL};
    static const char *const of_like[] = {"of", "de", "di", "del", "della", "des", "du", "do", "da", "degli",
                                          "delle", "dos", "studi", "zu", NULL};
    for (; k < ntok && no < KEY_MAXTOK; k++) {
        sc_span t = tok[k];
        if (all_digits(t)) continue; /* postcodes, street numbers */
        if (tok_in(t, univ) || (tok_is(t, "u") && k + 1 < ntok && tok_is(tok[k + 1], "of"))) t = T("university");
        else if (tok_in(t, inst)) t = T("institute");
        else if (tok_in(t, center)) t = T("center");
        else if (tok_is(t, "technische") || tok_is(t, "tech")) t = T("technical");
        else if (tok_is(t, "hosp")) t = T("hospital");
        else if (tok_is(t, "natl")) t = T("national");
        o[no++] = t;
        /* "Università degli Studi di Milano", "Université de Toronto":
         * the University of X */
        if (tok_is(t, "university") && k + 1 < ntok && tok_in(tok[k + 1], of_like)) {
            while (k + 1 < ntok && tok_in(tok[k + 1], of_like)) k++;
            if (no < KEY_MAXTOK) o[no++] = T("of");
        }
    }
    /* trailing legal forms: "Acme Co., Ltd." is Acme */
    static const char *const legal[] = {"inc", "ltd", "llc", "co", "corp", "corporation", "gmbh", "plc", "limited",
                                        "ag", "srl", "bv", "pvt", "llp", "sa", "spa", NULL};
    while (no > 1 && tok_in(o[no - 1], legal)) no--;
    /* "University of Toronto" = "Toronto University" (not for US states or
     * subjects: "Washington University", "University of Technology") */
    if (no >= 3 && no <= 4 && tok_is(o[0], "university") && tok_is(o[1], "of")) {
        int ok = 1;
        for (size_t i = 2; i < no && ok; i++) {
            ok = !keeps_order(o[i]);
            for (size_t c = 0; c < o[i].n && ok; c++) ok = isalpha((unsigned char)o[i].p[c]) != 0;
        }
        if (ok) {
            sc_span u = o[0];
            for (size_t i = 2; i < no; i++) o[i - 2] = o[i];
            o[no - 2] = u;
            no--;
        }
    }
#undef T
    size_t len = 0;
    for (size_t i = 0; i < no; i++) {
        if (len + o[i].n + (len ? 1 : 0) >= cap) break;
        if (len) out[len++] = ' ';
        memcpy(out + len, o[i].p, o[i].n);
        len += o[i].n;
    }
    out[len] = 0;
    sc_buf_free(&raw);
    sc_buf_free(&nt);
    sc_buf_free(&plain);
}

/* Does a cluster key consist of generic words only, so that several
 * organisations share it ("National Institute of Technology", "Indian
 * Institute of Technology": the campus is the next segment)? */
static int generic_key(const char *k)
{
    static const char *const w[] = {"national", "indian", "institute", "institutes", "of", "technology",
                                    "university", "science", "sciences", "and", "research", "medical", "state",
                                    "federal", "engineering", "college", "management", "information", "the",
                                    "polytechnic", "regional", "government", "technical", "applied", "for", NULL};
    sc_span tok[KEY_MAXTOK];
    size_t nt = sc_norm_tokens(k, strlen(k), tok, KEY_MAXTOK);
    for (size_t i = 0; i < nt; i++)
        if (!tok_in(tok[i], w)) return 0;
    return nt >= 2;
}

/* Append the words of a normalised segment (numbers dropped) to a key;
 * returns 0 (and leaves the key) unless 1..max_tok words were added. */
static int key_append(char *key, size_t cap, const char *seg, size_t n, size_t max_tok)
{
    sc_span tok[16];
    size_t nt = sc_norm_tokens(seg, n, tok, 16), len = strlen(key), words = 0, l0 = len;
    for (size_t i = 0; i < nt; i++)
        if (!all_digits(tok[i])) words++;
    if (!words || words > max_tok || nt == 16) return 0;
    for (size_t i = 0; i < nt; i++) {
        if (all_digits(tok[i])) continue;
        if (len + 1 + tok[i].n >= cap) {
            key[l0] = 0;
            return 0;
        }
        key[len++] = ' ';
        memcpy(key + len, tok[i].p, tok[i].n);
        len += tok[i].n;
    }
    key[len] = 0;
    return 1;
}

static int ends_with_word(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    return n > wl && s[n - wl - 1] == ' ' && memcmp(s + n - wl, w, wl) == 0;
}

/* Is a word "university" misspelt ("univcrsity", "unversity") or in
 * Turkish ("universitesi")? One edit away, 9 to 11 letters. */
static int university_typo(sc_span t)
{
    if (t.n < 9 || t.n > 12 || t.p[0] != 'u') return 0;
    if (tok_is(t, "universitesi")) return 1;
    return t.n <= 11 && within_one_edit(t.p, t.n, "university", 10);
}

/* The key with its abbreviations and misspellings written out: a
 * trailing "u" is University ("ghent u", "tilburg u"), "lab" Laboratory
 * ("los alamos national lab"), "at" or "in" between a name and its place
 * is dropped ("university of tennessee at knoxville" as the registry writes
 * "university of tennessee knoxville"; "university in oslo"). Returns 1 if
 * it differs. */
static int key_variant(const char *k, size_t kl, char *out, size_t cap)
{
    sc_span tok[KEY_MAXTOK];
    size_t nt = sc_norm_tokens(k, kl, tok, KEY_MAXTOK), len = 0;
    int changed = 0;
    for (size_t i = 0; i < nt; i++) {
        sc_span t = tok[i];
        if (i == nt - 1 && i > 0 && tok_is(t, "u")) t = sc_span_of("university", 10);
        else if (tok_is(t, "lab")) t = sc_span_of("laboratory", 10);
        else if (university_typo(t)) t = sc_span_of("university", 10);
        else if ((tok_is(t, "at") || tok_is(t, "in")) && i > 0 && i + 1 < nt) { changed = 1; continue; }
        if (t.p != tok[i].p) changed = 1;
        if (len + t.n + 2 >= cap) return 0;
        if (len) out[len++] = ' ';
        memcpy(out + len, t.p, t.n);
        len += t.n;
    }
    out[len] = 0;
    return changed;
}

static uint32_t lookup_key_as_is(const sc_orgreg *r, const char *k, size_t kl);

/* A cluster key that is a registry name written another way: as it is, in
 * the other word order ("toronto university" = "university of toronto"),
 * without a school it names ("yale school of medicine" is Yale's, "boston
 * university law school" Boston University's), or with its abbreviations
 * written out (key_variant). */
static uint32_t lookup_key(const sc_orgreg *r, const char *k, size_t kl)
{
    uint32_t org = lookup_key_as_is(r, k, kl);
    char v[192];
    if (!org && kl < sizeof v && key_variant(k, kl, v, sizeof v)) org = lookup_key_as_is(r, v, strlen(v));
    return org;
}

static uint32_t lookup_key_as_is(const sc_orgreg *r, const char *k, size_t kl)
{
    uint32_t org = lookup_alias(r, k, kl);
    char alt[192];
    if (!org && kl > 11 && kl < 150 && memcmp(k + kl - 11, " university", 11) == 0) {
        snprintf(alt, sizeof alt, "university of %.*s", (int)(kl - 11), k);
        org = lookup_alias(r, alt, strlen(alt));
    }
    /* "Universität Heidelberg", "Universiteit Gent": "university X" is the
     * University of X or X University */
    if (!org && kl > 11 && kl < 150 && memcmp(k, "university ", 11) == 0 && memcmp(k + 11, "of ", 3) != 0) {
        snprintf(alt, sizeof alt, "%.*s university", (int)(kl - 11), k + 11);
        org = lookup_alias(r, alt, strlen(alt));
        if (!org) {
            snprintf(alt, sizeof alt, "university of %.*s", (int)(kl - 11), k + 11);
            org = lookup_alias(r, alt, strlen(alt));
        }
    }
    /* "Univ. Complutense de Madrid": "university A de B" is the A University of B */
    const char *de = kl < 150 && !org && memcmp(k, "university ", 11) == 0 ? strstr(k + 11, " de ") : NULL;
    if (de && de > k + 11) {
        snprintf(alt, sizeof alt, "%.*s university of %s", (int)(de - (k + 11)), k + 11, de + 4);
        org = lookup_alias(r, alt, strlen(alt));
    }
    static const char *const school[] = {" school of medicine", " medical school", " law school", " school of law",
                                         " college of medicine", " school of public health", " business school",
                                         " school of nursing", " school of dentistry", " divinity school",
                                         " school of management", " school of engineering", NULL};
    for (const char *const *sp = school; *sp && !org; sp++) {
        size_t sl = strlen(*sp);
        if (kl <= sl || memcmp(k + kl - sl, *sp, sl) != 0) continue;
        size_t nl = kl - sl;
        if (nl >= 150) break;
        org = lookup_alias(r, k, nl);
        if (!org && !(nl >= 10 && memcmp(k + nl - 10, "university", 10) == 0)) {
            snprintf(alt, sizeof alt, "%.*s university", (int)nl, k);
            org = lookup_alias(r, alt, strlen(alt));
            if (!org) {
                snprintf(alt, sizeof alt, "university of %.*s", (int)nl, k);
                org = lookup_alias(r, alt, strlen(alt));
            }
        }
    }
    return org;
}

/* One organisation's worth of text (no dual separators inside). Returns 1
 * if it resolved. Each comma segment is normalised once and then tried
 * exactly, fuzzily, and as the cluster key. */
/* A raw segment that is an acronym in capitals: 3 to 10 letters or digits,
 * at least 3 of them capital letters, nothing else ("CNRS", "ENSCR",
 * "INSERM", "IIT"); not "Inc", and not the country codes "USA" and "PRC". */
static int caps_acronym(const char *s, size_t n)
{
    if (n < 3 || n > 10) return 0;
    size_t caps = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') caps++;
        else if (!(c >= '0' && c <= '9')) return 0;
    }
    return caps >= 3 && !(n == 3 && (!memcmp(s, "USA", 3) || !memcmp(s, "PRC", 3)));
}

/* The organisations the parts of a segment written "A/B" name ("ONERA/DTIS",
 * "CNRS/LAAS", "Stanford University/Google"), into orgs (at most cap); a
 * part counts when it is exactly a registry name and says so (it names an
 * institution, or it is an acronym in capitals). "TU/e" and "I/O" have no
 * such part. Returns how many. */
static size_t slash_orgs(const sc_orgreg *r, sc_span raw, sc_buf *ns, uint32_t *orgs, size_t cap)
{
    const char *p = raw.p, *end = raw.p + raw.n;
    size_t k = 0;
    if (!memchr(p, '/', raw.n)) return 0;
    while (p <= end && k < cap) {
        const char *q = memchr(p, '/', (size_t)(end - p));
        if (!q) q = end;
        sc_span t = sc_span_trim(sc_span_of(p, (size_t)(q - p)));
        if (t.n >= 3) {
            sc_norm_text(t.p, t.n, ns);
            uint32_t o = ns->n && (names_institution(ns->p, ns->n) || caps_acronym(t.p, t.n))
                             ? lookup_alias(r, ns->p, ns->n)
                             : 0;
            if (o) orgs[k++] = o;
        }
        p = q + 1;
    }
    return k;
}

/* Is one organisation the other, or an ancestor of it? */
static int org_related(const sc_orgreg *r, uint32_t a, uint32_t b)
{
    for (int k = 0; k < 2; k++) {
        uint32_t x = k ? b : a, y = k ? a : b;
        for (int d = 0; x && d < 8; d++, x = r->orgs.v[x].parent)
            if (x == y) return 1;
    }
    return 0;
}

static int same_country(const sc_orgreg *r, uint32_t a, uint32_t b)
{
    const char *x = r->orgs.v[a].country, *y = r->orgs.v[b].country;
    return x && y && *x && !strcmp(x, y);
}

/* The registry name that two normalised pieces joined by a space are, or 0
 * (buf is scratch). */
static uint32_t lookup_joined(const sc_orgreg *r, sc_buf *buf, const char *a, size_t an, const char *b, size_t bn)
{
    buf->n = 0;
    sc_buf_add(buf, a, an);
    sc_buf_addc(buf, ' ');
    sc_buf_add(buf, b, bn);
    return lookup_alias(r, buf->p, buf->n);
}

/* A campus of the system sys named by the system's segment a and the first
 * one to three words of the next segment b ("University of California" +
 * "San Francisco School of Medicine"), or 0. */
static uint32_t campus_next(const sc_orgreg *r, sc_buf *buf, const char *a, size_t an, const char *b, size_t bn,
                            uint32_t sys)
{
    sc_span tb[4];
    size_t nb = sc_norm_tokens(b, bn, tb, 4);
    for (size_t w = nb < 3 ? nb : 3; w >= 1; w--) {
        uint32_t o = lookup_joined(r, buf, a, an, b, (size_t)(tb[w - 1].p + tb[w - 1].n - b));
        if (o && r->orgs.v[o].parent == sys) return o;
    }
    return 0;
}

/* A unit named before "at" and its organisation after it: "Augmented
 * Perception group at Google", "Computer Science Department at Stanford",
 * "Advanced Robotics Center at NUS". The words after "at" (a leading "the"
 * dropped) must be exactly a registry name, and the words before it must
 * say they are a unit (department, group, lab, centre …) and not name a
 * university, college or hospital of their own: "University of Illinois at
 * Chicago" is no unit of anything called "Chicago", "Medical Center at …"
 * is a hospital. Returns the organisation or 0. */
static uint32_t unit_at(const sc_orgreg *r, const char *seg, size_t n)
{
    static const char *const unit[] = {"department", "dept", "dep", "group", "team", "lab", "labs", "laboratory",
                                       "laboratories", "center", "centre", "division", "program", "programme",
                                       "faculty", "unit", "section", "initiative", "chair", "professor", NULL};
    static const char *const own[] = {"university", "univ", "universite", "universitat", "universidad", "universita",
                                      "universidade", "universiteit", "college", "hochschule", "hospital",
                                      "medical", "cancer", "clinic", "state", NULL};
    sc_span tok[48];
    size_t nt = sc_norm_tokens(seg, n, tok, 48);
    int is_unit = 0;
    for (size_t k = 0; k < nt; k++) {
        if (tok_in(tok[k], own)) return 0;
        if (tok_in(tok[k], unit)) is_unit = 1;
        if (!tok_is(tok[k], "at") || !is_unit || k == 0) continue;
        size_t b = k + 1;
        if (b < nt && tok_is(tok[b], "the")) b++;
        if (b >= nt) return 0;
        const char *p = tok[b].p;
        return lookup_alias(r, p, (size_t)(seg + n - p));
    }
    return 0;
}

/* A normalised segment that is a registry name by itself and says it
 * names an institution ("Institute for Infocomm Research"; not an acronym
 * such as "AMD" or "CSA", often a department's), other than a system of
 * several (the University of California). */
static int unit_first(const sc_orgreg *r, const char *seg, size_t n)
{
    uint32_t o = lookup_alias(r, seg, n);
    return o && names_institution(seg, n) && r->is_parent.v[o] < SYSTEM_MIN;
}

/* "Univ", or "U" before "of": an abbreviation of "university". */
static int univ_abbrev(const sc_span *tok, size_t i, size_t nt)
{
    return tok_is(tok[i], "univ") || (tok_is(tok[i], "u") && i + 1 < nt && tok_is(tok[i + 1], "of"));
}

/* A segment written plainly, normalised into out: its raw text without
 * parenthesised acronyms ("Los Angeles (UCLA)"), with "Univ" and "U of"
 * written out ("Univ. of California", "U of California"). seg is the raw
 * segment's normalisation; tmp is scratch. 1 if the plain text differs
 * from seg (out is then set); most segments have neither, and cost a scan. */
static int seg_plain(const char *raw, size_t rn, const char *seg, size_t sn, sc_buf *tmp, sc_buf *out)
{
    int changed = 0;
    if ((memchr(raw, '(', rn) || memchr(raw, '[', rn)) && drop_acronym_parens(raw, rn, tmp)) {
        sc_norm_text(tmp->p, tmp->n, out);
        seg = out->p;
        sn = out->n;
        changed = 1;
    }
    sc_span tok[KEY_MAXTOK];
    size_t nt = sc_norm_tokens(seg, sn, tok, KEY_MAXTOK), i = 0;
    while (i < nt && !univ_abbrev(tok, i, nt))
        i++;
    if (i < nt) {
        tmp->n = 0;
        for (size_t k = 0; k < nt; k++) {
            if (k) sc_buf_addc(tmp, ' ');
            if (univ_abbrev(tok, k, nt)) sc_buf_add(tmp, "university", 10);
            else sc_buf_add(tmp, tok[k].p, tok[k].n);
        }
        out->n = 0;
        sc_buf_add(out, tmp->p, tmp->n);
        changed = 1;
    }
    return changed && out->n > 0;
}

static int resolve_piece(const sc_orgreg *r, const char *s, size_t n, sc_org_resolution *out,
                         int exact_only, char *main_seg, size_t main_cap)
{
    enum { MAXSEG = 24 };
    sc_buf all = {0}, ns = {0}, all_plain = {0}, tmp = {0};
    size_t so[MAXSEG], sl[MAXSEG], nseg = 0;
    sc_span raw[MAXSEG];
    const char *p = s, *end = s + n;
    while (p < end && nseg < MAXSEG) {
        const char *c = memchr(p, ',', (size_t)(end - p));
        if (!c) c = end;
        sc_span t = sc_span_trim(sc_span_of(p, (size_t)(c - p)));
        if (t.n) {
            sc_norm_text(t.p, t.n, &ns);
            if (ns.n) {
                raw[nseg] = t;
                so[nseg] = all.n;
                sl[nseg] = ns.n;
                sc_buf_add(&all, ns.p, ns.n);
                sc_buf_addc(&all, 0);
                nseg++;
            }
        }
        p = c + 1;
    }
#define SEG(i) (all.p + so[i])
    int ok = 0;
    uint32_t org = 0;
    size_t used0 = 0, used1 = nseg; /* the segments the primary hit came from */
    if (nseg > 1 && nseg <= 3) { /* the whole string, segments joined ("University of California, Berkeley") */
        sc_norm_text(s, n, &ns);
        org = ns.n ? lookup_alias(r, ns.p, ns.n) : 0;
    }
    if (org) {
        add_hit(out, org, SC_MATCH_ALIAS, 0.95f);
        ok = 1;
    }
    /* each segment also written plainly (seg_plain): "Univ. of
     * California", "Institute for Infocomm Research (I2R)"; pd[i] when
     * that differs from the segment */
    size_t po[MAXSEG], pn[MAXSEG];
    unsigned char pd[MAXSEG];
    int any_plain = 0;
    for (size_t i = 0; i < nseg && !ok; i++) {
        po[i] = all_plain.n;
        pd[i] = (unsigned char)seg_plain(raw[i].p, raw[i].n, SEG(i), sl[i], &tmp, &ns);
        if (pd[i]) sc_buf_add(&all_plain, ns.p, ns.n);
        else sc_buf_add(&all_plain, SEG(i), sl[i]);
        pn[i] = all_plain.n - po[i];
        any_plain |= pd[i];
    }
#define PLAIN(i) (all_plain.p + po[i])
    /* two adjacent segments first: "University of California, Los Angeles"
     * is UCLA, not the University of California; then the same written
     * plainly ("Univ. of California, Irvine", "University of California,
     * Los Angeles (UCLA)"). But not past a segment that names an
     * institution of the registry by itself, as a unit before its
     * organisation does ("Institute of High Performance Computing, Agency
     * for Science, Technology and Research"), unless it is a system of
     * several ("University of California, University of California,
     * Irvine") */
    for (int plain = 0; plain < 2 && !ok; plain++) {
        if (plain && !any_plain) break;
        for (size_t i = 0; i + 1 < nseg && !ok; i++) {
            if (i && (unit_first(r, SEG(i - 1), sl[i - 1]) || (pd[i - 1] && unit_first(r, PLAIN(i - 1), pn[i - 1]))))
                break;
            if (plain && !pd[i] && !pd[i + 1]) continue; /* tried as written */
            org = plain ? lookup_joined(r, &ns, PLAIN(i), pn[i], PLAIN(i + 1), pn[i + 1])
                        : lookup_joined(r, &ns, SEG(i), sl[i], SEG(i + 1), sl[i + 1]);
            if (org) {
                add_hit(out, org, SC_MATCH_ALIAS, 0.9f);
                ok = 1;
                used0 = i;
                used1 = i + 2;
            }
        }
    }
    for (size_t i = 0; i < nseg && !ok; i++) {
        org = lookup_alias(r, SEG(i), sl[i]);
        if (!org && pd[i]) org = lookup_alias(r, PLAIN(i), pn[i]);
        if (org) {
            used0 = i;
            used1 = i + 1;
            /* a system of campuses whose campus opens the next segment:
             * "University of California, San Francisco School of Medicine" */
            uint32_t campus = i + 1 < nseg && r->is_parent.v[org] >= SYSTEM_MIN
                                  ? campus_next(r, &ns, SEG(i), sl[i], SEG(i + 1), sl[i + 1], org)
                                  : 0;
            if (campus) {
                org = campus;
                used1 = i + 2;
            }
            add_hit(out, org, SC_MATCH_ALIAS, nseg == 1 ? 0.95f : 0.9f);
            ok = 1;
        }
    }
#undef PLAIN
    if (!ok && !exact_only) {
        uint32_t best = 0;
        float best_s = 0;
        int best_named = 0;
        for (size_t i = 0; i < nseg; i++) {
            float sc;
            int named = 0;
            /* "2600 Draper Dr." is no Draper */
            if (street_address(SEG(i), sl[i]) && !names_institution(SEG(i), sl[i])) continue;
            uint32_t o = fuzzy(r, SEG(i), sl[i], campus_dash(raw[i].p, raw[i].n), &sc, &named);
            if (o && is_subunit(SEG(i), sl[i])) sc *= 0.8f;
            if (o && sc > best_s) {
                best_s = sc;
                best = o;
                best_named = named;
            }
        }
        /* the alias must explain a fair share of its segment: "Institute of
         * Computing Technology, Chinese Academy of Sciences" may well match
         * "chinese academy of sciences"; a lone common word must not. A
         * name that says what it is ("Stanford University") may stand in a
         * long segment of department and address words ("Department of
         * Genetics Stanford University Stanford California USA": strings
         * without commas), unless it names a system of several
         * organisations (the parent of SYSTEM_MIN universities or more: the
         * University of California; not Cornell, parent of Weill Cornell
         * Medicine only). So may a name of two words or more that opens
         * the segment (best_named & 2). */
        if (best && (best_s >= 0.45f || (best_named && best_s >= RELAXED_MIN && r->is_parent.v[best] < SYSTEM_MIN))) {
            add_hit(out, best, SC_MATCH_FUZZY, 0.5f + 0.4f * (best_s > 1 ? 1 : best_s));
            ok = 1;
        }
    }
    /* "X group at ORG": only when nothing else matched, and not in the
     * exact pass over a whole piece that may be split at "and" ("… at the
     * University of Toronto, and Vector Institute": the split names both) */
    for (size_t i = 0; i < nseg && !ok && (!exact_only || !main_seg); i++) {
        org = unit_at(r, SEG(i), sl[i]);
        if (org && r->is_parent.v[org] >= SYSTEM_MIN) org = 0; /* "… at the University of California, Irvine" */
        if (org) {
            add_hit(out, org, SC_MATCH_ALIAS, 0.85f);
            ok = 1;
            used0 = i;
            used1 = i + 1;
        }
    }
    /* a name cut by a comma before its campus, with other words before
     * and after ("Department of Neurology and Weill Institute for
     * Neurosciences University of California, San Francisco San Francisco
     * California USA"): the last 2-6 words of a segment and the first 1-3
     * of the next are a registry name, exactly */
    for (size_t i = 0; i + 1 < nseg && !ok && !exact_only; i++) {
        sc_span ta[48], tb[4];
        size_t na = sc_norm_tokens(SEG(i), sl[i], ta, 48), nb = sc_norm_tokens(SEG(i + 1), sl[i + 1], tb, 4);
        for (size_t k = na < 6 ? na : 6; k >= 2 && !ok; k--) {
            const char *tail = ta[na - k].p;
            size_t tl = (size_t)(SEG(i) + sl[i] - tail);
            for (size_t w = 1; w <= nb && w <= 3 && !ok; w++) {
                org = lookup_joined(r, &ns, tail, tl, SEG(i + 1), (size_t)(tb[w - 1].p + tb[w - 1].n - SEG(i + 1)));
                if (org) {
                    add_hit(out, org, SC_MATCH_ALIAS, 0.85f);
                    ok = 1;
                    used0 = i;
                    used1 = i + 2;
                }
            }
        }
    }
    /* other organisations the string names in segments of their own: "Univ
     * Rennes, ENSCR, CNRS, ISCR", "University of Toronto, Vector Institute".
     * A segment counts when it is exactly a registry name and says so — it
     * names an institution, or it is an acronym in capitals ("CNRS") — so a
     * city that is also an alias ("…, Berkeley, CA") is not a second
     * organisation; nor is the primary's own parent or unit, nor a segment
     * the primary was found in ("University of Nevada, Las Vegas"). An
     * acronym may stand for several things, so it must be of the primary's
     * country ("CBS" is not Copenhagen's in Morocco). Two segments that
     * are one registry name together count as well ("Université Côte
     * d'Azur, Inria, Sophia Antipolis"; "…, Hitachi, Ltd."). */
    if (ok && out->n && (nseg > 1 || memchr(s, '/', n))) {
        uint32_t prim = out->hit[0].org;
        for (size_t i = 0; i < nseg && out->n < SC_ORG_MAX_HITS; i++) {
            /* each part of "A/B", the primary's segment too ("ONERA/DTIS,
             * Université de Toulouse"; "MIT/IBM Watson AI Lab"), of the
             * primary's country ("IDG/McGovern Institute for Brain
             * Research, Beijing Normal University" is not MIT's) */
            uint32_t part[8];
            size_t np = slash_orgs(r, raw[i], &ns, part, 8);
            for (size_t k = 0; k < np; k++)
                if (part[k] != prim && !org_related(r, part[k], prim) && same_country(r, part[k], prim))
                    add_hit(out, part[k], SC_MATCH_ALIAS, 0.8f);
            if (i >= used0 && i < used1) continue;
            if (i + 1 < nseg && !(i + 1 >= used0 && i + 1 < used1)) {
                uint32_t o = lookup_joined(r, &ns, SEG(i), sl[i], SEG(i + 1), sl[i + 1]);
                if (o && o != prim && !org_related(r, o, prim)) {
                    add_hit(out, o, SC_MATCH_ALIAS, 0.8f);
                    i++;
                    continue;
                }
            }
            int named = names_institution(SEG(i), sl[i]);
            int word = !named && !caps_acronym(raw[i].p, raw[i].n);
            if (word && (sl[i] < 4 || memchr(SEG(i), ' ', sl[i]))) continue;
            uint32_t o = lookup_alias(r, SEG(i), sl[i]);
            if (!o || o == prim || org_related(r, o, prim)) continue;
            if (!named && !same_country(r, o, prim)) continue;
            /* one word in other letters ("Inria"): an institute or a
             * company, not a place (a city may be a university's alias) */
            if (word && r->orgs.v[o].type != SC_ORG_INSTITUTE && r->orgs.v[o].type != SC_ORG_COMPANY) continue;
            add_hit(out, o, SC_MATCH_ALIAS, 0.8f);
        }
    }
    if (main_seg && !main_seg[0] && nseg && !ok) { /* only an unresolved string has a key */
        /* The cluster key. Affiliations go from the small unit to the large
         * one ("Institute of Physics, Chinese Academy of Sciences, Beijing"),
         * so the key is the LAST segment that names an institution and is
         * not a sub-unit; failing that, the first segment that is not a
         * sub-unit. Keying on the first segment made "Institute of Physics"
         * of several universities one organisation. */
        size_t pick = SIZE_MAX;
        for (size_t i = nseg; i-- > 0 && pick == SIZE_MAX;)
            if (!is_subunit(SEG(i), sl[i]) && names_institution(SEG(i), sl[i])) pick = i;
        /* not a state or country code ("TX", "QC", "USA"): every string
         * that ends in one would be one organisation ("UFC" may be one) */
        for (size_t i = 0; i < nseg && pick == SIZE_MAX; i++)
            if (!is_subunit(SEG(i), sl[i]) && sl[i] > 2 && !(sl[i] == 3 && (!memcmp(SEG(i), "usa", 3) || !memcmp(SEG(i), "prc", 3))))
                pick = i;
        if (pick == SIZE_MAX) pick = 0;
        sc_org_cluster_key(raw[pick].p, raw[pick].n, main_seg, main_cap);
        if (!main_seg[0]) { /* nothing left of it: the normalised segment */
            size_t len = SC_MIN(sl[pick], main_cap - 1);
            while (len > 0 && len < sl[pick] && ((unsigned char)SEG(pick)[len] & 0xC0) == 0x80) len--;
            snprintf(main_seg, main_cap, "%.*s", (int)len, SEG(pick));
        }
        /* a name several organisations share is told apart by its campus:
         * a university's "… Branch" segment anywhere ("Islamic Azad
         * University, Najafabad Branch"; "Ahvaz Branch, Islamic Azad
         * University"; not "Main Campus", which is the university), or the place in the next segment after a name of
         * generic words only ("National Institute of Technology, Silchar") */
        int campus = 0;
        for (size_t i = 0; i < nseg && !campus && strstr(main_seg, "university"); i++)
            if (i != pick && ends_with_word(SEG(i), sl[i], "branch") &&
                !is_subunit(SEG(i), sl[i]) && !names_institution(SEG(i), sl[i]))
                campus = key_append(main_seg, main_cap, SEG(i), sl[i], 4);
        size_t glen = strlen(main_seg);
        if (!campus && pick + 1 < nseg && generic_key(main_seg) && !is_subunit(SEG(pick + 1), sl[pick + 1]) &&
            !names_institution(SEG(pick + 1), sl[pick + 1]) && key_append(main_seg, main_cap, SEG(pick + 1), sl[pick + 1], 2)) {
            /* the place may come first in the registry's name: "University
             * of Technology, Hamburg" is the Hamburg University of Technology */
            /* and a second word may be the suburb: "…, Sydney Ultimo"; "of"
             * may be left out: "Federal University, Minas Gerais" */
            char alt[256];
            const char *place = main_seg + glen + 1, *sp = strchr(place, ' ');
            int pl[2] = {(int)strlen(place), sp ? (int)(sp - place) : -1};
            for (int w = 0; w < 2 && !org; w++) {
                if (pl[w] < 0) continue;
                snprintf(alt, sizeof alt, "%.*s %.*s", (int)glen, main_seg, pl[w], place);
                if (w) org = lookup_alias(r, alt, strlen(alt));
                snprintf(alt, sizeof alt, "%.*s %.*s", pl[w], place, (int)glen, main_seg);
                if (!org) org = lookup_alias(r, alt, strlen(alt));
                snprintf(alt, sizeof alt, "%.*s of %.*s", (int)glen, main_seg, pl[w], place); /* "Federal University of …" */
                if (!org && !ends_with_word(main_seg, glen, "of")) org = lookup_alias(r, alt, strlen(alt));
            }
            if (org) {
                add_hit(out, org, SC_MATCH_ALIAS, 0.85f);
                ok = 1;
            }
        }
        /* the key may be a registry name written another way ("Université
         * de Toronto" -> "university of toronto") */
        if (!ok) {
            org = lookup_key(r, main_seg, strlen(main_seg));
            if (org) {
                add_hit(out, org, SC_MATCH_ALIAS, 0.85f);
                ok = 1;
            }
        }
    }
#undef SEG
    sc_buf_free(&all);
    sc_buf_free(&ns);
    sc_buf_free(&all_plain);
    sc_buf_free(&tmp);
    return ok;
}

/* Split on a separator (ASCII case-insensitive); returns the pieces. */
static size_t split_on(const char *s, size_t n, const char *sep, sc_span *out, size_t cap)
{
    size_t k = 0, sl = strlen(sep);
    const char *p = s, *end = s + n, *st = s;
    /* scan for the separator's first byte (its other case too), then compare */
    char c0 = sep[0], c1 = (char)toupper((unsigned char)sep[0]);
    while (p + sl <= end && k + 1 < cap) {
        const char *a = memchr(p, c0, (size_t)(end - p));
        const char *b = c1 != c0 ? memchr(p, c1, (size_t)(end - p)) : NULL;
        const char *q = a && b ? (a < b ? a : b) : (a ? a : b);
        if (!q || q + sl > end) break;
        if (strncasecmp(q, sep, sl) == 0) {
            out[k++] = sc_span_trim(sc_span_of(st, (size_t)(q - st)));
            p = q + sl;
            st = p;
        } else {
            p = q + 1;
        }
    }
    out[k++] = sc_span_trim(sc_span_of(st, (size_t)(end - st)));
    return k;
}

/* Split on the separators between organisations: ';', '+' and footnote
 * marks ("DeepMind\u266dUniversity College London"); empty pieces are
 * dropped, the last piece takes the rest. */
static size_t split_strong(const char *s, size_t n, sc_span *out, size_t cap)
{
    size_t k = 0, st = 0;
    for (size_t i = 0; i < n && k + 1 < cap;) {
        size_t m = s[i] == ';' || s[i] == '+' ? 1 : ((unsigned char)s[i] >= 0xC2 ? sc_footnote_mark_len(s + i, n - i) : 0);
        if (!m) {
            i++;
            continue;
        }
        sc_span t = sc_span_trim(sc_span_of(s + st, i - st));
        if (t.n) out[k++] = t;
        i += m;
        st = i;
    }
    sc_span t = sc_span_trim(sc_span_of(s + st, n - st));
    if (t.n) out[k++] = t;
    return k;
}

/* Does the text contain " and ", " & " or " / " (one pass over spaces)? */
static int has_word_separator(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    while ((p = memchr(p, ' ', (size_t)(end - p))) != NULL && end - p >= 3) {
        if ((p[1] == '&' || p[1] == '/') && p[2] == ' ') return 1;
        if (end - p >= 5 && (p[1] | 32) == 'a' && (p[2] | 32) == 'n' && (p[3] | 32) == 'd' && p[4] == ' ') return 1;
        p++;
    }
    return 0;
}

/* Undo HTML escaping that publishers' metadata leaves in affiliation
 * strings: "Texas A&amp;M University", "Syst&#x00E8;mes", "<!--label
 * omitted: 3-->", "<sup>1</sup>". Entities become their character (an
 * unknown one stays as written), comments and short tags a space. Returns
 * the new length (at most n: nothing decoded is longer than its escape). */
size_t sc_org_unescape_html(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '<' && i + 3 < n && memcmp(s + i, "<!--", 4) == 0) {
            const char *e = NULL;
            for (size_t j = i + 4; j + 2 < n && !e; j++)
                if (memcmp(s + j, "-->", 3) == 0) e = s + j + 3;
            if (e) {
                out[o++] = ' ';
                i = (size_t)(e - s);
                continue;
            }
        }
        if (s[i] == '<' && i + 1 < n && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/')) {
            size_t j = i + 1;
            while (j < n && j - i <= 24 && s[j] != '>' && s[j] != '<') j++;
            if (j < n && s[j] == '>') {
                out[o++] = ' ';
                i = j + 1;
                continue;
            }
        }
        /* "Texas A&amp M University": the entity without its ";" */
        if (s[i] == '&' && i + 4 < n && memcmp(s + i + 1, "amp ", 4) == 0) {
            out[o++] = '&';
            i += 4;
            continue;
        }
        if (s[i] == '&') {
            size_t j = i + 1;
            while (j < n && j - i <= 10 && s[j] != ';' && (isalnum((unsigned char)s[j]) || s[j] == '#')) j++;
            if (j < n && s[j] == ';' && j > i + 1) {
                const char *e = s + i + 1;
                size_t el = j - i - 1;
                uint32_t cp = 0;
                if (e[0] == '#') {
                    int hex = el > 1 && (e[1] == 'x' || e[1] == 'X');
                    size_t k = hex ? 2 : 1;
                    int ok = k < el;
                    for (; k < el && ok; k++) {
                        int c = (unsigned char)e[k], d = isdigit(c) ? c - '0'
                                                      : hex && isxdigit(c) ? (tolower(c) - 'a' + 10) : -1;
                        ok = d >= 0 && cp < 0x110000;
                        cp = cp * (hex ? 16u : 10u) + (uint32_t)(d < 0 ? 0 : d);
                    }
                    if (!ok || cp == 0 || cp >= 0x110000 || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0;
                } else if (el == 3 && memcmp(e, "amp", 3) == 0) cp = '&';
                else if (el == 4 && memcmp(e, "quot", 4) == 0) cp = '"';
                else if (el == 4 && memcmp(e, "apos", 4) == 0) cp = '\'';
                else if (el == 4 && memcmp(e, "nbsp", 4) == 0) cp = ' ';
                else if (el == 2 && (memcmp(e, "lt", 2) == 0 || memcmp(e, "gt", 2) == 0)) cp = ' ';
                if (cp) {
                    unsigned char u[4];
                    size_t m = 0;
                    if (cp < 0x80) u[m++] = (unsigned char)cp;
                    else if (cp < 0x800) {
                        u[m++] = (unsigned char)(0xC0 | (cp >> 6));
                        u[m++] = (unsigned char)(0x80 | (cp & 0x3F));
                    } else if (cp < 0x10000) {
                        u[m++] = (unsigned char)(0xE0 | (cp >> 12));
                        u[m++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                        u[m++] = (unsigned char)(0x80 | (cp & 0x3F));
                    } else {
                        u[m++] = (unsigned char)(0xF0 | (cp >> 18));
                        u[m++] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
                        u[m++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                        u[m++] = (unsigned char)(0x80 | (cp & 0x3F));
                    }
                    memcpy(out + o, u, m); /* m <= j - i + 1: "&#128;" is 6 bytes for 2 */
                    o += m;
                    i = j + 1;
                    continue;
                }
            }
        }
        out[o++] = s[i++];
    }
    return o;
}

static void resolve_text(const sc_orgreg *r, const char *aff, size_t n, sc_org_resolution *out)
{
    if (n > 4096) n = 4096; /* nothing longer is one affiliation */
    char unesc[4096];
    if (memchr(aff, '&', n) || memchr(aff, '<', n)) {
        n = sc_org_unescape_html(aff, n, unesc);
        aff = unesc;
    }
    /* strong separators between organisations */
    sc_span piece[8];
    size_t np = split_strong(aff, n, piece, 8);
    for (size_t i = 0; i < np; i++) {
        int may_be_dual = has_word_separator(piece[i].p, piece[i].n);
        if (!may_be_dual) { /* the common case: one pass, exact then fuzzy */
            resolve_piece(r, piece[i].p, piece[i].n, out, 0, out->cluster_key, sizeof out->cluster_key);
            continue;
        }
        if (resolve_piece(r, piece[i].p, piece[i].n, out, 1, out->cluster_key, sizeof out->cluster_key)) continue;
        /* "Stanford University and Google": split only when the parts
         * resolve exactly (a name may contain "and": "… Science and Technology") */
        int done = 0;
        static const char *const words[] = {" and ", " & ", " / ", NULL};
        for (const char *const *w = words; *w && !done; w++) {
            sc_span sub[4];
            size_t ns = split_on(piece[i].p, piece[i].n, *w, sub, 4);
            if (ns < 2) continue;
            sc_org_resolution tmp;
            memset(&tmp, 0, sizeof tmp);
            size_t good = 0;
            for (size_t k = 0; k < ns; k++) good += (size_t)resolve_piece(r, sub[k].p, sub[k].n, &tmp, 1, NULL, 0);
            if (good == ns) {
                for (int h = 0; h < tmp.n; h++) add_hit(out, tmp.hit[h].org, tmp.hit[h].method, tmp.hit[h].confidence);
                done = 1;
            }
        }
        if (!done) resolve_piece(r, piece[i].p, piece[i].n, out, 0, NULL, 0);
    }
}

/* Words run together meet at s[i]: a lower-case letter, then a capital. */
static int cut_at(const char *s, size_t i)
{
    return i > 0 && isupper((unsigned char)s[i]) && islower((unsigned char)s[i - 1]);
}

/* s with a space between words run together (cut_at: "UniversitySchool"),
 * and with "+" for spaces in a string that has none, into out (reset
 * first); 1 if anything changed, 2 if a word was cut at a capital. */
static int unglue(const char *s, size_t n, sc_buf *out)
{
    int spaces = memchr(s, ' ', n) != NULL, changed = 0;
    out->n = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+' && !spaces) {
            sc_buf_addc(out, ' ');
            if (!changed) changed = 1;
            continue;
        }
        if (cut_at(s, i)) {
            sc_buf_addc(out, ' ');
            changed = 2;
        }
        sc_buf_addc(out, s[i]);
    }
    return changed;
}

/* Whether a word of s, or the first piece of a word unglue cut, of three
 * letters or more, starts a word of name (ASCII case folded). After a cut,
 * a name is taken when a piece of the string is exactly one of its aliases
 * ("CarnegieMellonUniversity") or when it shares such a word ("Yale
 * UniversitySchool of Medicine" keeps "Yale", "DisneyResearch" "Disney",
 * "CentraleSupélec" "Centrale"). A fuzzy match that rests on later pieces
 * alone is a guess: "RobotWits, LLC" read as "Wits", the University of the
 * Witwatersrand; "GuidaBot" as "BOT"; "SqueezeBits" as BITS Pilani
 * (docs/quality.md, round 8). */
static int word_starts_name(const char *s, size_t n, const char *name)
{
    size_t nn = strlen(name);
    for (size_t i = 0; i < n;) {
        while (i < n && !isalnum((unsigned char)s[i]))
            i++;
        size_t b = i, len = 0;
        while (i < n && isalnum((unsigned char)s[i])) {
            if (!len && i > b && cut_at(s, i)) len = i - b;
            i++;
        }
        if (!len) len = i - b;
        if (len < 3) continue;
        for (size_t j = 0; j + len <= nn; j++)
            if ((!j || !isalnum((unsigned char)name[j - 1])) && !strncasecmp(name + j, s + b, len)) return 1;
    }
    return 0;
}

/* A national research organisation whose staff work in joint units hosted
 * by universities and institutes (CNRS, INSERM) says who pays, not where
 * (and the Institut Universitaire de France is an honour held beside a
 * university post, no employer; JST funds PRESTO and ERATO researchers who
 * work at universities):
 * "CNRS, Loria, Université de Lorraine" is Lorraine's lab. When a string
 * names one of them first and also an organisation of the same country that
 * is no company and no such umbrella, that organisation is the primary and
 * the umbrella follows it (the build's second organisation: careers read a
 * dual affiliation). In a sample of the corpus's moves to or from CNRS
 * read by hand, about half were one joint unit written two ways, the other
 * half real moves labelled with CNRS rather than the place
 * (docs/quality.md). */
static int umbrella(const sc_orgreg *r, uint32_t org)
{
    static const char *const ids[] = {"cnrs", "institut-national-de-la-sante-et-de-la-recherche-medicale",
                                      "institut-universitaire-de-france", "japan-science-and-technology-agency",
                                      NULL};
    const sc_org *o = sc_orgreg_get(r, org);
    for (const char *const *p = ids; o && *p; p++)
        if (!strcmp(o->id, *p)) return 1;
    return 0;
}

static void demote_umbrella(const sc_orgreg *r, sc_org_resolution *out)
{
    if (out->n < 2 || !umbrella(r, out->hit[0].org)) return;
    const sc_org *u = sc_orgreg_get(r, out->hit[0].org);
    for (int j = 1; j < out->n; j++) {
        const sc_org *o = sc_orgreg_get(r, out->hit[j].org);
        if (!o || o->type == SC_ORG_COMPANY || umbrella(r, out->hit[j].org) || strcmp(o->country, u->country)) continue;
        sc_org_hit h = out->hit[j];
        memmove(&out->hit[1], &out->hit[0], (size_t)j * sizeof h);
        out->hit[0] = h;
        return;
    }
}

void sc_org_resolve(const sc_orgreg *r, const char *aff, size_t n, const char *domain, size_t dn,
                    sc_org_resolution *out)
{
    sc_org_resolution dom, txt;
    memset(&dom, 0, sizeof dom);
    memset(&txt, 0, sizeof txt);
    /* domains may be dual too: "robots.ox.ac.uk+google.com" */
    if (domain && dn) {
        sc_span d[4];
        size_t nd = split_on(domain, dn, "+", d, 4);
        for (size_t i = 0; i < nd; i++) {
            uint32_t org = lookup_domain(r, d[i].p, d[i].n);
            if (org) add_hit(&dom, org, SC_MATCH_DOMAIN, 0.97f);
        }
    }
    if (aff && n) {
        resolve_text(r, aff, n, &txt);
        /* nothing found: again without parenthesised acronyms, which can
         * hide a name from the matcher ("Learning Algorithms and Systems
         * Laboratory (LASA) Ecole Polytechnique Federale de Lausanne"). Not
         * first: an acronym may be all that names the place ("Dept. of CS
         * (KAIST)"). The cluster key drops them anyway. */
        sc_buf plain = {0};
        if (!txt.n && drop_acronym_parens(aff, n, &plain)) {
            sc_org_resolution again;
            memset(&again, 0, sizeof again);
            resolve_text(r, plain.p, plain.n, &again);
            if (again.n) txt = again;
        }
        /* words run together, a last resort: "Yale UniversitySchool of
         * Medicine", "University of PennsylvaniaPhiladelphiaPA", and "+"
         * for spaces ("The+University+of+Alabama+at+Birmingham") */
        int ug = txt.n ? 0 : unglue(aff, n, &plain);
        if (ug) {
            sc_org_resolution again;
            memset(&again, 0, sizeof again);
            resolve_text(r, plain.p, plain.n, &again);
            const sc_org *o = again.n ? sc_orgreg_get(r, again.hit[0].org) : NULL;
            if (again.n && (ug == 1 || again.hit[0].method == SC_MATCH_ALIAS || (o && word_starts_name(aff, n, o->name))))
                txt = again;
        }
        sc_buf_free(&plain);
    }
    /* The domain first — unless the string's primary organisation is an
     * exact name that differs from the domain's: on the corpus the domain
     * was then an old or a second address ("IBM Research - Almaden" with
     * post.harvard.edu, "DeepMind" with google.com). The other side's
     * organisations follow. */
    int text_first = txt.n && txt.hit[0].method == SC_MATCH_ALIAS && dom.n && txt.hit[0].org != dom.hit[0].org;
    const sc_org_resolution *a = text_first ? &txt : &dom, *b = text_first ? &dom : &txt;
    memset(out, 0, sizeof *out);
    for (int i = 0; i < a->n; i++) add_hit(out, a->hit[i].org, a->hit[i].method, a->hit[i].confidence);
    for (int i = 0; i < b->n; i++) add_hit(out, b->hit[i].org, b->hit[i].method, b->hit[i].confidence);
    memcpy(out->cluster_key, txt.cluster_key, sizeof out->cluster_key);
    demote_umbrella(r, out);
}

const char *sc_orgreg_default_path(void)
{
    static char path[PATH_MAX + 64];
    const char *env = getenv("SCOUT_ORGS");
    if (env && *env) return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        for (int up = 0; slash && up < 3; up++) {
            *slash = 0;
            snprintf(path, sizeof path, "%s/data/orgs.tsv", exe);
            if (access(path, R_OK) == 0) return path;
            snprintf(path, sizeof path, "%s/share/scout/orgs.tsv", exe);
            if (access(path, R_OK) == 0) return path;
            slash = strrchr(exe, '/');
        }
    }
    return "/usr/local/share/scout/orgs.tsv";
}
