/*
 * test_org.c — organisation registry loading (validation with positions)
 * and resolution: domains, aliases, segments, duals, fuzzy, clusters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "resolve/normalize.h"
#include "resolve/org.h"

static sc_orgreg *reg;

static int setup(void **state)
{
    (void)state;
    sc_error err = {0};
    if (sc_orgreg_load("tests/fixtures/orgs/mini.tsv", &reg, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sc_orgreg_free(reg);
    return 0;
}

static const char *primary(const char *aff, const char *domain, int *method)
{
    sc_org_resolution r;
    sc_org_resolve(reg, aff, strlen(aff), domain, domain ? strlen(domain) : 0, &r);
    if (method) *method = r.n ? r.hit[0].method : SC_MATCH_NONE;
    return r.n ? sc_orgreg_get(reg, r.hit[0].org)->id : "";
}

static void test_normalize(void **state)
{
    (void)state;
    sc_buf b = {0};
    sc_norm_text("  ETH Zürich, ", 15, &b);
    assert_string_equal(b.p, "eth zurich");
    sc_norm_text("Korea Advanced Institute of Science & Technology", 48, &b);
    assert_string_equal(b.p, "korea advanced institute of science and technology");
    /* accents set apart from their letters by PDF extraction: the word is
     * one again; before a capital a word starts */
    const char *pdf = "\xC2\xB4" "Ecole Polytechnique F \xC2\xB4" "ed\xC2\xB4" "erale, Link \xC2\xA8" "oping";
    sc_norm_text(pdf, strlen(pdf), &b);
    assert_string_equal(b.p, "ecole polytechnique federale linkoping");
    const char *cap = "University of \xC2\xA8" "Orebro, University of\xC2\xA8 Bremen, Caf\xC2\xB4";
    sc_norm_text(cap, strlen(cap), &b);
    assert_string_equal(b.p, "university of orebro university of bremen caf");
    /* the grave accent as an ASCII backquote, set apart the same way */
    const char *grave = "DISI, Universit `a di Genova, Rob `otica, `Ecole";
    sc_norm_text(grave, strlen(grave), &b);
    assert_string_equal(b.p, "disi universita di genova robotica ecole");
    /* UTF-8 read as UTF-16: a no-break space or an accented letter taken
     * for a Hangul syllable between Latin letters is that character again;
     * Korean text is left alone */
    const char *moj = "Tokyo University of Agriculture\xEC\x8A\xA0" "and\xEC\x8A\xA0" "Technology, T\xEC\x8E\xA9" "cnicas";
    sc_norm_text(moj, strlen(moj), &b);
    assert_string_equal(b.p, "tokyo university of agriculture and technology tecnicas");
    const char *ko = "\xEC\x8A\xA0\xEC\x8A\xA0 KAIST";
    sc_norm_text(ko, strlen(ko), &b);
    assert_true((unsigned char)b.p[0] >= 0xE0); /* still Hangul (decomposed), not "\u00a0" */
    assert_non_null(strstr(b.p, " kaist"));
    /* a stray CJK or Hangul character glued to a Latin word is a word of
     * its own ("technology\uc2a0" in a corpus string) */
    const char *glued = "Amirkabir University of Technology\xEC\x8A\xA0, Tsinghua\xE5\xA4\xA7\xE5\xAD\xA6";
    sc_norm_text(glued, strlen(glued), &b);
    assert_int_equal(strncmp(b.p, "amirkabir university of technology ", 35), 0); /* then the syllable, decomposed */
    assert_non_null(strstr(b.p, " tsinghua "));
    sc_norm_text("\xff\xfe bad", 6, &b); /* invalid UTF-8: no crash */
    assert_string_equal(b.p, "bad");
    sc_domain_registrable("CS.Stanford.EDU", 15, &b);
    assert_string_equal(b.p, "stanford.edu");
    sc_domain_registrable("robots.ox.ac.uk", 15, &b);
    assert_string_equal(b.p, "ox.ac.uk");
    assert_true(sc_domain_is_shared("gmail.com", 9));
    assert_false(sc_domain_is_shared("google.com", 10));
    sc_buf_free(&b);
}

