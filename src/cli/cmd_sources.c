/*
 * cmd_sources.c — the workspace commands: init, add, build, ingest.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

const char help_init[] =
    "usage: scout [-C DIR] init [DIR]\n\n"
    "Create a workspace: a directory holding the manifest of sources, the world\n"
    "snapshot and the rejects file. DIR defaults to -C DIR, $SCOUT_HOME or\n"
    "./scout-data. Running it on an existing workspace changes nothing.\n";

const char help_add[] =
    "usage: scout [-C DIR] add [--format F] [--dtd PATH] PATH...\n\n"
    "Record source files or folders (walked recursively) in the workspace's\n"
    "manifest with their size and checksum. The format is sniffed from the\n"
    "content (paperlists JSON, DBLP XML, OpenAlex works; plain, .gz or .zst).\n"
    "In a folder, files of unknown format are skipped and counted; a named file\n"
    "of unknown format is an error (exit 2). Re-adding an unchanged file\n"
    "changes nothing. The workspace is created if needed.\n\n"
    "  --format F    force the format: paperlists, dblp, openalex\n"
    "  --dtd PATH    DBLP: the DTD with the character entities (default:\n"
    "                dblp.dtd beside the XML file)\n";

const char help_build[] =
    "usage: scout [-C DIR] build [--strict] [--threads N] [--json]\n\n"
    "Compile every source of the manifest into a new world snapshot, written\n"
    "beside the old one and renamed into place (a crash leaves the old world).\n"
    "Malformed records are skipped and reported as FILE:LINE:COL (the first few\n"
    "on stderr, all in DIR/rejects.jsonl with the record's bytes).\n\n"
    "  --strict      fail (exit 2, nothing written) if any record is rejected\n"
    "  --threads N   parsing threads (default: the number of cores); the\n"
    "                snapshot is the same byte for byte whatever N is\n"
    "  --json        print the summary as one JSON object on stdout\n";

const char help_ingest[] =
    "usage: scout [-C DIR] ingest [--format F] [--dtd PATH] [--strict] [--threads N] [--json] PATH...\n\n"
    "'add' then 'build' in one step, reading each file once. If anything fails\n"
    "(unreadable or corrupt file, unknown format, --strict with rejects) the\n"
    "workspace is left exactly as it was: nothing is added.\n\n"
    "  --format, --dtd         as for 'scout add'\n"
    "  --strict, --threads, --json   as for 'scout build'\n";

enum { OPT_FORMAT = 1000, OPT_DTD, OPT_STRICT, OPT_THREADS, OPT_JSON };

static const struct option long_opts[] = {
    {"format", required_argument, NULL, OPT_FORMAT}, {"dtd", required_argument, NULL, OPT_DTD},
    {"strict", no_argument, NULL, OPT_STRICT},       {"threads", required_argument, NULL, OPT_THREADS},
    {"json", no_argument, NULL, OPT_JSON},           {"workspace", required_argument, NULL, 'C'},
    {NULL, 0, NULL, 0},
};

typedef struct {
    sc_options opt;
    int json;
    int allow_add, allow_build;
} parsed;

/* Parse the options shared by add/build/ingest; returns optind or -1. */
static int parse(const char *cmd, cli_globals *g, parsed *p, int argc, char **argv)
{
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "C:", long_opts, NULL)) != -1) {
        switch (c) {
        case 'C': g->workspace = optarg; break;
        case OPT_FORMAT:
            if (!p->allow_add) goto bad;
            p->opt.format = sc_format_parse(optarg);
            if (p->opt.format == SC_FMT_UNKNOWN)
                return cli_usage(cmd, "unknown format '%s' (paperlists, dblp, openalex)", optarg), -1;
            break;
        case OPT_DTD:
            if (!p->allow_add) goto bad;
            p->opt.dtd = optarg;
            break;
        case OPT_STRICT:
            if (!p->allow_build) goto bad;
            p->opt.strict = 1;
            break;
        case OPT_THREADS: {
            if (!p->allow_build) goto bad;
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 64) return cli_usage(cmd, "--threads takes a number from 1 to 64"), -1;
            p->opt.threads = (int)n;
            break;
        }
        case OPT_JSON:
            if (!p->allow_build) goto bad;
            p->json = 1;
            break;
        default:
        bad:
            return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]), -1;
        }
    }
    return optind;
}

int cmd_init(cli_globals *g, int argc, char **argv)
{
    parsed p = {0};
    int i = parse("init", g, &p, argc, argv);
    if (i < 0) return SC_EUSAGE;
    if (argc - i > 1) return cli_usage("init", "takes at most one directory");
    const char *dir = i < argc ? argv[i] : g->workspace;
    sc_error err = {0};
    if (sc_workspace_init(dir, &err)) return cli_error(&err);
    printf("workspace ready: %s\n", dir);
    return 0;
}

static int open_ws(cli_globals *g, sc_workspace **ws, sc_error *err)
{
    int rc = sc_workspace_init(g->workspace, err);
    if (!rc) rc = sc_workspace_open(g->workspace, ws, err);
    return rc;
}

