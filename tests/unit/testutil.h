/*
 * testutil.h — what several unit tests share.
 */
#ifndef SCOUT_TESTUTIL_H
#define SCOUT_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>

/* The whole file, NUL-terminated (the caller frees); NULL if unreadable. */
static inline char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    *n = 0;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long k = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)k + 1);
    *n = fread(b, 1, (size_t)k, f);
    b[*n] = 0;
    fclose(f);
    return b;
}

#endif
