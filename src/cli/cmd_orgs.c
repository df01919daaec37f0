/*
 * cmd_orgs.c — organisations: resolve-org (one string, or many from stdin)
 * and orgs (the organisations of the current world).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "cli/cli.h"

const char help_resolve_org[] =
    "usage: scout [-C DIR] resolve-org [--domain D] [--registry PATH] [--json] TEXT\n"
    "       scout [-C DIR] resolve-org --stdin [--registry PATH]\n\n"
    "Resolve a raw affiliation string (and an optional e-mail domain) to an\n"
    "organisation of the registry, the way the build does: e-mail domain first\n"
    "(sub-domains fold, gmail.com and the like say nothing), then exact alias of\n"
    "the string or of a comma-separated segment, then fuzzy token matching. A\n"
    "string naming two organisations gives both; the first is primary.\n\n"
    "  --domain D       e-mail domain of the author (cs.stanford.edu)\n"
    "  --registry PATH  the registry (default: $SCOUT_ORGS or data/orgs.tsv);\n"
    "                   the workspace's orgs-overrides.tsv is applied on top\n"
    "  --json           {\"id\",\"org\",\"type\",\"country\",\"parent\",\"method\",\"confidence\",\"others\":[…]};\n"
    "                   unresolved: id null, method \"cluster\", cluster_key\n"
    "  --stdin          read TEXT<TAB>DOMAIN lines, print one JSON object per line\n";

static void print_json(const sc_org_match *m, size_t n, const char *key)
{
    if (n == 0) {
        printf("{\"id\":null,\"org\":null,\"type\":null,\"country\":null,\"parent\":null,\"method\":\"cluster\","
               "\"confidence\":0.3,\"cluster_key\":");
        cli_json_str(stdout, key);
        printf(",\"others\":[]}\n");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        printf(i == 0 ? "{" : (i == 1 ? ",\"others\":[{" : ",{"));
        printf("\"id\":");
        cli_json_str(stdout, m[i].id);
        printf(",\"org\":");
        cli_json_str(stdout, m[i].name);
        printf(",\"type\":");
        cli_json_str(stdout, m[i].type);
        printf(",\"country\":");
        cli_json_str(stdout, m[i].country);
        printf(",\"parent\":");
        cli_json_str_or_null(stdout, m[i].parent);
        printf(",\"method\":");
        cli_json_str(stdout, m[i].method);
        printf(",\"confidence\":%.2f", m[i].confidence);
        if (i > 0) printf("}");
    }
    printf(n > 1 ? "]}\n" : ",\"others\":[]}\n");
}

int cmd_resolve_org(cli_globals *g, int argc, char **argv)
{
    enum { O_DOMAIN = 1000, O_JSON, O_STDIN, O_REG };
    static const struct option opts[] = {
        {"domain", required_argument, NULL, O_DOMAIN}, {"json", no_argument, NULL, O_JSON},
        {"stdin", no_argument, NULL, O_STDIN},         {"registry", required_argument, NULL, O_REG},
        {"workspace", required_argument, NULL, 'C'},   {NULL, 0, NULL, 0},
    };
    const char *domain = NULL, *reg = NULL;
    int json = 0, from_stdin = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "C:", opts, NULL)) != -1) {
        switch (c) {
        case 'C': g->workspace = optarg; break;
        case O_DOMAIN: domain = optarg; break;
        case O_JSON: json = 1; break;
        case O_STDIN: from_stdin = 1; break;
        case O_REG: reg = optarg; break;
        default: return cli_usage("resolve-org", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (!from_stdin && optind != argc - 1) return cli_usage("resolve-org", "give one affiliation TEXT (quote it)");
    if (from_stdin && optind != argc) return cli_usage("resolve-org", "--stdin takes no TEXT");
    char over[4096];
    snprintf(over, sizeof over, "%s/orgs-overrides.tsv", g->workspace);
    sc_registry *r;
    sc_error err = {0};
    if (sc_registry_open(reg ? reg : sc_registry_default_path(), over, &r, &err)) return cli_error(&err);
    sc_org_match m[4];
    char key[160];
    if (from_stdin) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        while ((len = getline(&line, &cap, stdin)) >= 0) {
            while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
            char *tab = strchr(line, '\t');
            if (tab) *tab = 0;
            size_t n = sc_resolve_org(r, line, tab && tab[1] ? tab + 1 : NULL, m, 4, key, sizeof key);
            print_json(m, n, key);
        }
        free(line);
        sc_registry_close(r);
        return 0;
    }
    size_t n = sc_resolve_org(r, argv[optind], domain, m, 4, key, sizeof key);
    if (json) {
        print_json(m, n, key);
    } else if (n == 0) {
        printf("unresolved: would cluster as \"%s\"\n", key);
    } else {
        for (size_t i = 0; i < n; i++)
            printf("%s%s (%s, %s%s%s) — %s %.2f\n", i ? "  also: " : "", m[i].name, m[i].type,
                   *m[i].country ? m[i].country : "?", *m[i].parent ? ", part of " : "", m[i].parent,
                   m[i].method, m[i].confidence);
    }
    sc_registry_close(r);
    return 0;
}

const char help_orgs[] =
    "usage: scout [-C DIR] orgs [--unresolved] [--limit N] [--json|--csv]\n\n"
    "The organisations of the current world with the authorships and papers\n"
    "credited to them, most first.\n"
    "  --unresolved  only the organisations formed from strings that matched\n"
    "                nothing in the registry (their cluster keys), most first:\n"
    "                the list to read when extending the registry or overrides\n"
    "  --limit N     at most N rows (default 30 on a terminal, all otherwise)\n"
    "  --json        JSON Lines: id, name, type, country, parent, registry,\n"
    "                authorships, papers, example\n"
    "  --csv         header: id,name,type,country,parent,registry,authorships,\n"
    "                papers,example (registry = 1 for a registry row, 0 for a\n"
    "                cluster of unresolved strings)\n";

static int by_authorships_desc(const void *a, const void *b)
{
    const sc_org_row *x = a, *y = b;
    if (x->authorships != y->authorships) return x->authorships < y->authorships ? 1 : -1;
    return x->index < y->index ? -1 : x->index > y->index;
}

int cmd_orgs(cli_globals *g, int argc, char **argv)
{
    enum { O_UNRES = 1000, O_LIMIT, O_JSON, O_CSV };
    static const struct option opts[] = {
        {"unresolved", no_argument, NULL, O_UNRES}, {"limit", required_argument, NULL, O_LIMIT},
        {"json", no_argument, NULL, O_JSON},        {"csv", no_argument, NULL, O_CSV},
        {"workspace", required_argument, NULL, 'C'}, {NULL, 0, NULL, 0},
    };
    int unresolved = 0, json = 0, csv = 0, c;
    long limit = -1;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "C:", opts, NULL)) != -1) {
        switch (c) {
        case 'C': g->workspace = optarg; break;
        case O_UNRES: unresolved = 1; break;
        case O_JSON: json = 1; break;
        case O_CSV: csv = 1; break;
        case O_LIMIT:
            if (cli_parse_limit("orgs", optarg, &limit)) return SC_EUSAGE;
            break;
        default: return cli_usage("orgs", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) return cli_usage("orgs", "unexpected argument '%s'", argv[optind]);
    if (json && csv) return cli_usage("orgs", "--json and --csv are two formats: give one");
    sc_world *w;
    int orc = cli_open_world(g, &w);
    if (orc) return orc;
    size_t n = sc_world_org_count(w), k = 0;
    sc_org_row *rows = malloc(sizeof *rows * (n ? n : 1));
    for (uint32_t i = 1; i <= n; i++) {
        sc_org_row r;
        if (!sc_world_org(w, i, &r) || r.authorships == 0) continue;
        if (unresolved && r.from_registry) continue;
        rows[k++] = r;
    }
    qsort(rows, k, sizeof *rows, by_authorships_desc);
    size_t lim = limit >= 0 ? (size_t)limit : (isatty(1) && !json && !csv ? 30 : k);
    if (lim > k) lim = k;
    if (csv) printf("id,name,type,country,parent,registry,authorships,papers,example\n");
    else if (!json) printf("%-44s %-10s %-3s %8s %7s  %s\n", "organisation", "type", "cc", "authors", "papers",
                      unresolved ? "example string" : "id");
    for (size_t i = 0; i < lim; i++) {
        sc_org_row *r = &rows[i];
        if (json) {
            printf("{\"id\":");
            cli_json_str(stdout, r->id);
            printf(",\"name\":");
            cli_json_str(stdout, r->name);
            printf(",\"type\":");
            cli_json_str(stdout, r->type);
            printf(",\"country\":");
            cli_json_str(stdout, r->country);
            printf(",\"parent\":");
            cli_json_str_or_null(stdout, r->parent);
            printf(",\"registry\":%s,\"authorships\":%llu,\"papers\":%llu,\"example\":", r->from_registry ? "true" : "false",
                   (unsigned long long)r->authorships, (unsigned long long)r->papers);
            cli_json_str(stdout, r->example);
            printf("}\n");
        } else if (csv) {
            const char *f[] = {r->id, r->name, r->type, r->country, r->parent ? r->parent : ""};
            for (size_t j = 0; j < 5; j++) {
                cli_csv_field(stdout, f[j]);
                putchar(',');
            }
            printf("%d,%llu,%llu,", r->from_registry ? 1 : 0, (unsigned long long)r->authorships,
                   (unsigned long long)r->papers);
            cli_csv_field(stdout, r->example);
            putchar('\n');
        } else {
            cli_cell(stdout, r->name, 44, 1);
            printf(" %-10s %-3s %8llu %7llu  ", r->type, r->country, (unsigned long long)r->authorships,
                   (unsigned long long)r->papers);
            cli_cell(stdout, unresolved ? r->example : r->id, cli_term_width() - 78 > 20 ? cli_term_width() - 78 : 20, 0);
            putchar('\n');
        }
    }
    if (!json && !csv && lim < k) fprintf(stderr, "(%zu of %zu shown; --limit N, --json or --csv for more)\n", lim, k);
    free(rows);
    sc_world_close(w);
    return 0;
}