static void print_add(const sc_add_result *r)
{
    fprintf(stderr, "sources: %u added, %u updated, %u unchanged", r->added, r->updated, r->unchanged);
    if (r->skipped) fprintf(stderr, "; %u skipped (unknown format, e.g. %s)", r->skipped, r->skipped_example);
    fputc('\n', stderr);
}

int cmd_add(cli_globals *g, int argc, char **argv)
{
    parsed p = {0};
    p.allow_add = 1;
    int i = parse("add", g, &p, argc, argv);
    if (i < 0) return SC_EUSAGE;
    if (i >= argc) return cli_usage("add", "name at least one file or folder");
    sc_error err = {0};
    sc_workspace *ws;
    if (open_ws(g, &ws, &err)) return cli_error(&err);
    sc_add_result r;
    int rc = sc_workspace_add(ws, (const char *const *)argv + i, (size_t)(argc - i), &p.opt, &r, &err);
    if (!rc) rc = sc_workspace_save(ws, &err);
    sc_workspace_close(ws);
    if (rc) return cli_error(&err);
    print_add(&r);
    return 0;
}

static int run_build(sc_workspace *ws, parsed *p)
{
    cli_progress prog = {0};
    prog.active = isatty(2);
    p->opt.progress = cli_progress_fn;
    p->opt.progress_ctx = &prog;
    sc_build_result r;
    sc_error err = {0};
    int rc = sc_workspace_build(ws, &p->opt, &r, &err);
    cli_progress_end(&prog);
    if (rc) return cli_error(&err);
    if (r.first_rejects_shown) {
        fputs(r.first_rejects, stderr);
        if (r.rejects > r.first_rejects_shown)
            fprintf(stderr, "… and %llu more; all in %s/rejects.jsonl\n",
                    (unsigned long long)(r.rejects - r.first_rejects_shown), sc_workspace_dir(ws));
    }
    if (p->json) {
        printf("{\"papers\":%llu,\"authorships\":%llu,\"persons\":%llu,\"rejects\":%llu,\"sources\":%llu,"
               "\"bytes\":%llu,\"seconds\":%.3f,\"read_seconds\":%.3f,\"wait_seconds\":%.3f,\"resolve_seconds\":%.3f,\"orgs_seconds\":%.3f,\"careers_seconds\":%.3f,\"suspect_papers\":%llu,\"name_as_affiliation\":%llu}\n",
               (unsigned long long)r.papers, (unsigned long long)r.authorships,
               (unsigned long long)r.persons, (unsigned long long)r.rejects,
               (unsigned long long)r.sources, (unsigned long long)r.bytes, r.seconds, r.read_seconds,
               r.wait_seconds, r.resolve_seconds, r.orgs_seconds, r.careers_seconds, (unsigned long long)r.suspect_papers,
               (unsigned long long)r.name_as_affiliation);
    } else {
        char a[32], b[32], c[32];
        fprintf(stderr, "built %s: %s papers, %s authorships, %llu person records, %llu rejects, %llu sources, %.2f s\n",
                sc_workspace_snapshot_path(ws), cli_thousands(r.papers, a, sizeof a),
                cli_thousands(r.authorships, b, sizeof b), (unsigned long long)r.persons,
                (unsigned long long)r.rejects, (unsigned long long)r.sources, r.seconds);
        (void)c;
    }
    return 0;
}

int cmd_build(cli_globals *g, int argc, char **argv)
{
    parsed p = {0};
    p.allow_build = 1;
    int i = parse("build", g, &p, argc, argv);
    if (i < 0) return SC_EUSAGE;
    if (i < argc) return cli_usage("build", "takes no file arguments (use 'scout add' or 'scout ingest')");
    sc_error err = {0};
    sc_workspace *ws;
    if (sc_workspace_open(g->workspace, &ws, &err)) return cli_error(&err);
    int rc = run_build(ws, &p);
    sc_workspace_close(ws);
    return rc;
}

int cmd_ingest(cli_globals *g, int argc, char **argv)
{
    parsed p = {0};
    p.allow_add = p.allow_build = 1;
    int i = parse("ingest", g, &p, argc, argv);
    if (i < 0) return SC_EUSAGE;
    if (i >= argc) return cli_usage("ingest", "name at least one file or folder");
    sc_error err = {0};
    sc_workspace *ws;
    if (open_ws(g, &ws, &err)) return cli_error(&err);
    sc_add_result r;
    p.opt.defer_checksum = 1; /* the build hashes each file while it reads it */
    int rc = sc_workspace_add(ws, (const char *const *)argv + i, (size_t)(argc - i), &p.opt, &r, &err);
    if (rc) {
        sc_workspace_close(ws);
        return cli_error(&err);
    }
    if (r.skipped) print_add(&r);
    rc = run_build(ws, &p); /* saves the manifest only when the build succeeds */
    sc_workspace_close(ws);
    return rc;
}
