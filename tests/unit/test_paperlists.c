/*
 * test_paperlists.c — the paperlists reader: fields aligned by author
 * position, numbers where strings are expected, escapes, recovery after a
 * broken record, sniffing and file-name parsing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ingest/paperlists.h"

typedef struct {
    int papers, rejects, authors;
    char titles[8][64];
    char names[16][64], affs[16][64], domains[16][64], orcids[16][32], openreview[16][32], dblp[16][32];
    int64_t citations[8];
    uint32_t reject_line[8], reject_col[8];
    char reject_what[8][64];
} collect;

static void copy(char *dst, size_t cap, sc_span s)
{
    size_t n = s.n < cap - 1 ? s.n : cap - 1;
    if (n) memcpy(dst, s.p, n);
    dst[n] = 0;
}

static int on_paper(sc_sink *s, const sc_rec_paper *p)
{
    collect *c = s->ctx;
    if (c->papers < 8) {
        copy(c->titles[c->papers], 64, p->title);
        c->citations[c->papers] = p->citations;
    }
    for (size_t i = 0; i < p->n_authors && c->authors < 16; i++, c->authors++) {
        copy(c->names[c->authors], 64, p->authors[i].name);
        copy(c->affs[c->authors], 64, p->authors[i].affiliation);
        copy(c->domains[c->authors], 64, p->authors[i].email_domain);
        copy(c->orcids[c->authors], 32, p->authors[i].orcid);
        copy(c->openreview[c->authors], 32, p->authors[i].openreview);
        copy(c->dblp[c->authors], 32, p->authors[i].dblp);
    }
    c->papers++;
    return 0;
}

static void on_reject(sc_sink *s, uint32_t line, uint32_t col, const char *what, const char *b, size_t n)
{
    collect *c = s->ctx;
    (void)b, (void)n;
    if (c->rejects < 8) {
        c->reject_line[c->rejects] = line;
        c->reject_col[c->rejects] = col;
        snprintf(c->reject_what[c->rejects], 64, "%s", what);
    }
    c->rejects++;
}

static int run(const char *doc, collect *c)
{
    memset(c, 0, sizeof *c);
    sc_sink sink = {on_paper, NULL, on_reject, c};
    sc_read_ctx ctx = {"mem.json", {"nips", 4}, 2018, NULL};
    sc_error err = {0};
    return sc_read_paperlists(doc, strlen(doc), &ctx, &sink, &err);
}

static void test_fields_aligned(void **state)
{
    (void)state;
    collect c;
    const char *doc =
        "[{\"title\": \"T1\", \"author\": \" Ann A ;Bob B;; Cy C \", \"aff\": \"MIT; ;Oxford\","
        " \"aff_domain\": \"mit.edu;;x@cs.ox.ac.uk\", \"orcid\": \";0000-0001-2345-6789\","
        " \"or_profile\": \"~Ann_A1;bob@stanford.edu\", \"dblp\": \"12/345.html;https://dblp.org/pid/76/744-1\","
        " \"gs_citation\": 42, \"bibtex\": \"@x{\\\"}\"},"
        " {\"title\": \"Caf\\u00e9\", \"author\": \"Z\", \"gs_citation\": \"-1\"}]";
    assert_int_equal(run(doc, &c), 0);
    assert_int_equal(c.papers, 2);
    assert_int_equal(c.rejects, 0);
    assert_string_equal(c.titles[0], "T1");
    assert_string_equal(c.titles[1], "Caf\xc3\xa9");
    assert_int_equal(c.citations[0], 42);
    assert_int_equal(c.citations[1], -1);
    /* 4 positions in the first paper: the third is empty; the reader keeps
     * positions aligned (the build drops nameless ones) */
    assert_string_equal(c.names[0], "Ann A");
    assert_string_equal(c.affs[0], "MIT");
    assert_string_equal(c.domains[0], "mit.edu");
    assert_string_equal(c.openreview[0], "~Ann_A1");
    assert_string_equal(c.dblp[0], "12/345");
    assert_string_equal(c.names[1], "Bob B");
    assert_string_equal(c.affs[1], "");
    assert_string_equal(c.orcids[1], "0000-0001-2345-6789");
    assert_string_equal(c.dblp[1], "76/744-1");
    assert_string_equal(c.names[2], "");
    assert_string_equal(c.names[3], "Cy C");
    assert_string_equal(c.affs[2], "Oxford");
    assert_string_equal(c.domains[2], "cs.ox.ac.uk");
}

static void test_recovery(void **state)
{
    (void)state;
    collect c;
    const char *doc = "[\n{\"title\": \"A\", \"author\": \"X\"},\n{\"title\": \"B\" \"author\": \"Y\"},\n"
                      "{\"title\": \"C\", \"author\": \"Z\"},\n42,\n{\"title\": [1], \"author\": \"W\"},\n"
                      "{\"title\": \"D\", \"author\": \"V\"}\n]";
    assert_int_equal(run(doc, &c), 0);
    assert_int_equal(c.papers, 3);
    assert_string_equal(c.titles[0], "A");
    assert_string_equal(c.titles[1], "C");
    assert_string_equal(c.titles[2], "D");
    assert_int_equal(c.rejects, 3);
    assert_int_equal(c.reject_line[0], 3);
    assert_int_equal(c.reject_col[0], 15);
    assert_int_equal(c.reject_line[1], 5);
    assert_string_equal(c.reject_what[1], "record is not a JSON object");
    assert_int_equal(c.reject_line[2], 6);
    assert_string_equal(c.reject_what[2], "field \"title\": expected a string");
}

static void test_truncated_and_not_array(void **state)
{
    (void)state;
    collect c;
    assert_int_equal(run("[{\"title\": \"A\", \"author\": \"X\"}, {\"title\": \"B", &c), 0);
    assert_int_equal(c.papers, 1);
    assert_int_equal(c.rejects, 1);
    assert_int_equal(run("{\"title\": \"A\"}", &c), SC_EINPUT);
    assert_int_equal(run("[]", &c), 0);
    assert_int_equal(c.papers, 0);
}

static void test_sniff_and_name(void **state)
{
    (void)state;
    const char *pl = "[{\"title\": \"A\", \"author\": \"X\", \"aff\": \"Y\"}]";
    const char *oa = "[{\"id\": \"https://openalex.org/W1\", \"authorships\": []}]";
    assert_true(sc_paperlists_sniff(pl, strlen(pl)));
    assert_false(sc_paperlists_sniff(oa, strlen(oa)));
    assert_false(sc_paperlists_sniff("{}", 2));
    assert_false(sc_paperlists_sniff("", 0));
    char v[16];
    int y;
    sc_paperlists_name("/x/nips/nips2018.json.gz", v, sizeof v, &y);
    assert_string_equal(v, "nips");
    assert_int_equal(y, 2018);
    sc_paperlists_name("siggraphasia2021.json", v, sizeof v, &y);
    assert_string_equal(v, "siggraphasia");
    assert_int_equal(y, 2021);
    sc_paperlists_name("papers.json", v, sizeof v, &y);
    assert_int_equal(y, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_aligned),
        cmocka_unit_test(test_recovery),
        cmocka_unit_test(test_truncated_and_not_array),
        cmocka_unit_test(test_sniff_and_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
