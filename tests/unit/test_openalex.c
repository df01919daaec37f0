/*
 * test_openalex.c — the OpenAlex works reader and sniffer: exact work counts
 * and field values on the real records in ../shared/data/openalex, the
 * fixtures in tests/fixtures/openalex (abstract reconstruction, U+2028 in a
 * line, broken lines / array elements, wrong types, empty file), the
 * not-works error, and hostile input (truncations, byte flips, deep
 * nesting, huge strings) that must neither crash nor break the record
 * invariants (spans valid UTF-8, line/col 1-based).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "ingest/openalex.h"

#define FIX "tests/fixtures/openalex/"

/* ---- a sink that copies what it is given ---------------------------------- */

typedef struct {
    char *name, *aff, *oa, *orcid, *email;
} t_author;

typedef struct {
    char *id, *title, *venue, *abstract, *keywords, *status, *track;
    size_t title_n, abstract_n;
    int year;
    int64_t cites;
    uint32_t line, col;
    size_t n_authors;
    t_author *authors;
} t_paper;

typedef struct {
    uint32_t line, col;
    char *what, *bytes;
    size_t n;
} t_reject;

typedef struct {
    sc_sink sink;
    t_paper *papers;
    size_t np;
    t_reject *rejects;
    size_t nr;
    size_t stop_at; /* the paper callback returns 9 on this paper (1-based), 0 = never */
} collector;

/* Copy a span, checking the record contract: valid UTF-8, p set when n > 0. */
static char *dup_span(sc_span s)
{
    assert_true(s.n == 0 || s.p != NULL);
    assert_true(sc_utf8_valid(s.p ? s.p : "", s.n));
    char *c = malloc(s.n + 1);
    if (s.n) memcpy(c, s.p, s.n);
    c[s.n] = 0;
    return c;
}

static int on_paper(sc_sink *s, const sc_rec_paper *p)
{
    collector *c = s->ctx;
    assert_true(p->line >= 1 && p->col >= 1);
    c->papers = realloc(c->papers, (c->np + 1) * sizeof *c->papers);
    t_paper *t = &c->papers[c->np++];
    t->id = dup_span(p->source_id);
    t->title = dup_span(p->title);
    t->title_n = p->title.n;
    t->venue = dup_span(p->venue);
    t->abstract = dup_span(p->abstract);
    t->abstract_n = p->abstract.n;
    t->keywords = dup_span(p->keywords);
    t->status = dup_span(p->status);
    t->track = dup_span(p->track);
    t->year = p->year;
    t->cites = p->citations;
    t->line = p->line;
    t->col = p->col;
    t->n_authors = p->n_authors;
    t->authors = calloc(p->n_authors + 1, sizeof *t->authors);
    for (size_t i = 0; i < p->n_authors; i++) {
        const sc_rec_author *a = &p->authors[i];
        t->authors[i].name = dup_span(a->name);
        t->authors[i].aff = dup_span(a->affiliation);
        t->authors[i].oa = dup_span(a->openalex);
        t->authors[i].orcid = dup_span(a->orcid);
        t->authors[i].email = dup_span(a->email_domain);
    }
    return c->stop_at && c->np == c->stop_at ? 9 : 0;
}

static void on_reject(sc_sink *s, uint32_t line, uint32_t col, const char *what, const char *bytes,
                      size_t n)
{
    collector *c = s->ctx;
    assert_true(line >= 1 && col >= 1);
    assert_non_null(what);
    assert_true(n <= 64 * 1024);
    c->rejects = realloc(c->rejects, (c->nr + 1) * sizeof *c->rejects);
    t_reject *t = &c->rejects[c->nr++];
    t->line = line;
    t->col = col;
    t->what = strdup(what);
    t->bytes = malloc(n + 1);
    if (n) memcpy(t->bytes, bytes, n);
    t->bytes[n] = 0;
    t->n = n;
}

static void collector_init(collector *c)
{
    memset(c, 0, sizeof *c);
    c->sink.paper = on_paper;
    c->sink.reject = on_reject;
    c->sink.ctx = c;
}

static void collector_free(collector *c)
{
    for (size_t i = 0; i < c->np; i++) {
        t_paper *t = &c->papers[i];
        free(t->id), free(t->title), free(t->venue), free(t->abstract), free(t->keywords);
        free(t->status), free(t->track);
        for (size_t k = 0; k < t->n_authors; k++) {
            t_author *a = &t->authors[k];
            free(a->name), free(a->aff), free(a->oa), free(a->orcid), free(a->email);
        }
        free(t->authors);
    }
    for (size_t i = 0; i < c->nr; i++)
        free(c->rejects[i].what), free(c->rejects[i].bytes);
    free(c->papers);
    free(c->rejects);
    memset(c, 0, sizeof *c);
}

static int read_buf(collector *c, const char *buf, size_t n, const char *path, sc_error *err)
{
    collector_init(c);
    sc_read_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.path = path;
    memset(err, 0, sizeof *err);
    return sc_read_openalex(buf, n, &ctx, &c->sink, err);
}

