/*
 * cmd_person.c — `scout person NAME|KEY`: who a name is (every person of that
 * name), with their names used, organisations by year, papers and top
 * co-authors.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

const char help_person[] =
    "usage: scout [-C DIR] person [--json|--csv] [--papers] NAME|KEY\n\n"
    "Every person of that name (after Unicode and case folding: \"jose garcia\"\n"
    "finds \"José García\"), or the one person with that key. For each: the\n"
    "stable key, the names used, organisations by year, paper count, top\n"
    "co-authors; their stints (years at one organisation) and moves, with the\n"
    "papers on both sides of each move (docs/careers.md).\n"
    "  --papers   also list each paper (year, venue, organisation, title)\n"
    "  --json     one JSON object per person: key, name, names, papers,\n"
    "             first_year, last_year, orgs_by_year [{year, orgs:[{id,name,n}]}],\n"
    "             stints [{org_id, org, first_year, last_year, papers}],\n"
    "             moves [{from_id, from_org, to_id, to_org, year, last_old_year,\n"
    "             first_new_year, confidence, kind, first_job, evidence [{side,\n"
    "             venue, year, title, affiliation}]}], coauthors [{key, name, papers}]\n"
    "  --csv      the stints of every person found, one per line:\n"
    "             person_key,person,org_id,org,first_year,last_year,papers\n";

#define SC_VEC(T) struct { T *v; size_t n, cap; }

typedef struct {
    int year;
    const char *org_id, *org_name, *name;
    int n;
} yo;

typedef struct {
    SC_VEC(yo) rows;
    SC_VEC(const char *) names;
    int papers;
    int json;
} collect;

static void grow(void **v, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return;
    size_t nc = *cap ? *cap * 2 : 16;
    while (nc < need) nc *= 2;
    *v = realloc(*v, nc * elem);
    *cap = nc;
}

static void on_auth(void *ctx, const sc_person_authorship *a)
{
    collect *c = ctx;
    int found = 0;
    for (size_t i = 0; i < c->names.n && !found; i++) found = strcmp(c->names.v[i], a->name_used) == 0;
    if (!found) {
        grow((void **)&c->names.v, &c->names.cap, c->names.n + 1, sizeof *c->names.v);
        c->names.v[c->names.n++] = a->name_used;
    }
    for (size_t i = 0; i < c->rows.n; i++)
        if (c->rows.v[i].year == a->year && strcmp(c->rows.v[i].org_id, a->org_id) == 0) {
            c->rows.v[i].n++;
            return;
        }
    grow((void **)&c->rows.v, &c->rows.cap, c->rows.n + 1, sizeof *c->rows.v);
    c->rows.v[c->rows.n++] = (yo){a->year, a->org_id, a->org_name, a->name_used, 1};
}

static void on_paper_line(void *ctx, const sc_person_authorship *a)
{
    (void)ctx;
    printf("    %4d %-8s ", a->year, a->venue);
    cli_cell(stdout, *a->org_name ? a->org_name : "-", 28, 1);
    printf(" ");
    cli_cell(stdout, a->title, cli_term_width() - 48 > 20 ? cli_term_width() - 48 : 20, 0);
    putchar('\n');
}

typedef struct {
    int json, n;
} mv_ctx;

static int on_move(void *ctx, const sc_move_row *m)
{
    mv_ctx *c = ctx;
    if (c->json) {
        if (c->n++) putchar(',');
        cli_move_json(m, 0);
        return 0;
    }
    c->n++;
    printf("    %d  %s → %s  (%s, %.0f%%%s; last seen %d, first seen %d)\n", m->year, m->from_name, m->to_name,
           m->kind, m->confidence * 100, m->first_job ? ", first job after the PhD" : "", m->last_old_year,
           m->first_new_year);
    cli_move_evidence(m, 28, cli_term_width() - 52 > 20 ? cli_term_width() - 52 : 20);
    return 0;
}

static void print_career(const sc_world *w, uint32_t person, int json)
{
    sc_stint_row st[64];
    size_t ns = sc_world_person_stints(w, person, st, 64);
    if (ns > 64) ns = 64;
    sc_move_query q;
    memset(&q, 0, sizeof q);
    q.kind = -1;
    q.persons = &person;
    q.n_persons = 1;
    mv_ctx mc = {json, 0};
    if (json) {
        printf(",\"stints\":[");
        for (size_t i = 0; i < ns; i++) {
            printf("%s{\"org_id\":", i ? "," : "");
            cli_json_str(stdout, st[i].org_id);
            printf(",\"org\":");
            cli_json_str(stdout, st[i].org_name);
            printf(",\"first_year\":%d,\"last_year\":%d,\"papers\":%u}", st[i].first_year, st[i].last_year,
                   st[i].papers);
        }
        printf("],\"moves\":[");
        sc_world_moves(w, &q, on_move, &mc);
        putchar(']');
        return;
    }
    if (!ns) return;
    printf("  career:");
    for (size_t i = 0; i < ns; i++)
        printf("%s %s %d–%d (%u)", i ? " →" : "", st[i].org_name, st[i].first_year, st[i].last_year, st[i].papers);
    putchar('\n');
    sc_world_moves(w, &q, on_move, &mc);
}

int cmd_person(cli_globals *g, int argc, char **argv)
{
    enum { O_JSON = 1000, O_PAPERS, O_CSV };
    static const struct option opts[] = {
        {"json", no_argument, NULL, O_JSON}, {"papers", no_argument, NULL, O_PAPERS},
        {"csv", no_argument, NULL, O_CSV},   {"workspace", required_argument, NULL, 'C'},
        {NULL, 0, NULL, 0},
    };
    int json = 0, papers = 0, csv = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "C:", opts, NULL)) != -1) {
        if (c == 'C') g->workspace = optarg;
        else if (c == O_JSON) json = 1;
        else if (c == O_PAPERS) papers = 1;
        else if (c == O_CSV) csv = 1;
        else return cli_usage("person", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind != argc - 1) return cli_usage("person", "give one NAME or KEY (quote names with spaces)");
    if (json && csv) return cli_usage("person", "--json and --csv are two formats: give one");
    if (csv && papers) return cli_usage("person", "--papers lists papers in the table view, not in --csv");
    sc_world *w;
    int orc = cli_open_world(g, &w);
    if (orc) return orc;
    uint32_t ids[64];
    size_t n = sc_world_find_people(w, argv[optind], ids, 64);
    if (n == 0) {
        fprintf(stderr, "scout person: nobody named '%s' in this world", argv[optind]);
        cli_suggest_people(w, argv[optind]);
        sc_world_close(w);
        return SC_EINPUT;
    }
    if (!json && !csv && n > 1) printf("%zu people named \"%s\":\n\n", n, argv[optind]);
    if (csv) printf("person_key,person,org_id,org,first_year,last_year,papers\n");
    for (size_t k = 0; k < n && k < 64; k++) {
        sc_person_row p;
        sc_world_person(w, ids[k], &p);
        if (csv) {
            sc_stint_row st[64];
            size_t ns = sc_world_person_stints(w, ids[k], st, 64);
            for (size_t i = 0; i < ns && i < 64; i++) {
                const char *f[] = {p.key, p.name, st[i].org_id, st[i].org_name};
                for (size_t j = 0; j < 4; j++) {
                    cli_csv_field(stdout, f[j]);
                    putchar(',');
                }
                printf("%d,%d,%u\n", st[i].first_year, st[i].last_year, st[i].papers);
            }
            continue;
        }
        collect col;
        memset(&col, 0, sizeof col);
        sc_world_person_authorships(w, ids[k], on_auth, &col);
        uint32_t co[8], cnt[8];
        size_t nco = sc_world_person_coauthors(w, ids[k], co, cnt, 8);
        if (json) {
            printf("{\"key\":");
            cli_json_str(stdout, p.key);
            printf(",\"name\":");
            cli_json_str(stdout, p.name);
            printf(",\"names\":[");
            for (size_t i = 0; i < col.names.n; i++) {
                if (i) putchar(',');
                cli_json_str(stdout, col.names.v[i]);
            }
            printf("],\"papers\":%u,\"first_year\":%d,\"last_year\":%d,\"orgs_by_year\":[", p.papers, p.first_year,
                   p.last_year);
            int last_year = -1;
            for (size_t i = 0; i < col.rows.n; i++) {
                yo *r = &col.rows.v[i];
                if (r->year != last_year) {
                    printf("%s{\"year\":%d,\"orgs\":[", last_year == -1 ? "" : "]},", r->year);
                    last_year = r->year;
                } else {
                    putchar(',');
                }
                printf("{\"id\":");
                cli_json_str_or_null(stdout, r->org_id);
                printf(",\"name\":");
                cli_json_str_or_null(stdout, r->org_name);
                printf(",\"n\":%d}", r->n);
            }
            printf("%s]", last_year == -1 ? "" : "]}");
            print_career(w, ids[k], 1);
            printf(",\"coauthors\":[");
            for (size_t i = 0; i < nco; i++) {
                sc_person_row q;
                sc_world_person(w, co[i], &q);
                printf("%s{\"key\":", i ? "," : "");
                cli_json_str(stdout, q.key);
                printf(",\"name\":");
                cli_json_str(stdout, q.name);
                printf(",\"papers\":%u}", cnt[i]);
            }
            printf("]}\n");
        } else {
            printf("%s  (%s)  %u papers, %d–%d\n", p.name, p.key, p.papers, p.first_year, p.last_year);
            if (col.names.n > 1) {
                printf("  also written:");
                for (size_t i = 0; i < col.names.n; i++)
                    if (strcmp(col.names.v[i], p.name)) printf(" \"%s\"", col.names.v[i]);
                putchar('\n');
            }
            int last_year = -1;
            for (size_t i = 0; i < col.rows.n; i++) {
                yo *r = &col.rows.v[i];
                if (r->year != last_year) printf("%s  %4d  ", last_year == -1 ? "" : "\n", r->year);
                else printf("; ");
                printf("%s ×%d", *r->org_name ? r->org_name : "(no affiliation)", r->n);
                last_year = r->year;
            }
            if (last_year != -1) putchar('\n');
            print_career(w, ids[k], 0);
            if (nco) {
                printf("  co-authors:");
                for (size_t i = 0; i < nco; i++) {
                    sc_person_row q;
                    sc_world_person(w, co[i], &q);
                    printf("%s %s (%u)", i ? "," : "", q.name, cnt[i]);
                }
                putchar('\n');
            }
            if (papers) sc_world_person_authorships(w, ids[k], on_paper_line, NULL);
            putchar('\n');
        }
        free(col.rows.v);
        free(col.names.v);
    }
    if (n > 64) fprintf(stderr, "(%zu people of that name; first 64 shown)\n", n);
    sc_world_close(w);
    return 0;
}
