/*
 * test_person.c — person resolution (src/resolve/person*.c): name keys
 * (accents, "Last, First", particles, DBLP numbers, initials), clustering on
 * small worlds built here (homonyms split, variants and movers merge,
 * external ids and DBLP numbers as hard evidence), determinism across
 * thread counts, stable keys, and accuracy (B-cubed) on a generated demo
 * world against its ground truth.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "testutil.h"

#include "ingest/paperlists.h"
#include "resolve/person.h"
#include "resolve/person_name.h"
#include "scout.h"
#include "util/util.h"

/* ---- a small world builder --------------------------------------------- */

typedef struct {
    SC_VEC(char *) names; /* string id -> text; id 0 is "" */
    SC_VEC(char *) ids;   /* external id strings; id 0 is none */
    SC_VEC(char *) titles;
    SC_VEC(char *) src; /* per paper: a source id for anchors */
    SC_VEC(uint32_t) first;
    SC_VEC(uint16_t) nof, year;
    SC_VEC(uint32_t) paper, name, org, orcid, dblp, pos;
} world;

static uint32_t intern(void *vec, const char *s)
{
    SC_VEC(char *) *v = vec;
    for (size_t i = 0; i < v->n; i++)
        if (!strcmp(v->v[i], s)) return (uint32_t)i;
    sc_vec_push(v, strdup(s));
    return (uint32_t)(v->n - 1);
}

static void w_init(world *w)
{
    memset(w, 0, sizeof *w);
    intern(&w->names, "");
    intern(&w->ids, "");
}

static void w_free(world *w)
{
    for (size_t i = 0; i < w->names.n; i++)
        free(w->names.v[i]);
    for (size_t i = 0; i < w->ids.n; i++)
        free(w->ids.v[i]);
    for (size_t i = 0; i < w->titles.n; i++)
        free(w->titles.v[i]);
    for (size_t i = 0; i < w->src.n; i++)
        free(w->src.v[i]);
    sc_vec_free(&w->names);
    sc_vec_free(&w->ids);
    sc_vec_free(&w->titles);
    sc_vec_free(&w->src);
    sc_vec_free(&w->first);
    sc_vec_free(&w->nof);
    sc_vec_free(&w->year);
    sc_vec_free(&w->paper);
    sc_vec_free(&w->name);
    sc_vec_free(&w->org);
    sc_vec_free(&w->orcid);
    sc_vec_free(&w->dblp);
    sc_vec_free(&w->pos);
}

/* A paper: year, title, source id (for anchors), then its authors as
 * "name@org" (org a small number, 0 = none) with an optional "#orcid". */
static void w_paper(world *w, int year, const char *title, const char *src, ...)
{
    va_list ap;
    va_start(ap, src);
    sc_vec_push(&w->first, (uint32_t)w->paper.n);
    sc_vec_push(&w->year, (uint16_t)year);
    sc_vec_push(&w->titles, strdup(title));
    sc_vec_push(&w->src, strdup(src));
    uint16_t n = 0;
    const char *a;
    while ((a = va_arg(ap, const char *)) != NULL) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", a);
        uint32_t org = 0, orcid = 0;
        char *hash = strchr(buf, '#');
        if (hash) {
            *hash = 0;
            orcid = intern(&w->ids, hash + 1);
        }
        char *at = strchr(buf, '@');
        if (at) {
            *at = 0;
            org = (uint32_t)atoi(at + 1);
        }
        sc_vec_push(&w->paper, (uint32_t)(w->first.n - 1));
        sc_vec_push(&w->name, intern(&w->names, buf));
        sc_vec_push(&w->org, org);
        sc_vec_push(&w->orcid, orcid);
        sc_vec_push(&w->dblp, 0);
        sc_vec_push(&w->pos, (uint32_t)(n + 1));
        n++;
    }
    sc_vec_push(&w->nof, n);
    va_end(ap);
}

static const char *w_name_str(void *ctx, uint32_t id)
{
    return ((world *)ctx)->names.v[id];
}
static const char *w_ext_str(void *ctx, uint32_t id)
{
    return ((world *)ctx)->ids.v[id];
}
static void w_anchor(void *ctx, size_t a, sc_buf *out)
{
    world *w = ctx;
    uint32_t p = w->paper.v[a];
    sc_buf_printf(out, "test|%u|%s|%u", w->year.v[p], w->src.v[p], w->pos.v[a]);
}

static sc_person_input w_input(world *w, int threads)
{
    sc_person_input in;
    memset(&in, 0, sizeof in);
    in.n_auth = w->paper.n;
    in.n_papers = w->first.n;
    in.paper = w->paper.v;
    in.name = w->name.v;
    in.org = w->org.v;
    in.ext[1] = w->orcid.v;
    in.first_auth = w->first.v;
    in.n_auth_of = w->nof.v;
    in.year = w->year.v;
    in.title = (const char *const *)w->titles.v;
    in.name_str = w_name_str;
    in.ext_str = w_ext_str;
    in.anchor = w_anchor;
    in.ctx = w;
    in.threads = threads;
    return in;
}