static int read_str(collector *c, const char *s, sc_error *err)
{
    return read_buf(c, s, strlen(s), "<test>", err);
}

/* Read a file; its bytes are returned in *buf_out when asked (else freed). */
static int read_path(collector *c, const char *path, sc_error *err, char **buf_out, size_t *n_out)
{
    size_t n = 0;
    char *buf = slurp(path, &n);
    if (!buf) fail_msg("cannot read %s", path);
    int rc = read_buf(c, buf, n, path, err);
    if (buf_out)
        *buf_out = buf, *n_out = n;
    else
        free(buf);
    return rc;
}

static const t_paper *find(const collector *c, const char *id)
{
    for (size_t i = 0; i < c->np; i++)
        if (strcmp(c->papers[i].id, id) == 0) return &c->papers[i];
    return NULL;
}

/* ../shared/data/openalex, or skip the test. */
static const char *shared(char *out, size_t cap, const char *rel)
{
    const char *roots[] = {getenv("SCOUT_SHARED_DATA"), "../shared/data", "/work/shared/data"};
    for (size_t i = 0; i < sizeof roots / sizeof *roots; i++) {
        if (!roots[i]) continue;
        char probe[4096];
        snprintf(probe, sizeof probe, "%s/openalex/openalexPro", roots[i]);
        FILE *f = fopen(probe, "r");
        if (!f) continue;
        fclose(f);
        snprintf(out, cap, "%s/openalex/%s", roots[i], rel);
        return out;
    }
    return NULL;
}

/* ---- real records --------------------------------------------------------- */

/* Expected counts were found independently with Python's json module:
 *   JSON Lines:  sum(1 for l in open(F,'rb').read().split(b'\n') if l.strip()),
 *                every such line json.loads()-ing to a work;
 *   pages:       len(json.load(open(F))['results']);
 *   single work: 1 (json.load gives one object whose id starts with W).
 * 175 + 175 + 2 + 200 works, as ../shared/data/README.md says. */
static const struct {
    const char *rel;
    size_t works;
} real_files[] = {
    {"openalexPro/001-jq_execute__default.jsonl", 2},
    {"openalexPro/008-pro_pipeline_parallel__jsonl_chunk_1_results_page_1.json", 50},
    {"openalexPro/008-pro_pipeline_parallel__jsonl_chunk_2_results_page_1.json", 50},
    {"openalexPro/008-pro_pipeline_parallel__jsonl_chunk_3_results_page_1.json", 50},
    {"openalexPro/008-pro_pipeline_parallel__jsonl_chunk_4_results_page_1.json", 25},
    {"openalexPro/008-pro_pipeline_parallel__json_chunk_1_results_page_1.json", 50},
    {"openalexPro/008-pro_pipeline_parallel__json_chunk_2_results_page_1.json", 50},
    {"openalexPro/008-pro_pipeline_parallel__json_chunk_3_results_page_1.json", 50},
    {"openalexPro/008-pro_pipeline_parallel__json_chunk_4_results_page_1.json", 25},
    {"openalexPro/keypaper_json__results_page_1.json", 2},
    {"openalexPro/history-012ad6f5__json_files__page_1.json", 200},
    {"b-vitamins/W2741809807.json", 1},
    {"b-vitamins/W-api-response.json", 1},
};

static void test_real_counts(void **state)
{
    (void)state;
    char path[4096];
    if (!shared(path, sizeof path, "")) skip();
    size_t jsonl = 0, pages = 0;
    for (size_t i = 0; i < sizeof real_files / sizeof *real_files; i++) {
        shared(path, sizeof path, real_files[i].rel);
        collector c;
        sc_error err;
        char *buf;
        size_t n;
        int rc = read_path(&c, path, &err, &buf, &n);
        if (rc != SC_OK || c.np != real_files[i].works || c.nr != 0)
            fail_msg("%s: rc %d (%s), %zu works (want %zu), %zu rejects", real_files[i].rel, rc,
                     err.msg, c.np, real_files[i].works, c.nr);
        assert_int_equal(sc_openalex_sniff(buf, n), SC_FMT_OPENALEX);
        for (size_t k = 0; k < c.np; k++) {
            assert_true(c.papers[k].id[0] == 'W'); /* the prefix is gone */
            assert_true(c.papers[k].title[0] != 0);
            assert_true(c.papers[k].year > 1900 && c.papers[k].year < 2100);
            assert_true(c.papers[k].cites >= 0);
        }
        if (strstr(real_files[i].rel, "jsonl_chunk")) jsonl += c.np;
        if (strstr(real_files[i].rel, "__json_chunk")) pages += c.np;
        collector_free(&c);
        free(buf);
    }
    assert_int_equal(jsonl, 175);
    assert_int_equal(pages, 175);
}

