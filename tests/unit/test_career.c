/*
 * test_career.c — stints and moves from hand-made careers: internships,
 * visiting years, dual affiliations, one paper on each side, units of a
 * parent, year estimates, kinds, and the indexes queries read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "career/career.h"

/* organisations: 1 uni A, 2 company B, 3 uni C, 4 institute D (a unit of A),
 * 5 company E (parent B: kept apart), 6 a cluster "~acme inc", 7 cluster "~zz" */
enum { A = 1, B, C, D, E, ACME, ZZ, NORG };
static sc_m_org orgs[NORG];
static const char *names[NORG] = {"", "Uni A", "B Corp", "Uni C", "D Institute", "E", "~acme inc", "~zz"};

/* one authorship of the person under test: year, primary org, second org */
typedef struct {
    int year, o1, o2;
} ev;

typedef struct {
    sc_m_paper papers[64];
    sc_m_authorship auths[64];
    uint32_t auth_org[64], person_auths[64];
    sc_m_aff_org aff_org[64];
    sc_m_person_rec person;
    sc_career_out out;
} world;

static void init_orgs(void)
{
    memset(orgs, 0, sizeof orgs);
    orgs[A].type = 2, orgs[B].type = 1, orgs[C].type = 2, orgs[D].type = 3, orgs[E].type = 1;
    orgs[D].parent = A;
    orgs[E].parent = B;
    for (int o = 1; o < NORG; o++) orgs[o].origin = 1;
    orgs[ACME].origin = orgs[ZZ].origin = 2;
}

/* evs in year order, one paper each */
static void run(world *w, const ev *evs, size_t n)
{
    memset(w, 0, sizeof *w);
    init_orgs();
    for (size_t i = 0; i < n; i++) {
        w->papers[i].year = (uint16_t)evs[i].year;
        w->papers[i].first_authorship = (uint32_t)i;
        w->papers[i].n_authors = 1;
        w->auths[i].paper = (uint32_t)i;
        w->auths[i].affiliation = (uint32_t)i;
        w->auth_org[i] = (uint32_t)evs[i].o1;
        w->aff_org[i].org = (uint32_t)evs[i].o1;
        w->aff_org[i].org2 = (uint32_t)evs[i].o2;
        w->person_auths[i] = (uint32_t)i;
    }
    w->person.n_auth = (uint32_t)n;
    sc_career_in in = {w->papers, n, w->auths, n, w->auth_org, w->aff_org, orgs, names, NORG,
                       &w->person, 1, w->person_auths, NULL, 1, NULL};
    sc_careers_run(&in, &w->out);
}

static void test_steady(void **state)
{
    (void)state;
    world w;
    ev e[] = {{2010, A, 0}, {2011, A, 0}, {2012, A, 0}};
    run(&w, e, 3);
    assert_int_equal(w.out.stints.n, 1);
    assert_int_equal(w.out.moves.n, 0);
    assert_int_equal(w.out.stints.v[0].first_year, 2010);
    assert_int_equal(w.out.stints.v[0].last_year, 2012);
    assert_int_equal(w.out.stints.v[0].papers, 3);
    sc_careers_free(&w.out);
}

static void test_internship_in_the_middle(void **state)
{
    (void)state;
    world w;
    ev e[] = {{2010, A, 0}, {2011, A, 0}, {2012, B, 0}, {2013, A, 0}, {2014, A, 0}};
    run(&w, e, 5);
    assert_int_equal(w.out.moves.n, 0);
    assert_int_equal(w.out.stints.n, 1);
    sc_careers_free(&w.out);
}

static void test_leading_internship(void **state)
{
    (void)state;
    world w;
    ev e[] = {{2009, B, 0}, {2010, A, 0}, {2011, A, 0}, {2012, A, 0}};
    run(&w, e, 4);
    assert_int_equal(w.out.moves.n, 0);
    assert_int_equal(w.out.stints.v[0].org, A);
    sc_careers_free(&w.out);
}

