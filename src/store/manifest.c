/*
 * manifest.c — read and write the workspace manifest (see manifest.h).
 * Saving writes a temporary file and renames it, so a crash never leaves a
 * half-written manifest.
 */
#include "store/manifest.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void sc_manifest_free(sc_manifest *m)
{
    for (size_t i = 0; i < m->e.n; i++) {
        free(m->e.v[i].path);
        free(m->e.v[i].dtd);
    }
    sc_vec_free(&m->e);
}

void sc_manifest_copy(sc_manifest *dst, const sc_manifest *src)
{
    memset(dst, 0, sizeof *dst);
    for (size_t i = 0; i < src->e.n; i++) {
        sc_manifest_entry e = src->e.v[i];
        e.path = sc_xstrdup(e.path);
        e.dtd = e.dtd ? sc_xstrdup(e.dtd) : NULL;
        sc_vec_push(&dst->e, e);
    }
}

sc_manifest_entry *sc_manifest_find(sc_manifest *m, const char *path)
{
    for (size_t i = 0; i < m->e.n; i++)
        if (strcmp(m->e.v[i].path, path) == 0) return &m->e.v[i];
    return NULL;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const sc_manifest_entry *)a)->path, ((const sc_manifest_entry *)b)->path);
}

void sc_manifest_sort(sc_manifest *m)
{
    if (m->e.n) qsort(m->e.v, m->e.n, sizeof *m->e.v, by_path);
}

int sc_manifest_load(const char *file, sc_manifest *m, sc_error *err)
{
    memset(m, 0, sizeof *m);
    FILE *f = fopen(file, "r");
    if (!f) {
        if (errno == ENOENT) return SC_OK; /* a new workspace */
        return sc_fail(err, SC_EINPUT, "%s: cannot read: %s", file, strerror(errno));
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned lineno = 0;
    int rc = SC_OK;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (len && line[len - 1] == '\n') line[--len] = 0;
        if (len == 0 || line[0] == '#') continue;
        char *field[6];
        int k = 0;
        char *p = line;
        for (; k < 6; k++) {
            field[k] = p;
            char *t = strchr(p, '\t');
            if (!t) {
                k++;
                break;
            }
            *t = 0;
            p = t + 1;
        }
        sc_manifest_entry e;
        memset(&e, 0, sizeof e);
        char *end1, *end2, *end3;
        if (k != 6) {
            rc = sc_fail(err, SC_EINPUT, "%s:%u: expected 6 tab-separated fields, found %d", file, lineno, k);
            break;
        }
        e.format = sc_format_parse(field[1]);
        e.size = strtoull(field[2], &end1, 10);
        e.mtime_ns = strtoll(field[3], &end2, 10);
        e.has_checksum = strcmp(field[4], "-") != 0;
        e.checksum = e.has_checksum ? strtoull(field[4], &end3, 16) : 0;
        if (field[0][0] != '/' || e.format == SC_FMT_UNKNOWN || *end1 || *end2 ||
            (e.has_checksum && *end3)) {
            rc = sc_fail(err, SC_EINPUT, "%s:%u: malformed manifest line", file, lineno);
            break;
        }
        e.path = sc_xstrdup(field[0]);
        e.dtd = strcmp(field[5], "-") ? sc_xstrdup(field[5]) : NULL;
        sc_vec_push(&m->e, e);
    }
    free(line);
    fclose(f);
    if (rc) sc_manifest_free(m);
    return rc;
}

int sc_manifest_save(const char *file, const sc_manifest *m, sc_error *err)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", file, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) return sc_fail(err, SC_EINTERNAL, "%s: cannot create: %s", tmp, strerror(errno));
    fputs("# scout manifest 1\n# path\tformat\tsize\tmtime_ns\tchecksum\tdtd\n", f);
    for (size_t i = 0; i < m->e.n; i++) {
        const sc_manifest_entry *e = &m->e.v[i];
        char sum[17] = "-";
        if (e->has_checksum) snprintf(sum, sizeof sum, "%016" PRIx64, e->checksum);
        fprintf(f, "%s\t%s\t%" PRIu64 "\t%" PRId64 "\t%s\t%s\n", e->path, sc_format_name(e->format),
                e->size, e->mtime_ns, sum, e->dtd ? e->dtd : "-");
    }
    int bad = ferror(f);
    bad |= fflush(f) != 0 || fsync(fileno(f)) != 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, file) != 0) {
        int e = errno;
        unlink(tmp);
        return sc_fail(err, SC_EINTERNAL, "%s: cannot write: %s", file, strerror(e));
    }
    return SC_OK;
}