static void test_real_work(void **state)
{
    (void)state;
    char path[4096];
    if (!shared(path, sizeof path, "b-vitamins/W2741809807.json")) skip();
    collector c;
    sc_error err;
    assert_int_equal(read_path(&c, path, &err, NULL, NULL), SC_OK);
    assert_int_equal(c.np, 1);
    const t_paper *p = &c.papers[0];
    assert_string_equal(p->id, "W2741809807");
    assert_string_equal(p->title, "The state of OA: a large-scale analysis of the prevalence and "
                                  "impact of Open Access articles");
    assert_int_equal(p->year, 2018);
    assert_string_equal(p->venue, "PeerJ");
    assert_int_equal(p->cites, 962);
    assert_string_equal(p->status, "article");
    assert_string_equal(p->keywords,
                        "Scholarly Communication;Web of science;Open Science;Citation analysis");
    /* reconstructed from abstract_inverted_index */
    assert_true(strncmp(p->abstract,
                        "Despite growing interest in Open Access (OA) to scholarly "
                        "literature, there is an unmet need",
                        90) == 0);
    const char *tail = "inform OA policy and practice.";
    assert_string_equal(p->abstract + strlen(p->abstract) - strlen(tail), tail);
    assert_int_equal(p->n_authors, 9);
    assert_string_equal(p->authors[0].name, "Heather Piwowar");
    assert_string_equal(p->authors[0].oa, "A5048491430");
    assert_string_equal(p->authors[0].orcid, "0000-0003-1613-5981");
    assert_string_equal(p->authors[0].aff, "Impactstory, Sanford, NC, USA");
    assert_string_equal(p->authors[0].email, "");
    assert_string_equal(p->authors[1].name, "Jason Priem");
    assert_string_equal(p->authors[1].oa, "A5023888391");
    /* "Larivi\u00e8re" in the file: unescaped */
    assert_string_equal(p->authors[2].name, "Vincent Larivi\xC3\xA8re");
    assert_string_equal(p->authors[2].orcid, "0000-0002-2733-0689");
    assert_string_equal(p->authors[3].name, "Juan Pablo Alper\xC3\xADn");
    collector_free(&c);

    /* the same work inside the 200-work results page */
    shared(path, sizeof path, "openalexPro/history-012ad6f5__json_files__page_1.json");
    assert_int_equal(read_path(&c, path, &err, NULL, NULL), SC_OK);
    assert_int_equal(c.np, 200);
    assert_string_equal(c.papers[0].id, "W4393576161");
    assert_int_equal(c.papers[0].line, 1); /* a one-line page: the column moves */
    assert_true(c.papers[1].col > c.papers[0].col);
    collector_free(&c);

    /* and in the two-work key-paper page, a later snapshot of it */
    shared(path, sizeof path, "openalexPro/keypaper_json__results_page_1.json");
    assert_int_equal(read_path(&c, path, &err, NULL, NULL), SC_OK);
    p = find(&c, "W2741809807");
    assert_non_null(p);
    assert_int_equal(p->cites, 957);
    assert_int_equal(p->n_authors, 9);
    assert_string_equal(p->authors[8].name, "Stefanie Haustein");
    collector_free(&c);
}

/* U+2028 inside a real line: chunk_4 line 21 (W2073719029) holds four in a
 * raw affiliation. Every one of the 25 works must be on its own line. */
static void test_real_u2028(void **state)
{
    (void)state;
    char path[4096];
    if (!shared(path, sizeof path,
                "openalexPro/008-pro_pipeline_parallel__jsonl_chunk_4_results_page_1.json"))
        skip();
    collector c;
    sc_error err;
    assert_int_equal(read_path(&c, path, &err, NULL, NULL), SC_OK);
    assert_int_equal(c.np, 25);
    for (size_t i = 0; i < c.np; i++) {
        assert_int_equal(c.papers[i].line, i + 1);
        assert_int_equal(c.papers[i].col, 1);
    }
    const t_paper *p = &c.papers[20];
    assert_string_equal(p->id, "W2073719029");
    assert_int_equal(p->year, 2000);
    assert_string_equal(p->authors[0].aff, "Section of Evolution and Ecology\xE2\x80\xA8University "
                                           "of California\xE2\x80\xA8"
                                           "Davis, California\xE2\x80\xA8U.S.A.");
    collector_free(&c);
}

static void test_real_not_works(void **state)
{
    (void)state;
    static const char *rels[] = {
        "b-vitamins/A5023888391.json",
        "b-vitamins/A5317838346.json",
        "b-vitamins/A-api-response.json",
        "b-vitamins/I27837315.json",
        "b-vitamins/C71924100.json",
        "b-vitamins/S137773608.json",
        "b-vitamins/P4310319965.json",
        "b-vitamins/F4320332161.json",
        "b-vitamins/T11636.json",
        "b-vitamins/cardiac-imaging.json", /* a keyword entity ("keywords/cardiac-imaging") */
    };
    char path[4096];
    if (!shared(path, sizeof path, "")) skip();
    for (size_t i = 0; i < sizeof rels / sizeof *rels; i++) {
        shared(path, sizeof path, rels[i]);
        collector c;
        sc_error err;
        char *buf;
        size_t n;
        int rc = read_path(&c, path, &err, &buf, &n);
        if (rc != SC_EINPUT) fail_msg("%s: rc %d, want SC_EINPUT", rels[i], rc);
        assert_int_equal(err.code, SC_EINPUT);
        assert_non_null(strstr(err.msg, path));
        assert_non_null(strstr(err.msg, "not OpenAlex works"));
        assert_int_equal(c.np, 0);
        assert_int_equal(sc_openalex_sniff(buf, n), SC_FMT_UNKNOWN);
        collector_free(&c);
        free(buf);
    }
}