static void test_early_internship(void **state)
{
    (void)state;
    world w;
    /* one company paper two years into a PhD, even as the last paper */
    ev e[] = {{2010, A, 0}, {2011, A, 0}, {2012, B, 0}};
    run(&w, e, 3);
    assert_int_equal(w.out.moves.n, 0);
    sc_careers_free(&w.out);
    /* three years in, it is a first job */
    ev f[] = {{2010, A, 0}, {2011, A, 0}, {2013, B, 0}};
    run(&w, f, 3);
    assert_int_equal(w.out.moves.n, 1);
    assert_true(w.out.moves.v[0].flags & SC_MOVE_FIRST_JOB);
    sc_careers_free(&w.out);
}

static void test_visiting_year(void **state)
{
    (void)state;
    world w;
    /* a whole year elsewhere, with four papers, between years at A */
    ev e[] = {{2010, A, 0}, {2011, A, 0}, {2012, C, 0}, {2012, C, 0}, {2012, C, 0}, {2012, C, 0},
              {2013, A, 0}, {2014, A, 0}};
    run(&w, e, 8);
    assert_int_equal(w.out.moves.n, 0);
    sc_careers_free(&w.out);
}

static void test_two_years_away_are_moves(void **state)
{
    (void)state;
    world w;
    ev e[] = {{2010, A, 0}, {2011, A, 0}, {2012, C, 0}, {2013, C, 0}, {2014, A, 0}, {2015, A, 0}};
    run(&w, e, 6);
    assert_int_equal(w.out.moves.n, 2);
    assert_int_equal(w.out.moves.v[0].from_org, A);
    assert_int_equal(w.out.moves.v[0].to_org, C);
    assert_int_equal(w.out.moves.v[0].year, 2012);
    assert_int_equal(w.out.moves.v[1].to_org, A);
    assert_int_equal(w.out.moves.v[1].year, 2014);
    sc_careers_free(&w.out);
}

static void test_one_paper_each_side(void **state)
{
    (void)state;
    world w;
    ev e[] = {{2010, A, 0}, {2013, B, 0}};
    run(&w, e, 2);
    assert_int_equal(w.out.moves.n, 1);
    const sc_m_move *m = &w.out.moves.v[0];
    assert_int_equal(m->from_org, A);
    assert_int_equal(m->to_org, B);
    assert_int_equal(m->last_old, 2010);
    assert_int_equal(m->first_new, 2013);
    assert_int_equal(m->year, 2012); /* the middle of the gap */
    assert_int_equal(m->kind, SC_MOVE_ACAD_IND);
    assert_true(m->flags & SC_MOVE_FIRST_JOB);
    /* little evidence: low confidence */
    assert_true(m->confidence < 70);
    assert_int_equal(m->ev_old[0], 0);
    assert_int_equal(m->ev_new[0], 1);
    assert_int_equal(m->ev_old[1], UINT32_MAX);
    sc_careers_free(&w.out);
}

static void test_confidence_grows_with_evidence(void **state)
{
    (void)state;
    world w;
    ev e[] = {{2010, A, 0}, {2011, A, 0}, {2012, A, 0}, {2013, A, 0},
              {2014, C, 0}, {2015, C, 0}, {2016, C, 0}, {2017, C, 0}};
    run(&w, e, 8);
    assert_int_equal(w.out.moves.n, 1);
    assert_true(w.out.moves.v[0].confidence >= 90);
    assert_int_equal(w.out.moves.v[0].kind, SC_MOVE_ACAD_ACAD);
    /* the last two papers at the old place, the first two at the new */
    assert_int_equal(w.out.moves.v[0].ev_old[0], 3);
    assert_int_equal(w.out.moves.v[0].ev_old[1], 2);
    assert_int_equal(w.out.moves.v[0].ev_new[0], 4);
    assert_int_equal(w.out.moves.v[0].ev_new[1], 5);
    sc_careers_free(&w.out);
}

