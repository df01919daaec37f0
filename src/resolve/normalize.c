/*
 * normalize.c — folding organisation strings and e-mail domains (see
 * normalize.h). ASCII strings (most of them) take a fast path; others go
 * through utf8proc's decomposition + case fold + mark stripping.
 */
#include "resolve/normalize.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* letters and digits keep (lower-cased), all else separates; filled once
 * (threads resolve organisations side by side: a lazily filled table could
 * be seen half made) */
static unsigned char map[256];
static pthread_once_t map_once = PTHREAD_ONCE_INIT;

static void map_fill(void)
{
    for (int c = 0; c < 256; c++) map[c] = isalnum(c) && c < 128 ? (unsigned char)tolower(c) : 0;
}

/* Fold ASCII into out, which has room for 5n + 1 more bytes. */
static void put_folded_ascii(const char *s, size_t n, sc_buf *out)
{
    pthread_once(&map_once, map_fill);
    sc_buf_reserve(out, 5 * n + 1);
    char *o = out->p + out->n;
    int space = 1; /* at start: swallow leading separators */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i], m = map[c];
        if (m) {
            *o++ = (char)m;
            space = 0;
        } else if (c == '&') {
            if (!space) *o++ = ' ';
            memcpy(o, "and ", 4);
            o += 4;
            space = 1;
        } else if (c == '\'') {
            /* dropped: "Noah's Ark" -> "noahs ark" */
        } else if (!space) {
            *o++ = ' ';
            space = 1;
        }
    }
    if (o > out->p + out->n && o[-1] == ' ') o--;
    out->n = (size_t)(o - out->p);
    out->p[out->n] = 0;
}

static void drop_leading_the(sc_buf *out)
{
    /* "The University of Tokyo" and "University of Tokyo" are one name */
    if (out->n > 4 && memcmp(out->p, "the ", 4) == 0) {
        memmove(out->p, out->p + 4, out->n - 4);
        out->n -= 4;
        out->p[out->n] = 0;
    }
}

static void norm_text(const char *s, size_t n, sc_buf *out);

void sc_norm_text(const char *s, size_t n, sc_buf *out)
{
    norm_text(s, n, out);
    drop_leading_the(out);
}

/* UTF-8 read as UTF-16, mended before folding (1 if the copy in out
 * differs): a no-break space or an accented letter (bytes C2 A0, C3 A9)
 * taken for the Hangul syllable U+C2A0 / U+C3A9 ("Agriculture슠and슠Technology",
 * "T쎩cnicas", 150 corpus strings). A syllable of U+C280..U+C3BF between
 * two ASCII characters, or opening a segment before one ("University of
 * California,슠Davis" cut at its comma), is the Latin-1 character its two
 * bytes spell; Korean text has no syllable alone beside Latin characters. */
static int repair(const char *s, size_t n, sc_buf *out)
{
    int changed = 0;
    out->n = 0;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] == 0xEC && i + 3 < n && (i == 0 || (unsigned char)s[i - 1] < 0x80) &&
            (unsigned char)s[i + 3] < 0x80) {
            unsigned cp = 0xC000u | (((unsigned char)s[i + 1] & 0x3Fu) << 6) | ((unsigned char)s[i + 2] & 0x3Fu);
            if (((unsigned char)s[i + 1] & 0xC0) == 0x80 && ((unsigned char)s[i + 2] & 0xC0) == 0x80 &&
                ((cp >> 8) == 0xC2 || (cp >> 8) == 0xC3) && (cp & 0xFF) >= 0x80 && (cp & 0xFF) <= 0xBF) {
                sc_buf_addc(out, (char)(cp >> 8));
                sc_buf_addc(out, (char)(cp & 0xFF));
                i += 2;
                changed = 1;
                continue;
            }
        }
        sc_buf_addc(out, s[i]);
    }
    return changed;
}

