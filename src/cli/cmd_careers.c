/*
 * cmd_careers.c — moves, flows, org and conference: the career and talent
 * flow views (docs/careers.md; output contracts in docs/cli.md).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

const char help_moves[] =
    "usage: scout [-C DIR] moves [--person NAME|KEY] [--org ORG] [--from ORG] [--to ORG]\n"
    "                            [--since Y] [--until Y] [--kind K] [--min-confidence C]\n"
    "                            [--evidence] [--limit N] [--json|--csv]\n\n"
    "Career moves found in the build: a person's consecutive stints at two\n"
    "organisations (docs/careers.md). In (year, person key) order.\n\n"
    "  --person NAME|KEY  every person of that name (Unicode and case folded), or one key\n"
    "  --org ORG          moves from or to ORG (an id such as 'google', a name or an alias)\n"
    "  --from/--to ORG    moves leaving / joining ORG\n"
    "  --since/--until Y  move years, inclusive\n"
    "  --kind K           academia->industry (a2i), industry->academia (i2a),\n"
    "                     industry->industry (i2i), academia->academia (a2a), unknown\n"
    "  --min-confidence C only moves at least this confident (0..1)\n"
    "  --evidence         print the papers on both sides under each move\n"
    "  --limit N          at most N moves (default 50 in a table, all in --json/--csv)\n"
    "  --json             one object per line: person_key, person, from_id, from_org, to_id,\n"
    "                     to_org, year, last_old_year, first_new_year, confidence, kind,\n"
    "                     first_job, evidence [{side, venue, year, title, affiliation}]\n"
    "  --csv              header: year,person_key,person,from_id,from_org,to_id,to_org,\n"
    "                     confidence,kind,first_job,last_old_year,first_new_year\n";

const char help_flows[] =
    "usage: scout [-C DIR] flows [--since Y] [--until Y] [--from-type T] [--to-type T]\n"
    "                            [--country C] [--min-confidence C] [--top N] [--json|--csv]\n\n"
    "Organisation x organisation move counts, most first.\n\n"
    "  --since/--until Y     move years, inclusive\n"
    "  --from-type/--to-type T  industry, academia, or an organisation type: company,\n"
    "                        university, institute, government, other, cluster\n"
    "  --country C           moves leaving or joining an organisation in C (ISO code: US, CN…)\n"
    "  --min-confidence C    only moves at least this confident (0..1)\n"
    "  --top N               the N largest flows (default 20 in a table, all in --json/--csv;\n"
    "                        0 = all)\n"
    "  --json                one object per line: from_id, from_org, to_id, to_org, moves\n"
    "  --csv                 header: moves,from_id,from_org,to_id,to_org\n";

const char help_org[] =
    "usage: scout [-C DIR] org [--since Y] [--until Y] [--top N] [--json|--csv] ORG\n\n"
    "One organisation over time: per year its active researchers (people with a\n"
    "stint there covering the year: a headcount proxy), hires, departures, net and\n"
    "attrition (departures / active); where hires came from and leavers went; who\n"
    "joined and left in the last years. ORG is an id ('google'), a name or any\n"
    "alias the registry knows ('Google Brain', 'MSRA').\n\n"
    "  --since/--until Y  years of the table and of the sources/destinations\n"
    "  --top N            sources, destinations and recent people shown (default 10)\n"
    "  --json             one object: id, name, type, country, years [{year, active,\n"
    "                     hires, departures, net, attrition}], sources, destinations\n"
    "                     [{id, name, moves}], joined, left [{person_key, person, org, year}]\n"
    "  --csv              the yearly table: org_id,year,active,hires,departures,net,attrition\n";

const char help_conference[] =
    "usage: scout [-C DIR] conference [--top N] [--json|--csv] VENUE YEAR\n\n"
    "Who publishes at a conference: per organisation, the papers with at least\n"
    "one author there (papers) and the fractional count (each paper split\n"
    "equally among its authors, each author's share among their organisations:\n"
    "fractional) with its share of all papers; the same per country.\n\n"
    "  --top N   rows per table (default 20 in a table, all in --json/--csv; 0 = all)\n"
    "  --json    one object: venue, year, papers, authorships, orgs [{id, name,\n"
    "            papers, fractional, share}], countries [{country, papers,\n"
    "            fractional, share}]\n"
    "  --csv     header: table,key,name,papers,fractional,share (table = org|country)\n";

/* ---- shared ---- */