/* ---- fixtures -------------------------------------------------------------- */

static void test_tiny_fields(void **state)
{
    (void)state;
    collector c;
    sc_error err;
    assert_int_equal(read_path(&c, FIX "tiny.jsonl", &err, NULL, NULL), SC_OK);
    assert_int_equal(c.np, 3);
    assert_int_equal(c.nr, 0);

    const t_paper *p = &c.papers[0];
    assert_string_equal(p->id, "W1001");
    assert_string_equal(p->title, "A \"quoted\" title \xE2\x80\x94 with escapes");
    assert_int_equal(p->year, 2021);
    assert_int_equal(p->cites, 7);
    assert_string_equal(p->status, "preprint");
    assert_string_equal(p->venue, "NeurIPS"); /* primary_location null: host_venue */
    /* {"learning":[3],"Deep":[0],"na\u00efve":[1],"is":[2,5],"not":[4],
     *  "hard":[6],"fun":[8]}: position order, gap at 7 */
    assert_string_equal(p->abstract, "Deep na\xC3\xAFve is learning not is hard fun");
    assert_string_equal(p->keywords, "deep learning;a,b"); /* ';' inside one keyword: ',' */
    assert_int_equal(p->track[0], 0);
    assert_int_equal(p->n_authors, 3);
    assert_string_equal(p->authors[0].name, "Ada Lovelace");
    assert_string_equal(p->authors[0].oa, "A1");
    assert_string_equal(p->authors[0].orcid, "0000-0001-2345-6789");
    assert_string_equal(p->authors[0].aff, "Stanford University and Google");
    assert_string_equal(p->authors[1].name, "J. Doe"); /* author null: raw_author_name */
    assert_string_equal(p->authors[1].oa, "");
    assert_string_equal(p->authors[1].aff, "MIT, Cambridge"); /* first non-empty raw string */
    assert_string_equal(p->authors[2].name, "Ren\xC3\xA9 Descartes");
    assert_string_equal(p->authors[2].oa, "A3");
    assert_string_equal(p->authors[2].orcid, "");
    assert_string_equal(p->authors[2].aff, "Inria"); /* repeated institution once */
    assert_int_equal(p->line, 1);
    assert_int_equal(p->col, 1);

    p = &c.papers[1];
    assert_string_equal(p->id, "W1002"); /* "https:\/\/openalex.org\/W1002" */
    assert_string_equal(p->title, "Fallback Title");
    assert_int_equal(p->year, 0);
    assert_int_equal(p->cites, -1);
    assert_string_equal(p->venue, "Journal of Tests");
    assert_string_equal(p->keywords, "C1;C2;C3;C4;C5"); /* no keywords: top 5 concepts */
    assert_string_equal(p->abstract, "");
    assert_int_equal(p->n_authors, 0);
    assert_int_equal(p->line, 2);

    p = &c.papers[2]; /* after a blank and a white-space line, ends in \r\n */
    assert_string_equal(p->id, "W1003");
    assert_string_equal(p->abstract, "Plain abstract wins.");
    assert_int_equal(p->year, 1999);
    assert_int_equal(p->cites, 0);
    assert_string_equal(p->venue, ""); /* primary_location.source null */
    assert_int_equal(p->n_authors, 1);
    assert_string_equal(p->authors[0].name, "Solo Author");
    assert_int_equal(p->line, 5);
    collector_free(&c);
}

static void test_abstract_inline(void **state)
{
    (void)state;
    collector c;
    sc_error err;
    /* sparse positions (sorted, not slotted), and two words at one position */
    assert_int_equal(read_str(&c,
                              "{\"id\":\"W1\",\"abstract_inverted_index\":{\"end\":[4000000000],"
                              "\"b\":[0],\"a\":[0],\"mid\":[70000]}}",
                              &err),
                     SC_OK);
    assert_int_equal(c.np, 1);
    assert_string_equal(c.papers[0].abstract, "b a mid end");
    collector_free(&c);
    /* one word at 200,000 positions: capped, at a word boundary */
    size_t k = 200000;
    char *s = malloc(k * 8 + 100);
    size_t n = (size_t)sprintf(s, "{\"id\":\"W2\",\"abstract_inverted_index\":{\"word\":[");
    for (size_t i = 0; i < k; i++)
        n += (size_t)sprintf(s + n, i ? ",%zu" : "%zu", i);
    n += (size_t)sprintf(s + n, "]}}");
    assert_int_equal(read_buf(&c, s, n, "<test>", &err), SC_OK);
    assert_int_equal(c.np, 1);
    assert_true(c.papers[0].abstract_n > 100000 && c.papers[0].abstract_n <= 256 * 1024);
    assert_int_equal(c.papers[0].abstract_n % 5, 4); /* "word word … word" */
    collector_free(&c);
    free(s);
    /* escaped keys are decoded; null positions and empty words are skipped */
    assert_int_equal(read_str(&c,
                              "{\"id\":\"W3\",\"abstract_inverted_index\":{\"\\u00c9t\\u00e9\":[0],"
                              "\"x\":null,\"\":[1],\"fin\":[2]}}",
                              &err),
                     SC_OK);
    assert_string_equal(c.papers[0].abstract, "\xC3\x89t\xC3\xA9 fin");
    collector_free(&c);
}