static void test_domains(void **state)
{
    (void)state;
    int m;
    assert_string_equal(primary("", "cs.stanford.edu", &m), "stanford-university");
    assert_int_equal(m, SC_MATCH_DOMAIN);
    /* the longest registered suffix wins: is.tuebingen.mpg.de is MPI-IS, not MPG */
    assert_string_equal(primary("", "is.tuebingen.mpg.de", NULL), "mpi-is");
    assert_string_equal(primary("", "mpg.de", NULL), "mpg");
    /* shared providers carry no signal: the string decides */
    assert_string_equal(primary("Google Brain", "gmail.com", &m), "google");
    assert_int_equal(m, SC_MATCH_ALIAS);
    assert_string_equal(primary("", "unknown.example", NULL), "");
}

static void test_aliases_and_segments(void **state)
{
    (void)state;
    int m;
    assert_string_equal(primary("KAIST", NULL, NULL), "kaist");
    assert_string_equal(primary("Korea Advanced Institute of Science and Technology", NULL, NULL), "kaist");
    assert_string_equal(primary("ETH ZURICH", NULL, NULL), "eth-zurich");
    assert_string_equal(primary("Department of Computer Science, Stanford University, Stanford, CA 94305, USA", NULL, &m),
                        "stanford-university");
    assert_int_equal(m, SC_MATCH_ALIAS);
    assert_string_equal(primary("Google Brain, Mountain View", NULL, NULL), "google");
    assert_string_equal(primary("Facebook AI Research (FAIR)", NULL, NULL), "meta");
    assert_string_equal(primary("Google DeepMind", NULL, NULL), "deepmind");
}

static void test_duals(void **state)
{
    (void)state;
    sc_org_resolution r;
    const char *s = "Stanford University and Google";
    sc_org_resolve(reg, s, strlen(s), NULL, 0, &r);
    assert_int_equal(r.n, 2);
    assert_string_equal(sc_orgreg_get(reg, r.hit[0].org)->id, "stanford-university");
    assert_string_equal(sc_orgreg_get(reg, r.hit[1].org)->id, "google");
    s = "Tsinghua University+BAAI";
    sc_org_resolve(reg, s, strlen(s), NULL, 0, &r);
    assert_int_equal(r.n, 2);
    assert_string_equal(sc_orgreg_get(reg, r.hit[1].org)->id, "baai");
    /* "and" inside a name is not a split */
    s = "Korea Advanced Institute of Science and Technology";
    sc_org_resolve(reg, s, strlen(s), NULL, 0, &r);
    assert_int_equal(r.n, 1);
    /* dual domains */
    s = "";
    sc_org_resolve(reg, s, 0, "robots.ox.ac.uk+google.com", 26, &r);
    assert_int_equal(r.n, 2);
    assert_string_equal(sc_orgreg_get(reg, r.hit[0].org)->id, "oxford");
}

/* the ids of a resolution's hits, joined with '+' */
static const char *hit_ids(const char *aff)
{
    static char buf[256];
    sc_org_resolution r;
    sc_org_resolve(reg, aff, strlen(aff), NULL, 0, &r);
    buf[0] = 0;
    for (int i = 0; i < r.n; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? "+" : "", sc_orgreg_get(reg, r.hit[i].org)->id);
    return buf;
}

