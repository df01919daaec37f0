/*
 * paperlists.c — the papercopilot paperlists reader.
 *
 * A file is a JSON array of flat paper objects whose per-author fields are
 * ';'-separated strings aligned by position: author[i] wrote with aff[i] and
 * aff_domain[i]. Values are usually strings, sometimes numbers (gs_citation,
 * id) or null. Only ~15 of ~40 keys matter; the rest (BibTeX, review
 * statistics, URLs) are validated and skipped without being copied.
 *
 * Malformed records: the error is reported at its line and column with the
 * record's bytes, then the reader re-synchronises on the next element
 * boundary — the next '}' ',' '{' '"' sequence (white space allowed between)
 * — and goes on. A boundary that happens to lie inside a string of the bad
 * record can produce a second reject for the same record, never a lost good
 * one: the true boundary is found next.
 */
#include "ingest/paperlists.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"

enum {
    F_TITLE, F_ABSTRACT, F_KEYWORDS, F_STATUS, F_TRACK, F_ID, F_AUTHOR, F_AFF,
    F_AFF_DOMAIN, F_EMAIL, F_AUTHORIDS, F_OR_PROFILE, F_DBLP, F_ORCID, F_CITATION,
    F_COUNT
};

/* The fields that must be strings when present; a wrong type rejects the
 * record, because its authors could not be read reliably. */
static const unsigned char must_be_text[F_COUNT] = {
    [F_TITLE] = 1, [F_AUTHOR] = 1, [F_AFF] = 1, [F_AFF_DOMAIN] = 1,
};

static const char *const field_names[F_COUNT] = {
    "title", "abstract", "keywords", "status", "track", "id", "author", "aff",
    "aff_domain", "email", "authorids", "or_profile", "dblp", "orcid", "gs_citation",
};

static int field_of(sc_span k)
{
    /* dispatch on length first: most keys are skipped after one compare */
    switch (k.n) {
    case 2: return memcmp(k.p, "id", 2) == 0 ? F_ID : -1;
    case 3: return memcmp(k.p, "aff", 3) == 0 ? F_AFF : -1;
    case 4: return memcmp(k.p, "dblp", 4) == 0 ? F_DBLP : -1;
    case 5:
        if (memcmp(k.p, "title", 5) == 0) return F_TITLE;
        if (memcmp(k.p, "track", 5) == 0) return F_TRACK;
        if (memcmp(k.p, "email", 5) == 0) return F_EMAIL;
        if (memcmp(k.p, "orcid", 5) == 0) return F_ORCID;
        return -1;
    case 6:
        if (memcmp(k.p, "author", 6) == 0) return F_AUTHOR;
        if (memcmp(k.p, "status", 6) == 0) return F_STATUS;
        return -1;
    case 8: return memcmp(k.p, "abstract", 8) == 0 ? F_ABSTRACT : -1;
    case 9: return memcmp(k.p, "authorids", 9) == 0 ? F_AUTHORIDS : -1;
    case 8 + 2:
        if (memcmp(k.p, "aff_domain", 10) == 0) return F_AFF_DOMAIN;
        if (memcmp(k.p, "or_profile", 10) == 0) return F_OR_PROFILE;
        return -1;
    case 11: return memcmp(k.p, "gs_citation", 11) == 0 ? F_CITATION : -1;
    default:
        if (k.n == 8 && memcmp(k.p, "keywords", 8) == 0) return F_KEYWORDS;
        return -1;
    }
}

typedef struct {
    sc_span val[F_COUNT];
    unsigned char esc[F_COUNT];
    unsigned char set[F_COUNT];
} raw_record;

typedef struct {
    sc_buf text;                 /* unescaped values */
    SC_VEC(sc_span) parts[5];    /* split author / aff / domain / ids / ext */
    SC_VEC(sc_rec_author) authors;
    /* incremental line counting for messages */
    const char *line_at;
    uint32_t line;
} reader;

