/*
 * dblp.c — the DBLP XML reader (see dblp.h): expat over a bounded window of
 * the decompressed stream, with resynchronisation after malformed records.
 *
 * How it works:
 *  - The stream is read in 1 MB chunks into a window buffer (`win`, holding
 *    the decompressed bytes [win_base, win_base + win.n)). The window keeps
 *    the bytes of the record being parsed (for reject messages and for
 *    resynchronising), so memory is one chunk plus one record, whatever the
 *    file size (capped: see MAX_KEEP).
 *  - Expat parses the window's bytes; the DTD is read once into memory and
 *    handed to expat as the external subset (XML_UseForeignDTD makes that
 *    work for files without a DOCTYPE line too).
 *  - Record fields are captured by the character data handler into one
 *    reusable arena per record (`txt`), referenced by offsets until the
 *    record ends, then passed to the sink as spans.
 *  - Expat cannot go on after an error, so on one the reader rejects the
 *    record, looks in the byte stream for the next record start tag after
 *    the error and starts a fresh parser there, fed a synthetic prologue
 *    (<?xml … encoding?><dblp>) before the bytes. Byte indexes of that parser
 *    map back to file offsets through (xp_base, xp_pro).
 *  - Line/column numbers are computed from file offsets by a cursor that
 *    counts newlines as it moves forward through the window (columns are
 *    1-based, in bytes).
 */
#include "ingest/dblp.h"

#include <errno.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/input.h"

enum {
    CHUNK = 1 << 20,              /* bytes read and parsed at a time */
    MAX_KEEP = 16 << 20,          /* window bytes kept for one open record at most */
    MAX_REC_TEXT = 4 << 20,       /* captured text per record before it is rejected */
    MAX_REC_FIELDS = 100000,      /* authors/affiliations/orcids per record */
    MAX_REJECT_BYTES = 16 << 10,  /* record bytes handed to sink->reject */
    MAX_DTD = 64 << 20,
    MAX_PAT = 16                  /* longest record start pattern: "<mastersthesis " + 1 */
};

enum { REC_NONE, REC_PAPER, REC_PERSON, REC_SKIP };
enum { K_NONE, K_PAPER, K_WWW, K_PERSON };
enum { C_NONE, C_NESTED, C_ENTITY };
enum { F_NONE, F_AUTHOR, F_EDITOR, F_TITLE, F_YEAR, F_AFF, F_URL };

typedef struct {
    size_t off, len;
} piece;

typedef struct {
    piece name, orcid;
} author_piece;

typedef struct {
    piece text, label;
} aff_piece;

typedef struct {
    /* inputs */
    const char *path;     /* the file */
    const char *msg_path; /* the file as named in messages */
    const sc_read_ctx *ctx;
    sc_sink *sink;
    sc_error *err;
    char *dtd_path;
    char *dtd;
    size_t dtd_n;
    sc_stream *in;

    /* window over the decompressed stream */
    sc_buf win;
    uint64_t win_base; /* file offset of win.p[0] */
    uint64_t fed;      /* file offset up to which the current parser has been fed */
    int eof;

    /* line cursor: lc_line is the line of file offset lc_pos, which lies on
     * the line starting at lc_line_start */
    uint64_t lc_pos, lc_line_start, lc_line;

    /* the current parser */
    XML_Parser xp;
    uint64_t xp_base; /* file offset of the first byte after the synthetic prologue */
    size_t xp_pro;    /* prologue length (0 for the first parser) */
    int depth;
    int root_seen, root_closed, dtd_loaded;
    char enc[64]; /* encoding from the file's XML declaration, "" if none */
    uint64_t safe; /* file offset after the last complete record */

    /* flags set by callbacks, acted on when XML_Parse returns */
    int stop_rc;  /* the sink asked to stop */
    int fatal;    /* err is set; give up */
    int custom;   /* an error expat does not see (C_*), found by a callback */
    uint64_t custom_pos;
    char custom_name[64];

    /* the record being parsed */
    int rec;      /* REC_* */
    int rec_open; /* a depth-2 element is open (of any kind) */
    uint64_t rec_start;
    uint32_t rec_line, rec_col;
    char rec_name[32];
    char rec_key[192];
    int too_large;
    sc_buf txt; /* arena for this record's strings */
    piece key, title;
    int have_title;
    int year;
    int field; /* F_* being captured */
    size_t field_off;
    piece pending_orcid, pending_label;
    size_t n_fields;
    SC_VEC(author_piece) authors;
    SC_VEC(author_piece) editors;
    SC_VEC(aff_piece) affs;
    SC_VEC(piece) names;
    SC_VEC(piece) orcids;

    /* reusable output arrays */
    SC_VEC(sc_rec_author) out_authors;
    SC_VEC(sc_span) out_spans;

    uint64_t n_papers, n_persons, n_rejects;
} reader;

