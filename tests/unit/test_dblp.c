/*
 * test_dblp.c — unit tests of the DBLP XML reader (src/ingest/dblp.c).
 *
 * A collecting sink turns every record into copied structs plus one canonical
 * text dump (so that two reads can be compared byte for byte). Tests cover
 * the real fixtures in $SCOUT_SHARED_DATA/dblp (skipped when absent), the
 * hand-written fixtures in tests/fixtures/dblp, and files generated here in a
 * temporary directory (big multi-chunk files, gzip/zstd copies, truncated
 * archives, garbage, random mutations).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>
#include <zstd.h>

#include "ingest/dblp.h"
#include "util/util.h"

#define FIX "tests/fixtures/dblp/"

/* ---- the collecting sink ------------------------------------------------ */

typedef struct {
    char *key, *venue, *title;
    int year;
    uint32_t line, col;
    size_t n_authors;
    char **names, **orcids, **dblp;
} tpaper;

typedef struct {
    char *key;
    uint32_t line, col;
    size_t n_names, n_affs, n_orcids;
    char **names, **affs, **labels, **orcids;
} tperson;

typedef struct {
    uint32_t line, col;
    char *what, *bytes;
} treject;

typedef struct {
    sc_sink sink;
    SC_VEC(tpaper) papers;
    SC_VEC(tperson) persons;
    SC_VEC(treject) rejects;
    sc_buf dump;      /* canonical text of all records */
    int with_pos;     /* include line:col in the dump */
    int stop_after;   /* >0: stop (returning 7) when this many papers are in */
    int bad_utf8;     /* a span that is not valid UTF-8 was seen */
} collector;

static char *dup_span(collector *c, sc_span s)
{
    if (!sc_utf8_valid(s.p, s.n)) c->bad_utf8 = 1;
    return sc_xstrndup(s.n ? s.p : "", s.n);
}

static int on_paper(sc_sink *s, const sc_rec_paper *p)
{
    collector *c = s->ctx;
    tpaper t;
    memset(&t, 0, sizeof t);
    t.key = dup_span(c, p->source_id);
    t.venue = dup_span(c, p->venue);
    t.title = dup_span(c, p->title);
    t.year = p->year;
    t.line = p->line;
    t.col = p->col;
    t.n_authors = p->n_authors;
    t.names = sc_xcalloc(p->n_authors + 1, sizeof(char *));
    t.orcids = sc_xcalloc(p->n_authors + 1, sizeof(char *));
    t.dblp = sc_xcalloc(p->n_authors + 1, sizeof(char *));
    sc_buf_printf(&c->dump, "P %s|%s|%d|%s|", t.key, t.venue, t.year, t.title);
    if (c->with_pos) sc_buf_printf(&c->dump, "%u:%u|", t.line, t.col);
    for (size_t i = 0; i < p->n_authors; i++) {
        t.names[i] = dup_span(c, p->authors[i].name);
        t.orcids[i] = dup_span(c, p->authors[i].orcid);
        t.dblp[i] = dup_span(c, p->authors[i].dblp);
        sc_buf_printf(&c->dump, "%s/%s;", t.names[i], t.orcids[i]);
    }
    assert_int_equal(p->citations, -1);
    sc_buf_addc(&c->dump, '\n');
    sc_vec_push(&c->papers, t);
    if (c->stop_after && (int)c->papers.n >= c->stop_after) return 7;
    return 0;
}

static int on_person(sc_sink *s, const sc_rec_person *p)
{
    collector *c = s->ctx;
    tperson t;
    memset(&t, 0, sizeof t);
    t.key = dup_span(c, p->key);
    t.line = p->line;
    t.col = p->col;
    t.n_names = p->n_names;
    t.n_affs = p->n_affiliations;
    t.n_orcids = p->n_orcids;
    t.names = sc_xcalloc(p->n_names + 1, sizeof(char *));
    t.affs = sc_xcalloc(p->n_affiliations + 1, sizeof(char *));
    t.labels = sc_xcalloc(p->n_affiliations + 1, sizeof(char *));
    t.orcids = sc_xcalloc(p->n_orcids + 1, sizeof(char *));
    sc_buf_printf(&c->dump, "W %s|", t.key);
    if (c->with_pos) sc_buf_printf(&c->dump, "%u:%u|", t.line, t.col);
    for (size_t i = 0; i < p->n_names; i++) {
        t.names[i] = dup_span(c, p->names[i]);
        sc_buf_printf(&c->dump, "%s;", t.names[i]);
    }
    for (size_t i = 0; i < p->n_affiliations; i++) {
        t.affs[i] = dup_span(c, p->affiliations[i]);
        t.labels[i] = dup_span(c, p->aff_labels[i]);
        sc_buf_printf(&c->dump, "|%s[%s]", t.affs[i], t.labels[i]);
    }
    for (size_t i = 0; i < p->n_orcids; i++) {
        t.orcids[i] = dup_span(c, p->orcids[i]);
        sc_buf_printf(&c->dump, "|orcid %s", t.orcids[i]);
    }
    sc_buf_addc(&c->dump, '\n');
    sc_vec_push(&c->persons, t);
    return 0;
}

static void on_reject(sc_sink *s, uint32_t line, uint32_t col, const char *what, const char *bytes,
                      size_t n)
{
    collector *c = s->ctx;
    treject t = {line, col, sc_xstrdup(what), sc_xstrndup(n ? bytes : "", n)};
    assert_true(line >= 1 && col >= 1);
    assert_true(n <= 16384);
    sc_buf_printf(&c->dump, "R %u:%u %s\n", line, col, what);
    sc_vec_push(&c->rejects, t);
}

