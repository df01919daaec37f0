/*
 * json.c — the strict streaming tokenizer (see json.h for why it exists and
 * which JSONTestSuite choices it makes).
 *
 * The hot path is string scanning: paperlists records are mostly long string
 * values (abstracts, BibTeX). scan_string looks at 16 bytes at a time with
 * SSE2 for the three bytes that end the fast path (quote, backslash, control
 * characters) and notes whether any byte had its high bit set, so that UTF-8
 * validation runs only on the (rare) strings that need it.
 */
#include "util/json.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

void sc_json_init(sc_json *j, const char *buf, size_t n)
{
    j->buf = buf;
    j->p = buf;
    j->end = buf + n;
    j->err = NULL;
    j->err_at = NULL;
    j->first = 0;
    /* a UTF-8 byte order mark before the document is allowed */
    if (n >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
        (unsigned char)buf[2] == 0xBF)
        j->p += 3;
}

int sc_json_fail(sc_json *j, const char *p, const char *what)
{
    if (!j->err) {
        j->err = what;
        j->err_at = p;
    }
    j->p = j->end; /* stop: every later call sees end of input */
    return -1;
}

static inline int is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/* Pretty-printed files put a newline and 8+ spaces before every key: runs of
 * white space are long enough to be worth 16 bytes at a time. */
static inline void skip_ws(sc_json *j)
{
    const char *p = j->p, *end = j->end;
    if (p < end && !is_ws(*p)) return;
#ifdef __SSE2__
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
        m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))));
        unsigned ws = (unsigned)_mm_movemask_epi8(m);
        if (ws != 0xFFFF) {
            j->p = p + __builtin_ctz(~ws);
            return;
        }
        p += 16;
    }
#endif
    while (p < end && is_ws(*p)) p++;
    j->p = p;
}

sc_json_kind sc_json_peek(sc_json *j)
{
    if (j->err) return SC_JSON_ERROR;
    skip_ws(j);
    if (j->p >= j->end) return SC_JSON_EOF;
    switch (*j->p) {
    case '"': return SC_JSON_STRING;
    case '{': return SC_JSON_OBJECT;
    case '[': return SC_JSON_ARRAY;
    case 't': return SC_JSON_TRUE;
    case 'f': return SC_JSON_FALSE;
    case 'n': return SC_JSON_NULL;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': return SC_JSON_NUMBER;
    default: sc_json_fail(j, j->p, "unexpected character"); return SC_JSON_ERROR;
    }
}

static inline int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Scan a string starting at the opening quote. */
int sc_json_string(sc_json *j, sc_span *raw, int *escaped)
{
    const char *p = j->p, *end = j->end;
    if (p >= end || *p != '"') return sc_json_fail(j, p, "expected a string");
    const char *start = ++p;
    int esc = 0;
    unsigned high = 0;
    for (;;) {
#ifdef __SSE2__
        const __m128i q = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\');
        const __m128i ctl = _mm_set1_epi8(0x1F);
        while (end - p >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
            __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, bs));
            m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_max_epu8(v, ctl), ctl));
            unsigned stop = (unsigned)_mm_movemask_epi8(m);
            unsigned hb = (unsigned)_mm_movemask_epi8(v);
            if (stop) {
                unsigned k = (unsigned)__builtin_ctz(stop);
                high |= hb & ((1u << k) - 1);
                p += k;
                goto special;
            }
            high |= hb;
            p += 16;
        }
#endif
        while (p < end) {
            unsigned char c = (unsigned char)*p;
            if (c == '"' || c == '\\' || c < 0x20) goto special;
            high |= c & 0x80;
            p++;
        }
        return sc_json_fail(j, start - 1, "unterminated string");
    special:
        if (*p == '"') break;
        if (*p == '\\') {
            esc = 1;
            if (end - p < 2) return sc_json_fail(j, p, "unterminated string");
            switch (p[1]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                p += 2;
                break;
            case 'u':
                if (end - p < 6 || hexval(p[2]) < 0 || hexval(p[3]) < 0 || hexval(p[4]) < 0 ||
                    hexval(p[5]) < 0)
                    return sc_json_fail(j, p, "bad \\u escape in string");
                p += 6;
                break;
            default: return sc_json_fail(j, p, "bad escape in string");
            }
            continue;
        }
        return sc_json_fail(j, p, "control character in string");
    }
    if (high && !sc_utf8_valid(start, (size_t)(p - start)))
        return sc_json_fail(j, start - 1, "invalid UTF-8 in string");
    raw->p = start;
    raw->n = (size_t)(p - start);
    if (escaped) *escaped = esc;
    j->p = p + 1;
    return 0;
}