/* ---- small helpers ------------------------------------------------------ */

static int is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Collapse runs of XML white space to one space and trim both ends, in place.
 * Returns the new length. */
static size_t squeeze(char *p, size_t n)
{
    size_t o = 0;
    int pending = 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (is_xml_space(c)) {
            pending = 1;
            continue;
        }
        if (pending && o) p[o++] = ' ';
        pending = 0;
        p[o++] = c;
    }
    return o;
}

static sc_span span_of(const reader *r, piece x)
{
    return x.len ? sc_span_of(r->txt.p + x.off, x.len) : sc_span_of("", 0);
}

/* Copy an attribute value into the arena (counted against the record cap). */
static piece arena_add(reader *r, const char *s, size_t n)
{
    if (r->txt.n + n > MAX_REC_TEXT) {
        r->too_large = 1;
        return (piece){0, 0};
    }
    piece x = {r->txt.n, n};
    sc_buf_add(&r->txt, s, n);
    return x;
}

static const char *attr(const XML_Char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(atts[i], name) == 0) return atts[i + 1];
    return NULL;
}

static int record_kind(const char *name)
{
    switch (name[0]) {
    case 'a': return strcmp(name, "article") == 0 ? K_PAPER : K_NONE;
    case 'b': return strcmp(name, "book") == 0 ? K_PAPER : K_NONE;
    case 'd': return strcmp(name, "data") == 0 ? K_PAPER : K_NONE;
    case 'i':
        return strcmp(name, "inproceedings") == 0 || strcmp(name, "incollection") == 0 ? K_PAPER
                                                                                       : K_NONE;
    case 'm': return strcmp(name, "mastersthesis") == 0 ? K_PAPER : K_NONE;
    case 'p':
        if (strcmp(name, "proceedings") == 0 || strcmp(name, "phdthesis") == 0) return K_PAPER;
        return strcmp(name, "person") == 0 ? K_PERSON : K_NONE;
    case 'w': return strcmp(name, "www") == 0 ? K_WWW : K_NONE;
    default: return K_NONE;
    }
}

/* Record element names, for finding a record start in raw bytes. */
static const char *const rec_names[] = {"article", "inproceedings", "proceedings", "book",
                                        "incollection", "phdthesis", "mastersthesis", "www",
                                        "person", "data"};

/* Is q[0..avail) (the bytes after a '<') a record start tag? 1 yes, 0 no,
 * -1 cannot tell without more bytes. */
static int match_record_tag(const char *q, size_t avail)
{
    int need_more = 0;
    for (size_t i = 0; i < sizeof rec_names / sizeof rec_names[0]; i++) {
        size_t L = strlen(rec_names[i]);
        if (avail < L + 1) {
            if (memcmp(q, rec_names[i], SC_MIN(avail, L)) == 0) need_more = 1;
            continue;
        }
        if (memcmp(q, rec_names[i], L) != 0) continue;
        char c = q[L];
        if (is_xml_space(c) || c == '>' || c == '/') return 1;
    }
    return need_more ? -1 : 0;
}

/* ---- window and line cursor --------------------------------------------- */

static uint64_t win_end(const reader *r) { return r->win_base + r->win.n; }

/* Number of '\n' bytes in p[0..n), eight bytes at a time. */
static size_t count_newlines(const char *p, size_t n)
{
    const uint64_t lo7 = 0x7f7f7f7f7f7f7f7fULL, nls = 0x0a0a0a0a0a0a0a0aULL;
    size_t c = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        uint64_t x = w ^ nls; /* zero bytes where '\n' was */
        /* high bit set exactly in the zero bytes (no carries between bytes) */
        uint64_t t = ~(((x & lo7) + lo7) | x | lo7);
        c += (size_t)__builtin_popcountll(t);
    }
    for (; i < n; i++) c += p[i] == '\n';
    return c;
}

static void lc_advance(reader *r, uint64_t to)
{
    if (to > win_end(r)) to = win_end(r);
    if (to <= r->lc_pos) return;
    const char *p = r->win.p + (r->lc_pos - r->win_base);
    const char *q = r->win.p + (to - r->win_base);
    size_t n = (size_t)(q - p), nl = count_newlines(p, n);
    if (nl) {
        const char *last = memrchr(p, '\n', n);
        r->lc_line += nl;
        r->lc_line_start = r->win_base + (uint64_t)(last + 1 - r->win.p);
    }
    r->lc_pos = to;
}

