/*
 * cmd_orgs.c — organisations: resolve-org (one string, or many from stdin)
 * and orgs (the organisations of the current world).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

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
        if (*m[i].parent) cli_json_str(stdout, m[i].parent);
        else printf("null");
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
    while ((c = getopt_long(argc, argv, "+C:", opts, NULL)) != -1) {
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