static void resolve(world *w, int threads, sc_person_result *r)
{
    sc_person_input in = w_input(w, threads);
    sc_error err = {0};
    assert_int_equal(sc_persons_resolve(&in, r, &err), SC_OK);
}

/* The persons of the authorships written with this exact name. */
static size_t persons_named(world *w, const sc_person_result *r, const char *name, uint32_t *first)
{
    uint32_t seen[64];
    size_t k = 0;
    for (size_t a = 0; a < w->paper.n; a++) {
        if (strcmp(w->names.v[w->name.v[a]], name)) continue;
        uint32_t p = r->person_of[a];
        size_t j = 0;
        while (j < k && seen[j] != p)
            j++;
        if (j == k && k < 64) seen[k++] = p;
    }
    if (first) *first = k ? seen[0] : UINT32_MAX;
    return k;
}

/* Background: unrelated people, so that nothing is decided in an empty
 * world. Deterministic. */
static void w_background(world *w, int papers, unsigned seed)
{
    /* no name shared with the people of the tests */
    static const char *first[] = {"Olga",  "Pavel", "Ines",   "Tariq", "Meiling",
                                  "Kofi",  "Lena",  "Ravi",   "Sven",  "Aiko",
                                  "Bruno", "Chloe", "Dmitri", "Esra",  "Farid"};
    static const char *last[] = {"Ivanova", "Novak",  "Costa", "Haddad", "Tanaka",
                                 "Mensah",  "Berg",   "Varga", "Lund",   "Nagy",
                                 "Horvat",  "Martin", "Orlov", "Kaya",   "Amini"};
    static const char *topics[] = {"molecular graph kernels", "speech recognition transformers",
                                   "bayesian hyperparameter search", "federated privacy"};
    unsigned x = seed;
    for (int i = 0; i < papers; i++) {
        char a1[64], a2[64], a3[64], src[32];
        x = x * 1103515245u + 12345u;
        unsigned p1 = (x >> 8) % 15, p2 = (x >> 12) % 15, p3 = (x >> 16) % 15;
        snprintf(a1, sizeof a1, "%s %s@%u", first[p1], last[p1], 60 + p1 % 5);
        snprintf(a2, sizeof a2, "%s %s@%u", first[p2], last[(p2 + 3) % 15], 60 + p2 % 5);
        snprintf(a3, sizeof a3, "%s %s@%u", first[(p3 + 7) % 15], last[p3], 60 + p3 % 5);
        snprintf(src, sizeof src, "bg-%u-%d", seed, i);
        w_paper(w, 2010 + (int)((x >> 20) % 12), topics[(x >> 24) % 4], src, a1, a2, a3, NULL);
    }
}

/* ---- name keys ---------------------------------------------------------- */

static void key_is(const char *name, const char *want)
{
    char out[128];
    size_t n = sc_name_key(name, strlen(name), out, sizeof out);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
}

static void full_is(const char *name, const char *want, uint32_t number)
{
    sc_pname pn;
    char out[256];
    assert_true(sc_pname_parse(name, strlen(name), &pn) > 0);
    sc_pname_full_key(&pn, out, sizeof out);
    assert_string_equal(out, want);
    assert_int_equal(pn.number, number);
}