static void coll_init(collector *c)
{
    memset(c, 0, sizeof *c);
    c->sink.paper = on_paper;
    c->sink.person = on_person;
    c->sink.reject = on_reject;
    c->sink.ctx = c;
    c->with_pos = 1;
}

static void free_strv(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

static void coll_free(collector *c)
{
    for (size_t i = 0; i < c->papers.n; i++) {
        tpaper *t = &c->papers.v[i];
        free(t->key);
        free(t->venue);
        free(t->title);
        free_strv(t->names, t->n_authors);
        free_strv(t->orcids, t->n_authors);
        free_strv(t->dblp, t->n_authors);
    }
    for (size_t i = 0; i < c->persons.n; i++) {
        tperson *t = &c->persons.v[i];
        free(t->key);
        free_strv(t->names, t->n_names);
        free_strv(t->affs, t->n_affs);
        free_strv(t->labels, t->n_affs);
        free_strv(t->orcids, t->n_orcids);
    }
    for (size_t i = 0; i < c->rejects.n; i++) {
        free(c->rejects.v[i].what);
        free(c->rejects.v[i].bytes);
    }
    sc_vec_free(&c->papers);
    sc_vec_free(&c->persons);
    sc_vec_free(&c->rejects);
    sc_buf_free(&c->dump);
}

/* Read path (DTD: dtd, or the default beside the file when NULL). */
static int read_into(collector *c, const char *path, const char *dtd, sc_error *err)
{
    sc_read_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.path = path;
    ctx.dtd_path = dtd;
    memset(err, 0, sizeof *err);
    int rc = sc_read_dblp(path, &ctx, &c->sink, err);
    assert_false(c->bad_utf8);
    return rc;
}

static const tpaper *paper_by_key(const collector *c, const char *key)
{
    for (size_t i = 0; i < c->papers.n; i++)
        if (strcmp(c->papers.v[i].key, key) == 0) return &c->papers.v[i];
    return NULL;
}

static const tperson *person_by_key(const collector *c, const char *key)
{
    for (size_t i = 0; i < c->persons.n; i++)
        if (strcmp(c->persons.v[i].key, key) == 0) return &c->persons.v[i];
    return NULL;
}

/* ---- files -------------------------------------------------------------- */

static char tmpdir[512];

static int setup_tmp(void **state)
{
    SC_UNUSED(state);
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/test_dblp.XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpdir)) return -1;
    return 0;
}

static int teardown_tmp(void **state)
{
    SC_UNUSED(state);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void tmp_path(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", tmpdir, name);
}

static void write_file(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static void slurp(const char *path, sc_buf *b)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) sc_buf_add(b, tmp, k);
    fclose(f);
}

static void gzip_bytes(const char *p, size_t n, sc_buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    sc_buf_reserve(out, deflateBound(&z, n) + 64);
    z.next_in = (unsigned char *)p;
    z.avail_in = (uInt)n;
    z.next_out = (unsigned char *)out->p + out->n;
    z.avail_out = (uInt)(out->cap - out->n - 1);
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    out->n += z.total_out;
    deflateEnd(&z);
}

static void zstd_bytes(const char *p, size_t n, sc_buf *out)
{
    size_t cap = ZSTD_compressBound(n);
    sc_buf_reserve(out, cap);
    size_t k = ZSTD_compress(out->p + out->n, cap, p, n, 3);
    assert_false(ZSTD_isError(k));
    out->n += k;
}

/* A generated DBLP file: a 2-line header, then n records of exactly 5 lines
 * each (record i starts on line 3 + 5 i, column 1), then </dblp>. Records
 * whose index is in bad[] use an undefined entity (on their 2nd line, col
 * 15). Authors carry a raw ISO-8859-1 byte (0xE9) and an entity. pad >= 7:
 * a comment of that many bytes after <dblp> (same line). */