static uint32_t clamp32(uint64_t v) { return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v; }

/* Line and column (1-based, bytes) of file offset pos. */
static void line_col(reader *r, uint64_t pos, uint32_t *line, uint32_t *col)
{
    lc_advance(r, pos);
    if (pos >= r->lc_pos) {
        *line = clamp32(r->lc_line);
        *col = clamp32(r->lc_pos - r->lc_line_start + 1 + (pos - r->lc_pos));
        return;
    }
    /* behind the cursor (rare): count back within the window */
    if (pos < r->win_base) pos = r->win_base;
    const char *b = r->win.p, *p = b + (pos - r->win_base), *q = b + (r->lc_pos - r->win_base);
    uint64_t nl = 0;
    for (const char *s = p; s < q; s++) nl += *s == '\n';
    *line = clamp32(r->lc_line - nl);
    if (nl == 0) {
        *col = clamp32(pos - r->lc_line_start + 1);
        return;
    }
    const char *last = p > b ? memrchr(b, '\n', (size_t)(p - b)) : NULL;
    *col = last ? clamp32((uint64_t)(p - last)) : 1;
}

/* Forget window bytes before file offset keep. */
static void win_drop(reader *r, uint64_t keep)
{
    if (keep <= r->win_base) return;
    if (keep > win_end(r)) keep = win_end(r);
    lc_advance(r, keep);
    size_t k = (size_t)(keep - r->win_base);
    memmove(r->win.p, r->win.p + k, r->win.n - k);
    r->win.n -= k;
    r->win_base = keep;
}

/* While parsing: drop what neither a reject nor a resync can need. */
static void win_compact(reader *r)
{
    uint64_t keep = r->rec_open ? r->rec_start : r->safe;
    if (keep > r->fed) keep = r->fed;
    if (r->fed - keep > MAX_KEEP) keep = r->fed - MAX_KEEP;
    win_drop(r, keep);
}

/* Append the next chunk of the stream: 1 = read, 0 = end, -1 = error. */
static int read_more(reader *r)
{
    sc_buf_reserve(&r->win, CHUNK);
    long k = sc_stream_read(r->in, r->win.p + r->win.n, CHUNK, r->err);
    if (k < 0) return -1;
    if (k == 0) {
        r->eof = 1;
        return 0;
    }
    r->win.n += (size_t)k;
    return 1;
}

/* Find the first record start tag at file offset >= from in the window. */
static int find_record_start(reader *r, uint64_t from, uint64_t *at, uint64_t *scanned_to)
{
    const char *b = r->win.p, *end = b + r->win.n;
    const char *p = b + (from - r->win_base);
    while (p < end && (p = memchr(p, '<', (size_t)(end - p)))) {
        int m = match_record_tag(p + 1, (size_t)(end - p - 1));
        if (m > 0) {
            *at = r->win_base + (uint64_t)(p - b);
            return 1;
        }
        if (m < 0 && !r->eof) {
            *scanned_to = r->win_base + (uint64_t)(p - b);
            return 0;
        }
        p++;
    }
    *scanned_to = win_end(r);
    return 0;
}

/* ---- expat callbacks ---------------------------------------------------- */

static uint64_t file_pos(const reader *r, XML_Index idx)
{
    if (idx < 0 || (uint64_t)idx < r->xp_pro) return r->xp_base;
    return r->xp_base + ((uint64_t)idx - r->xp_pro);
}

static void stop(reader *r) { XML_StopParser(r->xp, XML_FALSE); }

static void reset_record(reader *r)
{
    r->rec = REC_NONE;
    r->rec_open = 0;
    r->too_large = 0;
    r->txt.n = 0;
    r->key = r->title = (piece){0, 0};
    r->have_title = 0;
    r->year = 0;
    r->field = F_NONE;
    r->n_fields = 0;
    r->authors.n = r->editors.n = r->affs.n = r->names.n = r->orcids.n = 0;
}

static void begin_record(reader *r, const char *name, int kind, const XML_Char **atts)
{
    reset_record(r);
    r->rec_open = 1;
    r->rec_start = file_pos(r, XML_GetCurrentByteIndex(r->xp));
    line_col(r, r->rec_start, &r->rec_line, &r->rec_col);
    snprintf(r->rec_name, sizeof r->rec_name, "%s", name);
    const char *key = attr(atts, "key");
    snprintf(r->rec_key, sizeof r->rec_key, "%s", key ? key : "");
    if (key) r->key = arena_add(r, key, strlen(key));
    if (kind == K_PAPER) r->rec = REC_PAPER;
    else if ((kind == K_WWW || kind == K_PERSON) && key && strncmp(key, "homepages/", 10) == 0)
        r->rec = REC_PERSON;
    else r->rec = REC_SKIP;
}