static void test_name_keys(void **state)
{
    (void)state;
    /* accents */
    key_is("José García", "garcia j");
    full_is("José García", "jose garcia", 0);
    full_is("JOSÉ GARCÍA", "jose garcia", 0);
    full_is("Søren Hauberg", "soren hauberg", 0);
    full_is("Łukasz Kaiser", "lukasz kaiser", 0);
    full_is("Jürgen Schmidhuber", "jurgen schmidhuber", 0);
    /* "Last, First" */
    key_is("de Freitas, Nando", "defreitas n");
    full_is("Garcia, Jose", "jose garcia", 0);
    full_is("Smith, John, Jr.", "john smith", 0);
    full_is("Smith Jr., John", "john smith", 0);
    /* particles belong to the surname; a first token never is one */
    key_is("Nando de Freitas", "defreitas n");
    key_is("Laurens van der Maaten", "vandermaaten l");
    key_is("Yann Le Cun", "lecun y");
    key_is("Yann LeCun", "lecun y");
    key_is("Le Wang", "wang l");
    key_is("Ulrike von Luxburg", "vonluxburg u");
    /* DBLP numbers: not in the key, kept apart */
    key_is("Wei Wang 0001", "wang w");
    full_is("Wei Wang 0001", "wei wang", 1);
    full_is("Wei Wang 0042", "wei wang", 42);
    /* initials, hyphens, apostrophes */
    key_is("N. de Freitas", "defreitas n");
    full_is("N. de Freitas", "n defreitas", 0);
    full_is("J.-P. Vert", "j p vert", 0);
    full_is("JP Vert", "j p vert", 0);
    full_is("WEI WANG", "wei wang", 0); /* all capitals: no initials made up */
    full_is("Chuan-dian Zheng", "chuandian zheng", 0);
    full_is("Sean O'Brien", "sean obrien", 0);
    /* one token: the surname alone */
    key_is("Prabhat", "prabhat");
    /* nothing name-like, invalid UTF-8, truncation */
    key_is("", "");
    key_is(" ... ", "");
    char out[8];
    size_t kn = sc_name_key("Nando de Freitas", 16, out, sizeof out);
    assert_int_equal(kn, strlen(out));
    assert_string_equal(out, "defreit");
    key_is("Andr\xe9 Martin", "martin a"); /* Latin-1: read as such */
    full_is("Andr\xe9 Martin", "andre martin", 0);
    sc_name_key("Nando de Freitas", 16, out, 4);
    assert_string_equal(out, "def");
}

static int compat(const char *a, const char *b)
{
    sc_pname pa, pb;
    sc_pn_sig sa, sb;
    sc_pname_parse(a, strlen(a), &pa);
    sc_pname_parse(b, strlen(b), &pb);
    sc_pname_sig(&pa, &sa);
    sc_pname_sig(&pb, &sb);
    return sc_pn_sig_compat(&sa, &sb);
}

static void test_name_compat(void **state)
{
    (void)state;
    assert_true(compat("N. de Freitas", "Nando de Freitas"));
    assert_true(compat("Alex F. Eckstead", "Alex Eckstead"));
    assert_true(compat("A. F. Eckstead", "Alex F. Eckstead"));
    assert_false(compat("Alex F. Eckstead", "Alex G. Eckstead"));
    assert_false(compat("Nina de Freitas", "Nando de Freitas"));
    assert_true(compat("Zhi Hua Zhou", "Zhihua Zhou"));
    assert_true(compat("Zhi-Hua Zhou", "Zhihua Zhou"));
    assert_false(compat("Zhi Zhou", "Zhihua Zhou"));
    assert_true(compat("J. M. Garcia Lopez", "Juan M. Garcia Lopez"));
}

/* ---- clustering --------------------------------------------------------- */

/* Two people named Wei Wang at different organisations at the same time,
 * with their own co-authors and topics: two persons. */
static void test_homonyms_split(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    w_background(&w, 60, 1);
    for (int y = 2014; y <= 2020; y++) {
        char s1[32], s2[32];
        snprintf(s1, sizeof s1, "vis-%d", y);
        snprintf(s2, sizeof s2, "rl-%d", y);
        w_paper(&w, y, "Semantic segmentation with vision transformers", s1, "Wei Wang@1",
                y % 2 ? "Anna Kowalski@1" : "Tom Becker@1", "Hiro Mori@1", NULL);
        w_paper(&w, y, "Offline reinforcement learning with policy optimisation", s2, "Wei Wang@2",
                y % 2 ? "Sara Lindqvist@2" : "Omar Haddad@2", "Jun Park@2", NULL);
    }
    sc_person_result r;
    resolve(&w, 1, &r);
    assert_int_equal(persons_named(&w, &r, "Wei Wang", NULL), 2);
    /* and each Wei Wang is whole */
    uint32_t p1 = UINT32_MAX, p2 = UINT32_MAX;
    for (size_t a = 0; a < w.paper.n; a++) {
        if (strcmp(w.names.v[w.name.v[a]], "Wei Wang")) continue;
        uint32_t *p = w.org.v[a] == 1 ? &p1 : &p2;
        if (*p == UINT32_MAX) *p = r.person_of[a];
        assert_int_equal(*p, r.person_of[a]);
    }
    assert_true(r.split_homonyms >= 1);
    sc_person_result_free(&r);
    w_free(&w);
}

/* Eight papers at organisation 3 by one person under two spellings (the
 * second on every `every`-th paper), with the same co-authors and title,
 * among background papers: each spelling is one person, and the same one. */