static void norm_plain(const char *s, size_t n, sc_buf *out)
{
    out->n = 0;
    sc_buf_reserve(out, 5 * n + 8);
    out->p[0] = 0;
    int ascii = 1;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80 || s[i] == '`') { /* a grave accent: below */
            ascii = 0;
            break;
        }
    if (ascii) {
        put_folded_ascii(s, n, out);
        return;
    }
    /* accents that PDF extraction set apart from their letters ("´Ecole
     * Polytechnique F ´ed´erale", "T ¨ubingen", and the grave accent as an
     * ASCII backquote: "Universit `a di Genova"): a spacing accent and the
     * spaces around it go when a small letter follows, as in the registry
     * generator; otherwise the word would fall apart in two. Before a
     * capital it is a space: a word starts there. */
    sc_buf joined = {0};
    if (memmem(s, n, "\xC2\xB4", 2) || memmem(s, n, "\xC2\xA8", 2) || memmem(s, n, "\xC2\xB8", 2) ||
        memchr(s, 0xCB, n) || memchr(s, '`', n)) {
        for (size_t i = 0; i < n; i++) {
            size_t a = 0;
            const unsigned char *u = (const unsigned char *)s + i;
            if (u[0] == '`') a = 1; /* the grave accent as ASCII: "Universit `a", "Rob `otica" */
            else if (i + 1 < n && u[0] == 0xC2 && (u[1] == 0xB4 || u[1] == 0xA8 || u[1] == 0xB8)) a = 2;
            else if (i + 1 < n && u[0] == 0xCB && (u[1] == 0x86 || u[1] == 0x9C || u[1] == 0x87 || u[1] == 0x98 ||
                                                   u[1] == 0x9A || u[1] == 0x9D || u[1] == 0x99))
                a = 2;
            if (!a) {
                sc_buf_addc(&joined, s[i]);
                continue;
            }
            size_t j = i + a;
            while (j < n && s[j] == ' ') j++;
            if (j < n && (islower((unsigned char)s[j]) || (unsigned char)s[j] >= 0xC0)) {
                /* the accent of a letter inside a word: the word is one */
                while (joined.n && joined.p[joined.n - 1] == ' ') joined.n--;
                i = j - 1;
            } else if (j < n && isupper((unsigned char)s[j])) {
                /* a word starts there ("of ¨Orebro", "of¨ Bremen") */
                if (joined.n && joined.p[joined.n - 1] != ' ') sc_buf_addc(&joined, ' ');
                i = j - 1;
            } else {
                sc_buf_add(&joined, s + i, a);
                i += a - 1;
            }
        }
        s = joined.p ? joined.p : "";
        n = joined.n;
    }
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &folded,
                                      UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                          UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    if (k < 0) {
        /* invalid UTF-8: keep the ASCII letters and digits only */
        sc_buf tmp = {0};
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)s[i] < 0x80) sc_buf_addc(&tmp, s[i]);
        put_folded_ascii(tmp.p ? tmp.p : "", tmp.n, out);
        sc_buf_free(&tmp);
        sc_buf_free(&joined);
        return;
    }
    /* letters and digits of any script stay; everything else separates. A
     * word does not run on from Latin letters into CJK or Hangul, or back:
     * "technology슠" (a stray syllable in a corpus string) is "technology"
     * and another word */
    int space = 1, wide_prev = 0;
    utf8proc_ssize_t i = 0;
    while (i < k) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t m = utf8proc_iterate(folded + i, k - i, &cp);
        if (m <= 0) break;
        utf8proc_category_t cat = utf8proc_category(cp);
        int keep = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                   (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
        if (keep) {
            int wide = cp >= 0x2E80 || (cp >= 0x1100 && cp <= 0x11FF);
            if (!space && wide != wide_prev) sc_buf_addc(out, ' ');
            wide_prev = wide;
            sc_buf_add(out, folded + i, (size_t)m);
            space = 0;
        } else if (cp == '&') {
            if (!space) sc_buf_addc(out, ' ');
            sc_buf_adds(out, "and ");
            space = 1;
        } else if (cp == '\'' || cp == 0x2019) {
            /* apostrophes are dropped, as in the registry generator */
        } else if (!space) {
            sc_buf_addc(out, ' ');
            space = 1;
        }
        i += m;
    }
    free(folded);
    sc_buf_free(&joined);
    if (out->n && out->p[out->n - 1] == ' ') out->p[--out->n] = 0;
}

static void norm_text(const char *s, size_t n, sc_buf *out)
{
    sc_buf fixed = {0};
    if (n && memchr(s, 0xEC, n) && repair(s, n, &fixed)) norm_plain(fixed.p, fixed.n, out);
    else norm_plain(s, n, out);
    sc_buf_free(&fixed);
}