static void test_u2028_fixture(void **state)
{
    (void)state;
    collector c;
    sc_error err;
    assert_int_equal(read_path(&c, FIX "u2028.jsonl", &err, NULL, NULL), SC_OK);
    assert_int_equal(c.np, 3);
    assert_int_equal(c.nr, 0);
    assert_string_equal(c.papers[1].id, "W2002");
    assert_string_equal(c.papers[1].title,
                        "line\xE2\x80\xA8separator and para\xE2\x80\xA9separator");
    assert_int_equal(c.papers[2].line, 3);
    collector_free(&c);
}

static void test_broken_line(void **state)
{
    (void)state;
    collector c;
    sc_error err;
    char *buf;
    size_t n;
    assert_int_equal(read_path(&c, FIX "broken-line.jsonl", &err, &buf, &n), SC_OK);
    assert_int_equal(c.np, 4);
    assert_string_equal(c.papers[0].id, "W3001");
    assert_string_equal(c.papers[1].id, "W3002");
    assert_string_equal(c.papers[2].id, "W3004");
    assert_int_equal(c.papers[2].line, 4);
    assert_string_equal(c.papers[3].id, "W3006");
    assert_int_equal(c.papers[3].line, 6);
    assert_int_equal(c.nr, 1);
    /* line 3: ..."title":"Broken" "publication_year"... — the error is at the
     * second key, where a ',' was expected */
    const char *l3 = buf;
    for (int i = 0; i < 2; i++)
        l3 = strchr(l3, '\n') + 1;
    const char *e3 = strchr(l3, '\n');
    assert_int_equal(c.rejects[0].line, 3);
    assert_int_equal(c.rejects[0].col, strstr(l3, "\"publication_year\"") - l3 + 1);
    assert_int_equal(c.rejects[0].n, (size_t)(e3 - l3));
    assert_memory_equal(c.rejects[0].bytes, l3, c.rejects[0].n);
    collector_free(&c);
    free(buf);
}

static void test_broken_page(void **state)
{
    (void)state;
    collector c;
    sc_error err;
    char *buf;
    size_t n;
    assert_int_equal(read_path(&c, FIX "broken-page.json", &err, &buf, &n), SC_OK);
    assert_int_equal(c.np, 3);
    assert_string_equal(c.papers[0].id, "W5001");
    assert_string_equal(c.papers[1].id, "W5003");
    assert_string_equal(c.papers[2].id, "W5005");
    assert_string_equal(c.papers[2].authors[0].aff, "Lab 5005");
    assert_int_equal(c.nr, 2);
    /* the syntax error: line 22, the stray "oops" string after the title */
    assert_int_equal(c.rejects[0].line, 22);
    assert_int_equal(c.rejects[0].col, 33);
    assert_non_null(strstr(c.rejects[0].bytes, "W5002"));
    assert_null(strstr(c.rejects[0].bytes, "W5003")); /* only that element */
    /* the type error: "authorships": { on line 58 */
    assert_int_equal(c.rejects[1].line, 58);
    assert_int_equal(c.rejects[1].col, 22);
    assert_non_null(strstr(c.rejects[1].what, "authorships"));
    assert_non_null(strstr(c.rejects[1].bytes, "W5004"));
    /* the works' own positions: "    {" lines */
    assert_int_equal(c.papers[0].line, 3);
    assert_int_equal(c.papers[0].col, 5);
    collector_free(&c);
    free(buf);
}

static void test_broken_array(void **state)
{
    (void)state;
    collector c;
    sc_error err;
    char *buf;
    size_t n;
    assert_int_equal(read_path(&c, FIX "broken-array.json", &err, &buf, &n), SC_OK);
    /* element 2 never closes its authorships array: the bracket count runs
     * to the end, and the next "id": "https://openalex.org/W… is found */
    assert_int_equal(c.np, 2);
    assert_string_equal(c.papers[0].id, "W6001");
    assert_string_equal(c.papers[1].id, "W6003");
    assert_int_equal(c.nr, 1);
    assert_int_equal(c.rejects[0].line, 1);
    assert_int_equal(c.rejects[0].col, strstr(buf, "\"B\"}}}") - buf + 5 + 1);
    assert_true(strncmp(c.rejects[0].bytes, "{\"id\":\"https://openalex.org/W6002\"", 34) == 0);
    assert_null(strstr(c.rejects[0].bytes, "W6003"));
    collector_free(&c);
    free(buf);
}