/* Is s[0..n) already among the record's ORCIDs? */
static int have_orcid(const reader *r, const char *s, size_t n)
{
    for (size_t i = 0; i < r->orcids.n; i++)
        if (r->orcids.v[i].len == n && memcmp(r->txt.p + r->orcids.v[i].off, s, n) == 0) return 1;
    return 0;
}

static void begin_field(reader *r, const char *name, const XML_Char **atts)
{
    int f = F_NONE;
    r->pending_orcid = r->pending_label = (piece){0, 0};
    if (r->rec == REC_PAPER) {
        if (strcmp(name, "author") == 0) f = F_AUTHOR;
        else if (strcmp(name, "editor") == 0) f = F_EDITOR;
        else if (strcmp(name, "title") == 0) f = r->have_title ? F_NONE : F_TITLE;
        else if (strcmp(name, "year") == 0) f = F_YEAR;
        if (f == F_AUTHOR || f == F_EDITOR) {
            const char *o = attr(atts, "orcid");
            if (o) r->pending_orcid = arena_add(r, o, strlen(o));
        }
    } else if (r->rec == REC_PERSON) {
        if (strcmp(name, "author") == 0) {
            f = F_AUTHOR;
            const char *o = attr(atts, "orcid");
            size_t on = o ? strlen(o) : 0;
            if (on && !have_orcid(r, o, on)) sc_vec_push(&r->orcids, arena_add(r, o, on));
        } else if (strcmp(name, "note") == 0) {
            const char *t = attr(atts, "type");
            if (t && strcmp(t, "affiliation") == 0) {
                f = F_AFF;
                const char *l = attr(atts, "label");
                if (l) r->pending_label = arena_add(r, l, strlen(l));
            }
        } else if (strcmp(name, "url") == 0) {
            f = F_URL;
        }
    }
    r->field = f;
    r->field_off = r->txt.n;
}

static int parse_year(const char *p, size_t n)
{
    if (n == 0 || n > 9) return 0;
    int y = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') return 0;
        y = y * 10 + (p[i] - '0');
    }
    return y;
}

static void end_field(reader *r)
{
    int f = r->field;
    r->field = F_NONE;
    if (f == F_NONE || r->too_large) return;
    size_t off = r->field_off;
    size_t len = squeeze(r->txt.p + off, r->txt.n - off);
    r->txt.n = off + len;
    piece x = {off, len};
    if (++r->n_fields > MAX_REC_FIELDS) {
        r->too_large = 1;
        return;
    }
    switch (f) {
    case F_AUTHOR:
        if (r->rec == REC_PERSON) sc_vec_push(&r->names, x);
        else sc_vec_push(&r->authors, ((author_piece){x, r->pending_orcid}));
        break;
    case F_EDITOR: sc_vec_push(&r->editors, ((author_piece){x, r->pending_orcid})); break;
    case F_TITLE:
        r->title = x;
        r->have_title = 1;
        break;
    case F_YEAR:
        r->year = parse_year(r->txt.p + off, len);
        r->txt.n = off;
        break;
    case F_AFF: sc_vec_push(&r->affs, ((aff_piece){x, r->pending_label})); break;
    case F_URL: {
        const char *s = r->txt.p + off;
        const char *m = len >= 10 ? memmem(s, len, "orcid.org/", 10) : NULL;
        if (m) {
            const char *id = m + 10, *e = s + len;
            const char *cut = id;
            while (cut < e && *cut != '/' && *cut != '?' && *cut != '#') cut++;
            size_t idn = (size_t)(cut - id);
            if (idn && !have_orcid(r, id, idn)) {
                /* keep just the id, where the URL started */
                memmove(r->txt.p + off, id, idn);
                r->txt.n = off + idn;
                sc_vec_push(&r->orcids, ((piece){off, idn}));
                break;
            }
        }
        r->txt.n = off;
        break;
    }
    }
}

static void reject(reader *r, uint32_t line, uint32_t col, const char *what, uint64_t from,
                   uint64_t to)
{
    r->n_rejects++;
    if (!r->sink->reject) return;
    if (from < r->win_base) from = r->win_base;
    if (to > win_end(r)) to = win_end(r);
    size_t n = to > from ? (size_t)(to - from) : 0;
    if (n > MAX_REJECT_BYTES) n = MAX_REJECT_BYTES;
    const char *bytes = n ? r->win.p + (from - r->win_base) : "";
    r->sink->reject(r->sink, line, col, what, bytes, n);
}