static void two_spellings_one_person(unsigned seed, const char *f0, const char *f1, int every, const char *title,
                                     const char *co_a, const char *co_b, const char *co_c)
{
    world w;
    w_init(&w);
    w_background(&w, 60, seed);
    char n0[64], n1[64];
    snprintf(n0, sizeof n0, "%s@3", f0);
    snprintf(n1, sizeof n1, "%s@3", f1);
    for (int i = 0; i < 8; i++) {
        char s[32];
        snprintf(s, sizeof s, "v-%d", i);
        w_paper(&w, 2012 + i, title, s, i % every == every - 1 ? n1 : n0, i % 2 ? co_a : co_b, co_c, NULL);
    }
    sc_person_result r;
    resolve(&w, 1, &r);
    uint32_t a, b;
    assert_int_equal(persons_named(&w, &r, f0, &a), 1);
    assert_int_equal(persons_named(&w, &r, f1, &b), 1);
    assert_int_equal(a, b);
    sc_person_result_free(&r);
    w_free(&w);
}

/* "N. de Freitas" and "Nando de Freitas" with the same co-authors: one. */
static void test_variant_merge(void **state)
{
    (void)state;
    two_spellings_one_person(2, "Nando de Freitas", "N. de Freitas", 3, "Learning to learn by gradient descent",
                             "Misha Denil@3", "Ziyu Wang@3", "Brendan Shillingford@3");
}

/* A hyphenated surname also written with a space ("Shai Ben David") is in
 * another block ("david s"); the two spellings, with co-authors, place and
 * topic shared, are one person. */
static void test_hyphen_space(void **state)
{
    (void)state;
    two_spellings_one_person(5, "Shai Ben-David", "Shai Ben David", 4, "Sample complexity of learning halfspaces",
                             "Ruth Urner@3", "Shai Shalev-Shwartz@3", "Nati Srebro@3");
}

/* One person moves from organisation 4 to 5; co-authors and topic carry
 * across the move: one person. */
static void test_mover(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    w_background(&w, 60, 3);
    for (int y = 2010; y <= 2019; y++) {
        char s[32];
        snprintf(s, sizeof s, "mv-%d", y);
        int org = y < 2015 ? 4 : 5;
        char me[64], local[64];
        snprintf(me, sizeof me, "Maria Keller@%d", org);
        snprintf(local, sizeof local, "%s@%d", y < 2015 ? "Paul Durand" : "Lisa Moreau", org);
        w_paper(
            &w, y, y % 2 ? "Causal inference with invariant risk" : "Invariant causal prediction",
            s, me, local,
            (y >= 2013 && y <= 2016) || y % 3 == 0 ? "Jonas Peters@9" : "Bernhard Weber@9", NULL);
    }
    sc_person_result r;
    resolve(&w, 1, &r);
    assert_int_equal(persons_named(&w, &r, "Maria Keller", NULL), 1);
    sc_person_result_free(&r);
    w_free(&w);
}

/* One spelling, one paper at each of two places, nothing shared but the
 * topic: two years apart it is one person, sixteen years apart two (the
 * name is unique in this world: its prior is the largest there is, and a
 * long silence still outweighs it) -- unless a co-author links the two. */
static size_t gap_persons(int y2, int linked)
{
    world w;
    w_init(&w);
    w_background(&w, 60, 7);
    w_paper(&w, 2008, "Tactile sensing for dexterous robot grasping", "gap-a", "Ana Ruiz@20",
            "Kenji Sato@20", NULL);
    w_paper(&w, y2, "Learning grasping policies from human demonstrations", "gap-b", "Ana Ruiz@21",
            linked ? "Kenji Sato@21" : "Ola Berg@21", NULL);
    sc_person_result r;
    resolve(&w, 1, &r);
    size_t n = persons_named(&w, &r, "Ana Ruiz", NULL);
    sc_person_result_free(&r);
    w_free(&w);
    return n;
}

static void test_silence(void **state)
{
    (void)state;
    assert_int_equal(gap_persons(2010, 0), 1);
    assert_int_equal(gap_persons(2024, 0), 2);
    assert_int_equal(gap_persons(2024, 1), 1);
}

/* The same ORCID on different spellings (even in different blocks): one
 * person. Two ORCIDs on one name, with everything else alike: two. */
static void test_orcid(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    w_background(&w, 40, 4);
    w_paper(&w, 2015, "Sparse coding", "o1", "José García@6#0000-0001-2345-6789", "Ana Ruiz@6",
            NULL);
    w_paper(&w, 2019, "Optimal transport", "o2",
            "J. Garcia-Lopez@7#https://orcid.org/0000-0001-2345-6789", "Ken Ito@7", NULL);
    w_paper(&w, 2021, "Graph kernels", "o3", "Jose Garcia@8#0000-0001-2345-6789", "Ida Holm@8",
            NULL);
    for (int i = 0; i < 4; i++) {
        char s[32];
        snprintf(s, sizeof s, "lz-%d", i);
        w_paper(&w, 2016 + i, "Robust principal component analysis", s,
                i % 2 ? "Li Zhang@6#0000-0002-0000-0001" : "Li Zhang@6#0000-0002-0000-0002",
                "Ravi Rao@6", NULL);
    }
    sc_person_result r;
    resolve(&w, 2, &r);
    uint32_t a, b, c;
    persons_named(&w, &r, "José García", &a);
    persons_named(&w, &r, "J. Garcia-Lopez", &b);
    persons_named(&w, &r, "Jose Garcia", &c);
    assert_int_equal(a, b);
    assert_int_equal(a, c);
    assert_int_equal(persons_named(&w, &r, "Li Zhang", NULL), 2);
    assert_true(r.merged_by_ext >= 2);
    sc_person_result_free(&r);
    w_free(&w);
}

