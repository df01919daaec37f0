/*
 * openalex.c — the OpenAlex works reader (see openalex.h for the shapes it
 * accepts) and its format sniffer.
 *
 * A work is ~5-40 KB of JSON of which scout keeps a few hundred bytes (ids,
 * title, year, venue, citations, abstract, keywords, authorships); the rest
 * (referenced_works, locations, counts_by_year, …) is validated and skipped
 * by the tokenizer without being copied. Strings without escapes are passed
 * to the sink as spans into the input; escaped ones are decoded into one
 * scratch buffer per record, reused across records. Scratch strings are
 * kept as offsets (fstr) until the record is emitted, because the buffer may
 * move while it grows.
 *
 * Shape detection (sc_read_openalex): content starting with '[' is an array of
 * works; content starting with '{' is JSON Lines when it has more than one
 * non-blank line and either its first line is a complete JSON value or its
 * next non-blank line starts with '{' (a pretty-printed document's second
 * line starts with a key or a '}', never with '{'); otherwise it is one
 * document (a results page or a work), possibly followed by more documents.
 * Any object, on a line or as a document, that has a "results" array is a
 * results page. The first well-formed record decides whether the file holds
 * works at all: if it is not a work (an author, an institution…), the whole
 * file is "not OpenAlex works"; later non-works are rejects.
 *
 * Malformed works: the error is reported at its line and byte column with
 * the record's bytes (at most 64 KiB), then reading goes on:
 *  - JSON Lines: with the next line (lines are split on '\n' only: U+2028
 *    and U+2029 occur inside OpenAlex strings and are not line breaks);
 *  - arrays (results pages, top-level arrays): see resync() — first a
 *    lenient bracket count from the element's start (strings skipped, a raw
 *    newline ends a broken string), accepted when it ends past the error and
 *    is followed by ',' or ']'; failing that, the next '{' that follows a
 *    ',' and opens with "id": "https://openalex.org/W" (OpenAlex writes the
 *    id first; nested objects never carry a work id); failing that, the
 *    rest of the array is given up (already reported in the reject). A
 *    missing ',' between two elements is reported, and the next element
 *    read where it stands;
 *  - concatenated documents: the next line that starts with '{' or '['.
 * A wrong type in a field scout reads ("authorships" not an array,
 * "publication_year" not an integer, …) rejects the work at that value.
 */
#include "ingest/openalex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"

#define OA_PREFIX         "https://openalex.org/"
#define ORCID_PREFIX      "https://orcid.org/"
#define ORCID_PREFIX_HTTP "http://orcid.org/"

enum {
    REJECT_CAP = 64 * 1024,    /* bytes of a bad record handed to the sink */
    ABSTRACT_CAP = 256 * 1024, /* a reconstructed abstract; real ones are < 10 KB, but
                                  {"w":[0,1,…]} repeats one word per position */
    SNIFF_WINDOW = 64 * 1024,
    RESYNC_SCAN_CAP = 16 << 20, /* lenient scan limit: a work is at most a few MB */
    MAX_CONCEPTS = 5,           /* "top concepts" when a work has no keywords */
    MAX_INSTITUTIONS = 32,      /* joined into one affiliation string */
};

/* A string of the current record: in the input (p != NULL) or in the
 * scratch buffer at off. n == 0 means absent. */
typedef struct {
    const char *p;
    size_t off, n;
} fstr;

typedef struct {
    fstr name, raw_name, id, orcid, raw_aff;
    size_t inst_first, inst_n; /* institution names in reader.inst */
} author;

typedef struct {
    uint32_t pos, word;
} pos_word;

typedef struct {
    fstr id, title, display_name, venue, host_venue, abstract, aii_abstract, type;
    int year;
    int64_t cites;
    int has_authorships;
    const char *terr, *terr_at; /* first type error: what, where */
} work;

typedef SC_VEC(fstr) fstr_vec;

typedef struct {
    const char *buf;
    size_t n;
    const char *path;
    sc_sink *sink;
    sc_error *err;
    int rc;        /* non-zero: stop reading and return this */
    int decided;   /* a well-formed work has been seen */
    int abandoned; /* an array was given up; its reject is already out */
    /* line tracker: lc_pos is on line lc_line, which starts at lc_bol */
    const char *lc_pos, *lc_bol;
    uint32_t lc_line;
    /* the current record */
    work w;
    sc_buf scratch;
    SC_VEC(author) auth;
    fstr_vec inst, kw, concepts, words;
    SC_VEC(pos_word) pairs;
    SC_VEC(uint32_t) slots;
    SC_VEC(sc_rec_author) out;
} reader;

/* ---- small helpers ------------------------------------------------------ */

