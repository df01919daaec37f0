/*
 * test_demo.c — the demo-world generator (sc_demo_generate): same seed, same
 * bytes; another seed, other bytes; every source file valid and aligned;
 * the truth files agree with the counts and contain every trap (homonyms,
 * name variants, internships, dual affiliations); DBLP XML well-formed with
 * its DTD; errors name the path.
 */
#include <dirent.h>
#include <errno.h>
#include <expat.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "testutil.h"

#include "scout.h"
#include "util/json.h"
#include "util/util.h"

/* ---- helpers ---- */

static char *tmpdir_make(void)
{
    const char *base = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/scout-demo-XXXXXX", base && *base ? base : "/tmp");
    char *d = mkdtemp(path);
    assert_non_null(d);
    return strdup(d);
}

static void rm_rf(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            char sub[4096];
            snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
            rm_rf(sub);
        }
        closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static char *slurp_at(const char *dir, const char *rel, size_t *n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    return slurp(path, n);
}

typedef struct {
    char **v;
    size_t n, cap;
} strlist;

static void list_add(strlist *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = strdup(s);
}

static void list_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file under root, as paths relative to it, sorted. */
static void list_files(const char *root, const char *rel, strlist *out)
{
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char sub[4096], full[8192];
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        snprintf(full, sizeof full, "%s/%s", root, sub);
        struct stat st;
        if (stat(full, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) list_files(root, sub, out);
        else list_add(out, sub);
    }
    closedir(d);
    if (!*rel) qsort(out->v, out->n, sizeof *out->v, cmp_str);
}

/* 1 when both trees hold the same files with the same bytes. */
static int same_tree(const char *a, const char *b)
{
    strlist la = {0}, lb = {0};
    list_files(a, "", &la);
    list_files(b, "", &lb);
    int same = la.n == lb.n && la.n > 0;
    for (size_t i = 0; same && i < la.n; i++) {
        same = !strcmp(la.v[i], lb.v[i]);
        if (!same) break;
        size_t na, nb;
        char *pa = slurp_at(a, la.v[i], &na), *pb = slurp_at(b, lb.v[i], &nb);
        same = pa && pb && na == nb && memcmp(pa, pb, na) == 0;
        if (!same) print_message("differs: %s\n", la.v[i]);
        free(pa);
        free(pb);
    }
    list_free(&la);
    list_free(&lb);
    return same;
}

static int gen(const char *dir, uint64_t seed, uint64_t people, int dblp, int pl,
               sc_demo_result *res, sc_error *err)
{
    sc_demo_options o = {0};
    o.seed = seed;
    o.people = people;
    o.first_year = 2010;
    o.last_year = 2020;
    o.write_dblp = dblp;
    o.write_paperlists = pl;
    return sc_demo_generate(dir, &o, res, err);
}

/* A field of a flat JSON object: kind, raw bytes (strings, numbers) and the
 * number of items (arrays). */
typedef struct {
    sc_json_kind kind;
    sc_span raw;
    size_t items;
    long num;
} field;

static int get_field(const char *obj, size_t n, const char *key, field *f)
{
    sc_json j;
    sc_span k;
    int esc;
    memset(f, 0, sizeof *f);
    sc_json_init(&j, obj, n);
    if (sc_json_object(&j)) return -1;
    int r;
    while ((r = sc_json_key(&j, &k, &esc)) == 1) {
        if (!sc_span_eq(k, key)) {
            if (sc_json_skip(&j)) return -1;
            continue;
        }
        f->kind = sc_json_peek(&j);
        switch (f->kind) {
        case SC_JSON_STRING: return sc_json_string(&j, &f->raw, &esc);
        case SC_JSON_NUMBER:
            if (sc_json_number(&j, &f->raw)) return -1;
            f->num = strtol(f->raw.p, NULL, 10);
            return 0;
        case SC_JSON_ARRAY:
            if (sc_json_array(&j)) return -1;
            while ((r = sc_json_item(&j)) == 1) {
                f->items++;
                if (sc_json_skip(&j)) return -1;
            }
            return r;
        default: return sc_json_skip(&j);
        }
    }
    return -1; /* not found */
}

static size_t count_char(sc_span s, char c)
{
    size_t k = 0;
    for (size_t i = 0; i < s.n; i++) k += s.p[i] == c;
    return k;
}

/* ---- fixtures: one small world, generated once for the read-only tests ---- */