static void gen_file(sc_buf *b, int n, const int *bad, size_t n_bad, size_t pad)
{
    sc_buf_adds(b, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<dblp>");
    if (pad >= 7) { /* a comment on line 2 shifts the records by pad bytes */
        sc_buf_adds(b, "<!--");
        for (size_t i = 0; i < pad - 7; i++) sc_buf_addc(b, 'p');
        sc_buf_adds(b, "-->");
    }
    sc_buf_addc(b, '\n');
    for (int i = 0; i < n; i++) {
        int is_bad = 0;
        for (size_t k = 0; k < n_bad; k++) is_bad |= bad[k] == i;
        sc_buf_printf(b, "<inproceedings mdate=\"2020-01-01\" key=\"conf/gen/R%d\">\n", i);
        sc_buf_printf(b, "<author>Ren\xe9 J%s %d</author><author>Second Author</author>\n",
                      is_bad ? "&nosuch;" : "&uuml;", i);
        sc_buf_printf(b, "<title>Generated title number %d, padded with some words.</title>\n", i);
        sc_buf_printf(b, "<year>%d</year>\n", 1990 + i % 30);
        sc_buf_adds(b, "</inproceedings>\n");
    }
    sc_buf_adds(b, "</dblp>\n");
}

/* Check a read of gen_file's output: every good record, at its line. */
static void check_gen(const collector *c, int n, const int *bad, size_t n_bad)
{
    assert_int_equal(c->papers.n, (size_t)n - n_bad);
    assert_int_equal(c->rejects.n, n_bad);
    size_t j = 0, k = 0;
    for (int i = 0; i < n; i++) {
        if (k < n_bad && bad[k] == i) {
            const treject *r = &c->rejects.v[k++];
            assert_int_equal(r->line, 3 + 5 * i + 1);
            assert_int_equal(r->col, 15);
            assert_non_null(strstr(r->what, "nosuch"));
            char key[64];
            snprintf(key, sizeof key, "key=\"conf/gen/R%d\"", i);
            assert_non_null(strstr(r->bytes, key));
            assert_true(strncmp(r->bytes, "<inproceedings ", 15) == 0);
            continue;
        }
        const tpaper *p = &c->papers.v[j++];
        char key[64], name[64];
        snprintf(key, sizeof key, "conf/gen/R%d", i);
        snprintf(name, sizeof name, "Ren\xc3\xa9 J\xc3\xbc %d", i);
        assert_string_equal(p->key, key);
        assert_string_equal(p->venue, "gen");
        assert_int_equal(p->year, 1990 + i % 30);
        assert_int_equal(p->line, 3 + 5 * i);
        assert_int_equal(p->col, 1);
        assert_int_equal(p->n_authors, 2);
        assert_string_equal(p->names[0], name);
        assert_string_equal(p->names[1], "Second Author");
    }
    assert_int_equal(j, c->papers.n);
    assert_int_equal(k, n_bad);
}

static const char *shared_dblp(char *out, size_t cap, const char *name)
{
    const char *d = getenv("SCOUT_SHARED_DATA");
    if (!d || !*d) d = "/work/shared/data";
    snprintf(out, cap, "%s/dblp/%s", d, name);
    struct stat st;
    return stat(out, &st) == 0 ? out : NULL;
}

/* ---- the real fixtures -------------------------------------------------- */

/* Record counts of the real fixtures, found independently of scout with
 * Python: the DTD's entities substituted by character references, the
 * DOCTYPE removed, then xml.etree.ElementTree over the document, counting
 * the root's children by tag:
 *   nonsistematicreview-dblp-excerpt.xml: article 12, book 3, www 8 (all 8
 *     with key="homepages/…") -> 15 papers, 8 persons;
 *   xcurator-dblp-sample(.with-doctype).xml: incollection 1144, book 144 ->
 *     1288 papers, 0 persons (`grep -o '<\(incollection\|book\) '` agrees).
 * Authors in the xcurator sample (regex over each record): 3027 <author>
 * plus 128 <editor> in the 56 records without authors = 3155. */

static void test_excerpt(void **state)
{
    SC_UNUSED(state);
    char path[1024];
    if (!shared_dblp(path, sizeof path, "nonsistematicreview-dblp-excerpt.xml")) skip();
    collector c;
    coll_init(&c);
    sc_error err;
    assert_int_equal(read_into(&c, path, NULL, &err), SC_OK);
    assert_int_equal(c.papers.n, 15);
    assert_int_equal(c.persons.n, 8);
    assert_int_equal(c.rejects.n, 0);

    const tpaper *p = &c.papers.v[0];
    assert_string_equal(p->key, "tr/meltdown/s18");
    assert_string_equal(p->venue, "tr/meltdown");
    assert_string_equal(p->title, "Spectre Attacks: Exploiting Speculative Execution.");
    assert_int_equal(p->year, 2018);
    assert_int_equal(p->n_authors, 10);
    assert_string_equal(p->names[0], "Paul Kocher");
    assert_string_equal(p->names[7], "Thomas Prescher 0002");
    assert_string_equal(p->dblp[7], "Thomas Prescher 0002");
    assert_string_equal(p->orcids[0], "");
    assert_int_equal(p->line, 4);
    assert_int_equal(p->col, 1);

    /* a record that starts right after the previous one's end tag */
    p = paper_by_key(&c, "tr/gte/TR-0222-10-92-165");
    assert_non_null(p);
    assert_int_equal(p->line, 52);
    assert_int_equal(p->col, 11);
    /* a record without authors */
    p = paper_by_key(&c, "tr/gte/TR-0263-08-94-165");
    assert_non_null(p);
    assert_int_equal(p->n_authors, 0);
    assert_int_equal(p->year, 1994);

    p = paper_by_key(&c, "tr/gte/TR-0146-06-91-165");
    assert_non_null(p);
    assert_string_equal(p->names[1], "M. Tamer \xc3\x96zsu"); /* &Ouml; */

    p = paper_by_key(&c, "journals/acta/Schonhage77");
    assert_non_null(p);
    assert_string_equal(p->venue, "journals/acta");
    assert_string_equal(p->names[0], "Arnold Sch\xc3\xb6nhage");
    assert_string_equal(p->title,
                        "Schnelle Multiplikation von Polynomen \xc3\xbc" "ber K\xc3\xb6rpern der "
                        "Charakteristik 2.");
    assert_int_equal(p->year, 0); /* <year>" "</year> */

    /* editors stand in for authors; the title's white space is trimmed */
    p = paper_by_key(&c, "reference/assisted/2012");
    assert_non_null(p);
    assert_string_equal(p->venue, "reference/assisted");
    assert_int_equal(p->n_authors, 8);
    assert_string_equal(p->names[0], "Juan Carlos Augusto");
    assert_string_equal(p->names[7], "Reiner Wichert");
    assert_string_equal(p->title, "Handbook of Ambient Assisted Living - Technology for "
                                  "Healthcare, Rehabilitation and Well-being");

    const tperson *w = person_by_key(&c, "homepages/l/HuaLu");
    assert_non_null(w);
    assert_int_equal(w->line, 190);
    assert_int_equal(w->col, 7);
    assert_int_equal(w->n_names, 1);
    assert_string_equal(w->names[0], "Hua Lu 0001");
    assert_int_equal(w->n_affs, 3);
    assert_string_equal(w->affs[0], "Roskilde University, Denmark");
    assert_string_equal(w->labels[0], "");
    assert_string_equal(w->affs[1], "Department of Computer Science, Aalborg University, Denmark");
    assert_string_equal(w->labels[1], "former");
    assert_string_equal(w->labels[2], "PhD 2007");
    assert_int_equal(w->n_orcids, 1);
    assert_string_equal(w->orcids[0], "0000-0003-1199-6678");

    w = person_by_key(&c, "homepages/l/BarbaraLiskov");
    assert_non_null(w);
    assert_int_equal(w->n_names, 2);
    assert_string_equal(w->names[1], "Barbara H. Liskov");
    assert_int_equal(w->n_affs, 1); /* the award notes are not affiliations */
    assert_string_equal(w->affs[0], "Massachusetts Institute of Technology");
    assert_int_equal(w->n_orcids, 0);

    w = person_by_key(&c, "homepages/l/FredericLoulergue");
    assert_non_null(w);
    assert_string_equal(w->names[0], "Fr\xc3\xa9" "d\xc3\xa9ric Loulergue");
    assert_int_equal(w->n_orcids, 1);
    assert_string_equal(w->orcids[0], "0000-0001-9301-7829");

    w = person_by_key(&c, "homepages/l/GuoqiangLi7");
    assert_non_null(w);
    assert_string_equal(w->affs[0], "Norwegian University of Science and Technology, Gj\xc3\xb8vik, Norway");

    w = person_by_key(&c, "homepages/m/AtsuyukiMorishima");
    assert_non_null(w);
    assert_int_equal(w->n_affs, 0); /* a <note> without type="affiliation" */
    coll_free(&c);
}

static void test_xcurator(void **state)
{
    SC_UNUSED(state);
    char plain[1024], doct[1024], dtd[1024];
    if (!shared_dblp(plain, sizeof plain, "xcurator-dblp-sample.xml") ||
        !shared_dblp(doct, sizeof doct, "xcurator-dblp-sample.with-doctype.xml") ||
        !shared_dblp(dtd, sizeof dtd, "dblp.dtd"))
        skip();
    collector a, b;
    coll_init(&a);
    coll_init(&b);
    a.with_pos = b.with_pos = 0;
    sc_error err;
    /* no DOCTYPE line: the DTD beside the file is loaded anyway */
    assert_int_equal(read_into(&a, plain, NULL, &err), SC_OK);
    assert_int_equal(read_into(&b, doct, dtd, &err), SC_OK);
    assert_int_equal(a.papers.n, 1288);
    assert_int_equal(a.persons.n, 0);
    assert_int_equal(a.rejects.n, 0);
    assert_int_equal(b.papers.n, 1288);
    assert_int_equal(b.rejects.n, 0);
    assert_int_equal(a.dump.n, b.dump.n);
    assert_memory_equal(a.dump.p, b.dump.p, a.dump.n);

    size_t n_authors = 0;
    for (size_t i = 0; i < a.papers.n; i++) {
        n_authors += a.papers.v[i].n_authors;
        assert_int_equal(a.papers.v[i].line + 1, b.papers.v[i].line); /* one line more */
    }
    assert_int_equal(n_authors, 3155);

    const tpaper *p = &a.papers.v[0];
    assert_string_equal(p->key, "series/cogtech/Zancanaro12");
    assert_string_equal(p->venue, "series/cogtech");
    assert_int_equal(p->line, 3);
    assert_int_equal(p->col, 1);
    assert_int_equal(b.papers.v[0].line, 4);

    p = paper_by_key(&a, "series/class/Meyer-Waarden05");
    assert_non_null(p);
    assert_int_equal(p->line, 3620);
    assert_string_equal(p->title, "Loyalty Programs and Their Impact on Repeat Purchase Behaviour: "
                                  "An Extension on the \"Single Source\" Panel BehaviorScan.");
    assert_int_equal(p->year, 2005);

    p = paper_by_key(&a, "series/cogtech/BertonKHS06");
    assert_non_null(p);
    assert_string_equal(p->names[0], "Andr\xc3\xa9 Berton");
    assert_int_equal(p->n_authors, 4);

    int found_unlu = 0;
    for (size_t i = 0; i < a.papers.n; i++)
        for (size_t k = 0; k < a.papers.v[i].n_authors; k++)
            found_unlu |= strcmp(a.papers.v[i].names[k], "Ali \xc3\x9cnl\xc3\xbc") == 0;
    assert_true(found_unlu);
    coll_free(&a);
    coll_free(&b);
}

/* ---- hand-written fixtures ---------------------------------------------- */

static void test_small(void **state)
{
    SC_UNUSED(state);
    collector c;
    coll_init(&c);
    sc_error err;
    assert_int_equal(read_into(&c, FIX "small.xml", NULL, &err), SC_OK);
    assert_int_equal(c.papers.n, 6); /* <www key="www/…"> is neither */
    assert_int_equal(c.persons.n, 1);
    assert_int_equal(c.rejects.n, 0);

    const tpaper *p = &c.papers.v[0];
    assert_string_equal(p->key, "conf/nips/WangM18");
    assert_string_equal(p->venue, "nips");
    assert_string_equal(p->title, "On k-SAT and H2O & Friends.");
    assert_int_equal(p->year, 2018);
    assert_int_equal(p->line, 5);
    assert_int_equal(p->col, 1);
    assert_int_equal(p->n_authors, 2);
    assert_string_equal(p->names[0], "Wei Wang 0001");
    assert_string_equal(p->dblp[0], "Wei Wang 0001");
    assert_string_equal(p->orcids[0], "0000-0002-1825-0097");
    assert_string_equal(p->names[1], "J\xc3\xbcrgen M\xc3\xbcller");
    assert_string_equal(p->orcids[1], "");

    p = &c.papers.v[1];
    assert_string_equal(p->venue, "journals/tkde");
    assert_string_equal(p->title, "Distributed Data Management.");
    assert_string_equal(p->names[0], "M. Tamer \xc3\x96zsu");
    assert_int_equal(p->line, 11);
    assert_int_equal(p->col, 17);

    p = &c.papers.v[2];
    assert_string_equal(p->key, "conf/ICML/2017");
    assert_string_equal(p->venue, "icml");
    assert_int_equal(p->n_authors, 2); /* editors */
    assert_string_equal(p->names[1], "Yee Whye Teh");
    assert_string_equal(p->orcids[1], "0000-0001-2345-6789");

    p = &c.papers.v[3];
    assert_string_equal(p->key, "phd/de/Schroder2015");
    assert_string_equal(p->title, "Gro\xc3\x9f" "e Modelle.");
    p = &c.papers.v[4];
    assert_string_equal(p->key, "data/10/ImageNet");
    assert_string_equal(p->title, "");
    assert_int_equal(p->year, 2009);
    p = &c.papers.v[5];
    assert_int_equal(p->year, 0);
    assert_string_equal(p->venue, "corr/abs-2001-00001");

    const tperson *w = &c.persons.v[0];
    assert_string_equal(w->key, "homepages/w/WeiWang1");
    assert_int_equal(w->line, 23);
    assert_int_equal(w->n_names, 2);
    assert_string_equal(w->names[0], "Wei Wang 0001");
    assert_string_equal(w->names[1], "W. Wang 0001");
    assert_int_equal(w->n_affs, 2);
    assert_string_equal(w->affs[1], "Stanford University, CA, USA");
    assert_string_equal(w->labels[1], "former");
    assert_string_equal(w->labels[0], "");
    /* from the author attribute and two orcid.org URLs, without repeats */
    assert_int_equal(w->n_orcids, 2);
    assert_string_equal(w->orcids[0], "0000-0002-1825-0097");
    assert_string_equal(w->orcids[1], "0000-0003-0000-0001");
    coll_free(&c);
}

static void test_bad_entity(void **state)
{
    SC_UNUSED(state);
    collector c;
    coll_init(&c);
    sc_error err;
    assert_int_equal(read_into(&c, FIX "bad-entity.xml", NULL, &err), SC_OK);
    assert_int_equal(c.papers.n, 3);
    assert_string_equal(c.papers.v[0].key, "journals/x/One");
    assert_string_equal(c.papers.v[1].key, "journals/x/Three");
    assert_string_equal(c.papers.v[1].title, "Thr\xc3\xa9" "e.");
    assert_int_equal(c.papers.v[1].line, 14);
    assert_string_equal(c.papers.v[2].key, "journals/x/Four");
    assert_int_equal(c.papers.v[2].line, 18);
    assert_int_equal(c.papers.v[2].col, 11);
    assert_int_equal(c.rejects.n, 1);
    const treject *r = &c.rejects.v[0];
    assert_int_equal(r->line, 10);
    assert_int_equal(r->col, 13);
    assert_non_null(strstr(r->what, "undefined entity"));
    assert_non_null(strstr(r->what, "journals/x/Two"));
    assert_true(strncmp(r->bytes, "<article mdate=\"2020-01-01\" key=\"journals/x/Two\">", 49) == 0);
    assert_non_null(strstr(r->bytes, "</article>"));
    assert_null(strstr(r->bytes, "Three"));
    coll_free(&c);
}

static void test_mismatched(void **state)
{
    SC_UNUSED(state);
    collector c;
    coll_init(&c);
    sc_error err;
    assert_int_equal(read_into(&c, FIX "mismatched.xml", NULL, &err), SC_OK);
    assert_int_equal(c.papers.n, 3);
    assert_string_equal(c.papers.v[0].key, "conf/icml/One");
    assert_string_equal(c.papers.v[0].names[0], "Stefan M\xc3\xbcller");
    assert_string_equal(c.papers.v[1].key, "conf/icml/Three");
    assert_int_equal(c.papers.v[1].line, 13);
    assert_string_equal(c.papers.v[2].key, "conf/icml/Four");
    assert_int_equal(c.papers.v[2].line, 17);
    assert_int_equal(c.rejects.n, 2);
    assert_int_equal(c.rejects.v[0].line, 10);
    assert_int_equal(c.rejects.v[0].col, 14);
    assert_non_null(strstr(c.rejects.v[0].what, "mismatched tag"));
    assert_non_null(strstr(c.rejects.v[0].what, "conf/icml/Two"));
    assert_int_equal(c.rejects.v[1].line, 16);
    assert_non_null(strstr(c.rejects.v[1].bytes, "</oops>"));
    coll_free(&c);
}

static void test_nested(void **state)
{
    SC_UNUSED(state);
    collector c;
    coll_init(&c);
    sc_error err;
    assert_int_equal(read_into(&c, FIX "nested.xml", NULL, &err), SC_OK);
    assert_int_equal(c.papers.n, 1);
    assert_string_equal(c.papers.v[0].key, "journals/x/Next");
    assert_int_equal(c.papers.v[0].line, 8);
    assert_string_equal(c.papers.v[0].names[0], "Next Author");
    assert_int_equal(c.rejects.n, 1);
    assert_int_equal(c.rejects.v[0].line, 4);
    assert_int_equal(c.rejects.v[0].col, 1);
    assert_non_null(strstr(c.rejects.v[0].what, "not closed"));
    assert_non_null(strstr(c.rejects.v[0].what, "journals/x/Open"));
    coll_free(&c);
}

static void test_truncated_xml(void **state)
{
    SC_UNUSED(state);
    collector c;
    coll_init(&c);
    sc_error err;
    assert_int_equal(read_into(&c, FIX "truncated.xml", NULL, &err), SC_OK);
    assert_int_equal(c.papers.n, 1);
    assert_string_equal(c.papers.v[0].key, "journals/x/Whole");
    assert_int_equal(c.rejects.n, 1);
    assert_int_equal(c.rejects.v[0].line, 9);
    assert_int_equal(c.rejects.v[0].col, 1);
    assert_non_null(strstr(c.rejects.v[0].what, "truncated"));
    assert_non_null(strstr(c.rejects.v[0].what, "journals/x/Cut"));
    assert_non_null(strstr(c.rejects.v[0].bytes, "<title>Cut sho"));
    coll_free(&c);

    /* cut between records: nothing lost, but the missing </dblp> is said */
    sc_buf b = {0};
    gen_file(&b, 3, NULL, 0, 0);
    char path[1024];
    tmp_path(path, sizeof path, "between.xml");
    write_file(path, b.p, b.n - strlen("</dblp>\n"));
    coll_init(&c);
    assert_int_equal(read_into(&c, path, FIX "dblp.dtd", &err), SC_OK);
    assert_int_equal(c.papers.n, 3);
    assert_int_equal(c.rejects.n, 1);
    assert_non_null(strstr(c.rejects.v[0].what, "</dblp>"));
    coll_free(&c);
    sc_buf_free(&b);
}

static void test_not_dblp(void **state)
{
    SC_UNUSED(state);
    collector c;
    coll_init(&c);
    sc_error err;
    assert_int_equal(read_into(&c, FIX "notdblp.xml", NULL, &err), SC_EINPUT);
    assert_non_null(strstr(err.msg, "not DBLP XML"));
    assert_non_null(strstr(err.msg, "notdblp.xml"));
    assert_int_equal(c.papers.n, 0);
    coll_free(&c);

    char path[1024];
    tmp_path(path, sizeof path, "garbage.bin");
    unsigned char junk[4096];
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < sizeof junk; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        junk[i] = (unsigned char)x;
    }
    write_file(path, junk, sizeof junk);
    coll_init(&c);
    assert_int_equal(read_into(&c, path, FIX "dblp.dtd", &err), SC_EINPUT);
    assert_non_null(strstr(err.msg, "not DBLP XML"));
    coll_free(&c);

    tmp_path(path, sizeof path, "empty.xml");
    write_file(path, "", 0);
    coll_init(&c);
    assert_int_equal(read_into(&c, path, FIX "dblp.dtd", &err), SC_EINPUT);
    assert_non_null(strstr(err.msg, "not DBLP XML"));
    coll_free(&c);

    coll_init(&c);
    assert_int_equal(read_into(&c, FIX "no-such-file.xml", FIX "dblp.dtd", &err), SC_EINPUT);
    assert_non_null(strstr(err.msg, "no-such-file.xml"));
    coll_free(&c);
}

