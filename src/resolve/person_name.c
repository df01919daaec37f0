/*
 * person_name.c — folding and taking apart author names (see person_name.h),
 * and sc_name_key (person.h).
 *
 * The rules, each for a spelling seen in the sources:
 *   "José García", "Jose Garcia"     casefold + accents stripped (utf8proc), and
 *                                    the letters Unicode does not decompose
 *                                    (ø ł đ æ œ ı …) mapped by hand;
 *   "de Freitas, Nando"              "Last, First" reordered; "Smith, John, Jr."
 *                                    and "Smith Jr., John" lose the suffix;
 *   "Chuan-dian", "O'Brien"          hyphens and apostrophes join: "chuandian",
 *                                    "obrien" (one consistent choice; "Chuan Dian"
 *                                    with a space still matches through the
 *                                    signature's run-together given names);
 *   "N. de Freitas", "JP Vert"       initials: one letter; a 2-3 letter token in
 *                                    capitals in a name that is not all capitals
 *                                    is a run of initials;
 *   "Wei Wang 0001"                  a trailing number is DBLP's homonym number;
 *   "van der Maaten", "Le Cun"       particles before the last token belong to
 *                                    the surname (never the first token: "Le Wang"
 *                                    is a given name).
 */
#include "resolve/person_name.h"

#include <string.h>
#include <utf8proc.h>

#include "resolve/person.h"
#include "util/util.h"

uint32_t sc_pn_hash32(const char *p, size_t n)
{
    uint64_t h = sc_hash(p, n);
    uint32_t x = (uint32_t)(h ^ (h >> 32));
    return x ? x : 1;
}

/* ---- folding ------------------------------------------------------------ */

static size_t put_cp(char *o, size_t k, size_t cap, int32_t cp)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t m = utf8proc_encode_char(cp, tmp);
    if (m <= 0 || k + (size_t)m > cap) return k;
    memcpy(o + k, tmp, (size_t)m);
    return k + (size_t)m;
}

/* Letters that have no decomposition but an obvious Latin reading. */
static const char *latin_of(int32_t cp)
{
    switch (cp) {
    case 0xF8:
        return "o"; /* ø */
    case 0x142:
        return "l"; /* ł */
    case 0x111:
        return "d"; /* đ */
    case 0xF0:
        return "d"; /* ð */
    case 0xFE:
        return "th"; /* þ */
    case 0xE6:
        return "ae"; /* æ */
    case 0x153:
        return "oe"; /* œ */
    case 0x131:
        return "i"; /* dotless ı */
    case 0x127:
        return "h"; /* ħ */
    case 0x14B:
        return "n"; /* ŋ */
    case 0xDF:
        return "ss"; /* ß (casefold already does it) */
    default:
        return NULL;
    }
}

/* Fold one token into o (cap bytes): letters and digits only, lower case,
 * no accents. Returns the length. */
static size_t fold_token(const char *p, size_t n, char *o, size_t cap)
{
    size_t k = 0;
    int ascii = 1;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] >= 0x80) ascii = 0;
    if (ascii) {
        for (size_t i = 0; i < n && k < cap; i++) {
            unsigned char c = (unsigned char)p[i];
            if (c >= 'A' && c <= 'Z')
                o[k++] = (char)(c - 'A' + 'a');
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                o[k++] = (char)c;
        }
        return k;
    }
    utf8proc_uint8_t *f = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, &f,
                                      UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                          UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_STRIPCC);
    if (m < 0) return 0; /* cannot happen: input was made valid UTF-8 */
    for (utf8proc_ssize_t i = 0; i < m;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate(f + i, m - i, &cp);
        if (l <= 0) break;
        i += l;
        const char *lat = latin_of(cp);
        if (lat) {
            size_t ln = strlen(lat);
            if (k + ln <= cap) {
                memcpy(o + k, lat, ln);
                k += ln;
            }
            continue;
        }
        utf8proc_category_t cat = utf8proc_category(cp);
        int keep = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                   (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
        if (keep) k = put_cp(o, k, cap, cp);
    }
    free(f);
    return k;
}

/* ---- tokens ------------------------------------------------------------- */

typedef struct {
    const char *p;
    size_t n;
    int caps; /* 2-3 ASCII capitals: maybe a run of initials ("JP") */
} rawtok;

static int is_sep(const unsigned char *s, size_t i, size_t n, size_t *len)
{
    unsigned char c = s[i];
    *len = 1;
    if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0) { /* no-break space */
        *len = 2;
        return 1;
    }
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == ',' ||
           c == '.' || c == ';' || c == ':' || c == '(' || c == ')' || c == '[' || c == ']' ||
           c == '{' || c == '}' || c == '"' || c == '/' || c == '\\' || c == '|' || c == '*' ||
           c == '+' || c == '?' || c == '!' || c == '&' || c == '_' || c == '<' || c == '>' ||
           c == '=' || c == '#' || c == '@';
}