/* A source whose id list went out of step with its author list: each id
 * sits on the other author of the paper once. The ids are not believed
 * there, and the two people stay apart. */
static void test_misaligned_ids(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    w_background(&w, 40, 6);
    for (int i = 0; i < 5; i++) {
        char s[32];
        snprintf(s, sizeof s, "ma-%d", i);
        w_paper(&w, 2015 + i, "Robot grasping", s, "Wei Chen@2#0000-0003-1111-1111", "Kai Berg@2",
                NULL);
        snprintf(s, sizeof s, "mb-%d", i);
        w_paper(&w, 2015 + i, "Speech synthesis", s, "Bo Li@3#0000-0003-2222-2222", "Ada Moss@3",
                NULL);
    }
    w_paper(&w, 2021, "Grasping speech", "mx", "Wei Chen@2#0000-0003-2222-2222",
            "Bo Li@3#0000-0003-1111-1111", NULL);
    sc_person_result r;
    resolve(&w, 1, &r);
    uint32_t a, b;
    assert_int_equal(persons_named(&w, &r, "Wei Chen", &a), 1);
    assert_int_equal(persons_named(&w, &r, "Bo Li", &b), 1);
    assert_int_not_equal(a, b);
    sc_person_result_free(&r);
    w_free(&w);
}

/* DBLP numbers: different numbers never merge, even with everything else
 * alike; the same number merges, even with nothing else alike. */
static void test_dblp_numbers(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    w_background(&w, 40, 5);
    for (int i = 0; i < 6; i++) {
        char s[32];
        snprintf(s, sizeof s, "ww-%d", i);
        w_paper(&w, 2010 + i, "Data cleaning at scale", s,
                i % 2 ? "Wei Wang 0001@1" : "Wei Wang 0002@1", "Xin Luna Dong@1", NULL);
    }
    w_paper(&w, 2022, "Protein folding", "ww-x", "Wei Wang 0001@9", "Zed Quinn@9", NULL);
    sc_person_result r;
    resolve(&w, 1, &r);
    assert_int_equal(persons_named(&w, &r, "Wei Wang 0001", NULL), 1);
    assert_int_equal(persons_named(&w, &r, "Wei Wang 0002", NULL), 1);
    uint32_t a, b;
    persons_named(&w, &r, "Wei Wang 0001", &a);
    persons_named(&w, &r, "Wei Wang 0002", &b);
    assert_int_not_equal(a, b);
    sc_person_result_free(&r);
    w_free(&w);
}

/* A random-ish world with homonyms, variants and movers. */
static void w_random(world *w, unsigned seed, int papers)
{
    static const char *first[] = {"Wei",   "Li",   "Jun", "Anna", "Alex",
                                  "Maria", "Hiro", "Raj", "Nina", "Tom"};
    static const char *last[] = {"Wang", "Zhang", "Zhu", "Smith", "Kim", "Rossi", "Sato", "Iyer"};
    static const char *topic[] = {"image segmentation networks", "policy gradient exploration",
                                  "language model pretraining", "convex optimisation bounds"};
    unsigned x = seed;
    for (int i = 0; i < papers; i++) {
        char a[4][64], src[32];
        for (int k = 0; k < 4; k++) {
            x = x * 1664525u + 1013904223u;
            unsigned f = (x >> 10) % 10, l = (x >> 16) % 8, org = 1 + (x >> 22) % 6;
            const char *mid = (x >> 28) % 4 == 0 ? " Q." : "";
            if ((x >> 5) % 7 == 0)
                snprintf(a[k], sizeof a[k], "%c.%s %s@%u", first[f][0], mid, last[l], org);
            else
                snprintf(a[k], sizeof a[k], "%s%s %s@%u", first[f], mid, last[l], org);
        }
        snprintf(src, sizeof src, "r%u-%d", seed, i);
        w_paper(w, 2005 + (int)((x >> 3) % 18), topic[(x >> 7) % 4], src, a[0], a[1], a[2], a[3],
                NULL);
    }
}