static void where(reader *r, const char *buf, const char *p, uint32_t *line, uint32_t *col)
{
    if (p < r->line_at) { /* never goes backwards in practice; restart if so */
        r->line_at = buf;
        r->line = 1;
    }
    const char *q = r->line_at, *nl;
    while ((nl = memchr(q, '\n', (size_t)(p - q))) != NULL) {
        r->line++;
        q = nl + 1;
    }
    r->line_at = q;
    *line = r->line;
    /* column: bytes since the last newline before p */
    const char *ls = p;
    while (ls > buf && ls[-1] != '\n') ls--;
    *col = (uint32_t)(p - ls + 1);
}

static void split(sc_span s, char sep, void *vec_)
{
    SC_VEC(sc_span) *v = vec_;
    v->n = 0;
    if (s.n == 0) return;
    const char *p = s.p, *end = s.p + s.n;
    for (;;) {
        const char *q = memchr(p, sep, (size_t)(end - p));
        if (!q) q = end;
        sc_vec_push(v, sc_span_trim(sc_span_of(p, (size_t)(q - p))));
        if (q == end) break;
        p = q + 1;
    }
}

static sc_span at(void *vec_, size_t i)
{
    SC_VEC(sc_span) *v = vec_;
    return i < v->n ? v->v[i] : SC_SPAN_NULL;
}

/* "user@cs.stanford.edu" -> "cs.stanford.edu"; a bare domain stays. */
static sc_span domain_of(sc_span s)
{
    if (s.n == 0) return s;
    const char *a = memchr(s.p, '@', s.n);
    if (a) return sc_span_of(a + 1, s.n - (size_t)(a + 1 - s.p));
    return s;
}

/* "https://dblp.uni-trier.de/pid/76/744-1" or "295/8991.html" -> pid */
static sc_span dblp_pid(sc_span s)
{
    const char *pid = NULL;
    for (size_t i = 0; i + 5 <= s.n; i++)
        if (memcmp(s.p + i, "/pid/", 5) == 0) pid = s.p + i + 5;
    if (pid) s = sc_span_of(pid, s.n - (size_t)(pid - s.p));
    if (s.n > 5 && memcmp(s.p + s.n - 5, ".html", 5) == 0) s.n -= 5;
    return s;
}

static int64_t parse_citations(sc_span s)
{
    if (s.n == 0 || s.n > 18) return -1;
    int64_t v = 0;
    size_t i = 0;
    if (s.p[0] == '-') return -1; /* -1 is the corpus's "unknown" */
    for (; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++) v = v * 10 + (s.p[i] - '0');
    return i == 0 ? -1 : v;
}

/* Read one value for field f into rr; returns 0, or -1 on a JSON error, or
 * 1 when the value has a type the field cannot take (recorded in *bad). */
static int read_field(sc_json *j, raw_record *rr, int f, const char **bad)
{
    sc_json_kind k = sc_json_peek(j);
    int esc = 0;
    switch (k) {
    case SC_JSON_STRING:
        if (sc_json_string(j, &rr->val[f], &esc)) return -1;
        rr->esc[f] = (unsigned char)esc;
        rr->set[f] = 1;
        return 0;
    case SC_JSON_NUMBER:
        if (sc_json_number(j, &rr->val[f])) return -1;
        rr->esc[f] = 0;
        rr->set[f] = 1;
        return 0;
    case SC_JSON_NULL:
        return sc_json_skip(j);
    case SC_JSON_ERROR:
        return -1;
    default:
        if (sc_json_skip(j)) return -1;
        if (must_be_text[f]) {
            *bad = field_names[f];
            return 1;
        }
        return 0; /* e.g. keywords as a list: ignored, not worth a reject */
    }
}