int sc_json_number(sc_json *j, sc_span *num)
{
    const char *p = j->p, *end = j->end, *start = p;
    if (p < end && *p == '-') p++;
    if (p >= end) return sc_json_fail(j, start, "bad number");
    if (*p == '0') {
        p++;
    } else if (*p >= '1' && *p <= '9') {
        while (p < end && *p >= '0' && *p <= '9') p++;
    } else {
        return sc_json_fail(j, start, "bad number");
    }
    if (p < end && *p == '.') {
        p++;
        if (p >= end || *p < '0' || *p > '9') return sc_json_fail(j, start, "bad number");
        while (p < end && *p >= '0' && *p <= '9') p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        if (p >= end || *p < '0' || *p > '9') return sc_json_fail(j, start, "bad number");
        while (p < end && *p >= '0' && *p <= '9') p++;
    }
    if (num) *num = (sc_span){start, (size_t)(p - start)};
    j->p = p;
    return 0;
}

static int literal(sc_json *j, const char *word, size_t n)
{
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0)
        return sc_json_fail(j, j->p, "unexpected character");
    j->p += n;
    return 0;
}

/* Validate and skip one value, iteratively (explicit stack, no recursion, so
 * hostile nesting cannot overflow the C stack). */
int sc_json_skip(sc_json *j)
{
    unsigned char stack[SC_JSON_MAX_DEPTH]; /* 1 = object, 0 = array */
    int sp = 0;
    sc_span s;
value:
    skip_ws(j);
    if (j->p >= j->end) return sc_json_fail(j, j->p, "unexpected end of input");
    switch (*j->p) {
    case '{':
        j->p++;
        skip_ws(j);
        if (j->p < j->end && *j->p == '}') {
            j->p++;
            goto after;
        }
        if (sp == SC_JSON_MAX_DEPTH) return sc_json_fail(j, j->p, "nesting too deep");
        stack[sp++] = 1;
        goto key;
    case '[':
        j->p++;
        skip_ws(j);
        if (j->p < j->end && *j->p == ']') {
            j->p++;
            goto after;
        }
        if (sp == SC_JSON_MAX_DEPTH) return sc_json_fail(j, j->p, "nesting too deep");
        stack[sp++] = 0;
        goto value;
    case '"':
        if (sc_json_string(j, &s, NULL)) return -1;
        goto after;
    case 't':
        if (literal(j, "true", 4)) return -1;
        goto after;
    case 'f':
        if (literal(j, "false", 5)) return -1;
        goto after;
    case 'n':
        if (literal(j, "null", 4)) return -1;
        goto after;
    default:
        if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9')) {
            if (sc_json_number(j, NULL)) return -1;
            goto after;
        }
        return sc_json_fail(j, j->p, "unexpected character");
    }
key:
    skip_ws(j);
    if (j->p >= j->end || *j->p != '"') return sc_json_fail(j, j->p, "expected a key string");
    if (sc_json_string(j, &s, NULL)) return -1;
    skip_ws(j);
    if (j->p >= j->end || *j->p != ':') return sc_json_fail(j, j->p, "expected ':'");
    j->p++;
    goto value;
after:
    if (sp == 0) return 0;
    skip_ws(j);
    if (j->p >= j->end) return sc_json_fail(j, j->p, "unexpected end of input");
    if (*j->p == ',') {
        j->p++;
        if (stack[sp - 1]) goto key;
        goto value;
    }
    if (*j->p == (stack[sp - 1] ? '}' : ']')) {
        j->p++;
        sp--;
        goto after;
    }
    return sc_json_fail(j, j->p, stack[sp - 1] ? "expected ',' or '}'" : "expected ',' or ']'");
}

int sc_json_object(sc_json *j)
{
    skip_ws(j);
    if (j->p >= j->end || *j->p != '{') return sc_json_fail(j, j->p, "expected an object");
    j->p++;
    j->first = 1;
    return 0;
}

