/*
 * strtab.c — string tables with optional interning (see strtab.h).
 */
#include "model/strtab.h"

#include <stdlib.h>
#include <string.h>

void sc_strtab_init(sc_strtab *t, int interned)
{
    memset(t, 0, sizeof *t);
    t->interned = interned;
    sc_buf_add(&t->bytes, "", 1); /* id 0: the empty string */
    sc_vec_push(&t->off, 0);
    sc_vec_push(&t->off, 1);
    if (interned) {
        t->nslots = 1024;
        t->slots = sc_xcalloc(t->nslots, sizeof *t->slots);
        t->hashes = sc_xmalloc(sizeof *t->hashes * 1);
        t->hashes[0] = 0;
    }
}

void sc_strtab_free(sc_strtab *t)
{
    sc_buf_free(&t->bytes);
    sc_vec_free(&t->off);
    free(t->slots);
    free(t->hashes);
    memset(t, 0, sizeof *t);
}

/* A slot keeps the hash's high half beside the id, so a probe rejects a
 * non-matching slot without touching the string bytes (one cache miss per
 * lookup instead of three). */
static inline uint64_t slot_of(uint64_t h, uint32_t id) { return (h & 0xFFFFFFFF00000000ULL) | (id + 1u); }

static void rehash_to(sc_strtab *t, size_t ns)
{
    uint64_t *s = sc_xcalloc(ns, sizeof *s);
    size_t count = sc_strtab_count(t);
    for (size_t id = 1; id < count; id++) {
        size_t i = t->hashes[id] & (ns - 1);
        while (s[i]) i = (i + 1) & (ns - 1);
        s[i] = slot_of(t->hashes[id], (uint32_t)id);
    }
    free(t->slots);
    t->slots = s;
    t->nslots = ns;
}

static void rehash(sc_strtab *t) { rehash_to(t, t->nslots * 2); }

void sc_strtab_reserve(sc_strtab *t, size_t more)
{
    if (!t->interned) return;
    size_t want = (sc_strtab_count(t) + more) * 2, ns = t->nslots;
    while (ns < want) ns *= 2;
    if (ns > t->nslots) rehash_to(t, ns);
}

static uint32_t append(sc_strtab *t, const char *p, size_t n)
{
    uint32_t id = (uint32_t)sc_strtab_count(t);
    sc_buf_reserve(&t->bytes, n + 1);
    memcpy(t->bytes.p + t->bytes.n, p, n);
    t->bytes.p[t->bytes.n + n] = 0;
    t->bytes.n += n + 1;
    sc_vec_push(&t->off, (uint64_t)t->bytes.n);
    return id;
}

uint32_t sc_strtab_add(sc_strtab *t, const char *p, size_t n)
{
    if (n == 0) return 0;
    if (!t->interned) return append(t, p, n);
    return sc_strtab_intern(t, p, n, sc_hash(p, n));
}

uint32_t sc_strtab_intern(sc_strtab *t, const char *p, size_t n, uint64_t h)
{
    if (n == 0) return 0;
    size_t mask = t->nslots - 1, i = h & mask;
    uint64_t hi = h & 0xFFFFFFFF00000000ULL;
    for (;;) {
        uint64_t s = t->slots[i];
        if (!s) break;
        if ((s & 0xFFFFFFFF00000000ULL) == hi) {
            uint32_t id = (uint32_t)s - 1;
            if (sc_strtab_len(t, id) == n && memcmp(sc_strtab_get(t, id), p, n) == 0) return id;
        }
        i = (i + 1) & mask;
    }
    uint32_t id = append(t, p, n);
    if (t->hashes_cap < t->off.cap) {
        t->hashes_cap = t->off.cap;
        t->hashes = sc_xrealloc(t->hashes, sizeof *t->hashes * t->hashes_cap);
    }
    t->hashes[id] = h;
    t->slots[i] = slot_of(h, id);
    if (sc_strtab_count(t) * 2 > t->nslots) rehash(t);
    return id;
}

uint32_t sc_strtab_find(const sc_strtab *t, const char *p, size_t n)
{
    if (n == 0) return 0;
    if (!t->interned) return UINT32_MAX;
    uint64_t h = sc_hash(p, n), hi = h & 0xFFFFFFFF00000000ULL;
    size_t mask = t->nslots - 1, i = h & mask;
    for (uint64_t s; (s = t->slots[i]) != 0; i = (i + 1) & mask) {
        if ((s & 0xFFFFFFFF00000000ULL) != hi) continue;
        uint32_t id = (uint32_t)s - 1;
        if (sc_strtab_len(t, id) == n && memcmp(sc_strtab_get(t, id), p, n) == 0) return id;
    }
    return UINT32_MAX;
}