static size_t split_raw(const char *s, size_t n, rawtok *t, size_t nt, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t l;
        if (is_sep(u, i, n, &l)) {
            i += l;
            continue;
        }
        size_t b = i;
        while (i < n && !is_sep(u, i, n, &l))
            i++;
        if (nt < cap) {
            rawtok *r = &t[nt++];
            r->p = s + b;
            r->n = i - b;
            r->caps = r->n >= 2 && r->n <= 3;
            for (size_t k = b; k < i && r->caps; k++)
                r->caps = u[k] >= 'A' && u[k] <= 'Z';
        } else {
            /* too many tokens: keep the last one in the last slot (the surname) */
            rawtok *r = &t[cap - 1];
            r->p = s + b;
            r->n = i - b;
            r->caps = 0;
        }
    }
    return nt;
}

static int eq(const char *p, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n == k && memcmp(p, lit, k) == 0;
}

static int is_suffix(const char *p, size_t n)
{
    return eq(p, n, "jr") || eq(p, n, "sr") || eq(p, n, "ii") || eq(p, n, "iii") ||
           eq(p, n, "iv") || eq(p, n, "phd");
}

static int is_particle(const char *p, size_t n)
{
    static const char *const parts[] = {
        "de",     "da",    "das", "do",  "dos", "del", "della", "delle", "dei", "degli",
        "dal",    "dalla", "der", "den", "des", "di",  "du",    "van",   "von", "vander",
        "vanden", "le",    "la",  "lo",  "ter", "ten", "te",    "zu",    "zur", "st",
        "ste",    "bin",   "ibn", "al",  "el",  "af",  "av",    "op",    "het", NULL};
    for (size_t i = 0; parts[i]; i++)
        if (eq(p, n, parts[i])) return 1;
    return 0;
}

static int all_digits(const char *p, size_t n)
{
    if (!n) return 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9') return 0;
    return 1;
}

/* Number of code points in a folded token (UTF-8). */
static size_t n_cp(const char *p, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)p[i] & 0xC0) != 0x80) c++;
    return c;
}

static size_t first_cp_len(const char *p, size_t n)
{
    size_t l = 1;
    while (l < n && ((unsigned char)p[l] & 0xC0) == 0x80)
        l++;
    return l;
}

