/*
 * test_store.c — string tables (interning, dense ids, growth) and the
 * snapshot file (round trip, streamed sections, corruption detection).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "model/strtab.h"
#include "scout.h"
#include "store/snapshot.h"

static void test_strtab(void **state)
{
    (void)state;
    sc_strtab t;
    sc_strtab_init(&t, 1);
    assert_int_equal(sc_strtab_add(&t, "", 0), 0);
    uint32_t a = sc_strtab_add(&t, "Stanford University", 19);
    uint32_t b = sc_strtab_add(&t, "MIT", 3);
    assert_int_equal(a, 1);
    assert_int_equal(b, 2);
    assert_int_equal(sc_strtab_add(&t, "Stanford University", 19), a);
    /* many strings force several rehashes; ids stay dense and stable */
    char buf[32];
    for (int i = 0; i < 50000; i++) {
        int n = snprintf(buf, sizeof buf, "org %d", i);
        assert_int_equal(sc_strtab_add(&t, buf, (size_t)n), (uint32_t)(3 + i));
    }
    for (int i = 0; i < 50000; i += 977) {
        int n = snprintf(buf, sizeof buf, "org %d", i);
        assert_int_equal(sc_strtab_add(&t, buf, (size_t)n), (uint32_t)(3 + i));
        assert_string_equal(sc_strtab_get(&t, (uint32_t)(3 + i)), buf);
        assert_int_equal(sc_strtab_len(&t, (uint32_t)(3 + i)), (size_t)n);
    }
    assert_int_equal(sc_strtab_count(&t), 50003);
    assert_string_equal(sc_strtab_get(&t, b), "MIT");
    sc_strtab_free(&t);

    sc_strtab u; /* not interned: every add is a new id */
    sc_strtab_init(&u, 0);
    assert_int_equal(sc_strtab_add(&u, "x", 1), 1);
    assert_int_equal(sc_strtab_add(&u, "x", 1), 2);
    sc_strtab_free(&u);
}

static char path[256];

static int setup(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/test_store.%ld.snap", tmp ? tmp : "/tmp", (long)getpid());
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    return 0;
}

static void test_snapshot_roundtrip(void **state)
{
    (void)state;
    uint32_t nums[1000];
    for (int i = 0; i < 1000; i++) nums[i] = (uint32_t)i * 7u;
    sc_snapwriter *w;
    sc_error err = {0};
    assert_int_equal(sc_snapwriter_open(path, 8, &w, &err), 0);
    sc_snapwriter_begin(w, 42, 1); /* streamed in pieces */
    for (int i = 0; i < 100; i++) sc_snapwriter_append(w, "hello ", 6);
    sc_snapwriter_end(w, 600);
    sc_snapwriter_section(w, &(sc_section){7, sizeof(uint32_t), nums, sizeof nums, 1000});
    assert_int_equal(sc_snapwriter_commit(w, &err), 0);

    sc_snapshot s;
    assert_int_equal(sc_snapshot_open(path, &s, &err), 0);
    uint64_t count = 0;
    const uint32_t *got = sc_snapshot_section(&s, 7, sizeof(uint32_t), &count);
    assert_non_null(got);
    assert_int_equal(count, 1000);
    assert_int_equal(got[999], 999 * 7);
    assert_int_equal((uintptr_t)got % 64, 0); /* sections are 64-byte aligned */
    const char *text = sc_snapshot_section(&s, 42, 1, &count);
    assert_int_equal(count, 600);
    assert_memory_equal(text + 594, "hello ", 6);
    assert_null(sc_snapshot_section(&s, 7, 8, NULL)); /* wrong element size */
    assert_null(sc_snapshot_section(&s, 99, 1, NULL));
    assert_int_equal(sc_snapshot_verify(&s, &err), 0);
    long inside = (long)((const char *)got - (const char *)s.base) + 5;
    sc_snapshot_close(&s);

    /* flip one byte inside a section: open still works, verify fails */
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, inside, SEEK_SET);
    fputc('#', f);
    fclose(f);
    assert_int_equal(sc_snapshot_open(path, &s, &err), 0);
    assert_int_equal(sc_snapshot_verify(&s, &err), SC_EINPUT);
    assert_non_null(strstr(err.msg, "checksum mismatch"));
    sc_snapshot_close(&s);

    /* flip a byte of the directory: open refuses */
    f = fopen(path, "r+b");
    fseek(f, 70, SEEK_SET);
    fputc(0x7f, f);
    fclose(f);
    assert_int_equal(sc_snapshot_open(path, &s, &err), SC_EINPUT);
    assert_non_null(strstr(err.msg, "directory"));
}

/* The build streams the text section out and reads it back from the file
 * (sc_snapwriter_map_last) instead of keeping a copy: the bytes read back
 * must be exactly those appended, from an offset that is not page-aligned,
 * across the writer's buffer, and stay readable after the commit renamed
 * the file. */