static char *world;
static sc_demo_result world_res;

static int setup(void **state)
{
    (void)state;
    sc_error err = {0};
    world = tmpdir_make();
    int rc = gen(world, 7, 600, 1, 1, &world_res, &err);
    if (rc) print_message("generate: %s\n", err.msg);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    rm_rf(world);
    free(world);
    return 0;
}

/* ---- tests ---- */

static void test_deterministic(void **state)
{
    (void)state;
    char *b = tmpdir_make();
    sc_demo_result r;
    sc_error err = {0};
    assert_int_equal(gen(b, 7, 600, 1, 1, &r, &err), SC_OK);
    assert_true(same_tree(world, b));
    assert_memory_equal(&r, &world_res, sizeof r);
    rm_rf(b);
    free(b);
}

static void test_other_seed(void **state)
{
    (void)state;
    char *b = tmpdir_make();
    sc_demo_result r;
    sc_error err = {0};
    assert_int_equal(gen(b, 8, 600, 1, 1, &r, &err), SC_OK);
    assert_false(same_tree(world, b));
    size_t n1, n2;
    char *p1 = slurp_at(world, "truth/people.jsonl", &n1), *p2 = slurp_at(b, "truth/people.jsonl", &n2);
    assert_true(n1 != n2 || memcmp(p1, p2, n1) != 0);
    free(p1);
    free(p2);
    rm_rf(b);
    free(b);
}

/* Every venue-year file is one valid JSON array of papers whose per-author
 * fields line up; the totals are the result's. */
static void test_sources_valid(void **state)
{
    (void)state;
    strlist files = {0};
    list_files(world, "", &files);
    uint64_t papers = 0, authors = 0;
    size_t jsons = 0;
    for (size_t i = 0; i < files.n; i++) {
        const char *rel = files.v[i];
        size_t len = strlen(rel);
        if (strncmp(rel, "sources/", 8) || len < 5 || strcmp(rel + len - 5, ".json")) continue;
        jsons++;
        /* VENUE/VENUEYYYY.json, like the real corpus */
        const char *v = rel + 8, *slash = strchr(v, '/');
        assert_non_null(slash);
        assert_int_equal(strncmp(v, slash + 1, (size_t)(slash - v)), 0);
        size_t n;
        char *buf = slurp_at(world, rel, &n);
        assert_non_null(buf);
        sc_json j;
        sc_json_init(&j, buf, n);
        if (sc_json_validate(&j)) fail_msg("%s: invalid JSON: %s", rel, j.err);
        sc_json_init(&j, buf, n);
        assert_int_equal(sc_json_array(&j), 0);
        while (sc_json_item(&j) == 1) {
            const char *start = j.p;
            assert_int_equal(sc_json_skip(&j), 0);
            size_t on = (size_t)(j.p - start);
            field fa, ff, fd, fn, fid, fc;
            assert_int_equal(get_field(start, on, "author", &fa), 0);
            assert_int_equal(get_field(start, on, "aff", &ff), 0);
            assert_int_equal(get_field(start, on, "aff_domain", &fd), 0);
            assert_int_equal(get_field(start, on, "author_num", &fn), 0);
            assert_int_equal(get_field(start, on, "id", &fid), 0);
            assert_int_equal(get_field(start, on, "gs_citation", &fc), 0);
            assert_true(fc.kind == SC_JSON_NUMBER || fc.kind == SC_JSON_STRING);
            assert_int_equal(fa.kind, SC_JSON_STRING);
            size_t na = count_char(fa.raw, ';') + 1;
            assert_int_equal(count_char(ff.raw, ';') + 1, na);
            assert_int_equal(count_char(fd.raw, ';') + 1, na);
            assert_int_equal((size_t)fn.num, na);
            assert_true(fid.raw.n > 5 && memcmp(fid.raw.p, "demo-", 5) == 0);
            papers++;
            authors += na;
        }
        assert_null(j.err);
        free(buf);
    }
    assert_true(jsons > 20);
    assert_int_equal(papers, world_res.papers);
    assert_int_equal(authors, world_res.authorships);
    list_free(&files);
}

/* Lines of a file, each handed to fn. */
static size_t each_line(const char *rel, void (*fn)(void *, char *, size_t), void *ctx)
{
    size_t n, lines = 0;
    char *buf = slurp_at(world, rel, &n);
    assert_non_null(buf);
    for (char *p = buf; p < buf + n;) {
        char *e = memchr(p, '\n', (size_t)(buf + n - p));
        assert_non_null(e); /* every line ends with a newline */
        *e = 0;
        fn(ctx, p, (size_t)(e - p));
        lines++;
        p = e + 1;
    }
    free(buf);
    return lines;
}