int sc_pname_parse(const char *s, size_t n, sc_pname *pn)
{
    memset(pn, 0, sizeof *pn);
    if (!s) return 0;
    /* a name is short: longer input is garbage, cut it at a code point */
    if (n > 512) {
        n = 512;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    char latin[1024];
    if (!sc_utf8_valid(s, n)) { /* read as Latin-1 (the usual mis-encoding) */
        size_t k = 0;
        for (size_t i = 0; i < n && k + 2 <= sizeof latin; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80)
                latin[k++] = (char)c;
            else {
                latin[k++] = (char)(0xC0 | (c >> 6));
                latin[k++] = (char)(0x80 | (c & 0x3F));
            }
        }
        s = latin;
        n = k;
    }

    /* "Last, First": the part after the first comma goes first, unless it is
     * only a suffix ("Smith, Jr."). */
    rawtok raw[2 * SC_PN_MAXTOK];
    size_t nraw = 0;
    const char *comma = memchr(s, ',', n);
    if (comma) {
        rawtok a[SC_PN_MAXTOK], b[SC_PN_MAXTOK];
        size_t na = split_raw(s, (size_t)(comma - s), a, 0, SC_PN_MAXTOK);
        size_t nb = split_raw(comma + 1, n - (size_t)(comma + 1 - s), b, 0, SC_PN_MAXTOK);
        int only_suffix = 1;
        for (size_t i = 0; i < nb && only_suffix; i++) {
            char f[64];
            size_t fl = fold_token(b[i].p, b[i].n, f, sizeof f);
            only_suffix = fl == 0 || is_suffix(f, fl) || all_digits(f, fl);
        }
        if (only_suffix || na == 0) {
            memcpy(raw, a, na * sizeof *a);
            memcpy(raw + na, b, nb * sizeof *b);
        } else {
            memcpy(raw, b, nb * sizeof *b);
            memcpy(raw + nb, a, na * sizeof *a);
        }
        nraw = na + nb;
    } else {
        nraw = split_raw(s, n, raw, 0, 2 * SC_PN_MAXTOK);
    }

    int has_lower = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'a' && s[i] <= 'z') has_lower = 1;

    /* fold, drop empties and suffixes, take the number, expand "JP" */
    char tok[2 * SC_PN_MAXTOK][64];
    size_t tlen[2 * SC_PN_MAXTOK];
    size_t nt = 0;
    for (size_t i = 0; i < nraw; i++) {
        size_t fl = fold_token(raw[i].p, raw[i].n, tok[nt], sizeof tok[nt]);
        if (!fl) continue;
        if (all_digits(tok[nt], fl)) {
            /* the last token only: DBLP's "Wei Wang 0001" */
            if (i == nraw - 1 && fl <= 6 && nt > 0) {
                uint32_t v = 0;
                for (size_t k = 0; k < fl; k++)
                    v = v * 10 + (uint32_t)(tok[nt][k] - '0');
                pn->number = v ? v : 0;
            }
            continue;
        }
        if (raw[i].caps && has_lower && i + 1 < nraw) {
            /* "JP Vert": a run of initials */
            char run[4];
            size_t rl = fl < sizeof run ? fl : sizeof run;
            memcpy(run, tok[nt], rl);
            for (size_t k = 0; k < rl && nt < 2 * SC_PN_MAXTOK; k++) {
                tok[nt][0] = run[k];
                tlen[nt++] = 1;
            }
            continue;
        }
        tlen[nt++] = fl;
    }
    /* suffixes anywhere, as long as a name remains */
    {
        size_t k = 0;
        for (size_t i = 0; i < nt; i++) {
            if (nt > 2 && is_suffix(tok[i], tlen[i])) continue;
            if (k != i) {
                memcpy(tok[k], tok[i], tlen[i]);
                tlen[k] = tlen[i];
            }
            k++;
        }
        nt = k;
    }
    if (nt == 0) return 0;
    if (nt > SC_PN_MAXTOK) { /* keep the first given names and the surname */
        memcpy(tok[SC_PN_MAXTOK - 1], tok[nt - 1], tlen[nt - 1]);
        tlen[SC_PN_MAXTOK - 1] = tlen[nt - 1];
        nt = SC_PN_MAXTOK;
    }
    size_t sur = nt - 1;
    while (sur >= 2 && is_particle(tok[sur - 1], tlen[sur - 1]))
        sur--;
    /* "Le Wang": a lone given name is never a particle (sur >= 1 above) */

    size_t k = 0;
    for (size_t i = 0; i < nt; i++) {
        size_t l = tlen[i];
        if (k + l > SC_PN_TEXT) l = SC_PN_TEXT - k;
        /* do not cut a code point */
        while (l > 0 && l < tlen[i] && ((unsigned char)tok[i][l] & 0xC0) == 0x80)
            l--;
        pn->off[i] = (uint16_t)k;
        pn->len[i] = (uint8_t)l;
        memcpy(pn->text + k, tok[i], l);
        k += l;
    }
    pn->ntok = (uint8_t)nt;
    pn->sur = (uint8_t)sur;
    return (int)nt;
}

/* ---- keys --------------------------------------------------------------- */

static size_t add(char *out, size_t k, size_t cap, const char *p, size_t n)
{
    if (k + 1 >= cap) return k;
    if (n > cap - 1 - k) n = cap - 1 - k;
    memcpy(out + k, p, n);
    return k + n;
}

static size_t put_surname(const sc_pname *pn, char *out, size_t k, size_t cap)
{
    for (size_t i = pn->sur; i < pn->ntok; i++)
        k = add(out, k, cap, pn->text + pn->off[i], pn->len[i]);
    return k;
}

size_t sc_pname_block_key(const sc_pname *pn, char *out, size_t cap)
{
    if (!cap) return 0;
    size_t k = put_surname(pn, out, 0, cap);
    if (pn->sur > 0) {
        k = add(out, k, cap, " ", 1);
        k = add(out, k, cap, pn->text + pn->off[0],
                first_cp_len(pn->text + pn->off[0], pn->len[0]));
    }
    out[k] = 0;
    return k;
}

size_t sc_pname_full_key(const sc_pname *pn, char *out, size_t cap)
{
    if (!cap) return 0;
    size_t k = 0;
    for (size_t i = 0; i < pn->sur; i++) {
        k = add(out, k, cap, pn->text + pn->off[i], pn->len[i]);
        k = add(out, k, cap, " ", 1);
    }
    k = put_surname(pn, out, k, cap);
    out[k] = 0;
    return k;
}

size_t sc_name_key(const char *name, size_t n, char *out, size_t cap)
{
    sc_pname pn;
    if (!cap) return 0;
    if (!sc_pname_parse(name, n, &pn)) {
        out[0] = 0;
        return 0;
    }
    return sc_pname_block_key(&pn, out, cap);
}

/* ---- signatures --------------------------------------------------------- */