static void test_wrong_types(void **state)
{
    (void)state;
    collector c;
    sc_error err;
    char *buf;
    size_t n;
    assert_int_equal(read_path(&c, FIX "wrong-types.jsonl", &err, &buf, &n), SC_OK);
    assert_int_equal(c.np, 2);
    assert_string_equal(c.papers[0].id, "W4000");
    assert_string_equal(c.papers[1].id, "W4005");
    assert_int_equal(c.papers[1].line, 7);
    static const struct {
        uint32_t line;
        const char *what, *at; /* the reject's column is where `at` ends in its line */
    } want[] = {
        {2, "authorships", "\"authorships\":"},
        {3, "publication_year", "\"publication_year\":"},
        {4, "not a JSON object", ""},
        {5, "cited_by_count", "\"cited_by_count\":"},
        {6, "not an OpenAlex work", ""},
        {8, "unexpected data", "\"title\":\"x\"} "},
        {9, "institutions", "\"institutions\":"},
        {10, "abstract_inverted_index", "\"word\":["},
    };
    assert_int_equal(c.nr, sizeof want / sizeof *want);
    for (size_t i = 0; i < c.nr; i++) {
        const char *l = buf;
        for (uint32_t k = 1; k < want[i].line; k++)
            l = strchr(l, '\n') + 1;
        const char *e = strchr(l, '\n');
        uint32_t col = 1;
        if (want[i].at[0]) col = (uint32_t)(strstr(l, want[i].at) - l + strlen(want[i].at) + 1);
        if (c.rejects[i].line != want[i].line || c.rejects[i].col != col ||
            !strstr(c.rejects[i].what, want[i].what))
            fail_msg("reject %zu: %u:%u %s, want %u:%u %s", i, c.rejects[i].line, c.rejects[i].col,
                     c.rejects[i].what, want[i].line, col, want[i].what);
        assert_int_equal(c.rejects[i].n, (size_t)(e - l)); /* the whole line */
    }
    collector_free(&c);
    free(buf);
}

static void test_empty(void **state)
{
    (void)state;
    collector c;
    sc_error err;
    assert_int_equal(read_path(&c, FIX "empty.jsonl", &err, NULL, NULL), SC_OK);
    assert_int_equal(c.np + c.nr, 0);
    collector_free(&c);
    assert_int_equal(read_str(&c, " \n\r\n\t\n", &err), SC_OK);
    assert_int_equal(c.np + c.nr, 0);
    collector_free(&c);
    assert_int_equal(read_buf(&c, NULL, 0, "<test>", &err), SC_OK);
    collector_free(&c);
    assert_int_equal(read_str(&c, "[]", &err), SC_OK);
    assert_int_equal(c.np + c.nr, 0);
    collector_free(&c);
    assert_int_equal(read_str(&c, "{\"meta\":{\"count\":0},\"results\":[]}", &err), SC_OK);
    assert_int_equal(c.np + c.nr, 0);
    collector_free(&c);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    collector c;
    sc_error err;
    const char *s = "{\"id\":\"W1\",\"authorships\":[]}\n"
                    "{\"id\":\"W2\",\"title\":\"bad \xFF\xFE bytes\",\"authorships\":[]}\n"
                    "{\"id\":\"W3\",\"authorships\":[],\"title\":\"\xC3\xA9t\xC3\xA9\"}\n";
    assert_int_equal(read_str(&c, s, &err), SC_OK);
    assert_int_equal(c.np, 2);
    assert_string_equal(c.papers[1].id, "W3");
    assert_string_equal(c.papers[1].title, "\xC3\xA9t\xC3\xA9");
    assert_int_equal(c.nr, 1);
    assert_int_equal(c.rejects[0].line, 2);
    assert_int_equal(c.rejects[0].col, 20); /* the string's opening quote */
    assert_non_null(strstr(c.rejects[0].what, "UTF-8"));
    collector_free(&c);
}