static void check_move(void *ctx, char *line, size_t n)
{
    (void)ctx;
    sc_json j;
    sc_json_init(&j, line, n);
    assert_int_equal(sc_json_validate(&j), 0);
    field from, to, year, kind;
    assert_int_equal(get_field(line, n, "from_org", &from), 0);
    assert_int_equal(get_field(line, n, "to_org", &to), 0);
    assert_int_equal(get_field(line, n, "year", &year), 0);
    assert_int_equal(get_field(line, n, "kind", &kind), 0);
    assert_false(from.raw.n == to.raw.n && !memcmp(from.raw.p, to.raw.p, from.raw.n));
    assert_true(year.num >= 2010 && year.num <= 2020);
    assert_true(kind.raw.n > 0);
}

typedef struct {
    size_t homonyms, variants, interns, duals, people;
    long auth_sum;
    char **names; /* by person index, for the homonym check */
    strlist hom_pairs;
} people_stats;

static void check_person(void *ctx, char *line, size_t n)
{
    people_stats *st = ctx;
    sc_json j;
    sc_json_init(&j, line, n);
    assert_int_equal(sc_json_validate(&j), 0);
    field id, name, var, hom, intern, dual, auth, career;
    assert_int_equal(get_field(line, n, "person_id", &id), 0);
    assert_int_equal(get_field(line, n, "name", &name), 0);
    assert_int_equal(get_field(line, n, "variants", &var), 0);
    assert_int_equal(get_field(line, n, "homonym_of", &hom), 0);
    assert_int_equal(get_field(line, n, "internships", &intern), 0);
    assert_int_equal(get_field(line, n, "dual", &dual), 0);
    assert_int_equal(get_field(line, n, "authorships", &auth), 0);
    assert_int_equal(get_field(line, n, "career", &career), 0);
    assert_true(career.items >= 1);
    assert_true(auth.num >= 1); /* everybody in the truth is in the sources */
    st->homonyms += hom.items > 0;
    st->variants += var.items > 1;
    st->interns += intern.items > 0;
    st->duals += dual.items > 0;
    st->auth_sum += auth.num;
    long idx = strtol(id.raw.p + 1, NULL, 10);
    assert_int_equal((size_t)idx, st->people);
    st->names[idx] = strndup(name.raw.p, name.raw.n);
    if (hom.items) {
        /* remember "idx other-id" pairs to check the names afterwards */
        const char *h = strstr(line, "\"homonym_of\":[\"P");
        assert_non_null(h);
        char pair[64];
        snprintf(pair, sizeof pair, "%ld %ld", idx, strtol(h + 16, NULL, 10));
        list_add(&st->hom_pairs, pair);
    }
    st->people++;
}

typedef struct {
    size_t rows, interns, duals, dual_strings;
} tsv_stats;

static void check_tsv(void *ctx, char *line, size_t n)
{
    tsv_stats *st = ctx;
    if (st->rows++ == 0) {
        assert_string_equal(line, "paper_id\tposition\tperson_id\torg\traw_affiliation\t"
                                  "is_internship\tis_dual\tdual_org");
        return;
    }
    char *col[8];
    size_t k = 0;
    col[k++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t') {
            *p = 0;
            assert_true(k < 8);
            col[k++] = p + 1;
        }
    assert_int_equal(k, 8);
    assert_true(atoi(col[1]) >= 1);
    assert_int_equal(col[2][0], 'P');
    assert_true(*col[3]);
    assert_null(strchr(col[4], ';'));
    st->interns += col[5][0] == '1';
    if (col[6][0] == '1') {
        st->duals++;
        assert_true(*col[7]);
        if (*col[4]) st->dual_strings++;
    }
    (void)n;
}