static inline int is_ws(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static inline const char *skip_ws(const char *p, const char *end)
{
    while (p < end && is_ws(*p))
        p++;
    return p;
}

static inline const char *fs_ptr(const reader *r, fstr s)
{
    return s.p ? s.p : r->scratch.p + s.off;
}

static inline sc_span fs_span(const reader *r, fstr s)
{
    return s.n ? sc_span_of(fs_ptr(r, s), s.n) : SC_SPAN_NULL;
}

static int fs_has_prefix(const reader *r, fstr s, const char *pre, size_t n)
{
    return s.n >= n && memcmp(fs_ptr(r, s), pre, n) == 0;
}

static fstr fs_drop(fstr s, size_t k)
{
    if (s.p)
        s.p += k;
    else
        s.off += k;
    s.n -= k;
    return s;
}

static fstr fs_strip(const reader *r, fstr s, const char *pre)
{
    size_t n = strlen(pre);
    return fs_has_prefix(r, s, pre, n) ? fs_drop(s, n) : s;
}

static fstr to_scratch(reader *r, sc_span raw)
{
    sc_buf_reserve(&r->scratch, raw.n);
    size_t off = r->scratch.n;
    size_t k = sc_json_unescape(raw.p, raw.n, r->scratch.p + off);
    r->scratch.n += k;
    return (fstr){NULL, off, k};
}

static fstr raw_fstr(reader *r, sc_span raw, int esc)
{
    return esc ? to_scratch(r, raw) : (fstr){raw.p, 0, raw.n};
}

/* A key as text: escaped keys (rare) are decoded into tmp; one too long for
 * tmp cannot be a key we read, and is returned raw (it holds a '\'). */
static sc_span key_text(sc_span raw, int esc, char *tmp, size_t cap)
{
    if (!esc || raw.n > cap) return raw;
    return sc_span_of(tmp, sc_json_unescape(raw.p, raw.n, tmp));
}

#define KEY_IS(k, lit) ((k).n == sizeof(lit) - 1 && memcmp((k).p, lit, sizeof(lit) - 1) == 0)

/* 1-based line and byte column of p. Records come in order, so the tracker
 * moves forward from the last position; going back (rare: a reject before
 * the last paper's start) recounts backwards. */
static void line_col(reader *r, const char *p, uint32_t *line, uint32_t *col)
{
    if (p > r->buf + r->n) p = r->buf + r->n;
    if (p >= r->lc_pos) {
        const char *q = r->lc_pos, *nl;
        while ((nl = memchr(q, '\n', (size_t)(p - q))) != NULL) {
            if (r->lc_line < UINT32_MAX) r->lc_line++;
            q = nl + 1;
            r->lc_bol = q;
        }
    } else {
        for (const char *q = p; q < r->lc_pos; q++)
            if (*q == '\n' && r->lc_line > 1) r->lc_line--;
        const char *b = p;
        while (b > r->buf && b[-1] != '\n')
            b--;
        r->lc_bol = b;
    }
    r->lc_pos = p;
    *line = r->lc_line;
    size_t c = (size_t)(p - r->lc_bol) + 1;
    *col = c > UINT32_MAX ? UINT32_MAX : (uint32_t)c;
}

/* JSON Lines: the tracker jumps to the start of each line. */
static void line_seed(reader *r, const char *bol, uint32_t line)
{
    r->lc_pos = r->lc_bol = bol;
    r->lc_line = line;
}

static void reject(reader *r, const char *at, const char *what, const char *rec,
                   const char *rec_end)
{
    if (!r->sink->reject) return;
    if (!at) at = rec; /* defensive: every caller has a position */
    if (!what) what = "malformed JSON";
    uint32_t line, col;
    line_col(r, at, &line, &col);
    if (rec_end > r->buf + r->n) rec_end = r->buf + r->n;
    size_t n = rec_end > rec ? (size_t)(rec_end - rec) : 0;
    if (n > REJECT_CAP) {
        n = REJECT_CAP;
        /* do not cut a UTF-8 sequence in two */
        while (n > 0 && ((unsigned char)rec[n] & 0xC0) == 0x80)
            n--;
    }
    r->sink->reject(r->sink, line, col, what, rec, n);
}

/* ---- field readers --------------------------------------------------------
 * Each consumes one value at the cursor. They return -1 on a syntax error
 * (j->err set), else 0; a wrong type is noted in r->w.terr (first one wins)
 * and the value skipped, so that the cursor stays in step and the work is
 * rejected once it has been read to its end. */

static int eof_fail(sc_json *j)
{
    return sc_json_fail(j, j->p, "unexpected end of input");
}

static void note_type_error(reader *r, const char *at, const char *what)
{
    if (!r->w.terr) {
        r->w.terr = what;
        r->w.terr_at = at;
    }
}

static int type_error(reader *r, sc_json *j, const char *what)
{
    note_type_error(r, j->p, what);
    return sc_json_skip(j);
}

/* Peek, turning end of input into an error: after a key or an item a value
 * must follow. */
static sc_json_kind peek_value(sc_json *j)
{
    sc_json_kind k = sc_json_peek(j);
    if (k == SC_JSON_EOF) {
        eof_fail(j);
        return SC_JSON_ERROR;
    }
    return k;
}

/* A string or null (null = absent). */
static int read_str(reader *r, sc_json *j, fstr *out, const char *what)
{
    sc_json_kind k = peek_value(j);
    if (k == SC_JSON_STRING) {
        sc_span raw;
        int esc;
        if (sc_json_string(j, &raw, &esc)) return -1;
        *out = raw_fstr(r, raw, esc);
        return 0;
    }
    if (k == SC_JSON_NULL) {
        *out = (fstr){NULL, 0, 0};
        return sc_json_skip(j);
    }
    if (k == SC_JSON_ERROR) return -1;
    return type_error(r, j, what);
}

/* A JSON number that is an integer (a fraction of zeros allowed: "2017.0"),
 * |v| < 10^15. Returns 0 and sets *v, or -1. */
static int int_of(sc_span num, int64_t *v)
{
    const char *p = num.p, *e = num.p + num.n;
    int neg = 0, digits = 0;
    int64_t x = 0;
    if (p < e && *p == '-') neg = 1, p++;
    while (p < e && *p >= '0' && *p <= '9') {
        if (++digits > 15) return -1;
        x = x * 10 + (*p++ - '0');
    }
    if (p < e && *p == '.') {
        p++;
        while (p < e && *p == '0')
            p++;
    }
    if (p != e || digits == 0) return -1;
    *v = neg ? -x : x;
    return 0;
}

/* An integer in [lo, hi] or null (then *present stays 0). */
static int read_int(reader *r, sc_json *j, int64_t *out, int *present, int64_t lo, int64_t hi,
                    const char *what)
{
    sc_json_kind k = peek_value(j);
    if (k == SC_JSON_NUMBER) {
        const char *at = j->p;
        sc_span num;
        int64_t v;
        if (sc_json_number(j, &num)) return -1;
        if (int_of(num, &v) || v < lo || v > hi) {
            note_type_error(r, at, what);
            return 0;
        }
        *out = v;
        *present = 1;
        return 0;
    }
    if (k == SC_JSON_NULL) return sc_json_skip(j);
    if (k == SC_JSON_ERROR) return -1;
    return type_error(r, j, what);
}

/* An object (or null) of which only "display_name" (or alt_key, when given
 * and display_name is absent) is wanted: host_venue, a source, an
 * institution, a keyword, a concept. */
static int read_named(reader *r, sc_json *j, fstr *out, const char *alt_key, const char *what)
{
    sc_json_kind k = peek_value(j);
    if (k == SC_JSON_NULL) return sc_json_skip(j);
    if (k == SC_JSON_ERROR) return -1;
    if (k != SC_JSON_OBJECT) return type_error(r, j, what);
    if (sc_json_object(j)) return -1;
    fstr alt = {NULL, 0, 0};
    sc_span key;
    int esc, kr;
    char tmp[32];
    while ((kr = sc_json_key(j, &key, &esc)) == 1) {
        sc_span kk = key_text(key, esc, tmp, sizeof tmp);
        int rc;
        if (KEY_IS(kk, "display_name"))
            rc = read_str(r, j, out, "\"display_name\" is not a string");
        else if (alt_key && kk.n == strlen(alt_key) && memcmp(kk.p, alt_key, kk.n) == 0)
            rc = read_str(r, j, &alt, "a name is not a string");
        else
            rc = sc_json_skip(j);
        if (rc) return -1;
    }
    if (kr < 0) return -1;
    if (!out->n && alt.n) *out = alt;
    return 0;
}

static int read_primary_location(reader *r, sc_json *j)
{
    sc_json_kind k = peek_value(j);
    if (k == SC_JSON_NULL) return sc_json_skip(j);
    if (k == SC_JSON_ERROR) return -1;
    if (k != SC_JSON_OBJECT) return type_error(r, j, "\"primary_location\" is not an object");
    if (sc_json_object(j)) return -1;
    sc_span key;
    int esc, kr;
    char tmp[16];
    while ((kr = sc_json_key(j, &key, &esc)) == 1) {
        sc_span kk = key_text(key, esc, tmp, sizeof tmp);
        int rc = KEY_IS(kk, "source") ? read_named(r, j, &r->w.venue, NULL,
                                                   "\"primary_location.source\" is not an object")
                                      : sc_json_skip(j);
        if (rc) return -1;
    }
    return kr < 0 ? -1 : 0;
}

/* "keywords" / "concepts": arrays of {display_name} objects (older
 * snapshots: {"keyword": …}); plain strings are taken too. */
static int read_terms(reader *r, sc_json *j, int concepts, const char *what)
{
    fstr_vec *v = concepts ? &r->concepts : &r->kw;
    sc_json_kind k = peek_value(j);
    if (k == SC_JSON_NULL) return sc_json_skip(j);
    if (k == SC_JSON_ERROR) return -1;
    if (k != SC_JSON_ARRAY) return type_error(r, j, what);
    v->n = 0;
    if (sc_json_array(j)) return -1;
    int more;
    while ((more = sc_json_item(j)) == 1) {
        fstr s = {NULL, 0, 0};
        int rc;
        if (sc_json_peek(j) == SC_JSON_STRING)
            rc = read_str(r, j, &s, what);
        else
            rc = read_named(r, j, &s, concepts ? NULL : "keyword", what);
        if (rc) return -1;
        if (s.n) sc_vec_push(v, s);
    }
    return more < 0 ? -1 : 0;
}

/* The institutions of one authorship: their display names, without
 * repeats, at most MAX_INSTITUTIONS. */
static int read_institutions(reader *r, sc_json *j, author *a)
{
    sc_json_kind k = peek_value(j);
    if (k == SC_JSON_NULL) return sc_json_skip(j);
    if (k == SC_JSON_ERROR) return -1;
    if (k != SC_JSON_ARRAY) return type_error(r, j, "\"institutions\" is not an array");
    if (sc_json_array(j)) return -1;
    int more;
    while ((more = sc_json_item(j)) == 1) {
        fstr s = {NULL, 0, 0};
        if (read_named(r, j, &s, NULL, "an institution is not an object")) return -1;
        if (!s.n || r->inst.n - a->inst_first >= MAX_INSTITUTIONS) continue;
        int dup = 0;
        for (size_t i = a->inst_first; i < r->inst.n && !dup; i++)
            dup = r->inst.v[i].n == s.n && memcmp(fs_ptr(r, r->inst.v[i]), fs_ptr(r, s), s.n) == 0;
        if (!dup) sc_vec_push(&r->inst, s);
    }
    return more < 0 ? -1 : 0;
}

/* raw_affiliation_strings: the first non-empty one. */
static int read_raw_affs(reader *r, sc_json *j, author *a)
{
    sc_json_kind k = peek_value(j);
    if (k == SC_JSON_NULL) return sc_json_skip(j);
    if (k == SC_JSON_ERROR) return -1;
    if (k != SC_JSON_ARRAY) return type_error(r, j, "\"raw_affiliation_strings\" is not an array");
    if (sc_json_array(j)) return -1;
    int more;
    while ((more = sc_json_item(j)) == 1) {
        fstr later; /* past the first non-empty one: validated, not kept */
        if (read_str(r, j, a->raw_aff.n ? &later : &a->raw_aff,
                     "a raw affiliation is not a string"))
            return -1;
    }
    return more < 0 ? -1 : 0;
}

static int read_author_obj(reader *r, sc_json *j, author *a)
{
    sc_json_kind k = peek_value(j);
    if (k == SC_JSON_NULL) return sc_json_skip(j);
    if (k == SC_JSON_ERROR) return -1;
    if (k != SC_JSON_OBJECT) return type_error(r, j, "\"author\" is not an object");
    if (sc_json_object(j)) return -1;
    sc_span key;
    int esc, kr;
    char tmp[32];
    while ((kr = sc_json_key(j, &key, &esc)) == 1) {
        sc_span kk = key_text(key, esc, tmp, sizeof tmp);
        int rc;
        if (KEY_IS(kk, "id"))
            rc = read_str(r, j, &a->id, "\"author.id\" is not a string");
        else if (KEY_IS(kk, "display_name"))
            rc = read_str(r, j, &a->name, "\"author.display_name\" is not a string");
        else if (KEY_IS(kk, "orcid"))
            rc = read_str(r, j, &a->orcid, "\"author.orcid\" is not a string");
        else
            rc = sc_json_skip(j);
        if (rc) return -1;
    }
    return kr < 0 ? -1 : 0;
}

static int read_authorships(reader *r, sc_json *j)
{
    sc_json_kind k = peek_value(j);
    if (k == SC_JSON_NULL) return sc_json_skip(j);
    if (k == SC_JSON_ERROR) return -1;
    if (k != SC_JSON_ARRAY) return type_error(r, j, "\"authorships\" is not an array");
    r->w.has_authorships = 1;
    r->auth.n = 0;
    r->inst.n = 0;
    if (sc_json_array(j)) return -1;
    int more;
    while ((more = sc_json_item(j)) == 1) {
        k = sc_json_peek(j);
        if (k == SC_JSON_NULL) {
            if (sc_json_skip(j)) return -1;
            continue;
        }
        if (k != SC_JSON_OBJECT) {
            if (j->err || type_error(r, j, "an authorship is not an object")) return -1;
            continue;
        }
        author a;
        memset(&a, 0, sizeof a);
        a.inst_first = r->inst.n;
        if (sc_json_object(j)) return -1;
        sc_span key;
        int esc, kr;
        char tmp[32];
        while ((kr = sc_json_key(j, &key, &esc)) == 1) {
            sc_span kk = key_text(key, esc, tmp, sizeof tmp);
            int rc;
            if (KEY_IS(kk, "author"))
                rc = read_author_obj(r, j, &a);
            else if (KEY_IS(kk, "raw_author_name"))
                rc = read_str(r, j, &a.raw_name, "\"raw_author_name\" is not a string");
            else if (KEY_IS(kk, "institutions"))
                rc = read_institutions(r, j, &a);
            else if (KEY_IS(kk, "raw_affiliation_strings"))
                rc = read_raw_affs(r, j, &a);
            else
                rc = sc_json_skip(j);
            if (rc) return -1;
        }
        if (kr < 0) return -1;
        a.inst_n = r->inst.n - a.inst_first;
        sc_vec_push(&r->auth, a);
    }
    return more < 0 ? -1 : 0;
}

static int cmp_pos_word(const void *a, const void *b)
{
    const pos_word *x = a, *y = b;
    if (x->pos != y->pos) return x->pos < y->pos ? -1 : 1;
    return x->word < y->word ? -1 : x->word > y->word;
}

/* Words of abstract_inverted_index in position order, joined by single
 * spaces, into scratch. Positions are usually 0..n-1 exactly, so they go
 * into a slot table indexed by position; sparse or repeated positions
 * (hostile or odd input) fall back to a sort. Output stops at ABSTRACT_CAP
 * (at a word boundary). */
static void build_abstract(reader *r)
{
    size_t np = r->pairs.n;
    r->w.aii_abstract = (fstr){NULL, 0, 0};
    if (np == 0) return;
    uint32_t maxpos = 0;
    size_t total = 0;
    for (size_t i = 0; i < np; i++) {
        if (r->pairs.v[i].pos > maxpos) maxpos = r->pairs.v[i].pos;
        if (total < ABSTRACT_CAP) total += r->words.v[r->pairs.v[i].word].n + 1;
    }
    if (total > ABSTRACT_CAP) total = ABSTRACT_CAP;
    int sorted = 0;
    if ((size_t)maxpos < 2 * np + 64) {
        r->slots.n = 0;
        sc_vec_grow(&r->slots, (size_t)maxpos + 1);
        memset(r->slots.v, 0xFF, ((size_t)maxpos + 1) * sizeof *r->slots.v);
        r->slots.n = (size_t)maxpos + 1;
        for (size_t i = 0; i < np; i++) {
            uint32_t *s = &r->slots.v[r->pairs.v[i].pos];
            if (*s != UINT32_MAX) {
                sorted = 1; /* two words at one position */
                break;
            }
            *s = r->pairs.v[i].word;
        }
    } else {
        sorted = 1;
    }
    if (sorted) qsort(r->pairs.v, np, sizeof *r->pairs.v, cmp_pos_word);
    sc_buf_reserve(&r->scratch, total);
    size_t off = r->scratch.n, len = 0;
    char *out = r->scratch.p + off; /* stable: reserved above */
    size_t count = sorted ? np : r->slots.n;
    for (size_t i = 0; i < count; i++) {
        uint32_t w = sorted ? r->pairs.v[i].word : r->slots.v[i];
        if (w == UINT32_MAX) continue; /* a gap in the positions */
        fstr s = r->words.v[w];
        if (!s.n) continue;
        size_t need = s.n + (len ? 1 : 0);
        if (len + need > total) break;
        if (len) out[len++] = ' ';
        memcpy(out + len, fs_ptr(r, s), s.n);
        len += s.n;
    }
    r->scratch.n += len;
    r->w.aii_abstract = (fstr){NULL, off, len};
}

/* The common positions array, [0, 17, 42], scanned directly: the general
 * path costs a tokenizer call per number and this is the densest part of a
 * work. Anything unusual (a fraction, a huge value, a syntax error) returns 0
 * with nothing consumed, and the general path reads or reports it. */
static int fast_positions(reader *r, sc_json *j, uint32_t wi)
{
    const char *p = j->p, *end = j->end;
    size_t mark = r->pairs.n;
    if (p >= end || *p != '[') return 0;
    p = skip_ws(p + 1, end);
    if (p < end && *p == ']') {
        j->p = p + 1;
        return 1;
    }
    for (;;) {
        if (p >= end || *p < '0' || *p > '9') break;
        uint64_t v = 0;
        const char *d = p;
        if (*p == '0')
            p++;
        else
            while (p < end && *p >= '0' && *p <= '9' && p - d < 10)
                v = v * 10 + (uint64_t)(*p++ - '0');
        if (p < end && ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E')) break;
        if (v >= UINT32_MAX) break;
        sc_vec_push(&r->pairs, ((pos_word){(uint32_t)v, wi}));
        p = skip_ws(p, end);
        if (p < end && *p == ',') {
            p = skip_ws(p + 1, end);
            continue;
        }
        if (p < end && *p == ']') {
            j->p = p + 1;
            return 1;
        }
        break;
    }
    r->pairs.n = mark;
    return 0;
}

/* abstract_inverted_index: {word: [positions]}. */
static int read_aii(reader *r, sc_json *j)
{
    sc_json_kind k = peek_value(j);
    if (k == SC_JSON_NULL) return sc_json_skip(j);
    if (k == SC_JSON_ERROR) return -1;
    if (k != SC_JSON_OBJECT)
        return type_error(r, j, "\"abstract_inverted_index\" is not an object");
    r->words.n = 0;
    r->pairs.n = 0;
    if (sc_json_object(j)) return -1;
    sc_span key;
    int esc, kr;
    while ((kr = sc_json_key(j, &key, &esc)) == 1) {
        k = peek_value(j);
        if (k == SC_JSON_ERROR) return -1;
        if (k == SC_JSON_NULL) {
            if (sc_json_skip(j)) return -1;
            continue;
        }
        if (k != SC_JSON_ARRAY) {
            if (type_error(r, j, "abstract_inverted_index: positions are not an array")) return -1;
            continue;
        }
        if (r->words.n >= UINT32_MAX - 1) {
            if (type_error(r, j, "abstract_inverted_index: too many words")) return -1;
            continue;
        }
        uint32_t wi = (uint32_t)r->words.n;
        sc_vec_push(&r->words, raw_fstr(r, key, esc));
        if (fast_positions(r, j, wi)) continue;
        if (sc_json_array(j)) return -1;
        int more;
        while ((more = sc_json_item(j)) == 1) {
            int64_t v = 0;
            int present = 0;
            if (read_int(r, j, &v, &present, 0, UINT32_MAX - 1,
                         "abstract_inverted_index: a position is not a small non-negative integer"))
                return -1;
            if (present) sc_vec_push(&r->pairs, ((pos_word){(uint32_t)v, wi}));
        }
        if (more < 0) return -1;
    }
    if (kr < 0) return -1;
    if (!r->w.terr) build_abstract(r);
    return 0;
}

/* ---- works ---------------------------------------------------------------- */

enum {
    F_OTHER,
    F_ID,
    F_TITLE,
    F_DISPLAY_NAME,
    F_YEAR,
    F_CITES,
    F_TYPE,
    F_PRIMARY_LOCATION,
    F_HOST_VENUE,
    F_AUTHORSHIPS,
    F_AII,
    F_ABSTRACT,
    F_KEYWORDS,
    F_CONCEPTS,
    F_RESULTS
};

static int field_of(sc_span k)
{
    /* dispatch on length: most of a work's ~50 keys are skipped after one compare */
    switch (k.n) {
    case 2:
        return KEY_IS(k, "id") ? F_ID : F_OTHER;
    case 4:
        return KEY_IS(k, "type") ? F_TYPE : F_OTHER;
    case 5:
        return KEY_IS(k, "title") ? F_TITLE : F_OTHER;
    case 7:
        return KEY_IS(k, "results") ? F_RESULTS : F_OTHER;
    case 8:
        if (KEY_IS(k, "keywords")) return F_KEYWORDS;
        if (KEY_IS(k, "concepts")) return F_CONCEPTS;
        if (KEY_IS(k, "abstract")) return F_ABSTRACT;
        return F_OTHER;
    case 10:
        return KEY_IS(k, "host_venue") ? F_HOST_VENUE : F_OTHER;
    case 11:
        return KEY_IS(k, "authorships") ? F_AUTHORSHIPS : F_OTHER;
    case 12:
        return KEY_IS(k, "display_name") ? F_DISPLAY_NAME : F_OTHER;
    case 14:
        return KEY_IS(k, "cited_by_count") ? F_CITES : F_OTHER;
    case 16:
        if (KEY_IS(k, "publication_year")) return F_YEAR;
        if (KEY_IS(k, "primary_location")) return F_PRIMARY_LOCATION;
        return F_OTHER;
    case 23:
        return KEY_IS(k, "abstract_inverted_index") ? F_AII : F_OTHER;
    default:
        return F_OTHER;
    }
}

static void work_reset(reader *r)
{
    memset(&r->w, 0, sizeof r->w);
    r->w.cites = -1;
    r->scratch.n = 0;
    r->auth.n = r->inst.n = r->kw.n = r->concepts.n = r->words.n = r->pairs.n = 0;
}

static int read_array(reader *r, sc_json *j);

/* Read one object at the cursor into r->w. top: the object may be a results
 * page, whose "results" are read (and emitted) here; *is_page is then set
 * and the object's other keys are skipped. Returns -1 on a syntax error. */
static int read_work(reader *r, sc_json *j, int top, int *is_page)
{
    work_reset(r);
    *is_page = 0;
    if (sc_json_object(j)) return -1;
    sc_span key;
    int esc, kr;
    char tmp[32];
    while ((kr = sc_json_key(j, &key, &esc)) == 1) {
        if (*is_page) {
            if (sc_json_skip(j)) return -1;
            continue;
        }
        sc_span kk = key_text(key, esc, tmp, sizeof tmp);
        int rc, present = 0;
        int64_t v = 0;
        switch (field_of(kk)) {
        case F_ID:
            rc = read_str(r, j, &r->w.id, "\"id\" is not a string");
            break;
        case F_TITLE:
            rc = read_str(r, j, &r->w.title, "\"title\" is not a string");
            break;
        case F_DISPLAY_NAME:
            rc = read_str(r, j, &r->w.display_name, "\"display_name\" is not a string");
            break;
        case F_YEAR:
            rc = read_int(r, j, &v, &present, 0, 9999,
                          "\"publication_year\" is not a year (an integer 0-9999)");
            if (present) r->w.year = (int)v;
            break;
        case F_CITES:
            rc = read_int(r, j, &v, &present, 0, INT64_MAX,
                          "\"cited_by_count\" is not a non-negative integer");
            if (present) r->w.cites = v;
            break;
        case F_TYPE:
            rc = read_str(r, j, &r->w.type, "\"type\" is not a string");
            break;
        case F_PRIMARY_LOCATION:
            rc = read_primary_location(r, j);
            break;
        case F_HOST_VENUE:
            rc = read_named(r, j, &r->w.host_venue, NULL, "\"host_venue\" is not an object");
            break;
        case F_AUTHORSHIPS:
            rc = read_authorships(r, j);
            break;
        case F_AII:
            rc = read_aii(r, j);
            break;
        case F_ABSTRACT:
            rc = read_str(r, j, &r->w.abstract, "\"abstract\" is not a string");
            break;
        case F_KEYWORDS:
            rc = read_terms(r, j, 0, "\"keywords\" is not an array of keywords");
            break;
        case F_CONCEPTS:
            rc = read_terms(r, j, 1, "\"concepts\" is not an array of concepts");
            break;
        case F_RESULTS:
            if (top && sc_json_peek(j) == SC_JSON_ARRAY) {
                *is_page = 1;
                rc = read_array(r, j);
                if (r->rc) return 0;
            } else {
                rc = sc_json_skip(j);
            }
            break;
        default:
            rc = sc_json_skip(j);
        }
        if (rc) return -1;
    }
    return kr < 0 ? -1 : 0;
}

/* "W2741809807" or "https://openalex.org/W2741809807": a W and digits only
 * (other sources' ids, e.g. OpenReview's "W1x…", are not taken for one). */
static int is_work_id(const char *p, size_t n)
{
    size_t pl = sizeof OA_PREFIX - 1;
    if (n >= pl && memcmp(p, OA_PREFIX, pl) == 0) p += pl, n -= pl;
    if (n < 2 || p[0] != 'W') return 0;
    for (size_t i = 1; i < n; i++)
        if (p[i] < '0' || p[i] > '9') return 0;
    return 1;
}

/* A work: its id is a work id, or, without an id, it has authorships. */
static int looks_like_work(const reader *r)
{
    if (r->w.id.n) {
        sc_span id = fs_span(r, r->w.id);
        return is_work_id(id.p, id.n);
    }
    return r->w.has_authorships;
}

/* Join parts into scratch with sep between them; semi: ';' inside a part
 * becomes ',' (';' separates keywords downstream). One part is returned as
 * it is unless it must be rewritten. */
static fstr join(reader *r, const fstr *parts, size_t n, const char *sep, int semi)
{
    size_t sl = strlen(sep), total = 0, k = 0;
    for (size_t i = 0; i < n; i++)
        if (parts[i].n) total += parts[i].n + (k++ ? sl : 0);
    if (k == 0) return (fstr){NULL, 0, 0};
    if (k == 1 && !semi)
        for (size_t i = 0; i < n; i++)
            if (parts[i].n) return parts[i];
    sc_buf_reserve(&r->scratch, total);
    size_t off = r->scratch.n, len = 0;
    char *out = r->scratch.p + off;
    for (size_t i = 0; i < n; i++) {
        if (!parts[i].n) continue;
        if (len) {
            memcpy(out + len, sep, sl);
            len += sl;
        }
        memcpy(out + len, fs_ptr(r, parts[i]), parts[i].n);
        if (semi)
            for (size_t c = len; c < len + parts[i].n; c++)
                if (out[c] == ';') out[c] = ',';
        len += parts[i].n;
    }
    r->scratch.n += len;
    return (fstr){NULL, off, len};
}

static void emit(reader *r, const char *rec)
{
    work *w = &r->w;
    /* everything that appends to scratch first: spans are taken after */
    fstr keywords =
        r->kw.n ? join(r, r->kw.v, r->kw.n, ";", 1)
                : join(r, r->concepts.v, SC_MIN(r->concepts.n, (size_t)MAX_CONCEPTS), ";", 1);
    for (size_t i = 0; i < r->auth.n; i++) {
        author *a = &r->auth.v[i];
        if (!a->raw_aff.n && a->inst_n)
            a->raw_aff = join(r, r->inst.v + a->inst_first, a->inst_n, " and ", 0);
    }
    sc_rec_paper p;
    memset(&p, 0, sizeof p);
    p.source_id = fs_span(r, fs_strip(r, w->id, OA_PREFIX));
    p.title = fs_span(r, w->title.n ? w->title : w->display_name);
    p.venue = fs_span(r, w->venue.n ? w->venue : w->host_venue);
    p.abstract = fs_span(r, w->abstract.n ? w->abstract : w->aii_abstract);
    p.keywords = fs_span(r, keywords);
    p.status = fs_span(r, w->type);
    p.year = w->year;
    p.citations = w->cites;
    r->out.n = 0;
    sc_vec_grow(&r->out, r->auth.n);
    for (size_t i = 0; i < r->auth.n; i++) {
        const author *a = &r->auth.v[i];
        sc_rec_author *o = &r->out.v[r->out.n++];
        memset(o, 0, sizeof *o);
        o->name = fs_span(r, a->name.n ? a->name : a->raw_name);
        o->affiliation = fs_span(r, a->raw_aff);
        o->openalex = fs_span(r, fs_strip(r, a->id, OA_PREFIX));
        o->orcid = fs_span(r, fs_strip(r, fs_strip(r, a->orcid, ORCID_PREFIX), ORCID_PREFIX_HTTP));
    }
    p.authors = r->out.v;
    p.n_authors = r->out.n;
    line_col(r, rec, &p.line, &p.col);
    if (r->sink->paper) {
        int rc = r->sink->paper(r->sink, &p);
        if (rc) r->rc = rc;
    }
}

static void not_works(reader *r, const char *at, const char *why)
{
    uint32_t line, col;
    line_col(r, at, &line, &col);
    r->rc =
        sc_fail(r->err, SC_EINPUT, "%s:%u:%u: not OpenAlex works (%s)", r->path, line, col, why);
}

/* A record read without a syntax error, from rec to end: emit it, reject
 * it, or (the first record of the file not being a work) fail the file. */
static void finish(reader *r, const char *rec, const char *end)
{
    if (!looks_like_work(r)) {
        if (r->decided) {
            reject(r, rec, "not an OpenAlex work", rec, end);
            return;
        }
        char why[160];
        if (r->w.id.n) {
            sc_span id = fs_span(r, r->w.id);
            int k = (int)SC_MIN(id.n, (size_t)100);
            snprintf(why, sizeof why, "the first record's id is \"%.*s\"", k, id.p);
        } else {
            snprintf(why, sizeof why, "the first record has neither a work id nor authorships");
        }
        not_works(r, rec, why);
        return;
    }
    r->decided = 1;
    if (r->w.terr) {
        reject(r, r->w.terr_at, r->w.terr, rec, end);
        return;
    }
    emit(r, rec);
}

/* A value in an array of works that is not an object. */
static void not_object(reader *r, const char *rec, const char *end)
{
    if (r->decided)
        reject(r, rec, "work is not a JSON object", rec, end);
    else
        not_works(r, rec, "the first record is not a JSON object");
}

/* ---- arrays and their resynchronisation ----------------------------------- */

/* Where the value starting at p ends by a lenient count: brackets outside
 * strings; a string ends at an unescaped quote or, broken, at a raw newline
 * (which valid JSON strings never hold). Returns the end (past a closing
 * bracket, or at the ',' / ']' ending a scalar), or NULL. */
static const char *lenient_end(const char *p, const char *end)
{
    const char *lim = (size_t)(end - p) > (size_t)RESYNC_SCAN_CAP ? p + RESYNC_SCAN_CAP : end;
    int depth = 0;
    while (p < lim) {
        char c = *p;
        if (c == '"') {
            p++;
            while (p < lim && *p != '"' && *p != '\n')
                p += (*p == '\\' && p + 1 < lim) ? 2 : 1;
            if (p >= lim) return NULL;
            p++;
            continue;
        }
        if (c == '{' || c == '[') {
            if (++depth > SC_JSON_MAX_DEPTH) return NULL;
        } else if (c == '}' || c == ']') {
            if (depth == 0) return p;
            if (--depth == 0) return p + 1;
        } else if (c == ',' && depth == 0) {
            return p;
        }
        p++;
    }
    return NULL;
}

static int lit_at(const char **pp, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(end - *pp) < n || memcmp(*pp, lit, n) != 0) return 0;
    *pp += n;
    return 1;
}

/* The next '{' after from that follows a ',' and opens with
 * "id": "https://openalex.org/W. */
static const char *next_work_start(const char *base, const char *from, const char *end)
{
    const char *q = from;
    while (q < end && (q = memchr(q, '{', (size_t)(end - q))) != NULL) {
        const char *b = q;
        while (b > base && is_ws(b[-1]))
            b--;
        const char *s = skip_ws(q + 1, end);
        if (b > base && b[-1] == ',' && lit_at(&s, end, "\"id\"") &&
            (s = skip_ws(s, end), lit_at(&s, end, ":")) &&
            (s = skip_ws(s, end), lit_at(&s, end, "\"" OA_PREFIX "W")))
            return q;
        q++;
    }
    return NULL;
}

/* After a malformed element that started at from (error at at): put the
 * cursor on the next element (or on the closing ']') and return that point,
 * or NULL when no boundary can be trusted. */
static const char *resync(sc_json *j, const char *from, const char *at)
{
    const char *end = j->end, *next = NULL;
    const char *e = lenient_end(from, end);
    if (e && e > at) {
        e = skip_ws(e, end);
        if (e < end && *e == ',')
            next = skip_ws(e + 1, end);
        else if (e < end && *e == ']')
            next = e;
        if (next && next >= end) next = NULL;
    }
    if (!next) next = next_work_start(j->buf, at, end);
    if (!next) return NULL;
    j->err = NULL;
    j->err_at = NULL;
    j->p = next;
    j->first = 1; /* on an element (or ']'): no ',' expected */
    return next;
}

/* Read an array of works at the cursor (a results page's "results" or a
 * top-level array), emitting and rejecting element by element. Returns -1
 * only when the array had to be given up (r->abandoned set: the reject is
 * out, the caller must not report it again). */
static int read_array(reader *r, sc_json *j)
{
    if (sc_json_array(j)) return -1;
    for (;;) {
        int more = sc_json_item(j);
        if (more == 0) return 0;
        const char *rec = j->p, *at, *what, *next;
        if (more < 0) {
            /* between elements: "expected ',' or ']'" */
            at = j->err_at;
            what = j->err;
            if (at < j->end && *at == '{') {
                /* a missing ',': the next work is right here, so nothing is
                 * lost; reported (without bytes) because the file is bad */
                reject(r, at, what, at, at);
                j->err = NULL;
                j->err_at = NULL;
                j->p = at;
                j->first = 1;
                continue;
            }
            rec = at;
            goto broken;
        }
        sc_json_kind k = sc_json_peek(j);
        if (k == SC_JSON_ERROR) {
            at = j->err_at;
            what = j->err;
            goto broken;
        }
        if (k != SC_JSON_OBJECT) {
            if (sc_json_skip(j)) {
                at = j->err_at;
                what = j->err;
                goto broken;
            }
            not_object(r, rec, j->p);
            if (r->rc) return 0;
            continue;
        }
        int page;
        if (read_work(r, j, 0, &page) == 0) {
            finish(r, rec, j->p);
            if (r->rc) return 0;
            continue;
        }
        at = j->err_at;
        what = j->err;
    broken:
        next = resync(j, rec, at);
        reject(r, at, what, rec, next ? next : j->end);
        if (!next) {
            r->abandoned = 1;
            return -1;
        }
    }
}

/* ---- top level ------------------------------------------------------------ */

/* One or more JSON documents (a results page, a work, an array of works),
 * one after the other. */
static void read_documents(reader *r)
{
    sc_json j;
    sc_json_init(&j, r->buf, r->n);
    for (;;) {
        sc_json_kind k = sc_json_peek(&j);
        if (k == SC_JSON_EOF) return;
        const char *rec = j.p;
        int page = 0, bad = 0;
        if (k == SC_JSON_OBJECT) {
            if (read_work(r, &j, 1, &page) < 0)
                bad = 1;
            else if (!r->rc && !page)
                finish(r, rec, j.p);
        } else if (k == SC_JSON_ARRAY) {
            page = 1;
            if (read_array(r, &j) < 0) bad = 1;
        } else if (k == SC_JSON_ERROR) {
            bad = 1;
        } else {
            if (sc_json_skip(&j))
                bad = 1;
            else
                not_object(r, rec, j.p);
        }
        if (r->rc) return;
        if (!bad) continue;
        const char *at = j.err_at ? j.err_at : j.p;
        if (r->abandoned) {
            r->abandoned = 0;
        } else if (!r->decided && !page && !looks_like_work(r)) {
            char why[128];
            snprintf(why, sizeof why, "malformed JSON: %s", j.err ? j.err : "?");
            not_works(r, at, why);
            return;
        } else {
            reject(r, at, j.err ? j.err : "malformed JSON", rec, r->buf + r->n);
        }
        /* a following document of a concatenated stream starts a line */
        const char *q = at, *end = r->buf + r->n, *next = NULL;
        while (q < end && (q = memchr(q, '\n', (size_t)(end - q))) != NULL) {
            q++;
            if (q < end && (*q == '{' || *q == '[')) {
                next = q;
                break;
            }
        }
        if (!next) return;
        j.err = NULL;
        j.err_at = NULL;
        j.p = next;
    }
}

/* JSON Lines: each line is read with a cursor of its own, so a broken line
 * cannot spill into the next. */
static void read_lines(reader *r)
{
    const char *p = r->buf, *end = r->buf + r->n;
    uint32_t line = 0;
    while (p < end && !r->rc) {
        if (line < UINT32_MAX) line++;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end, *next = nl ? nl + 1 : end;
        const char *rec_end = (le > p && le[-1] == '\r') ? le - 1 : le;
        line_seed(r, p, line);
        sc_json j;
        sc_json_init(&j, p, (size_t)(le - p));
        sc_json_kind k = sc_json_peek(&j);
        if (k == SC_JSON_EOF) {
            p = next; /* a blank line */
            continue;
        }
        const char *rec = j.p;
        if (k == SC_JSON_OBJECT) {
            int page = 0;
            if (read_work(r, &j, 1, &page) < 0) {
                if (r->abandoned)
                    r->abandoned = 0;
                else
                    reject(r, j.err_at, j.err, p, rec_end);
            } else if (!r->rc) {
                sc_json_kind after = sc_json_peek(&j);
                if (after != SC_JSON_EOF)
                    reject(r, j.err ? j.err_at : j.p, "unexpected data after the work", p, rec_end);
                else if (!page)
                    finish(r, rec, j.p);
            }
        } else if (k == SC_JSON_ERROR || sc_json_skip(&j)) {
            reject(r, j.err_at, j.err, p, rec_end);
        } else {
            not_object(r, rec, rec_end);
        }
        p = next;
    }
}

/* '{' content: JSON Lines or documents? (see the comment at the top) */
static int looks_like_lines(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) return 0;
    const char *q = skip_ws(nl + 1, end);
    if (q >= end) return 0; /* one line, then white space */
    if (*q == '{') return 1;
    sc_json j;
    sc_json_init(&j, p, (size_t)(nl - p));
    return sc_json_skip(&j) == 0 && sc_json_peek(&j) == SC_JSON_EOF;
}