/* Venue from a DBLP key, appended (lower-cased) to the arena. */
static piece venue_of_key(reader *r)
{
    if (!r->key.len) {
        const sc_read_ctx *c = r->ctx;
        if (c && c->venue.n) return arena_add(r, c->venue.p, c->venue.n);
        return (piece){0, 0};
    }
    size_t ko = r->key.off, kn = r->key.len;
    const char *k = r->txt.p + ko;
    const char *s1 = memchr(k, '/', kn);
    size_t a = 0, b = kn;
    if (s1) {
        size_t i1 = (size_t)(s1 - k);
        const char *s2 = memchr(s1 + 1, '/', kn - i1 - 1);
        size_t i2 = s2 ? (size_t)(s2 - k) : kn;
        if (i1 == 4 && memcmp(k, "conf", 4) == 0 && i2 > i1 + 1) {
            a = i1 + 1;
            b = i2;
        } else {
            b = i2;
        }
    }
    sc_buf_reserve(&r->txt, b - a);
    k = r->txt.p + ko;
    piece v = {r->txt.n, b - a};
    char *d = r->txt.p + r->txt.n;
    for (size_t i = a; i < b; i++) {
        char c = k[i];
        d[i - a] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    r->txt.n += b - a;
    r->txt.p[r->txt.n] = 0;
    return v;
}

static int emit_paper(reader *r)
{
    piece venue = venue_of_key(r); /* last arena growth: spans are stable after this */
    const author_piece *ap = r->authors.n ? r->authors.v : r->editors.v;
    size_t na = r->authors.n ? r->authors.n : r->editors.n;
    r->out_authors.n = 0;
    sc_vec_grow(&r->out_authors, na);
    for (size_t i = 0; i < na; i++) {
        sc_rec_author a;
        memset(&a, 0, sizeof a);
        a.name = span_of(r, ap[i].name);
        a.orcid = span_of(r, ap[i].orcid);
        a.dblp = a.name;
        r->out_authors.v[i] = a;
    }
    r->out_authors.n = na;
    sc_rec_paper p;
    memset(&p, 0, sizeof p);
    p.source_id = span_of(r, r->key);
    p.venue = span_of(r, venue);
    p.title = span_of(r, r->title);
    p.year = r->year ? r->year : (r->ctx ? r->ctx->year : 0);
    p.citations = -1;
    p.authors = r->out_authors.v;
    p.n_authors = na;
    p.line = r->rec_line;
    p.col = r->rec_col;
    r->n_papers++;
    return r->sink->paper ? r->sink->paper(r->sink, &p) : 0;
}

static int emit_person(reader *r)
{
    size_t nn = r->names.n, na = r->affs.n, no = r->orcids.n;
    r->out_spans.n = 0;
    sc_vec_grow(&r->out_spans, nn + 2 * na + no);
    sc_span *s = r->out_spans.v;
    for (size_t i = 0; i < nn; i++) s[i] = span_of(r, r->names.v[i]);
    for (size_t i = 0; i < na; i++) {
        s[nn + i] = span_of(r, r->affs.v[i].text);
        s[nn + na + i] = span_of(r, r->affs.v[i].label);
    }
    for (size_t i = 0; i < no; i++) s[nn + 2 * na + i] = span_of(r, r->orcids.v[i]);
    sc_rec_person p;
    memset(&p, 0, sizeof p);
    p.key = span_of(r, r->key);
    p.names = s;
    p.n_names = nn;
    p.affiliations = s + nn;
    p.aff_labels = s + nn + na;
    p.n_affiliations = na;
    p.orcids = s + nn + 2 * na;
    p.n_orcids = no;
    p.line = r->rec_line;
    p.col = r->rec_col;
    r->n_persons++;
    return r->sink->person ? r->sink->person(r->sink, &p) : 0;
}

static void end_record(reader *r)
{
    uint64_t at = file_pos(r, XML_GetCurrentByteIndex(r->xp));
    uint64_t end = at + (uint64_t)XML_GetCurrentByteCount(r->xp);
    int rc = 0;
    if (r->too_large && r->rec != REC_SKIP) {
        char what[320];
        snprintf(what, sizeof what, "record too large: <%s key=\"%s\">", r->rec_name, r->rec_key);
        reject(r, r->rec_line, r->rec_col, what, r->rec_start, end);
    } else if (r->rec == REC_PAPER) {
        rc = emit_paper(r);
    } else if (r->rec == REC_PERSON) {
        rc = emit_person(r);
    }
    reset_record(r);
    r->safe = end;
    if (rc) {
        r->stop_rc = rc;
        stop(r);
    }
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    reader *r = ud;
    int d = ++r->depth;
    if (d == 1) {
        if (strcmp(name, "dblp") != 0) {
            r->fatal = sc_fail(r->err, SC_EINPUT,
                               "%s: not DBLP XML (root element <%.64s>, expected <dblp>)",
                               r->msg_path, name);
            stop(r);
            return;
        }
        r->root_seen = 1;
        return;
    }
    int kind = record_kind(name);
    if (d == 2) {
        begin_record(r, name, kind, atts);
        return;
    }
    if (kind != K_NONE) {
        /* a record start inside a record: the open one was never closed */
        r->custom = C_NESTED;
        r->custom_pos = file_pos(r, XML_GetCurrentByteIndex(r->xp));
        snprintf(r->custom_name, sizeof r->custom_name, "%s", name);
        stop(r);
        return;
    }
    if (d == 3) begin_field(r, name, atts);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    SC_UNUSED(name);
    reader *r = ud;
    int d = r->depth--;
    if (d == 3) end_field(r);
    else if (d == 2) end_record(r);
    else if (d == 1) r->root_closed = 1;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    reader *r = ud;
    if (r->field == F_NONE || r->too_large) return;
    if (r->txt.n + (size_t)len > MAX_REC_TEXT) {
        r->too_large = 1;
        return;
    }
    sc_buf_add(&r->txt, s, (size_t)len);
}

/* An entity the DTD does not declare. Expat skips those silently when the
 * document has an external subset; for DBLP it means a lost character, so
 * the record is rejected. */
static void XMLCALL on_skipped(void *ud, const XML_Char *name, int is_parameter_entity)
{
    reader *r = ud;
    if (is_parameter_entity || r->custom) return;
    r->custom = C_ENTITY;
    r->custom_pos = file_pos(r, XML_GetCurrentByteIndex(r->xp));
    snprintf(r->custom_name, sizeof r->custom_name, "%s", name);
    stop(r);
}

static void XMLCALL on_decl(void *ud, const XML_Char *version, const XML_Char *encoding,
                            int standalone)
{
    SC_UNUSED(version);
    SC_UNUSED(standalone);
    reader *r = ud;
    if (encoding && strlen(encoding) < sizeof r->enc) {
        /* keep it only if it is a plain encoding name (it goes into a prologue) */
        for (const char *c = encoding; *c; c++)
            if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
                  *c == '-' || *c == '_' || *c == '.'))
                return;
        snprintf(r->enc, sizeof r->enc, "%s", encoding);
    }
}