static void test_snapshot_map_last(void **state)
{
    (void)state;
    sc_snapwriter *w;
    sc_error err = {0};
    assert_int_equal(sc_snapwriter_open(path, 8, &w, &err), 0);
    uint32_t seven = 7;
    sc_snapwriter_section(w, &(sc_section){1, 4, &seven, 4, 1});
    enum { PIECES = 70000 }; /* 70000 * 24 bytes: more than one write buffer */
    char piece[32];
    sc_snapwriter_begin(w, 2, 1);
    for (int i = 0; i < PIECES; i++) {
        snprintf(piece, sizeof piece, "piece %010d ends here", i);
        sc_snapwriter_append(w, piece, 24);
    }
    sc_snapwriter_end(w, (uint64_t)PIECES * 24);
    sc_snapmap m;
    const char *back = sc_snapwriter_map_last(w, &m);
    assert_non_null(back);
    assert_memory_equal(back, "piece 0000000000 ends he", 24);
    snprintf(piece, sizeof piece, "piece %010d ends here", PIECES - 1);
    assert_memory_equal(back + (size_t)(PIECES - 1) * 24, piece, 24);
    /* the writer goes on after the map */
    sc_snapwriter_section(w, &(sc_section){3, 4, &seven, 4, 1});
    assert_int_equal(sc_snapwriter_commit(w, &err), 0);
    snprintf(piece, sizeof piece, "piece %010d ends here", 12345);
    assert_memory_equal(back + (size_t)12345 * 24, piece, 24);
    sc_snapshot s;
    assert_int_equal(sc_snapshot_open(path, &s, &err), 0);
    uint64_t count = 0;
    const char *text = sc_snapshot_section(&s, 2, 1, &count);
    assert_int_equal(count, (uint64_t)PIECES * 24);
    assert_memory_equal(text, back, (size_t)count);
    assert_int_equal(sc_snapshot_verify(&s, &err), 0);
    sc_snapshot_close(&s);
    sc_snapmap_free(&m);
    assert_null(m.base);
}

static void test_snapshot_abort_keeps_old(void **state)
{
    (void)state;
    sc_error err = {0};
    uint32_t one = 1;
    assert_int_equal(sc_snapshot_write(path, &(sc_section){1, 4, &one, 4, 1}, 1, &err), 0);
    sc_snapwriter *w;
    assert_int_equal(sc_snapwriter_open(path, 4, &w, &err), 0);
    sc_snapwriter_section(w, &(sc_section){1, 4, &one, 4, 1});
    sc_snapwriter_abort(w); /* e.g. the build failed half-way */
    sc_snapshot s;
    assert_int_equal(sc_snapshot_open(path, &s, &err), 0);
    uint64_t n;
    const uint32_t *v = sc_snapshot_section(&s, 1, 4, &n);
    assert_int_equal(n, 1);
    assert_int_equal(*v, 1);
    sc_snapshot_close(&s);
}

/* External ids live in a section of their own (format 5), pointed at only
 * by the authorships that have any: a build and a read back through the
 * library give each author their own ids and the others none. */
static void collect_ids(void *ctx, uint32_t pos, const sc_authorship *a)
{
    char *out = ctx;
    size_t n = strlen(out);
    snprintf(out + n, 1024 - n, "%u:%s/%s/%s/%s|", pos, a->name, a->orcid, a->openreview, a->dblp);
}

static void test_snapshot_external_ids(void **state)
{
    (void)state;
    char dir[] = "/tmp/scout-test-ext-XXXXXX";
    assert_non_null(mkdtemp(dir));
    sc_error err = {0};
    assert_int_equal(sc_workspace_init(dir, &err), 0);
    sc_workspace *ws;
    assert_int_equal(sc_workspace_open(dir, &ws, &err), 0);
    const char *src[] = {"tests/fixtures/paperlists/good2020.json"};
    sc_add_result ar;
    assert_int_equal(sc_workspace_add(ws, src, 1, NULL, &ar, &err), 0);
    sc_build_result br;
    sc_options opt = {0};
    opt.registry = "tests/fixtures/orgs/mini.tsv";
    assert_int_equal(sc_workspace_build(ws, &opt, &br, &err), 0);
    sc_world *w;
    assert_int_equal(sc_world_open(sc_workspace_snapshot_path(ws), &w, &err), 0);
    char got[1024] = "";
    sc_world_paper_authors(w, 1, collect_ids, got);
    assert_string_equal(got, "1:Jos\xc3\xa9 Garc\xc3\xad" "a/0000-0002-1825-0097/~Jose_Garcia1/76/744-1|");
    got[0] = 0;
    sc_world_paper_authors(w, 0, collect_ids, got);
    assert_string_equal(got, "1:Ada Lovelace///|2:Alan Turing///|");
    assert_int_equal(sc_world_verify(w, &err), 0);
    sc_world_close(w);
    sc_workspace_close(ws);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strtab),
        cmocka_unit_test_setup_teardown(test_snapshot_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_abort_keeps_old, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_map_last, setup, teardown),
        cmocka_unit_test(test_snapshot_external_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