static void test_threads_deterministic(void **state)
{
    (void)state;
    world w;
    w_init(&w);
    w_random(&w, 7, 1500);
    w_background(&w, 200, 8);
    sc_person_result r1, r4, r4b;
    resolve(&w, 1, &r1);
    resolve(&w, 4, &r4);
    resolve(&w, 4, &r4b);
    assert_int_equal(r1.n_persons, r4.n_persons);
    assert_int_equal(r1.n_persons, r4b.n_persons);
    assert_memory_equal(r1.person_of, r4.person_of, w.paper.n * sizeof *r1.person_of);
    assert_memory_equal(r1.person_of, r4b.person_of, w.paper.n * sizeof *r1.person_of);
    assert_memory_equal(r1.keys, r4.keys, r1.n_persons * sizeof *r1.keys);
    /* persons are numbered by their first authorship */
    uint32_t next = 0;
    for (size_t a = 0; a < w.paper.n; a++) {
        assert_true(r1.person_of[a] <= next);
        if (r1.person_of[a] == next) next++;
    }
    assert_int_equal(next, r1.n_persons);
    /* keys: "p" + 12 of the alphabet, all distinct */
    for (size_t p = 0; p < r1.n_persons; p++) {
        assert_int_equal(strlen(r1.keys[p]), 13);
        assert_int_equal(r1.keys[p][0], 'p');
        for (int i = 1; i < 13; i++)
            assert_non_null(strchr("0123456789abcdefghjkmnpqrstvwxyz", r1.keys[p][i]));
        if (p) assert_int_not_equal(strcmp(r1.keys[p], r1.keys[p - 1]), 0);
    }
    for (size_t p = 0; p < r1.n_persons; p++)
        for (size_t q = p + 1; q < r1.n_persons; q++)
            assert_int_not_equal(strcmp(r1.keys[p], r1.keys[q]), 0);
    sc_person_result_free(&r1);
    sc_person_result_free(&r4);
    sc_person_result_free(&r4b);
    w_free(&w);
}

/* People with careers: a name (some shared by two people), an
 * organisation that changes once, two regular co-authors, a topic. */
static void w_people(world *w, int n, unsigned seed)
{
    static const char *first[] = {"Wei", "Anna", "Alex", "Maria", "Hiro", "Nina", "Tom", "Jun"};
    static const char *last[] = {"Wang", "Smith", "Kim", "Rossi", "Sato", "Zhu", "Meyer"};
    static const char *topic[] = {
        "image segmentation convolutional networks", "policy gradient exploration reward",
        "language model pretraining tokens", "convex optimisation regret bounds"};
    for (int i = 0; i < n; i++) {
        /* every 7th person shares the name of the one before */
        int k = i % 7 == 6 ? i - 1 : i;
        char me[64], c1[64], c2[64], src[32];
        for (int p = 0; p < 6; p++) {
            int year = 2008 + (i * 2) % 8 + p * 2;
            int org = 1 + (i * 5 + (p >= 3) * 3) % 11;
            snprintf(me, sizeof me, "%s %s@%d", first[k % 8], last[(k / 8) % 7], org);
            snprintf(c1, sizeof c1, "Colleague%c%d Alpha@%d", 'A' + i % 26, i, org);
            snprintf(c2, sizeof c2, "Partner%c%d Beta@%d", 'A' + i % 26, i, 40 + i % 5);
            snprintf(src, sizeof src, "pp%u-%d-%d", seed, i, p);
            w_paper(w, year, topic[i % 4], src, me, c1, p % 2 ? c2 : NULL, NULL);
        }
    }
}

/* Adding unrelated authorships (other names, other words, other places;
 * before the others, so every index moves) leaves the persons and keys of
 * those already there as they were. */
static void test_keys_stable(void **state)
{
    (void)state;
    world a, b;
    w_init(&a);
    w_init(&b);
    w_people(&a, 60, 11);
    w_background(&b, 300, 12);
    w_people(&b, 60, 11);
    sc_person_result ra, rb;
    resolve(&a, 2, &ra);
    resolve(&b, 2, &rb);
    size_t off = b.paper.n - a.paper.n, same = 0;
    for (size_t i = 0; i < a.paper.n; i++) {
        const char *ka = ra.keys[ra.person_of[i]], *kb = rb.keys[rb.person_of[off + i]];
        same += strcmp(ka, kb) == 0;
    }
    assert_int_equal(same, a.paper.n);
    /* the homonyms were told apart */
    assert_true(persons_named(&a, &ra, "Nina Wang", NULL) >= 2 ||
                persons_named(&a, &ra, "Tom Smith", NULL) >= 2);
    sc_person_result_free(&ra);
    sc_person_result_free(&rb);
    w_free(&a);
    w_free(&b);
}