/* The external subset (from the DOCTYPE or, without one, the "foreign DTD"):
 * parse our in-memory copy of the DTD. Other external entities are ignored
 * (never read from disk). */
static int XMLCALL on_external(XML_Parser p, const XML_Char *context, const XML_Char *base,
                               const XML_Char *system_id, const XML_Char *public_id)
{
    SC_UNUSED(base);
    SC_UNUSED(system_id);
    SC_UNUSED(public_id);
    reader *r = XML_GetUserData(p);
    if (context != NULL || r->dtd_loaded) return XML_STATUS_OK;
    r->dtd_loaded = 1;
    XML_Parser e = XML_ExternalEntityParserCreate(p, NULL, NULL);
    if (!e) {
        r->fatal = sc_fail(r->err, SC_EINTERNAL, "%s: cannot create a parser for the DTD %s",
                           r->msg_path, r->dtd_path);
        return XML_STATUS_ERROR;
    }
    if (XML_Parse(e, r->dtd, (int)r->dtd_n, XML_TRUE) != XML_STATUS_OK) {
        r->fatal = sc_fail(r->err, SC_EINPUT, "%s:%lu:%lu: bad DTD: %s (reading %s)", r->dtd_path,
                           (unsigned long)XML_GetCurrentLineNumber(e),
                           (unsigned long)XML_GetCurrentColumnNumber(e) + 1,
                           XML_ErrorString(XML_GetErrorCode(e)), r->msg_path);
        XML_ParserFree(e);
        return XML_STATUS_ERROR;
    }
    XML_ParserFree(e);
    return XML_STATUS_OK;
}

/* ---- parser life cycle and recovery ------------------------------------- */

static void parser_free(reader *r)
{
    if (r->xp) XML_ParserFree(r->xp);
    r->xp = NULL;
}