static void test_other_segments(void **state)
{
    (void)state;
    /* an organisation named in a segment of its own comes after the primary */
    assert_string_equal(hit_ids("Univ Rennes, ENSCR, CNRS, ISCR - UMR 6226, F-35000 Rennes, France"), "university-of-rennes+cnrs");
    /* CNRS says who pays, the university of its country where: it comes
     * second even when written first; not before a foreign one */
    assert_string_equal(hit_ids("CNRS, Univ Rennes, ISCR, Rennes, France"), "university-of-rennes+cnrs");
    assert_string_equal(hit_ids("CNRS, Stanford University"), "cnrs+stanford-university");
    assert_string_equal(hit_ids("Department of Physics, Stanford University, Centre National de la Recherche Scientifique"),
                        "stanford-university+cnrs");
    /* a city that is also an alias is no organisation: Berkeley, CA */
    assert_string_equal(hit_ids("Lawrence Berkeley National Laboratory, Berkeley, CA"), "lbnl");
    /* nor is the primary's parent, nor the segments the primary came from */
    assert_string_equal(hit_ids("SLAC National Accelerator Laboratory, Stanford University"), "stanford-slac");
    assert_string_equal(hit_ids("University of Camelot, Northtown, UK"), "camelot-northtown");
    /* an acronym must be of the primary's country: FAIR is Meta's in the US only */
    assert_string_equal(hit_ids("Stanford University, FAIR"), "stanford-university+meta");
    assert_string_equal(hit_ids("Tsinghua University, FAIR"), "tsinghua-university");
    /* a short street address names no organisation by its street... */
    assert_string_equal(hit_ids("Department of Naval Architecture, 2600 Draper Dr., Ann Arbor"), "");
    assert_string_equal(hit_ids("Draper, Cambridge, MA"), "draper");
    /* ...but a segment that names an institution still counts */
    assert_string_equal(hit_ids("Stanford University 450 Serra Mall St"), "stanford-university");
}

static void test_written_out(void **state)
{
    (void)state;
    /* abbreviations and misspellings in a string nothing else matched:
     * "Lab." is Laboratory, a last "U." University, "at" or "in" before a
     * place is how the string, not the registry, writes it */
    assert_string_equal(hit_ids("Lawrence Berkeley National Lab."), "lbnl");
    assert_string_equal(hit_ids("Oxford U."), "oxford");
    assert_string_equal(hit_ids("Univcrsity of Camelot"), "camelot");
    assert_string_equal(hit_ids("Department of History, University of Avalon at Southport"), "avalon-southport");
    assert_string_equal(hit_ids("Faculty of Medicine, University in Camelot, Camelot"), "camelot");
    /* words run together, and "+" for spaces */
    assert_string_equal(hit_ids("School of PhysicsOxford University"), "oxford");
    assert_string_equal(hit_ids("The+University+of+Camelot"), "camelot");
    /* a cut word is a name when a piece is one of its aliases... */
    assert_string_equal(hit_ids("GoogleBrain"), "google");
    assert_string_equal(hit_ids("StanfordUniversity"), "stanford-university");
    /* ...but not when a fuzzy match rests on a later piece alone: a
     * company "RobotEth" is not ETH ("RobotWits, LLC" was Witwatersrand) */
    assert_string_equal(hit_ids("RobotEth, LLC"), "");
    /* a fuzzy match reads an abbreviation as its word, in the registry's
     * aliases and in the string alike */
    assert_string_equal(hit_ids("Oxford Univ. Department of Physics"), "oxford");
    assert_string_equal(hit_ids("Dept. of History Oxford Univ."), "oxford");
    /* but a system's name (Avalon has three campuses) in a long segment
     * does not say which campus */
    assert_string_equal(hit_ids("Dept. of History Univ. of Avalon"), "");
    /* and an alias read as the same words as a campus prefix is one:
     * "Univ. of Avalon" is the name of the system here, so "University of
     * Avalon Northport" is a campus the registry lacks */
    assert_string_equal(hit_ids("University of Avalon Northport"), "");
    /* a name of two words or more with a word of its own that opens a
     * long segment stands for it, as a name that says what it is does */
    assert_string_equal(hit_ids("ETH Zurich Institute of Structural Engineering Zurich Switzerland"), "eth-zurich");
    /* a campus's name cut by a comma, with other words before and after */
    assert_string_equal(hit_ids("Department of Neurology and Widget Institute for Neurosciences University of Avalon, Eastport Eastport UK"),
                        "avalon-eastport");
    /* "Sciences" and "Science" are one word to the fuzzy matcher */
    assert_string_equal(hit_ids("Institute of Botany, Chinese Academy of Science"), "cas");
    /* "Univ. A de B" is the A University of B */
    assert_string_equal(hit_ids("Univ. Complutense de Madrid"), "complutense-madrid");
    /* a state code is no organisation: two unknown places in Texas get
     * two keys, not the key "tx" */
    sc_org_resolution a, b;
    const char *sa = "Department of Radiology The Medical School of Nowhere 6431 Fannin Street Houston, TX";
    const char *sb = "Department of Physics The Polytechnic of Elsewhere Austin, TX";
    sc_org_resolve(reg, sa, strlen(sa), NULL, 0, &a);
    sc_org_resolve(reg, sb, strlen(sb), NULL, 0, &b);
    assert_int_equal(a.n + b.n, 0);
    assert_string_not_equal(a.cluster_key, b.cluster_key);
    /* a lone "U" is no university, and an unknown name stays unknown */
    assert_string_equal(hit_ids("U."), "");
    assert_string_equal(hit_ids("Camelot Lab"), "");
}