static int parse_int(const char *cmd, const char *opt, const char *arg, long lo, long hi, long *v)
{
    char *end;
    *v = strtol(arg, &end, 10);
    if (end == arg || *end || *v < lo || *v > hi)
        return cli_usage(cmd, "%s takes a number from %ld to %ld, not '%s'", opt, lo, hi, arg);
    return 0;
}

static int parse_year(const char *cmd, const char *opt, const char *arg, int *year)
{
    long v;
    if (parse_int(cmd, opt, arg, 1000, 3000, &v)) return SC_EUSAGE;
    *year = (int)v;
    return 0;
}

static int parse_conf(const char *cmd, const char *arg, double *v)
{
    char *end;
    *v = strtod(arg, &end);
    if (end == arg || *end || *v < 0 || *v > 1)
        return cli_usage(cmd, "--min-confidence takes a number from 0 to 1, not '%s'", arg);
    return 0;
}

/* An organisation of the world named by id, name or registry alias; prints
 * the error (with suggestions) and returns non-zero when there is none. */
static int find_org(cli_globals *g, const sc_world *w, const char *cmd, const char *text, uint32_t *org)
{
    uint32_t ids[8];
    if (sc_world_find_org(w, text, ids, 8)) {
        *org = ids[0];
        return 0;
    }
    /* an alias: resolve it the way the build does */
    sc_registry *r;
    sc_error err = {0};
    char ov[4096];
    snprintf(ov, sizeof ov, "%s/orgs-overrides.tsv", g->workspace);
    FILE *f = fopen(ov, "r");
    if (f) fclose(f);
    if (sc_registry_open(sc_registry_default_path(), f ? ov : NULL, &r, &err) == SC_OK) {
        sc_org_match m[2];
        size_t n = sc_resolve_org(r, text, NULL, m, 2, NULL, 0);
        int found = n && m[0].confidence >= 0.7 && sc_world_find_org(w, m[0].id, ids, 8);
        sc_registry_close(r);
        if (found) {
            *org = ids[0];
            return 0;
        }
    }
    fprintf(stderr, "scout %s: no organisation '%s' in this world", cmd, text);
    size_t ns = sc_world_suggest_orgs(w, text, ids, 5);
    if (ns) {
        fprintf(stderr, "; did you mean:\n");
        for (size_t i = 0; i < ns && i < 5; i++) {
            sc_org_row o;
            sc_world_org(w, ids[i], &o);
            fprintf(stderr, "  %-40s (%s)\n", o.name, o.id);
        }
    } else {
        fprintf(stderr, " (see 'scout orgs')\n");
    }
    return SC_EINPUT;
}

static const char *short_kind(const char *k)
{
    if (!strcmp(k, "academia->industry")) return "acad→ind";
    if (!strcmp(k, "industry->academia")) return "ind→acad";
    if (!strcmp(k, "industry->industry")) return "ind→ind";
    if (!strcmp(k, "academia->academia")) return "acad→acad";
    return "?";
}

/* ---- moves ---- */

typedef struct {
    out_mode mode;
    int evidence;
    size_t shown;
} moves_ctx;