void sc_pname_sig(const sc_pname *pn, sc_pn_sig *sig)
{
    memset(sig, 0, sizeof *sig);
    if (pn->sur == 0) return;
    const char *t0 = pn->text + pn->off[0];
    sig->g0i = sc_pn_hash32(t0, first_cp_len(t0, pn->len[0]));
    int all_full = 1;
    if (n_cp(t0, pn->len[0]) > 1)
        sig->g0 = sc_pn_hash32(t0, pn->len[0]);
    else
        all_full = 0;
    for (size_t i = 1; i < pn->sur; i++) {
        const char *t = pn->text + pn->off[i];
        int full = n_cp(t, pn->len[i]) > 1;
        if (!full) all_full = 0;
        if (sig->nmid < SC_PN_MAXMID) {
            sig->mi[sig->nmid] = sc_pn_hash32(t, first_cp_len(t, pn->len[i]));
            sig->mf[sig->nmid] = full ? sc_pn_hash32(t, pn->len[i]) : 0;
            sig->nmid++;
        }
    }
    if (all_full) {
        /* given names run together: the given tokens are contiguous in text */
        size_t b = pn->off[0], e = pn->off[pn->sur - 1] + pn->len[pn->sur - 1];
        sig->cat = sc_pn_hash32(pn->text + b, e - b);
    }
}

static int tok_ok(uint32_t ai, uint32_t af, uint32_t bi, uint32_t bf)
{
    return ai == bi && !(af && bf && af != bf);
}

/* Match the middle names of s in order into those of l (s->nmid <= l->nmid);
 * map[i] = position in l. Leftmost matching is optimal for an in-order
 * embedding, whatever the token predicate. */
static int embed(const sc_pn_sig *s, const sc_pn_sig *l, uint8_t *map)
{
    size_t j = 0;
    for (size_t i = 0; i < s->nmid; i++) {
        while (j < l->nmid && !tok_ok(s->mi[i], s->mf[i], l->mi[j], l->mf[j]))
            j++;
        if (j == l->nmid) return 0;
        if (map) map[i] = (uint8_t)j;
        j++;
    }
    return 1;
}

int sc_pn_sig_compat(const sc_pn_sig *a, const sc_pn_sig *b)
{
    if (a->g0i != b->g0i) return 0;
    if (a->cat && a->cat == b->cat) return 1;
    if (a->g0 && b->g0 && a->g0 != b->g0) return 0;
    return a->nmid <= b->nmid ? embed(a, b, NULL) : embed(b, a, NULL);
}

void sc_pn_sig_unify(const sc_pn_sig *a, const sc_pn_sig *b, sc_pn_sig *out)
{
    if (!sc_pn_sig_compat(a, b)) {
        *out = *a;
        return;
    }
    if (a->cat && a->cat == b->cat) { /* "zhi hua" = "zhihua": keep one spelling */
        *out = *a;
        return;
    }
    const sc_pn_sig *l = a->nmid >= b->nmid ? a : b, *s = l == a ? b : a;
    sc_pn_sig r = *l;
    if (!r.g0) r.g0 = s->g0;
    uint8_t map[SC_PN_MAXMID];
    if (embed(s, l, map))
        for (size_t i = 0; i < s->nmid; i++)
            if (!r.mf[map[i]]) r.mf[map[i]] = s->mf[i];
    int all_full = r.g0 != 0;
    for (size_t i = 0; i < r.nmid; i++)
        if (!r.mf[i]) all_full = 0;
    /* the run-together spelling is known only when r is one of the inputs */
    r.cat = all_full ? (l->cat ? l->cat : s->nmid == l->nmid ? s->cat : 0) : 0;
    *out = r;
}

int sc_pn_sig_dropped_full(const sc_pn_sig *a, const sc_pn_sig *b)
{
    if (!sc_pn_sig_compat(a, b) || (a->cat && a->cat == b->cat)) return 0;
    const sc_pn_sig *l = a->nmid >= b->nmid ? a : b, *s = l == a ? b : a;
    uint8_t map[SC_PN_MAXMID];
    uint8_t used[SC_PN_MAXMID] = {0};
    if (!embed(s, l, map)) return 0;
    for (size_t i = 0; i < s->nmid; i++)
        used[map[i]] = 1;
    int n = 0;
    for (size_t j = 0; j < l->nmid; j++)
        if (!used[j] && l->mf[j]) n++;
    return n;
}

int sc_pn_sig_equal(const sc_pn_sig *a, const sc_pn_sig *b)
{
    if (a->g0i != b->g0i || a->g0 != b->g0 || a->nmid != b->nmid) return 0;
    for (size_t i = 0; i < a->nmid; i++)
        if (a->mi[i] != b->mi[i] || a->mf[i] != b->mf[i]) return 0;
    return 1;
}