static void test_unit_at(void **state)
{
    (void)state;
    /* a unit, "at", then a registry name: the name's organisation */
    assert_string_equal(hit_ids("Augmented Perception group at Google"), "google");
    assert_string_equal(hit_ids("Widget Systems Lab at KAIST, Daejeon"), "kaist");
    assert_string_equal(hit_ids("Department of Gadgets at the University of Camelot"), "camelot");
    /* no unit before "at": a campus, not the place's organisation */
    assert_string_equal(hit_ids("University of Lyonesse at Berkeley"), "");
    assert_string_equal(hit_ids("Widget Medical Center at Berkeley"), "");
    /* a system's name after "at" does not say which campus */
    assert_string_equal(hit_ids("Gadget Research Group at the Univ. of Avalon"), "");
}

static void test_name_inside_name(void **state)
{
    (void)state;
    /* a name that starts inside another name found further left is part
     * of it: Saint Avalon's school of medicine is not Avalon's */
    assert_string_equal(hit_ids("Department of Pediatrics, The Saint Avalon University School of Medicine and Health Sciences, Avalon"),
                        "saint-avalon-university");
    assert_string_equal(hit_ids("Department of Pediatrics, Avalon University School of Medicine and Health Sciences, Avalon"),
                        "avalon-university");
    /* an academy whose units are institutes is no system of campuses: an
     * institute it lacks, in a string without commas, is the academy's */
    assert_string_equal(hit_ids("State Key Laboratory of Widgets Institute of Gadgets Chinese Academy of Sciences Beijing China"),
                        "cas");
}

static void test_marks_and_typos(void **state)
{
    (void)state;
    sc_org_resolution r;
    /* a footnote mark between two organisations separates them, and the
     * exact name then beats the parent company's e-mail domain */
    const char *s = "DeepMind\u266dUniversity of Oxford";
    sc_org_resolve(reg, s, strlen(s), "google.com", 10, &r);
    assert_int_equal(r.n, 3);
    assert_string_equal(sc_orgreg_get(reg, r.hit[0].org)->id, "deepmind");
    assert_string_equal(sc_orgreg_get(reg, r.hit[1].org)->id, "oxford");
    s = "Stanford University\u2021Google Brain\u2020";
    sc_org_resolve(reg, s, strlen(s), NULL, 0, &r);
    assert_int_equal(r.n, 2);
    assert_string_equal(sc_orgreg_get(reg, r.hit[1].org)->id, "google");
    /* a misspelt distinctive word stands for it ("DeepMin" is DeepMind, not Google) */
    int m;
    assert_string_equal(primary("Google DeepMin", NULL, &m), "deepmind");
    assert_int_equal(m, SC_MATCH_FUZZY);
    /* two edits away: no */
    s = "Deeping Labs";
    sc_org_resolve(reg, s, strlen(s), NULL, 0, &r);
    assert_int_equal(r.n, 0);
}