static int on_move(void *ctx, const sc_move_row *m)
{
    moves_ctx *c = ctx;
    c->shown++;
    if (c->mode == OUT_JSON) {
        cli_move_json(m, 1);
        putchar('\n');
        return 0;
    }
    if (c->mode == OUT_CSV) {
        printf("%d,", m->year);
        cli_csv_field(stdout, m->person_key);
        putchar(',');
        cli_csv_field(stdout, m->person_name);
        putchar(',');
        cli_csv_field(stdout, m->from_id);
        putchar(',');
        cli_csv_field(stdout, m->from_name);
        putchar(',');
        cli_csv_field(stdout, m->to_id);
        putchar(',');
        cli_csv_field(stdout, m->to_name);
        printf(",%.2f,%s,%d,%d,%d\n", m->confidence, m->kind, m->first_job, m->last_old_year, m->first_new_year);
        return 0;
    }
    /* 100 columns: year 4, person 22, from 27, to 27, kind 9, conf 4 */
    char from[128], to[128];
    snprintf(from, sizeof from, "%s", m->from_name);
    snprintf(to, sizeof to, "%s", m->to_name);
    printf("%4d  ", m->year);
    cli_cell(stdout, m->person_name, 20, 1);
    printf("  ");
    cli_cell(stdout, from, 22, 1);
    printf(" %4d→%-4d ", m->last_old_year, m->first_new_year);
    cli_cell(stdout, to, 22, 1);
    printf(" %-9s %3.0f%%%s\n", short_kind(m->kind), m->confidence * 100, m->first_job ? " 1st" : "");
    if (c->evidence) cli_move_evidence(m, 30, 44);
    return 0;
}