static void test_missing_dtd(void **state)
{
    SC_UNUSED(state);
    char dir[1024], path[1100], want[1100];
    tmp_path(dir, sizeof dir, "nodtd");
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(path, sizeof path, "%s/small.xml", dir);
    sc_buf b = {0};
    slurp(FIX "small.xml", &b);
    write_file(path, b.p, b.n);
    sc_buf_free(&b);

    collector c;
    coll_init(&c);
    sc_error err;
    assert_int_equal(read_into(&c, path, NULL, &err), SC_EINPUT);
    snprintf(want, sizeof want, "%s/dblp.dtd", dir);
    assert_non_null(strstr(err.msg, "DTD not found"));
    assert_non_null(strstr(err.msg, want));
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, "--dtd"));
    assert_int_equal(c.papers.n, 0);
    coll_free(&c);

    coll_init(&c);
    assert_int_equal(read_into(&c, FIX "small.xml", "/nonexistent/dir/my.dtd", &err), SC_EINPUT);
    assert_non_null(strstr(err.msg, "/nonexistent/dir/my.dtd"));
    coll_free(&c);

    /* a DTD that is not one: an error naming it, not a crash or silence */
    char bad_dtd[1100];
    snprintf(bad_dtd, sizeof bad_dtd, "%s/bad.dtd", dir);
    write_file(bad_dtd, "<!ENTITY broken \"&#252;\" <<<\n", 29);
    coll_init(&c);
    assert_int_equal(read_into(&c, path, bad_dtd, &err), SC_EINPUT);
    assert_non_null(strstr(err.msg, bad_dtd));
    assert_non_null(strstr(err.msg, "DTD"));
    coll_free(&c);

    /* an explicit DTD that exists makes the copy readable */
    coll_init(&c);
    assert_int_equal(read_into(&c, path, FIX "dblp.dtd", &err), SC_OK);
    assert_int_equal(c.papers.n, 6);
    coll_free(&c);
}