static void test_fuzzy_and_cluster(void **state)
{
    (void)state;
    int m;
    assert_string_equal(primary("Institute of Computing Technology Chinese Academy of Sciences Beijing", NULL, &m), "cas");
    assert_int_equal(m, SC_MATCH_FUZZY);
    assert_string_equal(primary("The Stanford University School of Medicine", NULL, &m), "stanford-university");
    sc_org_resolution r;
    const char *s = "Dept. of Physics, Universidad de Nowhere, Atlantis";
    sc_org_resolve(reg, s, strlen(s), NULL, 0, &r);
    assert_int_equal(r.n, 0);
    assert_string_equal(r.cluster_key, "nowhere university");
    /* hostile input: huge, binary, one character */
    char *big = malloc(100000);
    memset(big, 'A', 99999);
    big[99999] = 0;
    sc_org_resolve(reg, big, 99999, NULL, 0, &r);
    assert_int_equal(r.n, 0);
    free(big);
    sc_org_resolve(reg, "\x01\x02\xff", 3, "\xff", 1, &r);
    assert_int_equal(r.n, 0);
    sc_org_resolve(reg, "X", 1, NULL, 0, &r);
    assert_int_equal(r.n, 0);
}

static const char *key(const char *seg)
{
    static char k[160];
    sc_org_cluster_key(seg, strlen(seg), k, sizeof k);
    return k;
}

static const char *cluster(const char *aff)
{
    static sc_org_resolution r;
    sc_org_resolve(reg, aff, strlen(aff), NULL, 0, &r);
    return r.n ? "(resolved)" : r.cluster_key;
}

static void test_cluster_keys(void **state)
{
    (void)state;
    /* footnote numbers and letters, "the", "from", "all authors" */
    assert_string_equal(key("1UT M.D. Anderson Cancer Center"), "ut m d anderson cancer center");
    assert_string_equal(key("All authors: The University of Texas MD Anderson Cancer Center"),
                        "university of texas md anderson cancer center");
    assert_string_equal(key("a   Department of Physics"), "department of physics");
    assert_string_equal(key("From the Mayo Clinic 200"), "mayo clinic");
    /* university in other languages, "of" in other languages, both word orders */
    assert_string_equal(key("Université de Toronto"), "toronto university");
    assert_string_equal(key("University of Toronto"), "toronto university");
    assert_string_equal(key("Toronto University"), "toronto university");
    assert_string_equal(key("Univ. of Toronto"), "toronto university");
    assert_string_equal(key("Università degli Studi di Milano"), "milano university");
    assert_string_equal(key("Universität zu Köln"), "koln university");
    assert_string_equal(key("Gifu Daigaku"), "gifu university");
    assert_string_equal(key("Zhejiang Daxue"), "zhejiang university");
    /* not where the order names another university or a subject */
    assert_string_equal(key("University of Washington"), "university of washington");
    assert_string_equal(key("Washington University"), "washington university");
    assert_string_equal(key("University of Technology"), "university of technology");
    /* acronyms in parentheses go, places stay; legal forms go */
    assert_string_equal(key("Shahid Beheshti University (SBU)"), "shahid beheshti university");
    assert_string_equal(key("China University of Petroleum (East China)"), "china university of petroleum east china");
    assert_string_equal(key("Acme Robotics Co. Ltd"), "acme robotics");
    assert_string_equal(key("Institut Curie"), "institute curie");
    assert_string_equal(key("1234"), "");
}

static void test_distinct_names(void **state)
{
    (void)state;
    int m;
    /* a name in a long segment without commas, department and address around it */
    assert_string_equal(primary("Department of Genetics Stanford University Stanford California USA", NULL, &m),
                        "stanford-university");
    assert_int_equal(m, SC_MATCH_FUZZY);
    /* ... but not when the segment goes on into another institution's name */
    assert_string_equal(cluster("Division of Cardiology, Stanford University Medical Center, Stanford, CA"),
                        "stanford university medical center");
    assert_string_equal(cluster("Department of Surgery, Oxford University Hospitals, Oxford"), "oxford university hospitals");
    assert_string_equal(cluster("School of Physics, Tsinghua University of Technology, Beijing"),
                        "tsinghua university of technology");
    assert_string_equal(cluster("The First Affiliated Hospital of Tsinghua University, Beijing"),
                        "first affiliated hospital of tsinghua university");
    assert_string_equal(cluster("Eastern Tsinghua University"), "eastern tsinghua university");
    /* a campus joined with a dash, or with "at" */
    assert_string_equal(cluster("Department of Physics, University of Oxford-Banbury, UK"), "oxford banbury university");
    assert_string_equal(cluster("University of Oxford at Banbury"), "university of oxford at banbury");
    /* a school of medicine is its university's */
    assert_string_equal(primary("Department of Radiology, Stanford University School of Medicine, Stanford", NULL, NULL),
                        "stanford-university");
    /* a key that is a registry name written another way resolves */
    assert_string_equal(primary("Dept. of Physics, Université d'Oxford, France", NULL, &m), "oxford");
    assert_string_equal(primary("1Stanford School of Medicine, Palo Alto", NULL, &m), "stanford-university");
    assert_string_equal(primary("Department of X and Y, 1Stanford University, Palo Alto", NULL, &m), "stanford-university");
}

