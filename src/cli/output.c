/*
 * output.c — errors, progress bars and the small formatting helpers the
 * commands share.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

int cli_error(const sc_error *err)
{
    fprintf(stderr, "scout: %s\n", err->msg[0] ? err->msg : "unknown error");
    return err->code ? err->code : SC_EINTERNAL;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "scout %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(see 'scout %s --help')\n", cmd);
    va_end(ap);
    return SC_EUSAGE;
}

int cli_help(const cli_command *c)
{
    fputs(c->help, stdout);
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void human_bytes(double v, char *buf, size_t cap)
{
    const char *u[] = {"B", "KB", "MB", "GB", "TB"};
    int i = 0;
    while (v >= 1000 && i < 4) v /= 1000, i++;
    snprintf(buf, cap, i ? "%.1f %s" : "%.0f %s", v, u[i]);
}

void cli_progress_fn(void *ctx, const char *phase, uint64_t done, uint64_t total, const char *unit)
{
    cli_progress *p = ctx;
    if (!p->active) return;
    double t = now();
    if (!p->start) p->start = t;
    /* nothing for work that ends within half a second; then ~10 updates/s */
    if (t - p->start < 0.5 || (t - p->last < 0.1 && done < total)) return;
    p->last = t;
    double el = t - p->start, frac = total ? (double)done / (double)total : 0;
    int w = 24, fill = (int)(frac * w);
    char bar[32];
    for (int i = 0; i < w; i++) bar[i] = i < fill ? '=' : (i == fill ? '>' : ' ');
    bar[w] = 0;
    char d[32], tt[32], rate[32];
    int bytes = strcmp(unit, "bytes") == 0;
    if (bytes) {
        human_bytes((double)done, d, sizeof d);
        human_bytes((double)total, tt, sizeof tt);
        human_bytes(el > 0 ? (double)done / el : 0, rate, sizeof rate);
    } else {
        snprintf(d, sizeof d, "%llu", (unsigned long long)done);
        snprintf(tt, sizeof tt, "%llu %s", (unsigned long long)total, unit);
        snprintf(rate, sizeof rate, "%.0f %s", el > 0 ? (double)done / el : 0, unit);
    }
    double eta = frac > 0 ? el * (1 - frac) / frac : 0;
    fprintf(stderr, "\r\033[K%-10s %3.0f%% [%s] %s / %s  %s/s  ETA %.0fs", phase, frac * 100, bar, d, tt,
            rate, eta);
    p->shown = 1;
}

void cli_progress_end(cli_progress *p)
{
    if (p->shown) fputs("\r\033[K", stderr);
    p->shown = 0;
}

int cli_term_width(void)
{
    struct winsize ws;
    if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col;
    const char *c = getenv("COLUMNS");
    if (c && atoi(c) >= 40) return atoi(c);
    return 100;
}

void cli_csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* bytes a JSON string must escape: controls (and the terminating NUL, which
 * ends the scan), '"' and '\\' */
static const unsigned char json_esc[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};

void cli_json_str(FILE *f, const char *s)
{
    /* runs of bytes that need no escape go out in one write; the output
     * of a query is one thread's, so the stream is written unlocked */
    putc_unlocked('"', f);
    const unsigned char *p = (const unsigned char *)s, *run = p;
    for (;;) {
        while (!json_esc[*p]) p++;
        if (p > run) fwrite_unlocked(run, 1, (size_t)(p - run), f);
        unsigned char c = *p;
        if (!c) break;
        if (c == '"' || c == '\\') {
            putc_unlocked('\\', f);
            putc_unlocked(c, f);
        } else if (c == '\n') fputs_unlocked("\\n", f);
        else if (c == '\t') fputs_unlocked("\\t", f);
        else if (c == '\r') fputs_unlocked("\\r", f);
        else fprintf(f, "\\u%04x", c);
        run = ++p;
    }
    putc_unlocked('"', f);
}

void cli_json_str_or_null(FILE *f, const char *s)
{
    if (s && *s) cli_json_str(f, s);
    else fputs("null", f);
}