/* The other shapes, and JSON Lines corner cases, inline. */
static void test_shapes(void **state)
{
    (void)state;
    collector c;
    sc_error err;
    /* a pretty-printed single work after a BOM */
    assert_int_equal(read_str(&c,
                              "\xEF\xBB\xBF{\n  \"id\": \"https://openalex.org/W7\",\n"
                              "  \"title\": \"Pretty\",\n  \"authorships\": []\n}\n",
                              &err),
                     SC_OK);
    assert_int_equal(c.np, 1);
    assert_string_equal(c.papers[0].title, "Pretty");
    collector_free(&c);
    /* a plain array, one element not an object once works are established */
    assert_int_equal(
        read_str(&c, "[{\"id\":\"W1\"},\n 5,\n {\"id\":\"W2\",\"title\":\"T\"}]", &err), SC_OK);
    assert_int_equal(c.np, 2);
    assert_int_equal(c.nr, 1);
    assert_int_equal(c.rejects[0].line, 2);
    assert_int_equal(c.rejects[0].col, 2);
    assert_int_equal(c.papers[1].line, 3);
    collector_free(&c);
    /* results pages one per line ("meta" after "results"), and a missing
     * ',' between two elements (reported, nothing lost) */
    assert_int_equal(
        read_str(&c,
                 "{\"results\":[{\"id\":\"W1\"},{\"id\":\"W2\"}],\"meta\":{}}\n"
                 "{\"meta\":{\"count\":2},\"results\":[{\"id\":\"W3\"} {\"id\":\"W4\"}]}\n",
                 &err),
        SC_OK);
    assert_int_equal(c.np, 4);
    assert_string_equal(c.papers[3].id, "W4");
    assert_int_equal(c.papers[2].line, 2);
    assert_int_equal(c.papers[2].col, 32);
    assert_int_equal(c.nr, 1);
    assert_int_equal(c.rejects[0].line, 2);
    collector_free(&c);
    /* concatenated pretty documents, the second broken, the third fine */
    assert_int_equal(read_str(&c,
                              "{\n \"id\": \"W1\"\n}\n{\n \"id\": \"W2\",\n \"title\": tru\n}\n"
                              "{\n \"id\": \"W3\"\n}\n",
                              &err),
                     SC_OK);
    assert_int_equal(c.np, 2);
    assert_string_equal(c.papers[1].id, "W3");
    assert_int_equal(c.papers[1].line, 8);
    assert_int_equal(c.nr, 1);
    assert_int_equal(c.rejects[0].line, 6);
    collector_free(&c);
    /* JSON Lines whose first line is broken: still JSON Lines */
    assert_int_equal(read_str(&c, "{\"id\":\"W1\",\n{\"id\":\"W2\"}\n", &err), SC_OK);
    assert_int_equal(c.np, 1);
    assert_int_equal(c.nr, 1);
    assert_int_equal(c.rejects[0].line, 1);
    collector_free(&c);
    /* a final line cut short, without a newline */
    assert_int_equal(read_str(&c, "{\"id\":\"W1\"}\n{\"id\":\"W2\",\"title\":\"cut", &err), SC_OK);
    assert_int_equal(c.np, 1);
    assert_int_equal(c.nr, 1);
    assert_int_equal(c.rejects[0].line, 2);
    collector_free(&c);
    /* the sink asks to stop */
    collector_init(&c);
    c.stop_at = 2;
    sc_read_ctx ctx = {"<test>", {NULL, 0}, 0, NULL};
    assert_int_equal(sc_read_openalex("{\"id\":\"W1\"}\n{\"id\":\"W2\"}\n{\"id\":\"W3\"}\n", 36,
                                      &ctx, &c.sink, &err),
                     9);
    assert_int_equal(c.np, 2);
    collector_free(&c);
}

static void test_not_works_inline(void **state)
{
    (void)state;
    static const char *cases[] = {
        "hello",
        "42",
        "\"W1\"",
        "[1, {\"id\":\"W1\"}]",
        "{}",
        /* a paperlists array: an OpenReview id is not a work id */
        "[{\"id\":\"W1xYz\",\"title\":\"T\",\"author\":\"A;B\",\"aff\":\"X;Y\"}]",
        "{\"id\":\"https://openalex.org/A1\",\"display_name\":\"x\"}\n{\"id\":\"W2\"}\n",
        "{\"meta\": {\"count\": 1, \"broken\n",
        "<dblp></dblp>",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        collector c;
        sc_error err;
        int rc = read_str(&c, cases[i], &err);
        if (rc != SC_EINPUT || !strstr(err.msg, "not OpenAlex works") || !strstr(err.msg, "<test>"))
            fail_msg("case %zu: rc %d, %s", i, rc, err.msg);
        assert_int_equal(c.np, 0);
        assert_int_equal(sc_openalex_sniff(cases[i], strlen(cases[i])), SC_FMT_UNKNOWN);
        collector_free(&c);
    }
}

static void test_sniff(void **state)
{
    (void)state;
    static const char *yes[] = {
        "{\"id\":\"https://openalex.org/W1\",\"x\":1}\n{\"id\":\"https://openalex.org/W2\"}\n",
        "{\"doi\":null,\"authorships\":[]}",
        "{\"meta\":{\"count\":1},\"results\":[{\"id\":\"https://openalex.org/W1\"}]}",
        "[\n {\"title\": \"x\", \"authorships\": [{}]}]",
        /* a window cut after the telling key */
        "{\"id\":\"https://openalex.org/W1\",\"title\":\"cut short",
    };
    static const char *no[] = {
        "",
        "[{\"title\":\"x\",\"author\":\"a;b\"}]",
        "{\"id\":\"https://openalex.org/I27837315\",\"authorships\":[]}",
        "{\"meta\":{},\"results\":[]}",
        "{\"title\":\"cut before any telling key",
        "<?xml version=\"1.0\"?><dblp>",
    };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (sc_openalex_sniff(yes[i], strlen(yes[i])) != SC_FMT_OPENALEX) fail_msg("yes %zu", i);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (sc_openalex_sniff(no[i], strlen(no[i])) != SC_FMT_UNKNOWN) fail_msg("no %zu", i);
    size_t n;
    char *buf = slurp(FIX "broken-page.json", &n);
    assert_non_null(buf);
    assert_int_equal(sc_openalex_sniff(buf, n), SC_FMT_OPENALEX);
    free(buf);
    assert_int_equal(sc_openalex_sniff(NULL, 0), SC_FMT_UNKNOWN);
}