/* Start a parser whose input begins at file offset base. The first parser
 * reads the file as it is; later ones (after an error) get a synthetic
 * prologue first. */
static int parser_new(reader *r, uint64_t base, int synthetic)
{
    parser_free(r);
    XML_Parser p = XML_ParserCreate(NULL);
    if (!p) return sc_fail(r->err, SC_EINTERNAL, "%s: cannot create an XML parser", r->msg_path);
    r->xp = p;
    XML_SetUserData(p, r);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetSkippedEntityHandler(p, on_skipped);
    if (!synthetic) XML_SetXmlDeclHandler(p, on_decl);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_ALWAYS);
    XML_SetExternalEntityRefHandler(p, on_external);
    XML_UseForeignDTD(p, XML_TRUE);
    r->xp_base = base;
    r->xp_pro = 0;
    r->depth = 0;
    r->root_closed = 0;
    r->dtd_loaded = 0;
    r->custom = C_NONE;
    r->fed = base;
    r->safe = base;
    reset_record(r);
    if (!synthetic) return SC_OK;
    char pro[160];
    int n = r->enc[0] ? snprintf(pro, sizeof pro, "<?xml version=\"1.0\" encoding=\"%s\"?><dblp>", r->enc)
                      : snprintf(pro, sizeof pro, "<?xml version=\"1.0\"?><dblp>");
    r->xp_pro = (size_t)n;
    if (XML_Parse(p, pro, n, XML_FALSE) != XML_STATUS_OK) {
        if (r->fatal) return r->fatal;
        return sc_fail(r->err, SC_EINTERNAL, "%s: cannot restart the XML parser: %s", r->msg_path,
                       XML_ErrorString(XML_GetErrorCode(p)));
    }
    return SC_OK;
}

/* XML_Parse failed. Reject what was being read, then find the next record
 * and start a parser there. *done = 1 when the input is exhausted. */
static int recover(reader *r, int final, int *done)
{
    *done = 0;
    if (r->stop_rc) return r->stop_rc;
    if (r->fatal) return r->fatal;
    enum XML_Error code = XML_GetErrorCode(r->xp);
    char what[512];
    uint64_t epos, from;
    uint32_t line, col;
    if (r->custom == C_NESTED) {
        /* resume at the record that started inside the open one */
        epos = from = r->custom_pos;
        line_col(r, epos, &line, &col);
        snprintf(what, sizeof what,
                 "<%s key=\"%s\"> not closed before the next record <%s> on line %u",
                 r->rec_name, r->rec_key, r->custom_name, line);
        line = r->rec_line;
        col = r->rec_col;
    } else if (r->custom == C_ENTITY) {
        epos = r->custom_pos;
        from = epos + 1;
        line_col(r, epos, &line, &col);
        if (r->rec_open)
            snprintf(what, sizeof what, "undefined entity &%s; in <%s key=\"%s\">", r->custom_name,
                     r->rec_name, r->rec_key);
        else
            snprintf(what, sizeof what, "undefined entity &%s; (between records)", r->custom_name);
    } else {
        epos = file_pos(r, XML_GetCurrentByteIndex(r->xp));
        from = epos + 1;
        line_col(r, epos, &line, &col);
        const char *msg = XML_ErrorString(code);
        if (!msg) msg = "XML error";
        if (!r->root_seen)
            return sc_fail(r->err, SC_EINPUT, "%s:%u:%u: not DBLP XML: %s", r->msg_path, line, col,
                           msg);
        if (final && r->rec_open) {
            line = r->rec_line;
            col = r->rec_col;
            snprintf(what, sizeof what, "truncated record <%s key=\"%s\">: the file ends inside it (%s)",
                     r->rec_name, r->rec_key, msg);
        } else if (final && !r->root_closed) {
            snprintf(what, sizeof what, "truncated file: it ends before </dblp> (%s)", msg);
        } else if (r->rec_open) {
            snprintf(what, sizeof what, "%s in <%s key=\"%s\">", msg, r->rec_name, r->rec_key);
        } else {
            snprintf(what, sizeof what, "%s (between records)", msg);
        }
    }
    if (from <= r->xp_base) from = r->xp_base + 1;
    if (from < r->win_base) from = r->win_base;
    if (from > win_end(r)) from = win_end(r);

    uint64_t at = 0, scanned = 0;
    int found = find_record_start(r, from, &at, &scanned);
    /* the bytes: the record, or what lies between the last record and the error */
    uint64_t rstart = r->rec_open ? r->rec_start : r->safe;
    if (rstart < r->win_base) rstart = r->win_base;
    while (rstart < epos && rstart < win_end(r) && is_xml_space(r->win.p[rstart - r->win_base]))
        rstart++;
    if (!r->rec_open && rstart > epos) rstart = epos;
    reject(r, line, col, what, rstart, found ? at : win_end(r));
    parser_free(r);
    reset_record(r);
    r->custom = C_NONE;

    while (!found) {
        if (r->eof) {
            *done = 1;
            return SC_OK;
        }
        win_drop(r, scanned);
        if (read_more(r) < 0) return r->err ? r->err->code : SC_EINPUT;
        found = find_record_start(r, scanned, &at, &scanned);
    }
    win_drop(r, at);
    return parser_new(r, at, 1);
}