int cmd_moves(cli_globals *g, int argc, char **argv)
{
    enum { O_PERSON = 1000, O_ORG, O_FROM, O_TO, O_SINCE, O_UNTIL, O_KIND, O_MINC, O_EVID, O_LIMIT, O_JSON, O_CSV };
    static const struct option opts[] = {
        {"person", required_argument, NULL, O_PERSON}, {"org", required_argument, NULL, O_ORG},
        {"from", required_argument, NULL, O_FROM},     {"to", required_argument, NULL, O_TO},
        {"since", required_argument, NULL, O_SINCE},   {"until", required_argument, NULL, O_UNTIL},
        {"kind", required_argument, NULL, O_KIND},     {"min-confidence", required_argument, NULL, O_MINC},
        {"evidence", no_argument, NULL, O_EVID},       {"limit", required_argument, NULL, O_LIMIT},
        {"json", no_argument, NULL, O_JSON},           {"csv", no_argument, NULL, O_CSV},
        {"workspace", required_argument, NULL, 'C'},   {NULL, 0, NULL, 0},
    };
    const char *person = NULL, *org = NULL, *from = NULL, *to = NULL;
    sc_move_query q;
    memset(&q, 0, sizeof q);
    q.kind = -1;
    long limit = -1;
    moves_ctx mc = {OUT_TABLE, 0, 0};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "C:", opts, NULL)) != -1) {
        switch (c) {
        case 'C': g->workspace = optarg; break;
        case O_PERSON: person = optarg; break;
        case O_ORG: org = optarg; break;
        case O_FROM: from = optarg; break;
        case O_TO: to = optarg; break;
        case O_SINCE:
            if (parse_year("moves", "--since", optarg, &q.since)) return SC_EUSAGE;
            break;
        case O_UNTIL:
            if (parse_year("moves", "--until", optarg, &q.until)) return SC_EUSAGE;
            break;
        case O_KIND:
            q.kind = sc_move_kind_parse(optarg);
            if (q.kind < 0)
                return cli_usage("moves", "--kind is one of academia->industry (a2i), industry->academia (i2a), "
                                          "industry->industry (i2i), academia->academia (a2a), unknown; not '%s'",
                                 optarg);
            break;
        case O_MINC:
            if (parse_conf("moves", optarg, &q.min_confidence)) return SC_EUSAGE;
            break;
        case O_EVID: mc.evidence = 1; break;
        case O_LIMIT:
            if (cli_parse_limit("moves", optarg, &limit)) return SC_EUSAGE;
            break;
        case O_JSON: mc.mode = OUT_JSON; break;
        case O_CSV: mc.mode = OUT_CSV; break;
        default: return cli_usage("moves", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc) return cli_usage("moves", "unexpected argument '%s'", argv[optind]);
    sc_world *w;
    int rc = cli_open_world(g, &w);
    if (rc) return rc;
    uint32_t *ids = NULL;
    if (person) {
        size_t n = sc_world_find_people(w, person, NULL, 0);
        if (!n) {
            fprintf(stderr, "scout moves: nobody named '%s' in this world", person);
            cli_suggest_people(w, person);
            sc_world_close(w);
            return SC_EINPUT;
        }
        ids = malloc(n * sizeof *ids);
        q.n_persons = sc_world_find_people(w, person, ids, n);
        q.persons = ids;
    }
    if ((org && (rc = find_org(g, w, "moves", org, &q.org))) || (from && (rc = find_org(g, w, "moves", from, &q.from))) ||
        (to && (rc = find_org(g, w, "moves", to, &q.to)))) {
        free(ids);
        sc_world_close(w);
        return rc;
    }
    q.limit = limit >= 0 ? (size_t)limit : mc.mode == OUT_TABLE ? 50 : 0;
    if (mc.mode == OUT_CSV)
        printf("year,person_key,person,from_id,from_org,to_id,to_org,confidence,kind,first_job,last_old_year,"
               "first_new_year\n");
    if (mc.mode == OUT_TABLE)
        printf("YEAR  %-20s  %-22s SEEN→SEEN %-22s %-9s CONF\n", "PERSON", "FROM", "TO", "KIND");
    sc_move_query all = q;
    all.limit = 0;
    size_t total = mc.mode == OUT_TABLE ? sc_world_moves(w, &all, NULL, NULL) : 0;
    sc_world_moves(w, &q, on_move, &mc);
    if (mc.mode == OUT_TABLE) {
        if (!mc.shown) printf("(no moves match)\n");
        else if (total > mc.shown)
            fprintf(stderr, "(%zu of %zu moves shown; --limit N for more, --json or --csv for all)\n", mc.shown,
                    total);
    }
    free(ids);
    sc_world_close(w);
    return 0;
}

/* ---- flows ---- */

int cmd_flows(cli_globals *g, int argc, char **argv)
{
    enum { O_SINCE = 1000, O_UNTIL, O_FT, O_TT, O_COUNTRY, O_MINC, O_TOP, O_JSON, O_CSV };
    static const struct option opts[] = {
        {"since", required_argument, NULL, O_SINCE},       {"until", required_argument, NULL, O_UNTIL},
        {"from-type", required_argument, NULL, O_FT},      {"to-type", required_argument, NULL, O_TT},
        {"country", required_argument, NULL, O_COUNTRY},   {"min-confidence", required_argument, NULL, O_MINC},
        {"top", required_argument, NULL, O_TOP},           {"json", no_argument, NULL, O_JSON},
        {"csv", no_argument, NULL, O_CSV},                 {"workspace", required_argument, NULL, 'C'},
        {NULL, 0, NULL, 0},
    };
    static const char *const types[] = {"industry", "academia", "company", "university", "institute",
                                        "government", "other", "cluster", NULL};
    sc_flow_query q;
    memset(&q, 0, sizeof q);
    long top = -1;
    out_mode mode = OUT_TABLE;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "C:", opts, NULL)) != -1) {
        switch (c) {
        case 'C': g->workspace = optarg; break;
        case O_SINCE:
            if (parse_year("flows", "--since", optarg, &q.since)) return SC_EUSAGE;
            break;
        case O_UNTIL:
            if (parse_year("flows", "--until", optarg, &q.until)) return SC_EUSAGE;
            break;
        case O_FT:
        case O_TT: {
            int ok = 0;
            for (int k = 0; types[k]; k++) ok |= !strcasecmp(types[k], optarg);
            if (!ok)
                return cli_usage("flows", "%s is one of industry, academia, company, university, institute, "
                                          "government, other, cluster; not '%s'",
                                 c == O_FT ? "--from-type" : "--to-type", optarg);
            if (c == O_FT) q.from_type = optarg;
            else q.to_type = optarg;
            break;
        }
        case O_COUNTRY: q.country = optarg; break;
        case O_MINC:
            if (parse_conf("flows", optarg, &q.min_confidence)) return SC_EUSAGE;
            break;
        case O_TOP:
            if (parse_int("flows", "--top", optarg, 0, 100000000, &top)) return SC_EUSAGE;
            break;
        case O_JSON: mode = OUT_JSON; break;
        case O_CSV: mode = OUT_CSV; break;
        default: return cli_usage("flows", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc) return cli_usage("flows", "unexpected argument '%s'", argv[optind]);
    if (top < 0) top = mode == OUT_TABLE ? 20 : 0;
    sc_world *w;
    int rc = cli_open_world(g, &w);
    if (rc) return rc;
    size_t cap = top ? (size_t)top : sc_world_move_count(w) + 1;
    sc_flow_row *rows = malloc(cap * sizeof *rows);
    size_t n = sc_world_flows(w, &q, rows, cap);
    size_t show = cap < n ? cap : n;
    if (mode == OUT_CSV) printf("moves,from_id,from_org,to_id,to_org\n");
    if (mode == OUT_TABLE) printf("%6s  %-45s  %-45s\n", "MOVES", "FROM", "TO");
    for (size_t i = 0; i < show; i++) {
        const sc_flow_row *r = &rows[i];
        if (mode == OUT_JSON) {
            printf("{\"from_id\":");
            cli_json_str(stdout, r->from_id);
            printf(",\"from_org\":");
            cli_json_str(stdout, r->from_name);
            printf(",\"to_id\":");
            cli_json_str(stdout, r->to_id);
            printf(",\"to_org\":");
            cli_json_str(stdout, r->to_name);
            printf(",\"moves\":%llu}\n", (unsigned long long)r->moves);
        } else if (mode == OUT_CSV) {
            printf("%llu,", (unsigned long long)r->moves);
            cli_csv_field(stdout, r->from_id);
            putchar(',');
            cli_csv_field(stdout, r->from_name);
            putchar(',');
            cli_csv_field(stdout, r->to_id);
            putchar(',');
            cli_csv_field(stdout, r->to_name);
            putchar('\n');
        } else {
            printf("%6llu  ", (unsigned long long)r->moves);
            cli_cell(stdout, r->from_name, 45, 1);
            printf("  ");
            cli_cell(stdout, r->to_name, 45, 0);
            putchar('\n');
        }
    }
    if (mode == OUT_TABLE) {
        if (!n) printf("(no moves match)\n");
        else if (show < n) fprintf(stderr, "(%zu of %zu flows shown; --top N for more)\n", show, n);
    }
    free(rows);
    sc_world_close(w);
    return 0;
}

/* ---- org ---- */

typedef struct {
    struct {
        sc_move_row *v;
        size_t n, cap;
    } v;
} row_list;

static int keep_move(void *ctx, const sc_move_row *m)
{
    row_list *l = ctx;
    if (l->v.n == l->v.cap) {
        l->v.cap = l->v.cap ? l->v.cap * 2 : 16;
        l->v.v = realloc(l->v.v, l->v.cap * sizeof *l->v.v);
    }
    l->v.v[l->v.n++] = *m;
    return 0;
}

static void print_people_json(const row_list *l, size_t top, int joined)
{
    size_t shown = 0;
    for (size_t i = l->v.n; i-- > 0 && shown < top; shown++) {
        const sc_move_row *m = &l->v.v[i];
        printf("%s{\"person_key\":", shown ? "," : "");
        cli_json_str(stdout, m->person_key);
        printf(",\"person\":");
        cli_json_str(stdout, m->person_name);
        printf(",\"org_id\":");
        cli_json_str(stdout, joined ? m->from_id : m->to_id);
        printf(",\"org\":");
        cli_json_str(stdout, joined ? m->from_name : m->to_name);
        printf(",\"year\":%d,\"confidence\":%.2f}", m->year, m->confidence);
    }
}

/* who joined (or left) in the last three years, newest first */
static void print_people(const row_list *l, size_t top, int joined, int last)
{
    printf("\n%s %d–%d\n", joined ? "joined" : "left", last - 2, last);
    if (!l->v.n) printf("  (nobody)\n");
    for (size_t i = l->v.n, k = 0; i-- > 0 && k < top; k++) {
        const sc_move_row *m = &l->v.v[i];
        printf("  %4d  ", m->year);
        cli_cell(stdout, m->person_name, 28, 1);
        printf(joined ? "  from " : "  to ");
        cli_cell(stdout, joined ? m->from_name : m->to_name, joined ? 50 : 52, 0);
        putchar('\n');
    }
}

static void print_partners(const char *title, const sc_org_partner *p, size_t n)
{
    printf("\n%s\n", title);
    if (!n) printf("  (none)\n");
    for (size_t i = 0; i < n; i++) {
        printf("  %5llu  ", (unsigned long long)p[i].moves);
        cli_cell(stdout, p[i].name, 60, 0);
        putchar('\n');
    }
}

static void partners_json(const char *field, const sc_org_partner *p, size_t n)
{
    printf(",\"%s\":[", field);
    for (size_t i = 0; i < n; i++) {
        printf("%s{\"id\":", i ? "," : "");
        cli_json_str(stdout, p[i].id);
        printf(",\"name\":");
        cli_json_str(stdout, p[i].name);
        printf(",\"moves\":%llu}", (unsigned long long)p[i].moves);
    }
    putchar(']');
}

int cmd_org(cli_globals *g, int argc, char **argv)
{
    enum { O_SINCE = 1000, O_UNTIL, O_TOP, O_JSON, O_CSV };
    static const struct option opts[] = {
        {"since", required_argument, NULL, O_SINCE}, {"until", required_argument, NULL, O_UNTIL},
        {"top", required_argument, NULL, O_TOP},     {"json", no_argument, NULL, O_JSON},
        {"csv", no_argument, NULL, O_CSV},           {"workspace", required_argument, NULL, 'C'},
        {NULL, 0, NULL, 0},
    };
    long top = 10;
    int since = 0, until = 0, json = 0, csv = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "C:", opts, NULL)) != -1) {
        switch (c) {
        case 'C': g->workspace = optarg; break;
        case O_SINCE:
            if (parse_year("org", "--since", optarg, &since)) return SC_EUSAGE;
            break;
        case O_UNTIL:
            if (parse_year("org", "--until", optarg, &until)) return SC_EUSAGE;
            break;
        case O_TOP:
            if (parse_int("org", "--top", optarg, 1, 10000, &top)) return SC_EUSAGE;
            break;
        case O_JSON: json = 1; break;
        case O_CSV: csv = 1; break;
        default: return cli_usage("org", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1) return cli_usage("org", "give one organisation (quote names with spaces)");
    if (json && csv) return cli_usage("org", "--json and --csv are two formats: give one");
    sc_world *w;
    int rc = cli_open_world(g, &w);
    if (rc) return rc;
    uint32_t org;
    if ((rc = find_org(g, w, "org", argv[optind], &org))) {
        sc_world_close(w);
        return rc;
    }
    sc_org_row o;
    sc_world_org(w, org, &o);
    sc_org_year years[256];
    size_t ny = sc_world_org_years(w, org, years, 256);
    size_t y0 = 0, y1 = ny;
    while (y0 < ny && since && years[y0].year < since) y0++;
    while (y1 > y0 && until && years[y1 - 1].year > until) y1--;
    sc_org_partner src[64], dst[64];
    size_t t = (size_t)top < 64 ? (size_t)top : 64;
    size_t nsrc = sc_world_org_partners(w, org, 0, since, until, src, t);
    size_t ndst = sc_world_org_partners(w, org, 1, since, until, dst, t);
    sc_stats st;
    sc_world_stats(w, &st);
    int last = until ? until : st.last_year;
    sc_move_query q;
    memset(&q, 0, sizeof q);
    q.kind = -1;
    q.since = last - 2;
    q.until = last;
    row_list joined = {{0}}, left = {{0}};
    q.to = org;
    sc_world_moves(w, &q, keep_move, &joined);
    q.to = 0;
    q.from = org;
    sc_world_moves(w, &q, keep_move, &left);
    if (csv) {
        printf("org_id,year,active,hires,departures,net,attrition\n");
        for (size_t i = y0; i < y1; i++) {
            cli_csv_field(stdout, o.id);
            printf(",%d,%u,%u,%u,%d,%.4f\n", years[i].year, years[i].active, years[i].hires, years[i].departures,
                   years[i].net, years[i].attrition);
        }
    } else if (json) {
        printf("{\"id\":");
        cli_json_str(stdout, o.id);
        printf(",\"name\":");
        cli_json_str(stdout, o.name);
        printf(",\"type\":");
        cli_json_str(stdout, o.type);
        printf(",\"country\":");
        cli_json_str_or_null(stdout, o.country);
        printf(",\"parent\":");
        cli_json_str_or_null(stdout, o.parent);
        printf(",\"authorships\":%llu,\"papers\":%llu,\"years\":[", (unsigned long long)o.authorships,
               (unsigned long long)o.papers);
        for (size_t i = y0; i < y1; i++)
            printf("%s{\"year\":%d,\"active\":%u,\"hires\":%u,\"departures\":%u,\"net\":%d,\"attrition\":%.4f}",
                   i > y0 ? "," : "", years[i].year, years[i].active, years[i].hires, years[i].departures,
                   years[i].net, years[i].attrition);
        putchar(']');
        partners_json("sources", src, nsrc);
        partners_json("destinations", dst, ndst);
        printf(",\"joined\":[");
        print_people_json(&joined, t, 1);
        printf("],\"left\":[");
        print_people_json(&left, t, 0);
        printf("]}\n");
    } else {
        printf("%s (%s)  %s%s%s%s%s\n", o.name, o.id, o.type, *o.country ? ", " : "", o.country,
               *o.parent ? ", part of " : "", o.parent);
        char a[32], b[32];
        printf("%s authorships on %s papers\n\n", cli_thousands(o.authorships, a, sizeof a),
               cli_thousands(o.papers, b, sizeof b));
        printf("YEAR  ACTIVE  HIRES  DEPARTURES   NET  ATTRITION\n");
        for (size_t i = y0; i < y1; i++)
            printf("%4d  %6u  %5u  %10u  %+4d  %8.1f%%\n", years[i].year, years[i].active, years[i].hires,
                   years[i].departures, years[i].net, years[i].attrition * 100);
        print_partners("hires came from", src, nsrc);
        print_partners("leavers went to", dst, ndst);
        print_people(&joined, t, 1, last);
        print_people(&left, t, 0, last);
    }
    free(joined.v.v);
    free(left.v.v);
    sc_world_close(w);
    return 0;
}

/* ---- conference ---- */

static void conf_rows_json(const char *field, const char *keyname, const sc_conf_row *r, size_t n)
{
    printf(",\"%s\":[", field);
    for (size_t i = 0; i < n; i++) {
        printf("%s{\"%s\":", i ? "," : "", keyname);
        cli_json_str_or_null(stdout, r[i].key);
        if (strcmp(keyname, "id") == 0) {
            printf(",\"name\":");
            cli_json_str_or_null(stdout, r[i].name);
        }
        printf(",\"papers\":%u,\"fractional\":%.3f,\"share\":%.4f}", r[i].papers, r[i].fractional, r[i].share);
    }
    putchar(']');
}

static void conf_rows_table(const char *title, const sc_conf_row *r, size_t n, size_t total)
{
    printf("\n%-56s  %6s  %10s  %6s\n", title, "PAPERS", "FRACTIONAL", "SHARE");
    for (size_t i = 0; i < n; i++) {
        cli_cell(stdout, *r[i].name ? r[i].name : "(none or unknown)", 56, 1);
        printf("  %6u  %10.2f  %5.1f%%\n", r[i].papers, r[i].fractional, r[i].share * 100);
    }
    if (n < total) printf("(%zu of %zu shown; --top N for more)\n", n, total);
}

int cmd_conference(cli_globals *g, int argc, char **argv)
{
    enum { O_TOP = 1000, O_JSON, O_CSV };
    static const struct option opts[] = {
        {"top", required_argument, NULL, O_TOP}, {"json", no_argument, NULL, O_JSON},
        {"csv", no_argument, NULL, O_CSV},       {"workspace", required_argument, NULL, 'C'},
        {NULL, 0, NULL, 0},
    };
    long top = -1, year;
    out_mode mode = OUT_TABLE;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "C:", opts, NULL)) != -1) {
        switch (c) {
        case 'C': g->workspace = optarg; break;
        case O_TOP:
            if (parse_int("conference", "--top", optarg, 0, 100000000, &top)) return SC_EUSAGE;
            break;
        case O_JSON: mode = OUT_JSON; break;
        case O_CSV: mode = OUT_CSV; break;
        default: return cli_usage("conference", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 2) return cli_usage("conference", "give a VENUE and a YEAR (scout conference nips 2018)");
    if (parse_int("conference", "YEAR", argv[optind + 1], 1000, 3000, &year)) return SC_EUSAGE;
    if (top < 0) top = mode == OUT_TABLE ? 20 : 0;
    sc_world *w;
    int rc = cli_open_world(g, &w);
    if (rc) return rc;
    sc_conference cf;
    sc_error err = {0};
    if ((rc = sc_world_conference(w, argv[optind], (int)year, &cf, &err))) {
        fprintf(stderr, "scout conference: %s", err.msg);
        /* the venue's years, or venues with a similar name */
        size_t nv = sc_world_venue_count(w), shown = 0;
        for (size_t i = 0; i < nv; i++) {
            uint64_t np;
            if (strcasecmp(sc_world_venue(w, i, &np), argv[optind])) continue;
            int y0 = 0, y1 = 0;
            sc_world_venue_years(w, i, &y0, &y1);
            fprintf(stderr, "; %s has papers from %d to %d\n", argv[optind], y0, y1);
            sc_world_close(w);
            return rc;
        }
        for (size_t i = 0; i < nv; i++) {
            uint64_t np;
            const char *name = sc_world_venue(w, i, &np);
            if (strncasecmp(name, argv[optind], 2) && !strcasestr(name, argv[optind])) continue;
            fprintf(stderr, "%s%s", shown ? ", " : "; venues like it: ", name);
            shown++;
        }
        fprintf(stderr, "%s", shown ? "\n" : " (see 'scout stats' for the venues)\n");
        sc_world_close(w);
        return rc;
    }
    size_t no = top && (size_t)top < cf.n_orgs ? (size_t)top : cf.n_orgs;
    size_t nc = top && (size_t)top < cf.n_countries ? (size_t)top : cf.n_countries;
    if (mode == OUT_JSON) {
        printf("{\"venue\":");
        cli_json_str(stdout, cf.venue);
        printf(",\"year\":%d,\"papers\":%u,\"authorships\":%u", cf.year, cf.papers, cf.authorships);
        conf_rows_json("orgs", "id", cf.orgs, no);
        conf_rows_json("countries", "country", cf.countries, nc);
        printf("}\n");
    } else if (mode == OUT_CSV) {
        printf("table,key,name,papers,fractional,share\n");
        for (int pass = 0; pass < 2; pass++) {
            const sc_conf_row *r = pass ? cf.countries : cf.orgs;
            size_t n = pass ? nc : no;
            for (size_t i = 0; i < n; i++) {
                printf("%s,", pass ? "country" : "org");
                cli_csv_field(stdout, r[i].key);
                putchar(',');
                cli_csv_field(stdout, r[i].name);
                printf(",%u,%.3f,%.4f\n", r[i].papers, r[i].fractional, r[i].share);
            }
        }
    } else {
        printf("%s %d: %u papers, %u authorships\n", cf.venue, cf.year, cf.papers, cf.authorships);
        conf_rows_table("ORGANISATION", cf.orgs, no, cf.n_orgs);
        conf_rows_table("COUNTRY", cf.countries, nc, cf.n_countries);
    }
    sc_conference_free(&cf);
    sc_world_close(w);
    return 0;
}