/* ---- hostile input -------------------------------------------------------- */

/* Every prefix of every fixture, and byte flips over two of them: any
 * outcome but a crash, a sanitizer report or a broken invariant is fine. */
static void test_truncations_and_flips(void **state)
{
    (void)state;
    static const char *files[] = {"tiny.jsonl",        "broken-page.json", "broken-array.json",
                                  "wrong-types.jsonl", "u2028.jsonl",      "broken-line.jsonl"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[256];
        snprintf(path, sizeof path, FIX "%s", files[f]);
        size_t n;
        char *buf = slurp(path, &n);
        assert_non_null(buf);
        for (size_t k = 0; k <= n; k++) {
            /* an exact-size copy, so that ASan sees any read past the end */
            char *cut = malloc(k ? k : 1);
            memcpy(cut, buf, k);
            collector c;
            sc_error err;
            int rc = read_buf(&c, cut, k, path, &err);
            assert_true(rc == SC_OK || rc == SC_EINPUT);
            collector_free(&c);
            sc_openalex_sniff(cut, k);
            free(cut);
        }
        if (f < 2) {
            static const char flips[] = {'{', '}',  '[',  ']', '"',       ',',
                                         ':', '\\', '\n', 0,   (char)0xFF};
            char *m = malloc(n);
            for (size_t k = 0; k < n; k++) {
                for (size_t v = 0; v < sizeof flips; v++) {
                    memcpy(m, buf, n);
                    m[k] = flips[v];
                    collector c;
                    sc_error err;
                    int rc = read_buf(&c, m, n, path, &err);
                    assert_true(rc == SC_OK || rc == SC_EINPUT);
                    collector_free(&c);
                }
            }
            free(m);
        }
        free(buf);
    }
}

static void test_huge_and_deep(void **state)
{
    (void)state;
    collector c;
    sc_error err;
    /* an 8 MB title, with an escape so that it goes through scratch */
    size_t big = 8u << 20;
    char *s = malloc(big + 100);
    size_t n = (size_t)sprintf(s, "{\"id\":\"W1\",\"title\":\"\\u00e9");
    memset(s + n, 'x', big);
    n += big;
    n += (size_t)sprintf(s + n, "\",\"authorships\":[]}\n");
    assert_int_equal(read_buf(&c, s, n, "<test>", &err), SC_OK);
    assert_int_equal(c.np, 1);
    assert_int_equal(c.papers[0].title_n, big + 2);
    collector_free(&c);
    /* 100,000 nested arrays inside a work, in a results page: the tokenizer
     * refuses them, the element is rejected, the next one is read */
    size_t depth = 100000;
    s = realloc(s, depth * 2 + 200);
    n = (size_t)sprintf(s, "{\"results\":[{\"id\":\"https://openalex.org/W1\",\"x\":");
    memset(s + n, '[', depth);
    n += depth;
    memset(s + n, ']', depth);
    n += depth;
    n += (size_t)sprintf(s + n, "},{\"id\":\"https://openalex.org/W2\"}]}");
    assert_int_equal(read_buf(&c, s, n, "<test>", &err), SC_OK);
    assert_int_equal(c.np, 1);
    assert_string_equal(c.papers[0].id, "W2");
    assert_int_equal(c.nr, 1);
    assert_non_null(strstr(c.rejects[0].what, "deep"));
    assert_true(c.rejects[0].n <= 64 * 1024);
    collector_free(&c);
    /* the same unclosed: nothing to resynchronise on, no crash */
    n = (size_t)sprintf(s, "[{\"id\":\"W1\"},{\"id\":\"W2\",\"x\":");
    memset(s + n, '[', depth);
    n += depth;
    assert_int_equal(read_buf(&c, s, n, "<test>", &err), SC_OK);
    assert_int_equal(c.np, 1);
    assert_int_equal(c.nr, 1);
    collector_free(&c);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_counts),
        cmocka_unit_test(test_real_work),
        cmocka_unit_test(test_real_u2028),
        cmocka_unit_test(test_real_not_works),
        cmocka_unit_test(test_tiny_fields),
        cmocka_unit_test(test_abstract_inline),
        cmocka_unit_test(test_u2028_fixture),
        cmocka_unit_test(test_broken_line),
        cmocka_unit_test(test_broken_page),
        cmocka_unit_test(test_broken_array),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_not_works_inline),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_truncations_and_flips),
        cmocka_unit_test(test_huge_and_deep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
