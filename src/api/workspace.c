/*
 * workspace.c — scout.h's workspace calls: a directory with a manifest of
 * sources, the world snapshot compiled from them and the rejects file.
 *
 *   DIR/manifest.tsv    sources (store/manifest.h)
 *   DIR/world.snap      the world (store/snapshot.h)
 *   DIR/rejects.jsonl   malformed records of the last build
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "ingest/input.h"
#include "ingest/source.h"
#include "store/manifest.h"

struct sc_workspace {
    char *dir;
    char *manifest_path, *snapshot_path, *rejects_path;
    sc_manifest m;
};

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = sc_xmalloc(n);
    snprintf(s, n, "%s/%s", a, b);
    return s;
}

int sc_workspace_init(const char *dir, sc_error *err)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) return sc_fail(err, SC_EUSAGE, "%s: exists and is not a directory", dir);
    } else if (mkdir(dir, 0755) != 0) {
        return sc_fail(err, SC_EINPUT, "%s: cannot create: %s", dir, strerror(errno));
    }
    char *mp = join(dir, "manifest.tsv");
    int rc = SC_OK;
    if (access(mp, F_OK) != 0) {
        sc_manifest m = {0};
        rc = sc_manifest_save(mp, &m, err);
    }
    free(mp);
    return rc;
}

int sc_workspace_open(const char *dir, sc_workspace **out, sc_error *err)
{
    char *mp = join(dir, "manifest.tsv");
    if (access(mp, F_OK) != 0) {
        free(mp);
        return sc_fail(err, SC_EUSAGE, "%s: not a scout workspace (run 'scout init %s' first)", dir, dir);
    }
    sc_workspace *ws = sc_xcalloc(1, sizeof *ws);
    ws->dir = sc_xstrdup(dir);
    ws->manifest_path = mp;
    ws->snapshot_path = join(dir, "world.snap");
    ws->rejects_path = join(dir, "rejects.jsonl");
    int rc = sc_manifest_load(mp, &ws->m, err);
    if (rc) {
        sc_workspace_close(ws);
        return rc;
    }
    *out = ws;
    return SC_OK;
}

void sc_workspace_close(sc_workspace *ws)
{
    if (!ws) return;
    sc_manifest_free(&ws->m);
    free(ws->dir);
    free(ws->manifest_path);
    free(ws->snapshot_path);
    free(ws->rejects_path);
    free(ws);
}

const char *sc_workspace_dir(const sc_workspace *ws) { return ws->dir; }
const char *sc_workspace_snapshot_path(const sc_workspace *ws) { return ws->snapshot_path; }
size_t sc_workspace_source_count(const sc_workspace *ws) { return ws->m.e.n; }

typedef struct {
    sc_manifest *m;
    const sc_options *opt;
    sc_add_result *res;
    int defer_checksum;
} add_ctx;

/* Add one regular file. named: the user named it (an unknown format is then
 * an error rather than a skip). */