static void test_campus_keys_and_html(void **state)
{
    (void)state;
    int m;
    /* a name of generic words only takes its campus from the next segment
     * (numbers dropped), and is then looked up as a registry name */
    assert_string_equal(cluster("Department of Physics, National Institute of Technology, Lyonesse 788 010, India"),
                        "national institute of technology lyonesse");
    assert_string_equal(primary("Dept. of Chemistry, National Institute of Technology, Avalon, India", NULL, &m),
                        "nit-avalon");
    /* the place may come first in the registry's name, or with a suburb after it */
    assert_string_equal(primary("Faculty of IT, University of Technology, Lyonesse, UK", NULL, &m), "lyonesse-tech");
    assert_string_equal(primary("Faculty of IT, University of Technology, Lyonesse Ultimo, UK", NULL, &m), "lyonesse-tech");
    /* ... not after a name of its own, nor an institution or a sub-unit next */
    assert_string_equal(cluster("Nowhere Institute of Technology, Lyonesse, India"), "nowhere institute of technology");
    assert_string_equal(cluster("National Institute of Technology, Department of Physics"),
                        "national institute of technology");
    /* a university's branch, before or after it */
    assert_string_equal(cluster("Department of Botany, Lyonesse Branch, Nowhere Open University, Camelot"),
                        "nowhere open university lyonesse branch");
    assert_string_equal(cluster("Nowhere Open University, Lyonesse Branch, Camelot"),
                        "nowhere open university lyonesse branch");
    assert_string_equal(cluster("Nowhere Open University, Main Campus, Camelot"), "nowhere open university");
    assert_string_equal(cluster("Genomics Branch, Nowhere Cancer Agency, Camelot"), "nowhere cancer agency");
    /* HTML escapes left in publishers' strings */
    assert_string_equal(cluster("Dept. of Physics, Nowhere A&amp;M University, Camelot"), "nowhere a and m university");
    assert_string_equal(cluster("Laboratoire des Syst&#x00E8;mes, Nowhere, France"), "laboratoire des systemes");
    assert_string_equal(primary("<!--label omitted: 1-->Department of Physics, Stanford University", NULL, &m),
                        "stanford-university");
    char out[64];
    /* "&amp " without its ";" is an ampersand too ("Texas A&amp M
     * University"); "&ampx", "&bogus;" and an out-of-range code stay */
    const char *in = "A&amp;M &#233;&#x4E2D;<sup>1</sup> &bogus; &amp x&ampx&#xFFFFFFFFF;";
    size_t n = sc_org_unescape_html(in, strlen(in), out);
    out[n] = 0;
    assert_string_equal(out, "A&M \xc3\xa9\xe4\xb8\xad 1  &bogus; & x&ampx&#xFFFFFFFFF;");
}

static void test_campuses_and_orders(void **state)
{
    (void)state;
    int m;
    /* "X at Y" is also written "X Y" */
    assert_string_equal(primary("Department of Physics, University of Camelot Northtown, UK", NULL, &m),
                        "camelot-northtown");
    assert_string_equal(primary("University of Camelot, Camelot, UK", NULL, &m), "camelot");
    /* a system's or main campus's name followed by a word the registry does
     * not know is another campus: not the main one */
    assert_string_equal(cluster("Dept. of Mathematics, University of Camelot Crookham, Crookham, UK"),
                        "camelot crookham university");
    /* ... a word it knows is not ("Stanford" after Camelot is an address) */
    assert_string_equal(primary("Department of Physics, University of Camelot Stanford", NULL, &m), "camelot");
    /* the parent of one row (Stanford, parent of SLAC here) is no system:
     * its name may still stand in a long comma-less segment */
    assert_string_equal(primary("Department of Genetics Stanford University Stanford California USA", NULL, &m),
                        "stanford-university");
    /* "Universität X" is the University of X or X University */
    assert_string_equal(primary("Institut für Physik, Universität Tsinghua, Beijing", NULL, &m), "tsinghua-university");
    assert_string_equal(primary("Universiteit Oxford", NULL, &m), "oxford");
}