/* Turn the raw fields into a record and hand it to the sink. */
static int emit(reader *r, raw_record *rr, const sc_read_ctx *ctx, sc_sink *sink)
{
    /* Unescape into r->text: reserve first, so spans into it stay valid
     * (decoding never makes a string longer). */
    size_t need = 0;
    for (int f = 0; f < F_COUNT; f++)
        if (rr->esc[f]) need += rr->val[f].n;
    r->text.n = 0;
    sc_buf_reserve(&r->text, need);
    for (int f = 0; f < F_COUNT; f++) {
        if (!rr->esc[f]) continue;
        char *out = r->text.p + r->text.n;
        size_t m = sc_json_unescape(rr->val[f].p, rr->val[f].n, out);
        rr->val[f] = sc_span_of(out, m);
        r->text.n += m;
    }
    sc_rec_paper p;
    memset(&p, 0, sizeof p);
    p.source_id = sc_span_trim(rr->val[F_ID]);
    p.venue = ctx->venue;
    p.year = ctx->year;
    p.title = sc_span_trim(rr->val[F_TITLE]);
    p.abstract = sc_span_trim(rr->val[F_ABSTRACT]);
    p.keywords = sc_span_trim(rr->val[F_KEYWORDS]);
    p.status = sc_span_trim(rr->val[F_STATUS]);
    p.track = sc_span_trim(rr->val[F_TRACK]);
    p.citations = rr->set[F_CITATION] ? parse_citations(rr->val[F_CITATION]) : -1;

    split(rr->val[F_AUTHOR], ';', &r->parts[0]);
    split(rr->val[F_AFF], ';', &r->parts[1]);
    split(rr->set[F_AFF_DOMAIN] ? rr->val[F_AFF_DOMAIN] : rr->val[F_EMAIL], ';', &r->parts[2]);
    split(rr->set[F_OR_PROFILE] ? rr->val[F_OR_PROFILE] : rr->val[F_AUTHORIDS], ';', &r->parts[3]);
    r->authors.n = 0;
    size_t n = r->parts[0].n;
    SC_VEC(sc_span) orcids = {0}, dblps = {0};
    if (rr->set[F_ORCID]) split(rr->val[F_ORCID], ';', &orcids);
    if (rr->set[F_DBLP]) split(rr->val[F_DBLP], ';', &dblps);
    for (size_t i = 0; i < n; i++) {
        sc_rec_author a;
        memset(&a, 0, sizeof a);
        a.name = at(&r->parts[0], i);
        a.affiliation = at(&r->parts[1], i);
        a.email_domain = domain_of(at(&r->parts[2], i));
        sc_span id = at(&r->parts[3], i);
        if (id.n > 1 && id.p[0] == '~') a.openreview = id;
        else if (id.n && memchr(id.p, '@', id.n) && a.email_domain.n == 0) a.email_domain = domain_of(id);
        a.orcid = at(&orcids, i);
        a.dblp = dblp_pid(at(&dblps, i));
        sc_vec_push(&r->authors, a);
    }
    sc_vec_free(&orcids);
    sc_vec_free(&dblps);
    p.authors = r->authors.v;
    p.n_authors = r->authors.n;
    return sink->paper(sink, &p);
}

/* Find the next element start after p: '}' ws ',' ws '{' ws '"'. Returns a
 * pointer to that '{', or NULL. */
static const char *resync(const char *p, const char *end)
{
    while (p < end) {
        const char *c = memchr(p, '}', (size_t)(end - p));
        if (!c) return NULL;
        const char *q = c + 1;
        while (q < end && (*q == ' ' || *q == '\n' || *q == '\r' || *q == '\t')) q++;
        if (q < end && *q == ',') {
            q++;
            while (q < end && (*q == ' ' || *q == '\n' || *q == '\r' || *q == '\t')) q++;
            if (q < end && *q == '{') {
                const char *brace = q++;
                while (q < end && (*q == ' ' || *q == '\n' || *q == '\r' || *q == '\t')) q++;
                if (q < end && (*q == '"' || *q == '}')) return brace;
            }
        }
        p = c + 1;
    }
    return NULL;
}

static void reject(reader *r, const char *buf, size_t n, sc_sink *sink, const char *at_p,
                   const char *what, const char *rec, const char *rec_end)
{
    uint32_t line, col;
    if (at_p > buf + n) at_p = buf + n;
    where(r, buf, at_p, &line, &col);
    size_t len = (size_t)(rec_end - rec);
    if (len > 65536) len = 65536;
    sink->reject(sink, line, col, what, rec, len);
}

