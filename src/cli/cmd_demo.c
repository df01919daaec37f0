/*
 * cmd_demo.c — `scout demo`: generate the synthetic world (with its ground
 * truth), ingest it into a workspace and build it: the whole pipeline,
 * offline, in one command.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

const char help_demo[] =
    "usage: scout demo [--seed N] [--people N] [--out DIR] [--dblp] [--no-build]\n\n"
    "Generate a deterministic synthetic world — organisations, researchers with\n"
    "careers, papers, and the traps real data has (homonyms, name variants,\n"
    "internships, dual affiliations, messy affiliation strings) — as paperlists\n"
    "JSON under DIR/sources, with its ground truth under DIR/truth, then ingest\n"
    "and build it into the workspace DIR/workspace.\n\n"
    "  --seed N      random seed (default 1); the same seed gives the same bytes\n"
    "  --people N    researchers (default 2000; 3500000 is DBLP-sized)\n"
    "  --out DIR     where to write (default ./demo-world)\n"
    "  --dblp        also write the papers as DBLP XML (DIR/sources/dblp)\n"
    "  --no-build    only generate\n";

enum { O_SEED = 1000, O_PEOPLE, O_OUT, O_DBLP, O_NOBUILD };

int cmd_demo(cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"seed", required_argument, NULL, O_SEED}, {"people", required_argument, NULL, O_PEOPLE},
        {"out", required_argument, NULL, O_OUT},   {"dblp", no_argument, NULL, O_DBLP},
        {"no-build", no_argument, NULL, O_NOBUILD}, {NULL, 0, NULL, 0},
    };
    (void)g;
    sc_demo_options o;
    memset(&o, 0, sizeof o);
    o.seed = 1;
    o.people = 2000;
    const char *out = "demo-world";
    int build = 1, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case O_SEED:
            o.seed = strtoull(optarg, &end, 10);
            if (*end) return cli_usage("demo", "--seed takes a number, not '%s'", optarg);
            break;
        case O_PEOPLE:
            o.people = strtoull(optarg, &end, 10);
            if (*end || o.people < 10 || o.people > 100000000ULL)
                return cli_usage("demo", "--people takes a number from 10 to 100000000, not '%s'", optarg);
            break;
        case O_OUT: out = optarg; break;
        case O_DBLP: o.write_dblp = 1; o.write_paperlists = 1; break;
        case O_NOBUILD: build = 0; break;
        default: return cli_usage("demo", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) return cli_usage("demo", "unexpected argument '%s'", argv[optind]);
    cli_progress prog = {0};
    prog.active = isatty(2);
    o.progress = cli_progress_fn;
    o.progress_ctx = &prog;
    sc_demo_result r;
    sc_error err = {0};
    int rc = sc_demo_generate(out, &o, &r, &err);
    cli_progress_end(&prog);
    if (rc) return cli_error(&err);
    char a[32], b[32], d[32];
    fprintf(stderr, "generated %s: %s researchers, %s papers, %s authorships, %llu true moves, %llu organisations\n",
            out, cli_thousands(r.people, a, sizeof a), cli_thousands(r.papers, b, sizeof b),
            cli_thousands(r.authorships, d, sizeof d), (unsigned long long)r.moves,
            (unsigned long long)r.orgs);
    if (!build) return 0;

    char ws_dir[4096], src[4096];
    snprintf(ws_dir, sizeof ws_dir, "%s/workspace", out);
    snprintf(src, sizeof src, "%s/sources", out);
    sc_workspace *ws;
    if (sc_workspace_init(ws_dir, &err) || sc_workspace_open(ws_dir, &ws, &err)) return cli_error(&err);
    sc_options opt;
    memset(&opt, 0, sizeof opt);
    opt.defer_checksum = 1;
    opt.progress = cli_progress_fn;
    cli_progress p2 = {0};
    p2.active = isatty(2);
    opt.progress_ctx = &p2;
    sc_add_result ar;
    const char *paths[1] = {src};
    sc_build_result br;
    rc = sc_workspace_add(ws, paths, 1, &opt, &ar, &err);
    if (!rc) rc = sc_workspace_build(ws, &opt, &br, &err);
    cli_progress_end(&p2);
    sc_workspace_close(ws);
    if (rc) return cli_error(&err);
    fprintf(stderr, "built %s/world.snap: %s papers, %s authorships, %llu rejects, %.2f s\n", ws_dir,
            cli_thousands(br.papers, a, sizeof a), cli_thousands(br.authorships, b, sizeof b),
            (unsigned long long)br.rejects, br.seconds);
    printf("demo world ready. Try:\n  ./scout -C %s stats\n  ./scout -C %s flows --since 2015\n"
           "  ./scout -C %s moves --from \"Stanford University\" --evidence --limit 5\n"
           "  ./scout -C %s org google\n  ./scout -C %s conference nips 2020\n"
           "  ./scout -C %s person \"<a name from the moves>\"\n"
           "ground truth: %s/truth/ (python3 eval/people_bcubed.py and eval/moves_pr.py measure against it)\n",
           ws_dir, ws_dir, ws_dir, ws_dir, ws_dir, ws_dir, out);
    return 0;
}