static void test_year_in_the_gap(void **state)
{
    (void)state;
    world w;
    ev e[] = {{2008, A, 0}, {2010, A, 0}, {2014, C, 0}, {2015, C, 0}};
    run(&w, e, 4);
    assert_int_equal(w.out.moves.n, 1);
    assert_int_equal(w.out.moves.v[0].last_old, 2010);
    assert_int_equal(w.out.moves.v[0].first_new, 2014);
    assert_int_equal(w.out.moves.v[0].year, 2012);
    sc_careers_free(&w.out);
}

static void test_dual_affiliation(void **state)
{
    (void)state;
    world w;
    /* "A and B" throughout, and one B-only paper: one stint at A */
    ev e[] = {{2010, A, B}, {2011, A, B}, {2012, B, 0}, {2012, A, B}, {2013, A, B}, {2014, A, B}};
    run(&w, e, 6);
    assert_int_equal(w.out.moves.n, 0);
    assert_int_equal(w.out.stints.v[0].org, A);
    sc_careers_free(&w.out);
}

static void test_unit_and_parent(void **state)
{
    (void)state;
    world w;
    ev e[] = {{2010, A, 0}, {2011, A, 0}, {2012, A, 0}, {2013, D, 0}, {2014, D, 0}};
    run(&w, e, 5);
    assert_int_equal(w.out.moves.n, 0);
    assert_int_equal(w.out.stints.n, 1);
    assert_int_equal(w.out.stints.v[0].org, A);
    sc_careers_free(&w.out);
    /* a company child stays an employer of its own */
    ev f[] = {{2010, B, 0}, {2011, B, 0}, {2012, B, 0}, {2013, E, 0}, {2014, E, 0}};
    run(&w, f, 5);
    assert_int_equal(w.out.moves.n, 1);
    assert_int_equal(w.out.moves.v[0].kind, SC_MOVE_IND_IND);
    assert_false(w.out.moves.v[0].flags & SC_MOVE_FIRST_JOB);
    sc_careers_free(&w.out);
}

static void test_no_evidence(void **state)
{
    (void)state;
    world w;
    ev e[] = {{2010, 0, 0}, {0, A, 0}};
    run(&w, e, 2);
    assert_int_equal(w.out.stints.n, 0);
    assert_int_equal(w.out.moves.n, 0);
    assert_int_equal(w.out.person_stint_off[1], 0);
    sc_careers_free(&w.out);
}

static void test_professor_then_company(void **state)
{
    (void)state;
    world w;
    /* A until 2012, C (a university) 2013-2016 with a lagging A paper, a
     * paper at B (a company) with C as second affiliation in 2016, then B:
     * A -> C -> B (the shape of a real career that was once folded away) */
    ev e[] = {{2008, A, 0}, {2010, A, 0}, {2012, A, 0}, {2013, C, 0}, {2014, A, 0}, {2014, C, 0},
              {2016, C, 0}, {2016, B, C}, {2017, B, 0}, {2017, B, 0}, {2018, B, 0}, {2019, B, 0}};
    run(&w, e, 12);
    assert_int_equal(w.out.stints.n, 3);
    assert_int_equal(w.out.stints.v[1].org, C);
    assert_int_equal(w.out.moves.n, 2);
    assert_int_equal(w.out.moves.v[0].to_org, C);
    assert_int_equal(w.out.moves.v[1].to_org, B);
    sc_careers_free(&w.out);
}

/* A university post kept while an institute is joined (A on the papers in
 * half the later years at C): two stints, no move. Without the later A
 * papers, or when the new place is a company, a move. */