int sc_json_key(sc_json *j, sc_span *key, int *escaped)
{
    if (j->err) return -1;
    skip_ws(j);
    if (j->p >= j->end) return sc_json_fail(j, j->p, "unexpected end of input in object");
    if (*j->p == '}') {
        j->p++;
        j->first = 0;
        return 0;
    }
    if (!j->first) {
        if (*j->p != ',') return sc_json_fail(j, j->p, "expected ',' or '}'");
        j->p++;
        skip_ws(j);
    }
    j->first = 0;
    if (j->p >= j->end || *j->p != '"') return sc_json_fail(j, j->p, "expected a key string");
    /* keys are short plain ASCII: a byte loop beats the vector scan there;
     * anything unusual falls back to the full string scanner */
    const char *q = j->p + 1, *lim = j->end - q > 64 ? q + 64 : j->end;
#ifdef __SSE2__
    if (j->end - q >= 16) {
        /* one 16-byte look: the first byte that is a quote, a backslash, a
         * control character or non-ASCII ends the fast path */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F)));
        unsigned stop = (unsigned)(_mm_movemask_epi8(m) | _mm_movemask_epi8(v));
        q = stop ? q + __builtin_ctz(stop) : lim; /* no stop in 16: the byte loop goes on */
        if (!stop) q = j->p + 1 + 16;
    }
#endif
    while (q < lim && (unsigned char)*q >= 0x20 && (unsigned char)*q < 0x80 && *q != '"' && *q != '\\')
        q++;
    if (q < lim && *q == '"') {
        *key = (sc_span){j->p + 1, (size_t)(q - j->p - 1)};
        if (escaped) *escaped = 0;
        j->p = q + 1;
    } else if (sc_json_string(j, key, escaped)) {
        return -1;
    }
    skip_ws(j);
    if (j->p >= j->end || *j->p != ':') return sc_json_fail(j, j->p, "expected ':'");
    j->p++;
    skip_ws(j);
    return 1;
}

int sc_json_array(sc_json *j)
{
    skip_ws(j);
    if (j->p >= j->end || *j->p != '[') return sc_json_fail(j, j->p, "expected an array");
    j->p++;
    j->first = 1;
    return 0;
}

int sc_json_item(sc_json *j)
{
    if (j->err) return -1;
    skip_ws(j);
    if (j->p >= j->end) return sc_json_fail(j, j->p, "unexpected end of input in array");
    if (*j->p == ']') {
        if (!j->first && j->p[-1] == ',') return sc_json_fail(j, j->p, "expected a value");
        j->p++;
        j->first = 0;
        return 0;
    }
    if (!j->first) {
        if (*j->p != ',') return sc_json_fail(j, j->p, "expected ',' or ']'");
        j->p++;
        skip_ws(j);
        if (j->p < j->end && *j->p == ']') return sc_json_fail(j, j->p, "expected a value");
    }
    j->first = 0;
    return 1;
}

static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static unsigned hex4(const char *p)
{
    return (unsigned)(hexval(p[0]) << 12 | hexval(p[1]) << 8 | hexval(p[2]) << 4 | hexval(p[3]));
}

size_t sc_json_unescape(const char *raw, size_t n, char *out)
{
    size_t o = 0;
    const char *p = raw, *end = raw + n;
    while (p < end) {
        const char *bs = memchr(p, '\\', (size_t)(end - p));
        if (!bs) bs = end;
        memmove(out + o, p, (size_t)(bs - p));
        o += (size_t)(bs - p);
        p = bs;
        if (p >= end) break;
        char c = p[1];
        p += 2;
        switch (c) {
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'u': {
            unsigned cp = hex4(p);
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                unsigned lo = hex4(p + 2);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD; /* lone surrogate */
            /* \uXXXX is 6 bytes and encodes to at most 3 (4 for a pair of 12) */
            o += put_utf8(out + o, cp);
            break;
        }
        default: out[o++] = c; /* " \ / */
        }
    }
    return o;
}

int sc_json_validate(sc_json *j)
{
    if (sc_json_peek(j) == SC_JSON_EOF) return sc_json_fail(j, j->p, "no JSON value");
    if (sc_json_skip(j)) return -1;
    skip_ws(j);
    if (j->p < j->end) return sc_json_fail(j, j->p, "unexpected data after the JSON value");
    return 0;
}