static int run(reader *r)
{
    int rc = parser_new(r, 0, 0);
    if (rc) return rc;
    for (;;) {
        int done = 0;
        uint64_t end = win_end(r);
        if (r->fed < end) {
            size_t len = (size_t)SC_MIN(end - r->fed, (uint64_t)CHUNK);
            enum XML_Status st =
                XML_Parse(r->xp, r->win.p + (r->fed - r->win_base), (int)len, XML_FALSE);
            r->fed += len;
            if (st != XML_STATUS_OK) {
                rc = recover(r, 0, &done);
                if (rc || done) return rc;
            }
            continue;
        }
        if (!r->eof) {
            win_compact(r);
            if (read_more(r) < 0) return r->err ? r->err->code : SC_EINPUT;
            continue;
        }
        if (XML_Parse(r->xp, NULL, 0, XML_TRUE) == XML_STATUS_OK) return SC_OK;
        rc = recover(r, 1, &done);
        if (rc || done) return rc;
    }
}

/* ---- entry point -------------------------------------------------------- */

static int load_dtd(reader *r)
{
    const sc_read_ctx *c = r->ctx;
    if (c && c->dtd_path && *c->dtd_path) {
        r->dtd_path = sc_xstrdup(c->dtd_path);
    } else {
        const char *slash = strrchr(r->path, '/');
        if (slash) {
            size_t dn = (size_t)(slash - r->path) + 1;
            r->dtd_path = sc_xmalloc(dn + sizeof "dblp.dtd");
            memcpy(r->dtd_path, r->path, dn);
            memcpy(r->dtd_path + dn, "dblp.dtd", sizeof "dblp.dtd");
        } else {
            r->dtd_path = sc_xstrdup("dblp.dtd");
        }
    }
    FILE *f = fopen(r->dtd_path, "rb");
    if (!f)
        return sc_fail(r->err, SC_EINPUT, "%s: DTD not found: %s (use --dtd PATH)", r->msg_path,
                       r->dtd_path);
    sc_buf b = {0};
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (b.n + k > MAX_DTD) {
            fclose(f);
            sc_buf_free(&b);
            return sc_fail(r->err, SC_EINPUT, "%s: DTD %s is too large to be a DTD", r->msg_path,
                           r->dtd_path);
        }
        sc_buf_add(&b, tmp, k);
    }
    int bad = ferror(f);
    int e = errno;
    fclose(f);
    if (bad) {
        sc_buf_free(&b);
        return sc_fail(r->err, SC_EINPUT, "%s: cannot read DTD %s: %s", r->msg_path, r->dtd_path,
                       strerror(e));
    }
    r->dtd = b.p ? b.p : sc_xstrdup("");
    r->dtd_n = b.n;
    return SC_OK;
}

int sc_read_dblp(const char *path, const sc_read_ctx *ctx, sc_sink *sink, sc_error *err)
{
    reader *r = sc_xcalloc(1, sizeof *r);
    r->path = path;
    r->msg_path = ctx && ctx->path ? ctx->path : path;
    r->ctx = ctx;
    r->sink = sink;
    r->err = err;
    r->lc_line = 1;
    int rc = sc_stream_open(path, &r->in, err);
    if (rc == SC_OK) rc = load_dtd(r);
    if (rc == SC_OK) rc = run(r);
    parser_free(r);
    sc_stream_close(r->in);
    free(r->dtd);
    free(r->dtd_path);
    sc_buf_free(&r->win);
    sc_buf_free(&r->txt);
    sc_vec_free(&r->authors);
    sc_vec_free(&r->editors);
    sc_vec_free(&r->affs);
    sc_vec_free(&r->names);
    sc_vec_free(&r->orcids);
    sc_vec_free(&r->out_authors);
    sc_vec_free(&r->out_spans);
    free(r);
    return rc;
}