static void test_plain_and_unit_first(void **state)
{
    (void)state;
    /* a campus after a comma, with the system's name abbreviated ("Univ.",
     * "U of") or an acronym in parentheses: the campus, not the system */
    assert_string_equal(hit_ids("Dept. of History, Univ. of Avalon, Southport"), "avalon-southport");
    assert_string_equal(hit_ids("Dept. of History, U of Avalon, Eastport"), "avalon-eastport");
    assert_string_equal(hit_ids("University of Avalon, Westport (UAW), UK"), "avalon-westport");
    assert_string_equal(hit_ids("Univ. of Avalon, Nowhere"), "avalon");
    /* a UTF-8 no-break space read as UTF-16 (U+C2A0) opening a segment */
    assert_string_equal(hit_ids("University of Avalon,\xEC\x8A\xA0Southport, UK"), "avalon-southport");
    /* a unit with a row of its own, before what it belongs to, is the
     * primary: a later pair of segments does not take it over */
    assert_string_equal(hit_ids("Institute of Physics, Chinese Academy of Sciences (CAS), Beijing"), "cas-iop");
    assert_string_equal(hit_ids("Draper Laboratory, University of Avalon, Southport"), "draper+avalon-southport");
    /* a campus that opens the next segment, more words after it */
    assert_string_equal(hit_ids("Dept. of History, University of Avalon, Southport School of Medicine, UK"), "avalon-southport");
    assert_string_equal(hit_ids("University of Avalon, Office of the President"), "avalon");
    /* ... but a system's name is no unit */
    assert_string_equal(hit_ids("University of Avalon, University of Avalon, Eastport"), "avalon-eastport");
    /* a one-word institute or company in a segment of its own is named
     * too, of the primary's country; not a place */
    assert_string_equal(hit_ids("Univ Rennes, Cnrs, Rennes, France"), "university-of-rennes+cnrs");
    assert_string_equal(hit_ids("Stanford University, Google"), "stanford-university+google");
    assert_string_equal(hit_ids("Tsinghua University, Google"), "tsinghua-university");
    assert_string_equal(hit_ids("Lyonesse University of Technology, Berkeley"), "lyonesse-tech");
}

static void test_umlauts_slashes_company_labs(void **state)
{
    (void)state;
    /* a German name written without umlauts: ae/oe/ue and ss (two in a
     * word are more than a typo) */
    assert_string_equal(hit_ids("Hochschule Fuenfhoefen, Germany"), "hs-funfhofen");
    assert_string_equal(hit_ids("Hochschule F\xc3\xbcnfh\xc3\xb6" "fen"), "hs-funfhofen");
    assert_string_equal(hit_ids("Eberhard Karls Universitaet Tuebingen"), "university-of-tubingen");
    assert_string_equal(hit_ids("Dept. of Physics, ETH Zuerich, Switzerland"), "eth-zurich");
    /* ... and as before with them, or with the accent dropped */
    assert_string_equal(hit_ids("Eberhard Karls Universit\xc3\xa4t T\xc3\xbc" "bingen"), "university-of-tubingen");
    assert_string_equal(hit_ids("University of Tubingen"), "university-of-tubingen");
    /* the parts of "A/B" are other organisations, of the primary's country */
    assert_string_equal(hit_ids("Draper Laboratory/DTIS, Stanford University"), "stanford-university+draper");
    assert_string_equal(hit_ids("ETH/Lyonesse Lab, Stanford University"), "stanford-university");
    assert_string_equal(hit_ids("Univ Rennes, CNRS/XYZ, France"), "university-of-rennes+cnrs");
    /* a part must say what it is, or be an acronym in capitals */
    assert_string_equal(hit_ids("Berkeley/Oakland, Stanford University"), "stanford-university");
    /* a company's one-word name opening a segment that names a research
     * unit; not an institute's, and not without such a unit word */
    assert_string_equal(hit_ids("Facebook Mixed Reality and Robotics Science Lab, Zurich"), "meta");
    assert_string_equal(hit_ids("Facebook Mixed Reality and Robotics Science Group, Zurich"), "");
    assert_string_equal(hit_ids("Draper Mixed Reality and Robotics Science Lab"), "");
}

