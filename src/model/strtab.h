/*
 * strtab.h — string tables: every string the world holds lives in one of a
 * few tables and is referred to by a dense 32-bit id.
 *
 * Dense ids matter beyond saving space: later stages keep per-string arrays
 * (the organisation an affiliation string resolves to, the key of a name), so
 * each distinct affiliation is resolved once, not once per authorship.
 *
 * Layout (the same in memory and in the snapshot): bytes holds every string
 * followed by a NUL; off[i] is where string i starts, off[count] the end.
 * Id 0 is always the empty string. Interning tables keep an open-addressing
 * hash index (build time only; it is not written to the snapshot).
 */
#ifndef SCOUT_STRTAB_H
#define SCOUT_STRTAB_H

#include "util/util.h"

typedef struct {
    sc_buf bytes;
    SC_VEC(uint64_t) off;
    uint64_t *slots; /* hash index: high 32 bits of the hash << 32 | id+1; 0 = empty */
    uint64_t *hashes; /* per id, for rehashing without rereading */
    size_t nslots, hashes_cap;
    int interned;
} sc_strtab;

void sc_strtab_init(sc_strtab *t, int interned);
void sc_strtab_free(sc_strtab *t);
/* Intern (or append, for non-interned tables) a string; returns its id.
 * Empty strings are always id 0. */
uint32_t sc_strtab_add(sc_strtab *t, const char *p, size_t n);
/* Intern with a hash the caller computed (sc_hash of the bytes): lets worker
 * threads hash while the single merging thread only probes. */
uint32_t sc_strtab_intern(sc_strtab *t, const char *p, size_t n, uint64_t hash);
/* Make room for `more` strings in an interned table's index up front (no
 * rehash while they are added; ids do not change). */
void sc_strtab_reserve(sc_strtab *t, size_t more);
/* The id of a string already in an interned table, or UINT32_MAX. */
uint32_t sc_strtab_find(const sc_strtab *t, const char *p, size_t n);
static inline size_t sc_strtab_count(const sc_strtab *t) { return t->off.n - 1; }
/* Interning strings one after another is a chain of cache misses (the
 * slot, the string's offset, its bytes). A caller that knows the hashes of
 * the strings it will intern next can prefetch them in stages, a few
 * strings apart: stage 0 the slot, 1 the offset (the slot is then in
 * cache), 2 the bytes. Only the first slot probed is followed. */
static inline void sc_strtab_prefetch(const sc_strtab *t, uint64_t h, int stage)
{
    const uint64_t *slot = &t->slots[h & (t->nslots - 1)];
    if (stage == 0) {
        __builtin_prefetch(slot);
        return;
    }
    uint64_t s = *slot;
    if (!s || (s & 0xFFFFFFFF00000000ULL) != (h & 0xFFFFFFFF00000000ULL)) return;
    uint32_t id = (uint32_t)s - 1;
    if (stage == 1) __builtin_prefetch(&t->off.v[id]);
    else __builtin_prefetch(t->bytes.p + t->off.v[id]);
}
static inline const char *sc_strtab_get(const sc_strtab *t, uint32_t id)
{
    return t->bytes.p + t->off.v[id];
}
static inline size_t sc_strtab_len(const sc_strtab *t, uint32_t id)
{
    return (size_t)(t->off.v[id + 1] - t->off.v[id] - 1);
}

#endif