/* ---- compression, chunking, recovery at scale ---------------------------- */

static void test_gzip_zstd(void **state)
{
    SC_UNUSED(state);
    /* the small fixture, and a generated file spanning several 1 MB chunks */
    sc_buf small = {0}, big = {0};
    slurp(FIX "small.xml", &small);
    const int n_big = 16000;
    gen_file(&big, n_big, NULL, 0, 0);
    assert_true(big.n > (3u << 20));
    const sc_buf *srcs[2] = {&small, &big};
    for (int s = 0; s < 2; s++) {
        char plain[1024], gz[1024], zst[1024];
        tmp_path(plain, sizeof plain, s ? "big.xml" : "small.xml");
        tmp_path(gz, sizeof gz, s ? "big.xml.gz" : "small.xml.gz");
        tmp_path(zst, sizeof zst, s ? "big.xml.zst" : "small.xml.zst");
        write_file(plain, srcs[s]->p, srcs[s]->n);
        sc_buf z = {0};
        gzip_bytes(srcs[s]->p, srcs[s]->n, &z);
        write_file(gz, z.p, z.n);
        z.n = 0;
        zstd_bytes(srcs[s]->p, srcs[s]->n, &z);
        write_file(zst, z.p, z.n);
        sc_buf_free(&z);

        collector a, b, c;
        coll_init(&a);
        coll_init(&b);
        coll_init(&c);
        sc_error err;
        assert_int_equal(read_into(&a, plain, FIX "dblp.dtd", &err), SC_OK);
        assert_int_equal(read_into(&b, gz, FIX "dblp.dtd", &err), SC_OK);
        assert_int_equal(read_into(&c, zst, FIX "dblp.dtd", &err), SC_OK);
        assert_int_equal(a.papers.n, s ? (size_t)n_big : 6);
        if (s) check_gen(&a, n_big, NULL, 0);
        assert_int_equal(a.dump.n, b.dump.n);
        assert_memory_equal(a.dump.p, b.dump.p, a.dump.n);
        assert_int_equal(a.dump.n, c.dump.n);
        assert_memory_equal(a.dump.p, c.dump.p, a.dump.n);
        coll_free(&a);
        coll_free(&b);
        coll_free(&c);
    }
    sc_buf_free(&small);
    sc_buf_free(&big);
}