int sc_read_paperlists(const char *buf, size_t n, const sc_read_ctx *ctx, sc_sink *sink,
                       sc_error *err)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.line_at = buf;
    r.line = 1;
    sc_json j;
    sc_json_init(&j, buf, n);
    int rc = SC_OK;
    if (sc_json_peek(&j) != SC_JSON_ARRAY) {
        uint32_t line, col;
        sc_line_col(buf, (size_t)(j.p - buf), &line, &col);
        return sc_fail(err, SC_EINPUT, "%s:%u:%u: not a paperlists file: expected a JSON array",
                       ctx->path, line, col);
    }
    sc_json_array(&j);
    for (;;) {
        int more = sc_json_item(&j);
        if (more == 0) break;
        const char *rec = j.p;
        if (more < 0) {
            /* a broken separator: report and resynchronise */
            rec = j.err_at;
            goto broken;
        }
        if (sc_json_peek(&j) != SC_JSON_OBJECT) {
            if (j.err || sc_json_skip(&j)) goto broken;
            reject(&r, buf, n, sink, rec, "record is not a JSON object", rec, j.p);
            continue;
        }
        raw_record rr;
        memset(&rr, 0, sizeof rr);
        const char *bad = NULL;
        sc_json_object(&j);
        sc_span key;
        int kr, kesc;
        while ((kr = sc_json_key(&j, &key, &kesc)) == 1) {
            int f = kesc ? -1 : field_of(key);
            if (f < 0) {
                if (sc_json_skip(&j)) break;
                continue;
            }
            if (read_field(&j, &rr, f, &bad) < 0) break;
        }
        if (kr != 0 || j.err) goto broken;
        j.first = 0;
        if (bad) {
            char what[96];
            snprintf(what, sizeof what, "field \"%s\": expected a string", bad);
            reject(&r, buf, n, sink, rec, what, rec, j.p);
            continue;
        }
        if ((rc = emit(&r, &rr, ctx, sink)) != 0) goto out;
        continue;
    broken: {
        const char *at_p = j.err_at ? j.err_at : j.p;
        const char *what = j.err ? j.err : "malformed record";
        const char *next = resync(at_p < rec ? rec : at_p, buf + n);
        reject(&r, buf, n, sink, at_p, what, rec, next ? next : buf + n);
        if (!next) break;
        sc_json_init(&j, buf, n);
        j.p = next;
        j.first = 1; /* positioned on an element: no comma expected */
    }
    }
out:
    sc_buf_free(&r.text);
    for (int i = 0; i < 5; i++) sc_vec_free(&r.parts[i]);
    sc_vec_free(&r.authors);
    if (rc) return rc;
    return SC_OK;
}

int sc_paperlists_sniff(const char *buf, size_t n)
{
    if (n > 65536) n = 65536;
    sc_json j;
    sc_json_init(&j, buf, n);
    if (sc_json_peek(&j) != SC_JSON_ARRAY) return 0;
    sc_json_array(&j);
    int more = sc_json_item(&j);
    if (more == 0 && j.p >= j.end) return 0;
    if (more == 0) return 1; /* an empty array: a venue with no papers */
    if (more < 0 || sc_json_peek(&j) != SC_JSON_OBJECT) return 0;
    sc_json_object(&j);
    sc_span key;
    int esc, hits = 0;
    while (sc_json_key(&j, &key, &esc) == 1) {
        if (sc_span_eq(key, "authorships")) return 0; /* OpenAlex */
        int f = field_of(key);
        if (f == F_TITLE || f == F_AUTHOR || f == F_AFF || f == F_STATUS || f == F_AFF_DOMAIN)
            hits++;
        if (sc_json_skip(&j)) break; /* the 64 KiB window may cut a record */
    }
    /* a damaged first record (bad encoding, cut by the window) still counts
     * as paperlists if it began like one; the reader reports the damage */
    return hits >= 2 || (j.err && hits >= 1);
}

void sc_paperlists_name(const char *path, char *venue, size_t cap, int *year)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strcspn(base, ".");
    size_t v = 0;
    while (v < len && v + 1 < cap && isalpha((unsigned char)base[v])) {
        venue[v] = (char)tolower((unsigned char)base[v]);
        v++;
    }
    venue[v] = 0;
    *year = 0;
    if (len >= 4) {
        const char *y = base + len - 4;
        if (isdigit((unsigned char)y[0]) && isdigit((unsigned char)y[1]) &&
            isdigit((unsigned char)y[2]) && isdigit((unsigned char)y[3]))
            *year = atoi(y) % 10000;
    }
}