static void test_truth(void **state)
{
    (void)state;
    assert_int_equal(each_line("truth/moves.jsonl", check_move, NULL), world_res.moves);
    assert_true(world_res.moves > 0);

    people_stats ps = {0};
    ps.names = calloc(world_res.people, sizeof *ps.names);
    assert_int_equal(each_line("truth/people.jsonl", check_person, &ps), world_res.people);
    assert_int_equal(world_res.people, 600);
    assert_true(ps.homonyms >= 2);
    assert_true(ps.variants >= 1);
    assert_true(ps.interns >= 1);
    assert_true(ps.duals >= 1);
    assert_int_equal((uint64_t)ps.auth_sum, world_res.authorships);
    for (size_t i = 0; i < ps.hom_pairs.n; i++) {
        long a, b;
        assert_int_equal(sscanf(ps.hom_pairs.v[i], "%ld %ld", &a, &b), 2);
        assert_true(a != b && b < (long)world_res.people);
        assert_string_equal(ps.names[a], ps.names[b]);
    }
    for (size_t i = 0; i < world_res.people; i++) free(ps.names[i]);
    free(ps.names);
    list_free(&ps.hom_pairs);

    tsv_stats ts = {0};
    each_line("truth/authorships.tsv", check_tsv, &ts);
    assert_int_equal(ts.rows - 1, world_res.authorships);
    assert_true(ts.interns >= 1);
    assert_true(ts.duals >= 1 && ts.dual_strings >= 1);

    size_t n;
    char *orgs = slurp_at(world, "truth/orgs.jsonl", &n);
    assert_non_null(orgs);
    assert_non_null(strstr(orgs, "\"name\":\"DeepMind\""));
    assert_non_null(strstr(orgs, "\"parent\":\"Google\""));
    assert_non_null(strstr(orgs, "\"cs.stanford.edu\""));
    free(orgs);
}

/* ---- DBLP: well-formed, entities from the DTD, one record per paper ---- */

typedef struct {
    const char *dtd;
    uint64_t inproc, www, authors;
} xml_stats;

static int XMLCALL ext_ent(XML_Parser p, const XML_Char *context, const XML_Char *base,
                           const XML_Char *sys, const XML_Char *pub)
{
    (void)base;
    (void)pub;
    (void)sys;
    xml_stats *st = XML_GetUserData(p);
    size_t n;
    char *dtd = slurp(st->dtd, &n);
    if (!dtd) return XML_STATUS_ERROR;
    XML_Parser e = XML_ExternalEntityParserCreate(p, context, NULL);
    int ok = XML_Parse(e, dtd, (int)n, 1) == XML_STATUS_OK;
    XML_ParserFree(e);
    free(dtd);
    return ok ? XML_STATUS_OK : XML_STATUS_ERROR;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    xml_stats *st = ud;
    if (!strcmp(name, "inproceedings")) st->inproc++;
    else if (!strcmp(name, "www")) st->www++;
    else if (!strcmp(name, "author")) st->authors++;
}

static void parse_dblp(const char *dir, xml_stats *st)
{
    char xml[4096], dtd[4096];
    snprintf(xml, sizeof xml, "%s/sources/dblp/dblp.xml", dir);
    snprintf(dtd, sizeof dtd, "%s/sources/dblp/dblp.dtd", dir);
    st->dtd = dtd;
    size_t n;
    char *buf = slurp(xml, &n);
    assert_non_null(buf);
    XML_Parser p = XML_ParserCreate(NULL);
    XML_SetUserData(p, st);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_ALWAYS);
    XML_SetExternalEntityRefHandler(p, ext_ent);
    XML_SetStartElementHandler(p, on_start);
    if (XML_Parse(p, buf, (int)n, 1) != XML_STATUS_OK)
        fail_msg("dblp.xml:%lu: %s", (unsigned long)XML_GetCurrentLineNumber(p),
                 XML_ErrorString(XML_GetErrorCode(p)));
    XML_ParserFree(p);
    /* accented names come as entities the DTD declares */
    assert_non_null(strstr(buf, "&"));
    free(buf);
}

static void test_dblp(void **state)
{
    (void)state;
    xml_stats st = {0};
    parse_dblp(world, &st);
    assert_int_equal(st.inproc, world_res.papers);
    assert_true(st.www > 0 && st.www <= world_res.people);
    assert_true(st.authors > world_res.authorships);
}