static void test_edge_cases(void **state)
{
    (void)state;
    sc_person_input in;
    memset(&in, 0, sizeof in);
    sc_person_result r;
    sc_error err = {0};
    assert_int_equal(sc_persons_resolve(&in, &r, &err), SC_OK);
    assert_int_equal(r.n_persons, 0);
    sc_person_result_free(&r);
    /* names with nothing in them stay alone; no titles, no orgs, no anchor */
    world w;
    w_init(&w);
    w_paper(&w, 0, "", "e1", "", "...", "Ann Lee", NULL);
    w_paper(&w, 0, "", "e2", "", "Ann Lee", NULL);
    in = w_input(&w, 3);
    in.org = NULL;
    in.title = NULL;
    in.anchor = NULL;
    assert_int_equal(sc_persons_resolve(&in, &r, &err), SC_OK);
    assert_int_equal(r.n_persons, 4); /* "", "...", Ann Lee, "" */
    assert_int_equal(r.person_of[2], r.person_of[4]);
    sc_person_result_free(&r);
    w_free(&w);
    in.name = NULL;
    in.n_auth = 1;
    assert_int_not_equal(sc_persons_resolve(&in, &r, &err), SC_OK);
}

/* ---- accuracy on the demo world ----------------------------------------- */

typedef struct {
    char *key;    /* "paperid\tpos" */
    char *person; /* "P000123" */
    uint32_t org;
} truth_row;

static SC_VEC(truth_row) truth;
static SC_VEC(char *) orgs;

static int truth_cmp(const void *a, const void *b)
{
    return strcmp(((const truth_row *)a)->key, ((const truth_row *)b)->key);
}

static const truth_row *truth_find(const char *key)
{
    truth_row k = {(char *)key, NULL, 0};
    return bsearch(&k, truth.v, truth.n, sizeof k, truth_cmp);
}

static SC_VEC(uint32_t) truth_of; /* per authorship: index into truth */

static int on_paper(sc_sink *s, const sc_rec_paper *p)
{
    world *w = s->ctx;
    char id[128], src[160];
    snprintf(id, sizeof id, "%.*s", (int)p->source_id.n, p->source_id.p);
    snprintf(src, sizeof src, "%.*s", (int)p->source_id.n, p->source_id.p);
    sc_vec_push(&w->first, (uint32_t)w->paper.n);
    sc_vec_push(&w->year, (uint16_t)p->year);
    sc_vec_push(&w->titles, sc_xstrndup(p->title.p ? p->title.p : "", p->title.n));
    sc_vec_push(&w->src, strdup(src));
    for (size_t i = 0; i < p->n_authors; i++) {
        char key[160], name[512];
        snprintf(key, sizeof key, "%s\t%zu", id, i + 1);
        const truth_row *t = truth_find(key);
        assert_non_null(t);
        snprintf(name, sizeof name, "%.*s", (int)p->authors[i].name.n, p->authors[i].name.p);
        sc_vec_push(&w->paper, (uint32_t)(w->first.n - 1));
        sc_vec_push(&w->name, intern(&w->names, name));
        sc_vec_push(&w->org, t->org);
        sc_vec_push(&w->orcid, 0);
        sc_vec_push(&w->dblp, 0);
        sc_vec_push(&w->pos, (uint32_t)(i + 1));
        sc_vec_push(&truth_of, (uint32_t)(t - truth.v));
    }
    sc_vec_push(&w->nof, (uint16_t)p->n_authors);
    return 0;
}