static size_t kept_post_moves(int new_org, int keep)
{
    world w;
    ev e[40];
    size_t n = 0;
    for (int y = 2000; y <= 2006; y++) e[n++] = (ev){y, A, 0};
    for (int y = 2007; y <= 2014; y++) {
        e[n++] = (ev){y, new_org, 0};
        e[n++] = (ev){y, new_org, 0};
        if (keep && y >= 2009 && y % 2) e[n++] = (ev){y, A, 0};
    }
    run(&w, e, n);
    assert_int_equal(w.out.stints.n, 2);
    size_t moves = w.out.moves.n;
    sc_careers_free(&w.out);
    return moves;
}

static void test_kept_post(void **state)
{
    (void)state;
    assert_int_equal(kept_post_moves(C, 1), 0);
    assert_int_equal(kept_post_moves(C, 0), 1);
    assert_int_equal(kept_post_moves(B, 1), 1);
}

/* Two people at A (2010-2014, a paper each a year, alone), then one last
 * paper: written together, or each alone. A paper on which every author
 * got one place that all their careers put elsewhere (at one same place)
 * has a list out of step: no move. Alone, the same last paper is a move
 * (one paper on each side, nothing contradicts it). */
static size_t last_paper_moves(int together)
{
    enum { NP = 12 };
    sc_m_paper papers[NP];
    sc_m_authorship auths[NP];
    uint32_t auth_org[NP], person_auths[NP];
    sc_m_aff_org aff_org[NP];
    sc_m_person_rec people[2];
    memset(papers, 0, sizeof papers);
    memset(auths, 0, sizeof auths);
    memset(aff_org, 0, sizeof aff_org);
    memset(people, 0, sizeof people);
    init_orgs();
    size_t np = 0, na = 0;
    for (int who = 0; who < 2; who++)
        for (int y = 2010; y <= 2014; y++) {
            papers[np] = (sc_m_paper){.year = (uint16_t)y, .first_authorship = (uint32_t)na, .n_authors = 1};
            auths[na].paper = (uint32_t)np++;
            auth_org[na] = A;
            na++;
        }
    for (int who = 0; who < 2; who++) {
        if (who == 0 || !together) {
            papers[np] = (sc_m_paper){.year = 2015, .first_authorship = (uint32_t)na,
                                      .n_authors = (uint16_t)(together ? 2 : 1)};
            np++;
        }
        auths[na].paper = (uint32_t)np - 1;
        auth_org[na] = B;
        na++;
    }
    /* person 0: authorships 0-4 and 10; person 1: 5-9 and 11 */
    for (uint32_t i = 0; i < 5; i++) person_auths[i] = i, person_auths[6 + i] = 5 + i;
    person_auths[5] = 10;
    person_auths[11] = 11;
    people[0] = (sc_m_person_rec){.first_auth = 0, .n_auth = 6};
    people[1] = (sc_m_person_rec){.first_auth = 6, .n_auth = 6};
    for (size_t i = 0; i < na; i++) {
        auths[i].affiliation = (uint32_t)i;
        aff_org[i].org = auth_org[i];
    }
    sc_career_out out;
    sc_career_in in = {papers, np, auths, na, auth_org, aff_org, orgs, names, NORG,
                       people, 2, person_auths, NULL, 1, NULL};
    sc_careers_run(&in, &out);
    size_t moves = out.moves.n;
    sc_careers_free(&out);
    return moves;
}

static void test_list_out_of_step(void **state)
{
    (void)state;
    assert_int_equal(last_paper_moves(0), 2);
    assert_int_equal(last_paper_moves(1), 0);
}

/* A move to a place no registry row names (a cluster of unresolved
 * strings) is half as sure as the same move to a registry organisation. */
static void test_cluster_side_confidence(void **state)
{
    (void)state;
    world w;
    ev e[] = {{2010, A, 0}, {2011, A, 0}, {2012, A, 0}, {2013, C, 0}, {2014, C, 0}, {2015, C, 0}};
    run(&w, e, 6);
    assert_int_equal(w.out.moves.n, 1);
    unsigned sure = w.out.moves.v[0].confidence;
    sc_careers_free(&w.out);
    for (int k = 3; k < 6; k++) e[k].o1 = ACME;
    run(&w, e, 6);
    assert_int_equal(w.out.moves.n, 1);
    assert_int_equal(w.out.moves.v[0].confidence, (sure + 1) / 2);
    sc_careers_free(&w.out);
}

