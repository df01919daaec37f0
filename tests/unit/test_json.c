/*
 * test_json.c — the tokenizer against JSONTestSuite (every y_* accepted,
 * every n_* rejected, i_* as documented in json.h) and the walking API.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "util/json.h"

static int accepts(const char *buf, size_t n)
{
    sc_json j;
    sc_json_init(&j, buf, n);
    return sc_json_validate(&j) == 0;
}

/* i_* cases scout accepts (the rest it rejects); see json.h. */
static const char *i_accepted[] = {
    "i_number_double_huge_neg_exp.json", "i_number_huge_exp.json",
    "i_number_neg_int_huge_exp.json", "i_number_pos_double_huge_exp.json",
    "i_number_real_neg_overflow.json", "i_number_real_pos_overflow.json",
    "i_number_real_underflow.json", "i_number_too_big_neg_int.json",
    "i_number_too_big_pos_int.json", "i_number_very_big_negative_int.json",
    "i_object_key_lone_2nd_surrogate.json", "i_string_1st_surrogate_but_2nd_missing.json",
    "i_string_1st_valid_surrogate_2nd_invalid.json",
    "i_string_incomplete_surrogate_and_escape_valid.json",
    "i_string_incomplete_surrogate_pair.json", "i_string_incomplete_surrogates_escape_valid.json",
    "i_string_invalid_lonely_surrogate.json", "i_string_invalid_surrogate.json",
    "i_string_inverted_surrogates_U+1D11E.json", "i_string_lone_second_surrogate.json",
    "i_structure_500_nested_arrays.json", "i_structure_UTF-8_BOM_empty_object.json", NULL};

static void test_suite(void **state)
{
    (void)state;
    const char *root = getenv("SCOUT_SHARED_DATA");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/conformance/json/test_parsing", root ? root : "../shared/data");
    DIR *d = opendir(dir);
    if (!d) skip();
    struct dirent *e;
    int y = 0, n = 0, i = 0, bad = 0;
    while ((e = readdir(d))) {
        char kind = e->d_name[0];
        if (e->d_name[1] != '_' || (kind != 'y' && kind != 'n' && kind != 'i')) continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len = 0;
        char *buf = slurp(path, &len);
        assert_non_null(buf);
        int ok = accepts(buf, len);
        int want;
        if (kind == 'y') want = 1, y++;
        else if (kind == 'n') want = 0, n++;
        else {
            want = 0;
            for (const char **a = i_accepted; *a; a++)
                if (strcmp(*a, e->d_name) == 0) want = 1;
            i++;
        }
        if (ok != want) {
            print_error("%s: %s, expected %s\n", e->d_name, ok ? "accepted" : "rejected",
                        want ? "accept" : "reject");
            bad++;
        }
        free(buf);
    }
    closedir(d);
    assert_int_equal(y, 95);
    assert_int_equal(n, 188);
    assert_int_equal(i, 35);
    assert_int_equal(bad, 0);
}

static void test_walk(void **state)
{
    (void)state;
    const char *doc = " [ {\"a\": \"x\\u00e9\\n\", \"b\": [1, 2.5e3, {\"c\": null}], \"d\": true},"
                      " {\"a\": \"\\ud83d\\ude00\"} ] ";
    sc_json j;
    sc_json_init(&j, doc, strlen(doc));
    assert_int_equal(sc_json_peek(&j), SC_JSON_ARRAY);
    assert_int_equal(sc_json_array(&j), 0);
    int items = 0, keys = 0;
    char out[64];
    while (sc_json_item(&j) == 1) {
        items++;
        assert_int_equal(sc_json_object(&j), 0);
        sc_span k, v;
        int esc;
        int r;
        while ((r = sc_json_key(&j, &k, &esc)) == 1) {
            keys++;
            if (k.n == 1 && k.p[0] == 'a') {
                assert_int_equal(sc_json_string(&j, &v, &esc), 0);
                assert_true(esc);
                size_t m = sc_json_unescape(v.p, v.n, out);
                if (items == 1) {
                    assert_int_equal(m, 4);
                    assert_memory_equal(out, "x\xc3\xa9\n", 4);
                } else {
                    assert_int_equal(m, 4);
                    assert_memory_equal(out, "\xf0\x9f\x98\x80", 4);
                }
            } else {
                assert_int_equal(sc_json_skip(&j), 0);
            }
        }
        assert_int_equal(r, 0);
    }
    assert_null(j.err);
    assert_int_equal(items, 2);
    assert_int_equal(keys, 4);
    assert_int_equal(sc_json_peek(&j), SC_JSON_EOF);
}

static void test_errors_position(void **state)
{
    (void)state;
    const char *doc = "[{\"a\": 1}, {\"a\": tru}]";
    sc_json j;
    sc_json_init(&j, doc, strlen(doc));
    assert_int_equal(sc_json_validate(&j), -1);
    assert_non_null(j.err);
    assert_int_equal(j.err_at - doc, 17);
    /* trailing comma in an array that is walked */
    const char *doc2 = "[1,]";
    sc_json_init(&j, doc2, strlen(doc2));
    sc_json_array(&j);
    assert_int_equal(sc_json_item(&j), 1);
    assert_int_equal(sc_json_skip(&j), 0);
    assert_int_equal(sc_json_item(&j), -1);
    /* deep nesting is refused, not a crash */
    size_t deep = 100000;
    char *b = malloc(deep);
    memset(b, '[', deep);
    sc_json_init(&j, b, deep);
    assert_int_equal(sc_json_validate(&j), -1);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suite),
        cmocka_unit_test(test_walk),
        cmocka_unit_test(test_errors_position),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
