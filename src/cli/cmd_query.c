/*
 * cmd_query.c — questions about the current world: stats, papers.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "cli/cli.h"

const char help_stats[] =
    "usage: scout [-C DIR] stats [--json]\n\n"
    "Figures of the current world: papers, authorships, person records, venues,\n"
    "years, sources, rejected records, distinct names and affiliations.\n"
    "--json prints one JSON object (keys: papers, authorships, persons, venues,\n"
    "first_year, last_year, sources, rejects, names, affiliations,\n"
    "snapshot_bytes, format_version).\n";

const char help_papers[] =
    "usage: scout [-C DIR] papers [--venue V] [--year Y] [--author TEXT] [--limit N] [--json|--csv]\n\n"
    "List papers in (venue, year) order.\n"
    "  --venue V      venue short name as in the sources (nips, icml, cvpr…)\n"
    "  --year Y       publication year\n"
    "  --author TEXT  an author's name contains TEXT (case-insensitive)\n"
    "  --limit N      at most N papers (default: all; 50 on a terminal)\n"
    "  --json         JSON Lines: id, venue, year, title, status, citations,\n"
    "                 source_id, authors [{position, name, affiliation, email_domain,\n"
    "                 person (stable key), org (organisation id or null)}]\n"
    "  --csv          CSV with a header: venue,year,status,citations,title,authors\n";

enum { O_JSON = 1000, O_CSV, O_VENUE, O_YEAR, O_AUTHOR, O_LIMIT };
static const struct option opts[] = {
    {"json", no_argument, NULL, O_JSON},           {"csv", no_argument, NULL, O_CSV},
    {"venue", required_argument, NULL, O_VENUE},   {"year", required_argument, NULL, O_YEAR},
    {"author", required_argument, NULL, O_AUTHOR}, {"limit", required_argument, NULL, O_LIMIT},
    {"workspace", required_argument, NULL, 'C'},   {NULL, 0, NULL, 0},
};

int cmd_stats(cli_globals *g, int argc, char **argv)
{
    int json = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "C:", opts, NULL)) != -1) {
        if (c == O_JSON) json = 1;
        else if (c == 'C') g->workspace = optarg;
        else return cli_usage("stats", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind < argc) return cli_usage("stats", "takes no arguments");
    sc_world *w;
    int rc = cli_open_world(g, &w);
    if (rc) return rc;
    sc_stats s;
    sc_world_stats(w, &s);
    if (json) {
        printf("{\"papers\":%llu,\"authorships\":%llu,\"persons\":%llu,\"venues\":%llu,\"first_year\":%d,"
               "\"last_year\":%d,\"sources\":%llu,\"rejects\":%llu,\"names\":%llu,\"affiliations\":%llu,"
               "\"snapshot_bytes\":%llu,\"format_version\":%u,\"orgs\":%llu,\"registry_orgs\":%llu,"
               "\"authorships_with_affiliation\":%llu,\"authorships_resolved\":%llu,\"people\":%llu,"
               "\"stints\":%llu,\"moves\":%llu}\n",
               (unsigned long long)s.papers, (unsigned long long)s.authorships,
               (unsigned long long)s.persons, (unsigned long long)s.venues, s.first_year, s.last_year,
               (unsigned long long)s.sources, (unsigned long long)s.rejects,
               (unsigned long long)s.names, (unsigned long long)s.affiliations,
               (unsigned long long)s.snapshot_bytes, s.format_version, (unsigned long long)s.orgs,
               (unsigned long long)s.registry_orgs, (unsigned long long)s.auth_with_aff,
               (unsigned long long)s.auth_resolved, (unsigned long long)s.people,
               (unsigned long long)s.stints, (unsigned long long)s.moves);
    } else {
        char b[32];
        printf("%-22s %s\n", "papers", cli_thousands(s.papers, b, sizeof b));
        printf("%-22s %s\n", "authorships", cli_thousands(s.authorships, b, sizeof b));
        printf("%-22s %s\n", "people", cli_thousands(s.people, b, sizeof b));
        printf("%-22s %s\n", "career stints", cli_thousands(s.stints, b, sizeof b));
        printf("%-22s %s\n", "career moves", cli_thousands(s.moves, b, sizeof b));
        printf("%-22s %s\n", "person records", cli_thousands(s.persons, b, sizeof b));
        printf("%-22s %s\n", "distinct names", cli_thousands(s.names, b, sizeof b));
        printf("%-22s %s\n", "distinct affiliations", cli_thousands(s.affiliations, b, sizeof b));
        printf("%-22s %llu\n", "venues", (unsigned long long)s.venues);
        printf("%-22s %d–%d\n", "years", s.first_year, s.last_year);
        printf("%-22s %llu\n", "sources", (unsigned long long)s.sources);
        printf("%-22s %llu\n", "rejected records", (unsigned long long)s.rejects);
        printf("%-22s %s (%llu from the registry)\n", "organisations", cli_thousands(s.orgs, b, sizeof b),
               (unsigned long long)s.registry_orgs);
        printf("%-22s %.1f%% of %llu authorships with an affiliation\n", "resolved to registry",
               s.auth_with_aff ? 100.0 * (double)s.auth_resolved / (double)s.auth_with_aff : 0.0,
               (unsigned long long)s.auth_with_aff);
        printf("%-22s %.1f MB (format %u)\n", "snapshot", (double)s.snapshot_bytes / 1e6, s.format_version);
    }
    sc_world_close(w);
    return 0;
}

typedef struct {
    const sc_world *w;
    out_mode mode;
    int width;
    int first;
    char authors[512];
    size_t alen;
    int n;
} papers_out;

static void json_author(void *ctx, const sc_resolved_authorship *a)
{
    papers_out *o = ctx;
    printf("%s{\"position\":%u,\"name\":", o->first ? "" : ",", a->position);
    cli_json_str(stdout, a->name);
    fputs(",\"affiliation\":", stdout);
    cli_json_str(stdout, a->affiliation);
    fputs(",\"email_domain\":", stdout);
    cli_json_str(stdout, a->email_domain);
    fputs(",\"person\":", stdout);
    cli_json_str(stdout, a->person_key);
    fputs(",\"org\":", stdout);
    cli_json_str_or_null(stdout, a->org_id);
    fputs("}", stdout);
    o->first = 0;
}

static void list_author(void *ctx, uint32_t pos, const sc_authorship *a)
{
    papers_out *o = ctx;
    (void)pos;
    int k = snprintf(o->authors + o->alen, sizeof o->authors - o->alen, "%s%s", o->n ? "; " : "", a->name);
    if (k > 0) o->alen = o->alen + (size_t)k < sizeof o->authors ? o->alen + (size_t)k : sizeof o->authors - 1;
    o->n++;
}

static int print_paper(void *ctx, const sc_paper *p)
{
    papers_out *o = ctx;
    if (o->mode == OUT_JSON) {
        printf("{\"id\":%u,\"venue\":", p->id);
        cli_json_str(stdout, p->venue);
        printf(",\"year\":%d,\"title\":", p->year);
        cli_json_str(stdout, p->title);
        fputs(",\"status\":", stdout);
        cli_json_str(stdout, p->status);
        fputs(",\"citations\":", stdout);
        if (p->citations >= 0) printf("%lld", (long long)p->citations);
        else fputs("null", stdout);
        fputs(",\"source_id\":", stdout);
        cli_json_str(stdout, p->source_id);
        fputs(",\"authors\":[", stdout);
        o->first = 1;
        sc_world_paper_resolved(o->w, p->id, json_author, o);
        fputs("]}\n", stdout);
        return 0;
    }
    o->alen = 0;
    o->n = 0;
    o->authors[0] = 0;
    sc_world_paper_authors(o->w, p->id, list_author, o);
    char cit[24] = "";
    if (p->citations >= 0) snprintf(cit, sizeof cit, "%lld", (long long)p->citations);
    if (o->mode == OUT_CSV) {
        cli_csv_field(stdout, p->venue);
        printf(",%d,", p->year);
        cli_csv_field(stdout, p->status);
        printf(",%s,", cit);
        cli_csv_field(stdout, p->title);
        putchar(',');
        cli_csv_field(stdout, o->authors);
        putchar('\n');
        return 0;
    }
    /* venue 8, year 4, status 9, cites 6, title, authors: fits the width */
    int rest = o->width - (8 + 1 + 4 + 1 + 9 + 1 + 6 + 2 + 2);
    int tw = rest * 3 / 5, aw = rest - tw;
    cli_cell(stdout, p->venue, 8, 1);
    printf(" %4d ", p->year);
    cli_cell(stdout, p->status, 9, 1);
    printf(" %6s  ", cit);
    cli_cell(stdout, p->title, tw, 1);
    printf("  ");
    cli_cell(stdout, o->authors, aw, 0);
    putchar('\n');
    return 0;
}

