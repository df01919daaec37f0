/*
 * readers.c — throughput of each reader (MB/s of decompressed input) with a
 * sink that only counts, and of the JSON tokenizer against jansson (the
 * Debian JSON library for C) on the same paperlists files: the measurement
 * behind the decision to keep our own tokenizer (docs/performance.md).
 *
 * usage: readers FORMAT FILE...   (FORMAT: paperlists, dblp, openalex, jansson)
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/input.h"
#include "ingest/openalex.h"
#include "ingest/paperlists.h"
#include "ingest/source.h"

static uint64_t papers, authors, rejects;
static int on_paper(sc_sink *s, const sc_rec_paper *p)
{
    (void)s;
    papers++;
    authors += p->n_authors;
    return 0;
}
static int on_person(sc_sink *s, const sc_rec_person *p)
{
    (void)s;
    (void)p;
    return 0;
}
static void on_reject(sc_sink *s, uint32_t l, uint32_t c, const char *w, const char *b, size_t n)
{
    (void)s, (void)l, (void)c, (void)w, (void)b, (void)n;
    rejects++;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: readers FORMAT FILE...\n");
        return 1;
    }
    int jansson = strcmp(argv[1], "jansson") == 0;
    sc_format f = jansson ? SC_FMT_PAPERLISTS : sc_format_parse(argv[1]);
    double best = 1e9;
    uint64_t bytes = 0;
    for (int rep = 0; rep < 3; rep++) {
        papers = authors = rejects = 0;
        bytes = 0;
        double t = 0;
        for (int i = 2; i < argc; i++) {
            sc_error err = {0};
            sc_input in;
            if (sc_input_load(argv[i], 0, &in, &err)) {
                fprintf(stderr, "%s\n", err.msg);
                return 2;
            }
            bytes += in.n;
            /* time the reader only, with the input already in memory */
            double t0 = sc_now();
            if (jansson) {
                json_error_t je;
                json_t *root = json_loadb(in.p, in.n, 0, &je);
                if (root) papers += json_array_size(root);
                json_decref(root);
            } else if (f == SC_FMT_DBLP) {
                sc_sink s = {on_paper, on_person, on_reject, NULL};
                if (sc_source_read(argv[i], f, NULL, &s, NULL, NULL, &err)) fprintf(stderr, "%s\n", err.msg);
            } else {
                sc_sink s = {on_paper, on_person, on_reject, NULL};
                sc_read_ctx ctx = {argv[i], {"x", 1}, 2000, NULL};
                int rc = f == SC_FMT_PAPERLISTS ? sc_read_paperlists(in.p, in.n, &ctx, &s, &err)
                                                : sc_read_openalex(in.p, in.n, &ctx, &s, &err);
                if (rc) fprintf(stderr, "%s\n", err.msg);
            }
            t += sc_now() - t0;
            sc_input_free(&in);
        }
        if (t < best) best = t;
    }
    printf("%s: %.1f MB in %.3f s = %.0f MB/s (%llu papers, %llu authorships, %llu rejects)\n", argv[1],
           (double)bytes / 1e6, best, (double)bytes / 1e6 / best, (unsigned long long)papers,
           (unsigned long long)authors, (unsigned long long)rejects);
    return 0;
}
