/*
 * cli.h — what the command files share: the parsed global options, output
 * modes, progress display and error reporting. Only the CLI prints.
 */
#ifndef SCOUT_CLI_H
#define SCOUT_CLI_H

#include <stdio.h>

#include "scout.h"

typedef enum { OUT_TABLE, OUT_JSON, OUT_CSV } out_mode;

typedef struct {
    const char *workspace; /* -C DIR / $SCOUT_HOME / ./scout-data */
    int quiet;
} cli_globals;

typedef struct {
    const char *name;
    const char *summary;
    int (*run)(cli_globals *g, int argc, char **argv);
    const char *help;
} cli_command;

/* Print "scout: msg" to stderr and return the error's code (exit status). */
int cli_error(const sc_error *err);
/* Open the workspace's world snapshot; prints the error and returns the exit
 * code on failure. */
int cli_open_world(cli_globals *g, sc_world **w);
/* Parse --limit N (N >= 0); prints the usage error and returns 1 if bad. */
int cli_parse_limit(const char *cmd, const char *arg, long *limit);
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print a command's help (its help text) to stdout; returns 0. */
int cli_help(const cli_command *c);
const cli_command *cli_find(const char *name);

/* Progress on stderr when it is a terminal (a no-op otherwise). */
typedef struct {
    double start, last;
    int active, shown;
} cli_progress;
void cli_progress_fn(void *ctx, const char *phase, uint64_t done, uint64_t total, const char *unit);
void cli_progress_end(cli_progress *p);

/* Output helpers */
int cli_term_width(void);
void cli_csv_field(FILE *f, const char *s);
void cli_json_str(FILE *f, const char *s);
/* A JSON string, or null when s is NULL or empty. */
void cli_json_str_or_null(FILE *f, const char *s);
/* Print s cut to width display columns (UTF-8 aware), padded when pad. */
void cli_cell(FILE *f, const char *s, int width, int pad);
const char *cli_thousands(uint64_t v, char *buf, size_t cap);
/* After "nobody named X": newline, or "; did you mean:" and close names. */
void cli_suggest_people(const sc_world *w, const char *query);
/* A move as one JSON object (docs/cli.md), without the person's key and
 * name when with_person is 0; no newline. */
void cli_move_json(const sc_move_row *m, int with_person);
/* A move's evidence papers, one indented line each. */
void cli_move_evidence(const sc_move_row *m, int place_width, int title_width);
/* The affiliation of a piece of evidence, else "@domain", else "(no affiliation)". */
const char *cli_evidence_place(const sc_evidence *e, char *buf, size_t cap);

int cmd_init(cli_globals *g, int argc, char **argv);
int cmd_add(cli_globals *g, int argc, char **argv);
int cmd_build(cli_globals *g, int argc, char **argv);
int cmd_ingest(cli_globals *g, int argc, char **argv);
int cmd_stats(cli_globals *g, int argc, char **argv);
int cmd_papers(cli_globals *g, int argc, char **argv);
int cmd_demo(cli_globals *g, int argc, char **argv);
int cmd_resolve_org(cli_globals *g, int argc, char **argv);
int cmd_orgs(cli_globals *g, int argc, char **argv);
int cmd_person(cli_globals *g, int argc, char **argv);
int cmd_moves(cli_globals *g, int argc, char **argv);
int cmd_flows(cli_globals *g, int argc, char **argv);
int cmd_org(cli_globals *g, int argc, char **argv);
int cmd_conference(cli_globals *g, int argc, char **argv);

extern const char help_init[], help_add[], help_build[], help_ingest[], help_stats[],
    help_papers[], help_demo[], help_resolve_org[], help_orgs[], help_person[],
    help_moves[], help_flows[], help_org[], help_conference[];

#endif