static void test_truncated_archives(void **state)
{
    SC_UNUSED(state);
    sc_buf src = {0}, z = {0};
    const int n = 8000;
    gen_file(&src, n, NULL, 0, 0);
    char path[1024];
    for (int kind = 0; kind < 2; kind++) {
        z.n = 0;
        if (kind == 0) gzip_bytes(src.p, src.n, &z);
        else zstd_bytes(src.p, src.n, &z);
        tmp_path(path, sizeof path, kind == 0 ? "cut.xml.gz" : "cut.xml.zst");
        write_file(path, z.p, z.n / 2);
        collector c;
        coll_init(&c);
        sc_error err;
        assert_int_equal(read_into(&c, path, FIX "dblp.dtd", &err), SC_EINPUT);
        assert_non_null(strstr(err.msg, path));
        assert_non_null(strstr(err.msg, kind == 0 ? "gzip" : "zstd"));
        /* what came before the cut was read, and read right */
        assert_true(c.papers.n > 0 && c.papers.n < (size_t)n);
        for (size_t i = 0; i < c.papers.n; i++) assert_int_equal(c.papers.v[i].line, 3 + 5 * i);
        coll_free(&c);
    }
    sc_buf_free(&src);
    sc_buf_free(&z);
}

static void test_recovery_at_scale(void **state)
{
    SC_UNUSED(state);
    /* Records of ~224 bytes: the 1 MB chunk boundaries fall near records
     * 4695 and 9376. Bad records: the first ones, runs around both
     * boundaries, the last one; the file is padded so that the undefined
     * entity of record 4695 straddles the first boundary. */
    const int n = 14000;
    int bad[64];
    size_t n_bad = 0;
    bad[n_bad++] = 0;
    bad[n_bad++] = 1;
    bad[n_bad++] = 2000;
    for (int i = 4685; i <= 4705; i += (i < 4693 || i > 4697) ? 3 : 1) bad[n_bad++] = i;
    for (int i = 9370; i <= 9382; i += 2) bad[n_bad++] = i;
    bad[n_bad++] = n - 1;
    sc_buf b = {0};
    gen_file(&b, n, bad, n_bad, 0);
    const char *r4695 = strstr(b.p, "key=\"conf/gen/R4695\"");
    assert_non_null(r4695);
    const char *ent = strstr(r4695, "&nosuch;");
    size_t ent_off = (size_t)(ent - b.p);
    assert_true(ent_off + 10 <= (1u << 20));
    b.n = 0;
    gen_file(&b, n, bad, n_bad, (1u << 20) - 3 - ent_off); /* "&no|such;" */
    assert_memory_equal(b.p + (1u << 20) - 3, "&nosuch;", 8);
    char path[1024];
    tmp_path(path, sizeof path, "scale.xml");
    write_file(path, b.p, b.n);
    collector c;
    coll_init(&c);
    sc_error err;
    assert_int_equal(read_into(&c, path, FIX "dblp.dtd", &err), SC_OK);
    check_gen(&c, n, bad, n_bad);
    coll_free(&c);

    /* the same through gzip */
    sc_buf z = {0};
    gzip_bytes(b.p, b.n, &z);
    tmp_path(path, sizeof path, "scale.xml.gz");
    write_file(path, z.p, z.n);
    coll_init(&c);
    assert_int_equal(read_into(&c, path, FIX "dblp.dtd", &err), SC_OK);
    check_gen(&c, n, bad, n_bad);
    coll_free(&c);
    sc_buf_free(&z);
    sc_buf_free(&b);
}