static void test_dblp_only(void **state)
{
    (void)state;
    char *b = tmpdir_make();
    sc_demo_result r;
    sc_error err = {0};
    assert_int_equal(gen(b, 7, 600, 1, 0, &r, &err), SC_OK);
    strlist files = {0};
    list_files(b, "", &files);
    for (size_t i = 0; i < files.n; i++)
        assert_true(!strncmp(files.v[i], "sources/dblp/", 13) || !strncmp(files.v[i], "truth/", 6));
    /* the same world: same papers, same people */
    assert_int_equal(r.papers, world_res.papers);
    assert_int_equal(r.moves, world_res.moves);
    size_t n1, n2;
    char *x1 = slurp_at(world, "sources/dblp/dblp.xml", &n1), *x2 = slurp_at(b, "sources/dblp/dblp.xml", &n2);
    assert_true(n1 == n2 && !memcmp(x1, x2, n1));
    free(x1);
    free(x2);
    list_free(&files);
    rm_rf(b);
    free(b);
}

static void test_paperlists_default(void **state)
{
    (void)state;
    char *b = tmpdir_make();
    sc_demo_result r;
    sc_error err = {0};
    assert_int_equal(gen(b, 7, 50, 0, 0, &r, &err), SC_OK);
    char p[4096];
    struct stat st;
    snprintf(p, sizeof p, "%s/sources/dblp", b);
    assert_int_not_equal(stat(p, &st), 0);
    snprintf(p, sizeof p, "%s/truth/people.jsonl", b);
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(r.people, 50);
    rm_rf(b);
    free(b);
}

static void test_errors(void **state)
{
    (void)state;
    char *b = tmpdir_make();
    char file[4096], out[4200];
    snprintf(file, sizeof file, "%s/plain-file", b);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("x", f);
    fclose(f);
    snprintf(out, sizeof out, "%s/sub/world", file);
    sc_error err = {0};
    sc_demo_result r;
    int rc = gen(out, 1, 20, 0, 1, &r, &err);
    assert_true(rc == SC_EINPUT || rc == SC_EINTERNAL);
    assert_non_null(strstr(err.msg, file));

    sc_demo_options o = {0};
    o.first_year = 2020;
    o.last_year = 2010;
    assert_int_equal(sc_demo_generate(b, &o, &r, &err), SC_EUSAGE);
    assert_int_equal(sc_demo_generate(NULL, NULL, &r, &err), SC_EUSAGE);
    rm_rf(b);
    free(b);
}

/* A write that fails half way (file size limit: the same path as a full
 * disk) is an internal error naming the file, reported from the writer. */
static void test_write_error(void **state)
{
    (void)state;
    char *b = tmpdir_make();
    struct rlimit old, lim;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    lim = old;
    lim.rlim_cur = 256 * 1024;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    sc_demo_result r;
    sc_error err = {0};
    int rc = gen(b, 5, 3000, 0, 1, &r, &err);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, prev);
    int names_dir = strstr(err.msg, b) != NULL;
    rm_rf(b); /* before the checks: a failure must not leave 5 MB behind */
    free(b);
    assert_int_equal(rc, SC_EINTERNAL);
    assert_true(names_dir);
    assert_non_null(strstr(err.msg, "write failed"));
}

typedef struct {
    int calls, bad;
    uint64_t last_people, last_papers, total_papers;
} prog_stats;

static void on_progress(void *ctx, const char *phase, uint64_t done, uint64_t total,
                        const char *unit)
{
    prog_stats *ps = ctx;
    ps->calls++;
    if (strcmp(phase, "generating") || done > total) ps->bad++;
    if (!strcmp(unit, "people")) ps->last_people = done;
    else if (!strcmp(unit, "papers")) {
        ps->last_papers = done;
        ps->total_papers = total;
    } else ps->bad++;
}

static void test_progress(void **state)
{
    (void)state;
    char *b = tmpdir_make();
    prog_stats ps = {0};
    sc_demo_options o = {0};
    o.seed = 3;
    o.people = 300;
    o.progress = on_progress;
    o.progress_ctx = &ps;
    sc_demo_result r;
    sc_error err = {0};
    assert_int_equal(sc_demo_generate(b, &o, &r, &err), SC_OK);
    assert_true(ps.calls >= 2);
    assert_int_equal(ps.bad, 0);
    assert_int_equal(ps.last_people, 300);
    assert_int_equal(ps.last_papers, r.papers);
    assert_int_equal(ps.total_papers, r.papers);
    rm_rf(b);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic),  cmocka_unit_test(test_other_seed),
        cmocka_unit_test(test_sources_valid),  cmocka_unit_test(test_truth),
        cmocka_unit_test(test_dblp),           cmocka_unit_test(test_dblp_only),
        cmocka_unit_test(test_paperlists_default), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_progress),       cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