static void test_registry_errors(void **state)
{
    (void)state;
    sc_orgreg *r;
    sc_error err = {0};
    assert_int_equal(sc_orgreg_load("tests/fixtures/orgs/bad-fields.tsv", &r, &err), SC_EINPUT);
    assert_non_null(strstr(err.msg, "bad-fields.tsv:1:"));
    assert_non_null(strstr(err.msg, "expected 8 tab-separated fields"));
    assert_int_equal(sc_orgreg_load("tests/fixtures/orgs/dup-id.tsv", &r, &err), SC_EINPUT);
    assert_non_null(strstr(err.msg, "dup-id.tsv:2:1: duplicate id 'x'"));
    assert_int_equal(sc_orgreg_load("tests/fixtures/orgs/bad-type.tsv", &r, &err), SC_EINPUT);
    assert_non_null(strstr(err.msg, "bad-type.tsv:1:5: unknown type 'planet'"));
    assert_int_equal(sc_orgreg_load("tests/fixtures/orgs/bad-parent.tsv", &r, &err), SC_EINPUT);
    assert_non_null(strstr(err.msg, "unknown parent 'nobody'"));
    assert_int_equal(sc_orgreg_load("tests/fixtures/orgs/none.tsv", &r, &err), SC_EINPUT);
}

static void test_overrides(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "%s/ovr.%ld.tsv", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    FILE *f = fopen(path, "w");
    fputs("# user overrides\nBrain Team\tgoogle\n@stanford.edu\tgoogle\n", f);
    fclose(f);
    sc_orgreg *r;
    sc_error err = {0};
    assert_int_equal(sc_orgreg_load("tests/fixtures/orgs/mini.tsv", &r, &err), 0);
    assert_int_equal(sc_orgreg_load_overrides(r, path, &err), 0);
    sc_org_resolution res;
    sc_org_resolve(r, "Brain Team", 10, NULL, 0, &res);
    assert_int_equal(res.n, 1);
    assert_string_equal(sc_orgreg_get(r, res.hit[0].org)->id, "google");
    sc_org_resolve(r, "", 0, "stanford.edu", 12, &res);
    assert_string_equal(sc_orgreg_get(r, res.hit[0].org)->id, "google");
    sc_orgreg_free(r);
    f = fopen(path, "w");
    fputs("Brain Team\tno-such-org\n", f);
    fclose(f);
    assert_int_equal(sc_orgreg_load("tests/fixtures/orgs/mini.tsv", &r, &err), 0);
    assert_int_equal(sc_orgreg_load_overrides(r, path, &err), SC_EINPUT);
    assert_non_null(strstr(err.msg, ":1:12: unknown organisation id 'no-such-org'"));
    sc_orgreg_free(r);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize),
        cmocka_unit_test_setup_teardown(test_domains, setup, teardown),
        cmocka_unit_test_setup_teardown(test_aliases_and_segments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_segments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_written_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_name_inside_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_at, setup, teardown),
        cmocka_unit_test_setup_teardown(test_marks_and_typos, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fuzzy_and_cluster, setup, teardown),
        cmocka_unit_test(test_cluster_keys),
        cmocka_unit_test_setup_teardown(test_distinct_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_campus_keys_and_html, setup, teardown),
        cmocka_unit_test_setup_teardown(test_campuses_and_orders, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plain_and_unit_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_umlauts_slashes_company_labs, setup, teardown),
        cmocka_unit_test(test_registry_errors),
        cmocka_unit_test(test_overrides),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