static int add_file(add_ctx *c, const char *path, const struct stat *st, int named, sc_error *err)
{
    if (strpbrk(path, "\t\n\r"))
        return sc_fail(err, SC_EUSAGE, "%s: paths with tabs or newlines are not supported", path);
    int64_t mtime = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    sc_manifest_entry *e = sc_manifest_find(c->m, path);
    const char *dtd = c->opt ? c->opt->dtd : NULL;
    if (e && e->size == (uint64_t)st->st_size && e->mtime_ns == mtime &&
        (c->opt == NULL || c->opt->format == SC_FMT_UNKNOWN || c->opt->format == e->format)) {
        c->res->unchanged++;
        return SC_OK;
    }
    sc_format f = c->opt && c->opt->format != SC_FMT_UNKNOWN ? c->opt->format : SC_FMT_UNKNOWN;
    if (f == SC_FMT_UNKNOWN) {
        sc_error e2 = {0, {0}};
        f = sc_source_sniff(path, &e2);
        if (f == SC_FMT_UNKNOWN) {
            if (named) {
                if (e2.code) return sc_fail(err, e2.code, "%s", e2.msg);
                if (st->st_size == 0) return sc_fail(err, SC_EINPUT, "%s: empty file", path);
                return sc_fail(err, SC_EINPUT,
                               "%s: unknown format (not paperlists JSON, DBLP XML or OpenAlex works; use --format to force)",
                               path);
            }
            if (!c->res->skipped) snprintf(c->res->skipped_example, sizeof c->res->skipped_example, "%s", path);
            c->res->skipped++;
            return SC_OK;
        }
    }
    uint64_t sum = 0, size = (uint64_t)st->st_size;
    int have_sum = 0;
    if (!c->defer_checksum) {
        int rc = sc_file_checksum(path, &sum, &size, err);
        if (rc) return rc;
        have_sum = 1;
    }
    if (e) {
        if (have_sum && e->has_checksum && e->checksum == sum && e->format == f) {
            e->mtime_ns = mtime; /* touched, not changed */
            c->res->unchanged++;
            return SC_OK;
        }
        c->res->updated++;
    } else {
        sc_manifest_entry ne;
        memset(&ne, 0, sizeof ne);
        ne.path = sc_xstrdup(path);
        sc_vec_push(&c->m->e, ne);
        e = &c->m->e.v[c->m->e.n - 1];
        c->res->added++;
    }
    e->format = f;
    e->size = size;
    e->mtime_ns = mtime;
    e->checksum = sum;
    e->has_checksum = have_sum;
    free(e->dtd);
    e->dtd = dtd ? realpath(dtd, NULL) : NULL;
    if (dtd && !e->dtd) return sc_fail(err, SC_EINPUT, "%s: DTD not found", dtd);
    return SC_OK;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int add_path(add_ctx *c, const char *path, int named, sc_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0) return sc_fail(err, SC_EINPUT, "%s: %s", path, strerror(errno));
    if (S_ISREG(st.st_mode)) return add_file(c, path, &st, named, err);
    if (!S_ISDIR(st.st_mode)) {
        if (named) return sc_fail(err, SC_EINPUT, "%s: not a file or directory", path);
        return SC_OK;
    }
    DIR *d = opendir(path);
    if (!d) return sc_fail(err, SC_EINPUT, "%s: cannot open directory: %s", path, strerror(errno));
    SC_VEC(char *) names = {0};
    struct dirent *de;
    while ((de = readdir(d)))
        if (de->d_name[0] != '.') sc_vec_push(&names, sc_xstrdup(de->d_name));
    closedir(d);
    if (names.n) qsort(names.v, names.n, sizeof *names.v, cmp_str);
    int rc = SC_OK;
    for (size_t i = 0; i < names.n; i++) {
        if (rc == SC_OK) {
            char *child = join(path, names.v[i]);
            rc = add_path(c, child, 0, err);
            free(child);
        }
        free(names.v[i]);
    }
    sc_vec_free(&names);
    return rc;
}

static int add_into(sc_manifest *m, const char *const *paths, size_t n, const sc_options *opt,
                    sc_add_result *res, int defer, sc_error *err)
{
    add_ctx c = {m, opt, res, defer};
    memset(res, 0, sizeof *res);
    for (size_t i = 0; i < n; i++) {
        char *abs = realpath(paths[i], NULL);
        if (!abs) return sc_fail(err, SC_EINPUT, "%s: %s", paths[i], strerror(errno));
        int rc = add_path(&c, abs, 1, err);
        free(abs);
        if (rc) return rc;
    }
    sc_manifest_sort(m);
    return SC_OK;
}

int sc_workspace_add(sc_workspace *ws, const char *const *paths, size_t n, const sc_options *opt,
                     sc_add_result *res, sc_error *err)
{
    /* work on a copy: a failure half-way leaves the workspace as it was */
    sc_manifest m;
    sc_manifest_copy(&m, &ws->m);
    int rc = add_into(&m, paths, n, opt, res, opt && opt->defer_checksum, err);
    if (rc) {
        sc_manifest_free(&m);
        return rc;
    }
    sc_manifest_free(&ws->m);
    ws->m = m;
    return SC_OK;
}

int sc_workspace_save(sc_workspace *ws, sc_error *err)
{
    return sc_manifest_save(ws->manifest_path, &ws->m, err);
}

int sc_workspace_build(sc_workspace *ws, const sc_options *opt, sc_build_result *res, sc_error *err)
{
    sc_manifest m;
    sc_manifest_copy(&m, &ws->m);
    char *over = join(ws->dir, "orgs-overrides.tsv");
    int rc = sc_build(&m, ws->snapshot_path, ws->rejects_path, over, opt, res, err);
    free(over);
    if (rc == SC_OK) rc = sc_manifest_save(ws->manifest_path, &m, err);
    if (rc == SC_OK) {
        sc_manifest_free(&ws->m);
        ws->m = m;
    } else {
        sc_manifest_free(&m);
    }
    return rc;
}