/* ---- hostile input ------------------------------------------------------- */

static void test_garbage_inside(void **state)
{
    SC_UNUSED(state);
    sc_buf a = {0}, b = {0}, f = {0};
    gen_file(&a, 20, NULL, 0, 0);
    gen_file(&b, 20, NULL, 0, 0);
    /* records, binary junk, a stray comment start, more records */
    sc_buf_add(&f, a.p, a.n - strlen("</dblp>\n"));
    unsigned char junk[3000];
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (size_t i = 0; i < sizeof junk; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        junk[i] = (unsigned char)x;
    }
    sc_buf_add(&f, junk, sizeof junk);
    sc_buf_adds(&f, "\n<article key=\"x/y/z\"><title>bad &amp</title></article>\n");
    const char *rest = strstr(b.p, "<dblp>\n") + strlen("<dblp>\n");
    sc_buf_add(&f, rest, b.n - (size_t)(rest - b.p));
    char path[1024];
    tmp_path(path, sizeof path, "junk.xml");
    write_file(path, f.p, f.n);
    collector c;
    coll_init(&c);
    sc_error err;
    assert_int_equal(read_into(&c, path, FIX "dblp.dtd", &err), SC_OK);
    assert_int_equal(c.papers.n, 40);
    assert_true(c.rejects.n >= 1);
    assert_string_equal(c.papers.v[39].key, "conf/gen/R19");
    coll_free(&c);
    sc_buf_free(&a);
    sc_buf_free(&b);
    sc_buf_free(&f);
}