static void on_reject(sc_sink *s, uint32_t line, uint32_t col, const char *what, const char *b,
                      size_t n)
{
    (void)s, (void)line, (void)col, (void)what, (void)b, (void)n;
    fail_msg("demo world record rejected: %s", what);
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int u64cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void rm_rf(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            char sub[8192];
            snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
            rm_rf(sub);
        }
        closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static void test_demo_bcubed(void **state)
{
    (void)state;
    const char *base = getenv("TMPDIR");
    char dir[1024], path[2048];
    snprintf(dir, sizeof dir, "%s/scout-person-XXXXXX", base && *base ? base : "/tmp");
    assert_non_null(mkdtemp(dir));
    sc_demo_options o = {0};
    o.seed = 5;
    o.people = 1500;
    o.write_paperlists = 1;
    sc_demo_result dr;
    sc_error err = {0};
    assert_int_equal(sc_demo_generate(dir, &o, &dr, &err), SC_OK);

    /* truth: paper id, position, person, organisation */
    snprintf(path, sizeof path, "%s/truth/authorships.tsv", dir);
    size_t n;
    char *t = slurp(path, &n);
    assert_non_null(t);
    intern(&orgs, "");
    char *line = strchr(t, '\n') + 1; /* header */
    while (line && *line) {
        char *end = strchr(line, '\n');
        if (end) *end = 0;
        char *c[4];
        char *s = line;
        for (int k = 0; k < 4; k++) {
            c[k] = s;
            s = strchr(s, '\t');
            if (s)
                *s++ = 0;
            else
                break;
        }
        char key[160];
        snprintf(key, sizeof key, "%s\t%s", c[0], c[1]);
        truth_row r = {strdup(key), strdup(c[2]), intern(&orgs, c[3])};
        sc_vec_push(&truth, r);
        line = end ? end + 1 : NULL;
    }
    free(t);
    qsort(truth.v, truth.n, sizeof *truth.v, truth_cmp);

    /* the papers, through the paperlists reader, in file-name order */
    world w;
    w_init(&w);
    snprintf(path, sizeof path, "%s/sources", dir);
    SC_VEC(char *) files = {0};
    DIR *d = opendir(path);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        DIR *d2 = opendir(sub);
        if (!d2) continue;
        struct dirent *e2;
        while ((e2 = readdir(d2)) != NULL)
            if (strstr(e2->d_name, ".json")) {
                char *f = malloc(strlen(sub) + strlen(e2->d_name) + 2);
                sprintf(f, "%s/%s", sub, e2->d_name);
                sc_vec_push(&files, f);
            }
        closedir(d2);
    }
    closedir(d);
    qsort(files.v, files.n, sizeof *files.v, str_cmp);
    sc_sink sink = {on_paper, NULL, on_reject, &w};
    for (size_t i = 0; i < files.n; i++) {
        char *buf = slurp(files.v[i], &n);
        char venue[64];
        int year;
        sc_paperlists_name(files.v[i], venue, sizeof venue, &year);
        sc_read_ctx ctx = {files.v[i], sc_span_cstr(venue), year, NULL};
        assert_int_equal(sc_read_paperlists(buf, n, &ctx, &sink, &err), SC_OK);
        free(buf);
        free(files.v[i]);
    }
    sc_vec_free(&files);
    assert_int_equal(w.paper.n, dr.authorships);

    sc_person_result r;
    resolve(&w, 2, &r);
    /* B-cubed: per authorship, the share of its cluster that is its person
     * (precision) and of its person that is in its cluster (recall) */
    size_t na = w.paper.n;
    uint32_t *tnum = malloc(na * sizeof *tnum), maxp = 0;
    for (size_t a = 0; a < na; a++) {
        tnum[a] = (uint32_t)strtoul(truth.v[truth_of.v[a]].person + 1, NULL, 10);
        if (tnum[a] > maxp) maxp = tnum[a];
    }
    uint32_t *csz = calloc(r.n_persons, sizeof *csz), *tsz = calloc(maxp + 1, sizeof *tsz);
    uint64_t *pr = malloc(na * sizeof *pr);
    for (size_t a = 0; a < na; a++) {
        csz[r.person_of[a]]++;
        tsz[tnum[a]]++;
        pr[a] = ((uint64_t)r.person_of[a] << 32) | tnum[a];
    }
    qsort(pr, na, sizeof *pr, u64cmp);
    double P = 0, R = 0;
    for (size_t i = 0; i < na;) {
        size_t end = i;
        while (end < na && pr[end] == pr[i])
            end++;
        double k = (double)(end - i);
        P += k * k / csz[pr[i] >> 32];
        R += k * k / tsz[(uint32_t)pr[i]];
        i = end;
    }
    P /= (double)na;
    R /= (double)na;
    print_message("demo world (%u people, %zu authorships): B-cubed precision %.4f recall %.4f, "
                  "%zu persons\n",
                  (unsigned)o.people, na, P, R, r.n_persons);
    assert_true(P >= 0.97);
    assert_true(R >= 0.97);
    free(pr);
    free(tnum);
    free(csz);
    free(tsz);
    sc_person_result_free(&r);
    w_free(&w);
    for (size_t i = 0; i < truth.n; i++) {
        free(truth.v[i].key);
        free(truth.v[i].person);
    }
    sc_vec_free(&truth);
    for (size_t i = 0; i < orgs.n; i++)
        free(orgs.v[i]);
    sc_vec_free(&orgs);
    sc_vec_free(&truth_of);
    rm_rf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_keys),
        cmocka_unit_test(test_name_compat),
        cmocka_unit_test(test_homonyms_split),
        cmocka_unit_test(test_variant_merge),
        cmocka_unit_test(test_hyphen_space),
        cmocka_unit_test(test_mover),
        cmocka_unit_test(test_silence),
        cmocka_unit_test(test_orcid),
        cmocka_unit_test(test_misaligned_ids),
        cmocka_unit_test(test_dblp_numbers),
        cmocka_unit_test(test_threads_deterministic),
        cmocka_unit_test(test_keys_stable),
        cmocka_unit_test(test_edge_cases),
        cmocka_unit_test(test_demo_bcubed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