int sc_read_openalex(const char *buf, size_t n, const sc_read_ctx *ctx, sc_sink *sink,
                     sc_error *err)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.buf = buf ? buf : "";
    r.n = buf ? n : 0;
    r.path = ctx && ctx->path ? ctx->path : "<input>";
    r.sink = sink;
    r.err = err;
    line_seed(&r, r.buf, 1);
    const char *p = r.buf, *end = r.buf + r.n;
    if (r.n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    p = skip_ws(p, end);
    if (p == end) return SC_OK;
    if (*p == '{' && looks_like_lines(p, end)) {
        read_lines(&r);
    } else if (*p == '{' || *p == '[') {
        read_documents(&r);
    } else {
        not_works(&r, p, "not JSON: expected a work, an array of works or a results page");
    }
    sc_buf_free(&r.scratch);
    sc_vec_free(&r.auth);
    sc_vec_free(&r.inst);
    sc_vec_free(&r.kw);
    sc_vec_free(&r.concepts);
    sc_vec_free(&r.words);
    sc_vec_free(&r.pairs);
    sc_vec_free(&r.slots);
    sc_vec_free(&r.out);
    return r.rc;
}

/* ---- sniffing ------------------------------------------------------------- */

/* Is the object at the cursor a work (top: or a results page of works)?
 * Decided by the first telling key; a window cut mid-object says no. */
