/*
 * util.c — errors, buffers, allocation, hashing and small string helpers
 * (see util.h).
 */
#include <malloc.h>
#include <sys/mman.h>
#include "util/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

int sc_fail(sc_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

sc_span sc_span_cstr(const char *s) { return (sc_span){s, s ? strlen(s) : 0}; }

int sc_span_eq(sc_span a, const char *lit)
{
    size_t n = strlen(lit);
    return a.n == n && memcmp(a.p, lit, n) == 0;
}

static int is_trim_space(const unsigned char *p, const unsigned char *end, int back)
{
    if (!back) {
        if (*p == ' ' || (*p >= '\t' && *p <= '\r')) return 1;
        if (*p == 0xC2 && p + 1 < end && p[1] == 0xA0) return 2;
        return 0;
    }
    if (*p == ' ' || (*p >= '\t' && *p <= '\r')) return 1;
    return 0;
}

sc_span sc_span_trim(sc_span s)
{
    const unsigned char *p = (const unsigned char *)s.p, *end = p + s.n;
    int k;
    while (p < end && (k = is_trim_space(p, end, 0))) p += k;
    for (;;) {
        if (end > p && is_trim_space(end - 1, end, 1)) {
            end--;
        } else if (end - p >= 2 && end[-2] == 0xC2 && end[-1] == 0xA0) {
            end -= 2;
        } else {
            break;
        }
    }
    return (sc_span){(const char *)p, (size_t)(end - p)};
}

static void oom(void)
{
    /* Out of memory during a build is not recoverable; the library's one
     * exception to "never exits". The previous snapshot stays intact. */
    fputs("scout: out of memory\n", stderr);
    abort();
}

/* Large blocks (glibc maps them on their own) are advised to use huge
 * pages before they are touched: on a world of 25 M authorships a quarter of
 * the build's samples were in the kernel, half of those clearing fresh 4 KiB
 * pages one at a time (docs/performance.md, "Stop 8"). A failure (THP off)
 * is harmless.
 *
 * A block glibc mapped on its own is advised whole, from its mapping's first
 * page to its last: advising only the 2 MiB pages inside it split the
 * mapping in three, and the kernel's mremap cannot grow a range that spans
 * several mappings, so every realloc of a large array failed over to
 * malloc + copy + free, touching the whole array afresh in 4 KiB pages
 * (docs/performance.md, "Stop 10"). Such a block starts one page-aligned
 * header (two words) before the pointer and its usable size runs to the end
 * of the mapping; a block inside a heap has neither property and gets the
 * whole 2 MiB pages inside it, as before (heaps grow without mremap). */
enum { HUGE_MIN = 8 << 20, HUGE_PAGE = 2 << 20, SMALL_PAGE = 4096 };

static void advise_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    if (n < HUGE_MIN) return;
    uintptr_t u = (uintptr_t)p, head = 2 * sizeof(size_t);
    size_t usable = malloc_usable_size(p);
    if (u > head && ((u - head) & (SMALL_PAGE - 1)) == 0 && ((u + usable) & (SMALL_PAGE - 1)) == 0) {
        madvise((void *)(u - head), usable + head, MADV_HUGEPAGE);
        return;
    }
    uintptr_t a = (u + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    uintptr_t e = (u + n) & ~(uintptr_t)(HUGE_PAGE - 1);
    if (e > a) madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

void *sc_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom();
    advise_huge(p, n);
    return p;
}

void *sc_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom();
    if (n && size && n <= SIZE_MAX / size) advise_huge(p, n * size);
    return p;
}

void *sc_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) oom();
    advise_huge(p, n);
    return p;
}

char *sc_xstrdup(const char *s) { return sc_xstrndup(s, strlen(s)); }

char *sc_xstrndup(const char *s, size_t n)
{
    char *d = sc_xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

void sc_buf_reserve(sc_buf *b, size_t extra)
{
    if (b->n + extra + 1 <= b->cap) return;
    size_t nc = b->cap ? b->cap : 256;
    while (nc < b->n + extra + 1) nc *= 2;
    b->p = sc_xrealloc(b->p, nc);
    b->cap = nc;
}

void sc_buf_add(sc_buf *b, const void *p, size_t n)
{
    sc_buf_reserve(b, n);
    if (n) memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = 0;
}

void sc_buf_addc(sc_buf *b, char c) { sc_buf_add(b, &c, 1); }
void sc_buf_adds(sc_buf *b, const char *s) { sc_buf_add(b, s, strlen(s)); }

void sc_buf_vprintf(sc_buf *b, const char *fmt, va_list ap)
{
    if (!fmt) return;
    va_list ap2;
    va_copy(ap2, ap);
    int k = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (k < 0) return;
    sc_buf_reserve(b, (size_t)k);
    vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap);
    b->n += (size_t)k;
}

void sc_buf_printf(sc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sc_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void sc_buf_free(sc_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

void sc_buf_json_str(sc_buf *b, const char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    sc_buf_reserve(b, n + 2);
    sc_buf_addc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        sc_buf_add(b, p + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': sc_buf_add(b, "\\\"", 2); break;
        case '\\': sc_buf_add(b, "\\\\", 2); break;
        case '\n': sc_buf_add(b, "\\n", 2); break;
        case '\t': sc_buf_add(b, "\\t", 2); break;
        case '\r': sc_buf_add(b, "\\r", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            sc_buf_add(b, u, 6);
        }
        }
    }
    sc_buf_add(b, p + run, n - run);
    sc_buf_addc(b, '"');
}

void sc_buf_base64(sc_buf *b, const void *data, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = data;
    sc_buf_reserve(b, (n + 2) / 3 * 4);
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        char q[4] = {tab[v >> 18], tab[(v >> 12) & 63], i + 1 < n ? tab[(v >> 6) & 63] : '=',
                     i + 2 < n ? tab[v & 63] : '='};
        sc_buf_add(b, q, 4);
    }
}

uint64_t sc_hash(const void *p, size_t n) { return XXH3_64bits(p, n); }

void sc_line_col(const char *buf, size_t off, uint32_t *line, uint32_t *col)
{
    uint32_t l = 1;
    size_t last = 0;
    const char *p = buf, *end = buf + off;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        l++;
        p++;
        last = (size_t)(p - buf);
    }
    *line = l;
    *col = (uint32_t)(off - last + 1);
}

double sc_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int sc_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        /* ASCII fast path, 8 bytes at a time */
        while (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            if (w & 0x8080808080808080ULL) break;
            p += 8;
        }
        if (p >= end) break;
        unsigned c = *p;
        if (c < 0x80) {
            p++;
            continue;
        }
        size_t k;
        unsigned min;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) { k = 1; min = 0x80; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { k = 2; min = 0x800; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { k = 3; min = 0x10000; cp = c & 0x07; }
        else return 0;
        if ((size_t)(end - p) <= k) return 0;
        for (size_t i = 1; i <= k; i++) {
            if ((p[i] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        p += k + 1;
    }
    return 1;
}