int sc_is_footnote_mark(uint32_t cp)
{
    return cp == 0xA7 || cp == 0xB6 || cp == 0xB7 || cp == 0x2016 || (cp >= 0x2020 && cp <= 0x2022) ||
           (cp >= 0x2200 && cp <= 0x22FF) || (cp >= 0x25A0 && cp <= 0x25FF) || (cp >= 0x2600 && cp <= 0x27BF);
}

size_t sc_footnote_mark_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 2 && u[0] == 0xC2) return sc_is_footnote_mark(u[1]) ? 2 : 0; /* U+0080..U+00BF */
    if (n >= 3 && u[0] == 0xE2 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        uint32_t cp = 0x2000u | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        return sc_is_footnote_mark(cp) ? 3 : 0;
    }
    return 0;
}

size_t sc_norm_tokens(const char *s, size_t n, sc_span *tok, size_t cap)
{
    size_t k = 0, i = 0;
    while (i < n && k < cap) {
        while (i < n && s[i] == ' ') i++;
        size_t st = i;
        while (i < n && s[i] != ' ') i++;
        if (i > st) tok[k++] = sc_span_of(s + st, i - st);
    }
    return k;
}

/* Second-level labels under which registrations happen one level deeper. */
static int two_level_suffix(const char *label, size_t n)
{
    static const char *const sl[] = {"ac", "co", "com", "edu", "gov", "net", "org", "or", "ne", "go", "res", NULL};
    for (const char *const *p = sl; *p; p++)
        if (strlen(*p) == n && memcmp(*p, label, n) == 0) return 1;
    return 0;
}

void sc_domain_registrable(const char *d, size_t n, sc_buf *out)
{
    out->n = 0;
    sc_buf_reserve(out, n + 1);
    for (size_t i = 0; i < n; i++) sc_buf_addc(out, (char)tolower((unsigned char)d[i]));
    /* trim spaces and dots */
    while (out->n && (out->p[out->n - 1] == '.' || out->p[out->n - 1] == ' ')) out->p[--out->n] = 0;
    size_t start = 0;
    while (start < out->n && (out->p[start] == '.' || out->p[start] == ' ')) start++;
    /* find label boundaries from the right */
    size_t dots[64], nd = 0;
    for (size_t i = start; i < out->n && nd < 64; i++)
        if (out->p[i] == '.') dots[nd++] = i;
    size_t keep_from = start;
    if (nd >= 2) {
        /* last two labels: "stanford.edu"; three when the second-level label
         * is a public suffix under a country code ("ox.ac.uk") */
        size_t tld_len = out->n - dots[nd - 1] - 1;
        const char *sld = out->p + dots[nd - 2] + 1;
        size_t sld_len = dots[nd - 1] - dots[nd - 2] - 1;
        int three = tld_len == 2 && two_level_suffix(sld, sld_len);
        if (three && nd >= 3) keep_from = dots[nd - 3] + 1;
        else if (!three) keep_from = dots[nd - 2] + 1;
    }
    memmove(out->p, out->p + keep_from, out->n - keep_from);
    out->n -= keep_from;
    out->p[out->n] = 0;
}

int sc_domain_is_shared(const char *d, size_t n)
{
    static const char *const shared[] = {
        "gmail.com", "googlemail.com", "163.com", "126.com", "qq.com", "foxmail.com", "outlook.com",
        "hotmail.com", "live.com", "yahoo.com", "yahoo.co.jp", "icloud.com", "me.com", "mail.com",
        "protonmail.com", "proton.me", "aol.com", "gmx.de", "gmx.net", "web.de", "yandex.ru", "mail.ru",
        "naver.com", "hanmail.net", "sina.com", "sohu.com", "139.com", "aliyun.com", "yeah.net",
        "msn.com", "email.com", "fastmail.com", "zoho.com", "outlook.fr", "hotmail.fr", "free.fr",
        "orange.fr", "libero.it", "rediffmail.com", "tutanota.com", NULL};
    for (const char *const *p = shared; *p; p++)
        if (strlen(*p) == n && strncasecmp(*p, d, n) == 0) return 1;
    return 0;
}