void cli_cell(FILE *f, const char *s, int width, int pad)
{
    int cols = 0;
    const unsigned char *p = (const unsigned char *)s, *cut = p;
    /* count code points (a fair approximation of display columns) */
    while (*p) {
        int k = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        if (cols + 1 > width) break;
        if (*p == '\n' || *p == '\t') {
            cut = p + 1; /* whitespace controls are printed as spaces below */
        }
        for (int i = 0; i < k && *p; i++) p++;
        cols++;
        cut = p;
    }
    int truncated = *p != 0;
    size_t n = (size_t)(cut - (const unsigned char *)s);
    if (truncated && n > 0) {
        /* make room for the ellipsis */
        const unsigned char *q = cut;
        do q--;
        while (q > (const unsigned char *)s && (*q & 0xC0) == 0x80);
        n = (size_t)(q - (const unsigned char *)s);
    }
    for (size_t i = 0; i < n; i++) fputc(s[i] == '\n' || s[i] == '\t' ? ' ' : s[i], f);
    if (truncated) fputs("…", f);
    if (pad)
        for (int i = cols; i < width; i++) fputc(' ', f);
}

const char *cli_thousands(uint64_t v, char *buf, size_t cap)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
    size_t o = 0;
    for (int i = 0; i < n && o + 2 < cap; i++) {
        if (i && (n - i) % 3 == 0) buf[o++] = ',';
        buf[o++] = tmp[i];
    }
    buf[o] = 0;
    return buf;
}

int cli_parse_limit(const char *cmd, const char *arg, long *limit)
{
    char *end;
    *limit = strtol(arg, &end, 10);
    if (*end || *limit < 0 || end == arg) return cli_usage(cmd, "--limit takes a number, not '%s'", arg);
    return 0;
}

int cli_open_world(cli_globals *g, sc_world **w)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/world.snap", g->workspace);
    sc_error err = {0};
    if (sc_world_open(path, w, &err)) return cli_error(&err);
    return 0;
}

void cli_suggest_people(const sc_world *w, const char *query)
{
    uint32_t ids[5];
    size_t n = sc_world_suggest_people(w, query, ids, 5);
    if (!n) {
        fputc('\n', stderr);
        return;
    }
    fprintf(stderr, "; did you mean:\n");
    for (size_t i = 0; i < n; i++) {
        sc_person_row p;
        sc_world_person(w, ids[i], &p);
        fprintf(stderr, "  %-32s %s  %u papers, %d–%d\n", p.name, p.key, p.papers, p.first_year, p.last_year);
    }
}

void cli_move_json(const sc_move_row *m, int with_person)
{
    putchar('{');
    if (with_person) {
        printf("\"person_key\":");
        cli_json_str(stdout, m->person_key);
        printf(",\"person\":");
        cli_json_str(stdout, m->person_name);
        putchar(',');
    }
    printf("\"from_id\":");
    cli_json_str(stdout, m->from_id);
    printf(",\"from_org\":");
    cli_json_str(stdout, m->from_name);
    printf(",\"to_id\":");
    cli_json_str(stdout, m->to_id);
    printf(",\"to_org\":");
    cli_json_str(stdout, m->to_name);
    printf(",\"year\":%d,\"last_old_year\":%d,\"first_new_year\":%d,\"confidence\":%.2f,\"kind\":\"%s\","
           "\"first_job\":%s,\"shared_coauthors\":%u,\"evidence\":[",
           m->year, m->last_old_year, m->first_new_year, m->confidence, m->kind, m->first_job ? "true" : "false",
           m->shared_coauthors);
    for (size_t i = 0; i < m->n_evidence; i++) {
        const sc_evidence *e = &m->evidence[i];
        printf("%s{\"side\":\"%s\",\"venue\":", i ? "," : "", e->side ? "to" : "from");
        cli_json_str(stdout, e->venue);
        printf(",\"year\":%d,\"title\":", e->year);
        cli_json_str(stdout, e->title);
        printf(",\"affiliation\":");
        cli_json_str(stdout, e->affiliation);
        printf(",\"email_domain\":");
        cli_json_str_or_null(stdout, e->email_domain);
        putchar('}');
    }
    printf("]}");
}

void cli_move_evidence(const sc_move_row *m, int place_width, int title_width)
{
    for (size_t i = 0; i < m->n_evidence; i++) {
        const sc_evidence *e = &m->evidence[i];
        char place[256];
        printf("      %s %4d %-8.8s ", e->side ? "to  " : "from", e->year, e->venue);
        cli_cell(stdout, cli_evidence_place(e, place, sizeof place), place_width, 1);
        printf("  ");
        cli_cell(stdout, e->title, title_width, 0);
        putchar('\n');
    }
}

const char *cli_evidence_place(const sc_evidence *e, char *buf, size_t cap)
{
    if (*e->affiliation) return e->affiliation;
    if (*e->email_domain) {
        snprintf(buf, cap, "@%s", e->email_domain);
        return buf;
    }
    return "(no affiliation)";
}