static int sniff_object(sc_json *j, int top)
{
    if (sc_json_peek(j) != SC_JSON_OBJECT || sc_json_object(j)) return 0;
    sc_span key;
    int esc;
    char tmp[32];
    while (sc_json_key(j, &key, &esc) == 1) {
        sc_span kk = key_text(key, esc, tmp, sizeof tmp);
        sc_json_kind k = sc_json_peek(j);
        if (KEY_IS(kk, "authorships") && k == SC_JSON_ARRAY) return 1;
        if (KEY_IS(kk, "id") && k == SC_JSON_STRING) {
            sc_span raw;
            int sesc;
            char idb[64];
            if (sc_json_string(j, &raw, &sesc)) return 0;
            sc_span id = key_text(raw, sesc, idb, sizeof idb);
            return is_work_id(id.p, id.n);
        }
        if (top && KEY_IS(kk, "results") && k == SC_JSON_ARRAY) {
            if (sc_json_array(j) || sc_json_item(j) != 1) return 0;
            return sniff_object(j, 0);
        }
        if (sc_json_skip(j)) return 0;
    }
    return 0;
}

sc_format sc_openalex_sniff(const char *buf, size_t n)
{
    if (!buf) return SC_FMT_UNKNOWN;
    if (n > SNIFF_WINDOW) n = SNIFF_WINDOW;
    sc_json j;
    sc_json_init(&j, buf, n);
    sc_json_kind k = sc_json_peek(&j);
    int yes = 0;
    if (k == SC_JSON_OBJECT) {
        yes = sniff_object(&j, 1);
    } else if (k == SC_JSON_ARRAY) {
        yes = sc_json_array(&j) == 0 && sc_json_item(&j) == 1 && sniff_object(&j, 0);
    }
    return yes ? SC_FMT_OPENALEX : SC_FMT_UNKNOWN;
}