static void test_huge_and_deep(void **state)
{
    SC_UNUSED(state);
    sc_buf f = {0};
    sc_buf_adds(&f, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<dblp>\n");
    /* a 6 MB title: over the per-record cap, rejected, reading goes on */
    sc_buf_adds(&f, "<article key=\"journals/x/Huge\"><author>Big</author><title>");
    for (int i = 0; i < 6 * 1024; i++) {
        char line[1024];
        memset(line, 'a' + i % 26, sizeof line);
        sc_buf_add(&f, line, sizeof line);
    }
    sc_buf_adds(&f, "</title></article>\n");
    /* 50 000 nested inline elements in a title */
    sc_buf_adds(&f, "<article key=\"journals/x/Deep\"><title>");
    for (int i = 0; i < 50000; i++) sc_buf_adds(&f, "<i>x");
    for (int i = 0; i < 50000; i++) sc_buf_adds(&f, "</i>");
    sc_buf_adds(&f, "</title><year>2000</year></article>\n");
    sc_buf_adds(&f, "<article key=\"journals/x/After\"><title>After.</title></article>\n</dblp>\n");
    char path[1024];
    tmp_path(path, sizeof path, "huge.xml");
    write_file(path, f.p, f.n);
    collector c;
    coll_init(&c);
    sc_error err;
    assert_int_equal(read_into(&c, path, FIX "dblp.dtd", &err), SC_OK);
    assert_int_equal(c.papers.n, 2);
    assert_string_equal(c.papers.v[0].key, "journals/x/Deep");
    assert_int_equal(strlen(c.papers.v[0].title), 50000);
    assert_int_equal(c.papers.v[0].year, 2000);
    assert_string_equal(c.papers.v[1].key, "journals/x/After");
    assert_int_equal(c.rejects.n, 1);
    assert_non_null(strstr(c.rejects.v[0].what, "too large"));
    assert_int_equal(c.rejects.v[0].line, 3);
    coll_free(&c);
    sc_buf_free(&f);
}

#ifndef DBLP_FUZZ_ITERS /* more: make … CFLAGS=-DDBLP_FUZZ_ITERS=20000 */
#define DBLP_FUZZ_ITERS 400
#endif

static void test_fuzz(void **state)
{
    SC_UNUSED(state);
    sc_buf base = {0}, m = {0};
    slurp(FIX "small.xml", &base);
    char path[1024];
    tmp_path(path, sizeof path, "fuzz.xml");
    uint64_t x = 0x243F6A8885A308D3ULL;
#define RND() (x ^= x << 13, x ^= x >> 7, x ^= x << 17, x)
    static const char inserts[][12] = {"<", "&", ">", "</", "<article ", "&bogus;", "]]>",
                                       "<!--", "\"", "<www ", "\x01", "\xff"};
    for (int iter = 0; iter < DBLP_FUZZ_ITERS; iter++) {
        m.n = 0;
        sc_buf_add(&m, base.p, base.n);
        int edits = 1 + (int)(RND() % 4);
        for (int e = 0; e < edits; e++) {
            size_t at = (size_t)(RND() % (m.n + 1));
            switch (RND() % 4) {
            case 0: /* truncate */
                m.n = at;
                break;
            case 1: /* flip a byte */
                if (at < m.n) m.p[at] = (char)RND();
                break;
            case 2: { /* insert a token */
                const char *t = inserts[RND() % (sizeof inserts / sizeof inserts[0])];
                size_t tn = strlen(t);
                sc_buf_reserve(&m, tn);
                memmove(m.p + at + tn, m.p + at, m.n - at);
                memcpy(m.p + at, t, tn);
                m.n += tn;
                break;
            }
            default: { /* delete a run */
                size_t k = (size_t)(RND() % 40);
                if (k > m.n - at) k = m.n - at;
                memmove(m.p + at, m.p + at + k, m.n - at - k);
                m.n -= k;
            }
            }
        }
        write_file(path, m.p, m.n);
        collector c;
        coll_init(&c);
        sc_error err;
        int rc = read_into(&c, path, FIX "dblp.dtd", &err);
        assert_true(rc == SC_OK || rc == SC_EINPUT);
        if (rc) assert_true(err.msg[0] != 0);
        assert_true(c.papers.n <= 12 && c.persons.n <= 3);
        coll_free(&c);
    }
#undef RND
    sc_buf_free(&base);
    sc_buf_free(&m);
}

static void test_sink_stop(void **state)
{
    SC_UNUSED(state);
    collector c;
    coll_init(&c);
    c.stop_after = 2;
    sc_error err;
    assert_int_equal(read_into(&c, FIX "small.xml", NULL, &err), 7);
    assert_int_equal(c.papers.n, 2);
    assert_int_equal(c.persons.n, 0);
    coll_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_excerpt),
        cmocka_unit_test(test_xcurator),
        cmocka_unit_test(test_small),
        cmocka_unit_test(test_bad_entity),
        cmocka_unit_test(test_mismatched),
        cmocka_unit_test(test_nested),
        cmocka_unit_test(test_truncated_xml),
        cmocka_unit_test(test_not_dblp),
        cmocka_unit_test(test_missing_dtd),
        cmocka_unit_test(test_gzip_zstd),
        cmocka_unit_test(test_truncated_archives),
        cmocka_unit_test(test_recovery_at_scale),
        cmocka_unit_test(test_garbage_inside),
        cmocka_unit_test(test_huge_and_deep),
        cmocka_unit_test(test_fuzz),
        cmocka_unit_test(test_sink_stop),
    };
    return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