static void test_indexes(void **state)
{
    (void)state;
    world w;
    ev e[] = {{2010, A, 0}, {2011, A, 0}, {2012, C, 0}, {2013, C, 0}, {2014, B, 0}, {2015, B, 0}};
    run(&w, e, 6);
    assert_int_equal(w.out.moves.n, 2);
    assert_int_equal(w.out.person_move_off[0], 0);
    assert_int_equal(w.out.person_move_off[1], 2);
    /* moves leaving C: the second; joining C: the first */
    assert_int_equal(w.out.org_from_off[C + 1] - w.out.org_from_off[C], 1);
    assert_int_equal(w.out.moves_from[w.out.org_from_off[C]], 1);
    assert_int_equal(w.out.moves_to[w.out.org_to_off[C]], 0);
    assert_int_equal(w.out.org_stint_off[NORG], 3);
    assert_int_equal(w.out.org_stints[w.out.org_stint_off[B]], 2);
    sc_careers_free(&w.out);
}

static void test_sectors_and_kinds(void **state)
{
    (void)state;
    init_orgs();
    assert_int_equal(sc_org_sector(&orgs[A], names[A]), 2);
    assert_int_equal(sc_org_sector(&orgs[B], names[B]), 1);
    assert_int_equal(sc_org_sector(&orgs[ACME], names[ACME]), 1);
    assert_int_equal(sc_org_sector(&orgs[ZZ], names[ZZ]), 0);
    sc_m_org u = {0};
    assert_int_equal(sc_org_sector(&u, "~technische universitat x"), 2);
    /* a university of technology is no company; a technologies research center is */
    assert_int_equal(sc_org_sector(&u, "~university of technology finland"), 2);
    assert_int_equal(sc_org_sector(&u, "~acme technologies research center"), 1);
    assert_int_equal(sc_org_sector(&u, "~robotics institute"), 2);
    assert_int_equal(sc_move_kind_parse("a2i"), SC_MOVE_ACAD_IND);
    assert_int_equal(sc_move_kind_parse("industry->academia"), SC_MOVE_IND_ACAD);
    assert_int_equal(sc_move_kind_parse("sideways"), -1);
    assert_string_equal(sc_move_kind_name(SC_MOVE_IND_IND), "industry->industry");
    /* a move touching an organisation of unknown sector has kind unknown */
    world w;
    ev e[] = {{2010, A, 0}, {2011, A, 0}, {2012, ZZ, 0}, {2013, ZZ, 0}};
    run(&w, e, 4);
    assert_int_equal(w.out.moves.n, 1);
    assert_int_equal(w.out.moves.v[0].kind, SC_MOVE_UNKNOWN);
    sc_careers_free(&w.out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steady),
        cmocka_unit_test(test_internship_in_the_middle),
        cmocka_unit_test(test_leading_internship),
        cmocka_unit_test(test_early_internship),
        cmocka_unit_test(test_visiting_year),
        cmocka_unit_test(test_two_years_away_are_moves),
        cmocka_unit_test(test_one_paper_each_side),
        cmocka_unit_test(test_confidence_grows_with_evidence),
        cmocka_unit_test(test_year_in_the_gap),
        cmocka_unit_test(test_dual_affiliation),
        cmocka_unit_test(test_unit_and_parent),
        cmocka_unit_test(test_no_evidence),
        cmocka_unit_test(test_professor_then_company),
        cmocka_unit_test(test_kept_post),
        cmocka_unit_test(test_list_out_of_step),
        cmocka_unit_test(test_cluster_side_confidence),
        cmocka_unit_test(test_indexes),
        cmocka_unit_test(test_sectors_and_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