int cmd_papers(cli_globals *g, int argc, char **argv)
{
    sc_paper_query q = {0};
    out_mode mode = OUT_TABLE;
    long limit = -1;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "C:", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'C': g->workspace = optarg; break;
        case O_JSON: mode = OUT_JSON; break;
        case O_CSV: mode = OUT_CSV; break;
        case O_VENUE: q.venue = optarg; break;
        case O_AUTHOR: q.author = optarg; break;
        case O_YEAR:
            q.year = (int)strtol(optarg, &end, 10);
            if (*end || q.year < 1 || q.year > 9999) return cli_usage("papers", "--year takes a year, not '%s'", optarg);
            break;
        case O_LIMIT:
            if (cli_parse_limit("papers", optarg, &limit)) return SC_EUSAGE;
            break;
        default: return cli_usage("papers", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) return cli_usage("papers", "unexpected argument '%s'", argv[optind]);
    sc_world *w;
    int rc = cli_open_world(g, &w);
    if (rc) return rc;
    int tty = isatty(1);
    q.limit = limit >= 0 ? (size_t)limit : (tty && mode == OUT_TABLE ? 50 : 0);
    papers_out o = {w, mode, cli_term_width(), 1, "", 0, 0};
    if (mode == OUT_CSV) printf("venue,year,status,citations,title,authors\n");
    if (mode == OUT_TABLE) {
        int rest = o.width - (8 + 1 + 4 + 1 + 9 + 1 + 6 + 2 + 2);
        printf("%-8s %4s %-9s %6s  %-*s  %s\n", "venue", "year", "status", "cites", rest * 3 / 5, "title", "authors");
    }
    size_t n = sc_world_papers(w, &q, print_paper, &o);
    if (mode == OUT_TABLE) {
        if (n == 0) {
            fprintf(stderr, "no papers match");
            if (q.venue) {
                fprintf(stderr, " (venues: ");
                for (size_t i = 0; i < sc_world_venue_count(w) && i < 40; i++)
                    fprintf(stderr, "%s%s", i ? ", " : "", sc_world_venue(w, i, NULL));
                fprintf(stderr, ")");
            }
            fputc('\n', stderr);
        } else if (q.limit && n == q.limit && tty) {
            fprintf(stderr, "(first %zu shown; --limit N for more, --json or --csv for all)\n", n);
        }
    }
    sc_world_close(w);
    return 0;
}
