/*
 * career.c — stints and moves (see career.h and docs/careers.md).
 *
 * Per person, the years with organisation evidence are the observations of
 * a hidden "where they work" state. A year's cost of state s counts the
 * person's authorships that year credited elsewhere (a second, dual
 * affiliation at s costs little), capped so that one year of papers can never
 * outweigh two switches; each change of state pays a switch cost. The
 * cheapest path (Viterbi, O(years x states)) is cut into stints where it
 * changes; consecutive stints are a move.
 */
#include "career/career.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/*
 * mismatch 1, switch 0.8, cap 1.5:
 *   - one paper elsewhere between two stretches at A (an internship, a
 *     misaligned affiliation list) costs 1 < 2 x 0.8: not a move;
 *   - a whole visiting year elsewhere costs at most 1.5 < 1.6: not a move;
 *   - a last paper elsewhere after A costs 1 > 0.8: a move (one paper on
 *     each side suffices when nothing contradicts it), with low confidence;
 *   - two years elsewhere (>= 1 paper each) cost 2 > 1.6: a move there and
 *     one back.
 */
const sc_career_params sc_career_default = {1.0, 0.25, 1.5, 0.8};

static const char *const kind_names[] = {"unknown", "academia->industry", "industry->academia",
                                         "industry->industry", "academia->academia"};

const char *sc_move_kind_name(int kind)
{
    return kind >= 0 && kind <= SC_MOVE_ACAD_ACAD ? kind_names[kind] : "unknown";
}

int sc_move_kind_parse(const char *s)
{
    static const char *const short_names[] = {"unknown", "a2i", "i2a", "i2i", "a2a"};
    for (int k = 0; k <= SC_MOVE_ACAD_ACAD; k++)
        if (!strcmp(s, kind_names[k]) || !strcmp(s, short_names[k])) return k;
    return -1;
}

static int has_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = s; (p = strstr(p, w)) != NULL; p++) {
        int left = p == s || p[-1] == ' ';
        char r = p[n];
        if (left && (r == 0 || r == ' ')) return 1;
    }
    return 0;
}

/* Does s hold one of the words ws — as a word, or, for words of 6 letters
 * or more with stems, anywhere ("universitat" in "technischeuniversitat")? */
static int has_any(const char *s, const char *const *ws, int stems)
{
    for (int k = 0; ws[k]; k++)
        if (has_word(s, ws[k]) || (stems && strlen(ws[k]) >= 6 && strstr(s, ws[k]))) return 1;
    return 0;
}

int sc_org_sector(const sc_m_org *org, const char *name)
{
    switch (org->type) {
    case 1: return 1; /* company */
    case 2: case 3: case 4: case 5: return 2;
    default: break;
    }
    if (!name || !*name) return 0;
    /* clusters: "~" + normalised key (lower case, words separated by spaces) */
    char buf[256];
    size_t n = 0;
    for (const char *p = name; *p && n + 1 < sizeof buf; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        buf[n++] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80 ? c : ' ';
    }
    buf[n] = 0;
    /* what a university or a hospital calls itself wins over company words
     * ("university of technology finland" is no company); the words any
     * research place may use ("institute", "center") lose to them
     * ("… Technologies Research Center") */
    static const char *const acad[] = {"university", "universite", "universitat", "universidad",
                                       "universita", "universidade", "college", "school", "ecole",
                                       "hochschule", "polytechnic", "politecnico", "academy",
                                       "hospital", "cnrs", "inria", "univ", NULL};
    static const char *const acad_weak[] = {"institute", "institut", "instituto", "istituto", "centre",
                                            "center", "laboratory", NULL};
    static const char *const ind[] = {"inc", "corp", "corporation", "ltd", "llc", "gmbh", "co",
                                      "company", "technologies", "technology", "labs", "ag",
                                      "sa", "bv", "plc", "limited", "startup", NULL};
    if (has_any(buf, acad, 1)) return 2;
    if (has_any(buf, ind, 0)) return 1;
    return has_any(buf, acad_weak, 1) ? 2 : 0;
}

static int move_kind(int from, int to)
{
    if (!from || !to) return SC_MOVE_UNKNOWN;
    if (from == 2) return to == 1 ? SC_MOVE_ACAD_IND : SC_MOVE_ACAD_ACAD;
    return to == 1 ? SC_MOVE_IND_IND : SC_MOVE_IND_ACAD;
}

/* One authorship of the person with organisation evidence. */
typedef struct {
    uint32_t auth;
    uint16_t year;
    int32_t s1, s2; /* state of the primary and second organisation (-1 none) */
} item;

typedef struct {
    item *it;
    size_t cap_it;
    uint32_t *state_org; /* state -> org */
    uint32_t *state_n;   /* evidence per state (for the final tie-break) */
    size_t cap_st;
    int32_t *state_of;   /* org -> state, -1; reset after each person */
    double *cost, *prev, *cur;
    int32_t *back;       /* years x states */
    size_t cap_tk;
    uint32_t *year_first; /* first item of each observed year, + 1 */
    int32_t *path;
    size_t cap_y;
} scratch;

#define GROW(p, cap, want)                                                                         \
    do {                                                                                           \
        if ((want) > (cap)) {                                                                      \
            size_t c_ = (cap) ? (cap) : 16;                                                        \
            while (c_ < (want)) c_ *= 2;                                                           \
            (p) = sc_xrealloc((p), c_ * sizeof *(p));                                              \
            (cap) = c_;                                                                            \
        }                                                                                          \
    } while (0)

static int32_t state_for(scratch *S, uint32_t org, size_t *k)
{
    if (!org) return -1;
    if (S->state_of[org] < 0) {
        GROW(S->state_org, S->cap_st, *k + 1);
        S->state_n = sc_xrealloc(S->state_n, S->cap_st * sizeof *S->state_n);
        S->state_org[*k] = org;
        S->state_n[*k] = 0;
        S->state_of[org] = (int32_t)(*k)++;
    }
    S->state_n[S->state_of[org]]++;
    return S->state_of[org];
}

/* Confidence of a move from the evidence on its two sides (docs/careers.md):
 * each side weighs 1 - 0.5^(n+1) for its n authorships; a silence of more
 * than two years between them costs 15 % a year (the move could have been
 * anywhere in it, or been two moves). */
static uint8_t move_confidence(uint32_t n_old, uint32_t n_new, int gap)
{
    double so = 1.0, sn = 1.0, g = 1.0;
    for (uint32_t i = 0; i <= n_old && i < 30; i++) so *= 0.5;
    for (uint32_t i = 0; i <= n_new && i < 30; i++) sn *= 0.5;
    for (int y = 2; y < gap && g > 0.3; y++) g *= 0.85;
    int pc = (int)((1.0 - so) * (1.0 - sn) * g * 100.0 + 0.5);
    return (uint8_t)(pc > 99 ? 99 : pc);
}

/* Papers of the path's segment [t, u] that name state st. */
static uint32_t seg_count(const scratch *S, size_t t, size_t u, int32_t st)
{
    uint32_t n = 0;
    for (uint32_t i = S->year_first[t]; i < S->year_first[u + 1]; i++)
        n += S->it[i].s1 == st || S->it[i].s2 == st;
    return n;
}

/* Papers of the path's segment [t, u] that name its own state. */
static uint32_t seg_papers(const scratch *S, size_t t, size_t u) { return seg_count(S, t, u, S->path[t]); }

static size_t seg_end(const scratch *S, size_t T, size_t t)
{
    while (t + 1 < T && S->path[t + 1] == S->path[t]) t++;
    return t;
}

static void relabel(scratch *S, size_t t, size_t u, int32_t st)
{
    for (size_t k = t; k <= u; k++) S->path[k] = st;
}

/* Rules the switch costs cannot express (docs/careers.md):
 *  - a student's internship: a first stint of one paper at a company,
 *    followed by an academic stint, is not a stint of its own; nor is one
 *    company paper early in a career right after an academic stint;
 *  - a unit and its parent organisation (a CAS institute and CAS, CEA LIST
 *    and CEA) are one employer unless the unit is a company (DeepMind stays
 *    apart from Google), and so are the two sides of a joint lab:
 *    neighbouring stints at the two are one stint, at the one with more
 *    papers. */
static void smooth_path(const sc_career_in *in, scratch *S, size_t T, const int8_t *sector)
{
    size_t u0 = seg_end(S, T, 0);
    if (u0 + 1 < T) {
        uint32_t o0 = S->state_org[S->path[0]], o1 = S->state_org[S->path[u0 + 1]];
        if (sector[o0] == 1 && sector[o1] == 2 && seg_papers(S, 0, u0) == 1) relabel(S, 0, u0, S->path[u0 + 1]);
    }
    /* ... and so is one paper at a company within two years of the
     * person's first paper, after an academic stint: PhD students intern,
     * while a first job comes at the end of a PhD, three or more years in
     * (two, not three: measured on the demo world, docs/careers.md) */
    uint16_t y0 = S->it[0].year;
    for (size_t t = 0; t < T;) {
        size_t u = seg_end(S, T, t);
        if (u + 1 >= T) break;
        size_t v = seg_end(S, T, u + 1);
        uint32_t a = S->state_org[S->path[t]], b = S->state_org[S->path[u + 1]];
        if (sector[a] == 2 && sector[b] == 1 && S->it[S->year_first[u + 1]].year - y0 <= 2 &&
            seg_papers(S, u + 1, v) == 1) {
            relabel(S, u + 1, v, S->path[t]);
            continue;
        }
        t = u + 1;
    }
    for (size_t t = 0; t < T;) {
        size_t u = seg_end(S, T, t);
        if (u + 1 >= T) break;
        size_t v = seg_end(S, T, u + 1);
        uint32_t a = S->state_org[S->path[t]], b = S->state_org[S->path[u + 1]];
        const sc_m_org *oa = &in->orgs[a], *ob = &in->orgs[b];
        int unit = (oa->parent == b && oa->type != 1) || (ob->parent == a && ob->type != 1);
        /* papers at each place inside the other's years, both ways, and
         * neither a company: a joint lab ("CNRS" on some papers, "Université
         * de Montpellier" on others), not one place after the other. (A
         * professor who also works for a company and then leaves for it —
         * Oxford and DeepMind — is a move.) */
        if (!unit && sector[a] != 1 && sector[b] != 1)
            unit = seg_count(S, t, u, S->path[u + 1]) > 0 && seg_count(S, u + 1, v, S->path[t]) > 0;
        if (unit) {
            if (seg_papers(S, t, u) >= seg_papers(S, u + 1, v)) relabel(S, u + 1, v, S->path[t]);
            else relabel(S, t, u, S->path[u + 1]);
            continue; /* the merged segment may meet another unit */
        }
        t = u + 1;
    }
}

/* What one authorship says, gathered in authorship order (sequential reads)
 * so that the per-person pass reads one compact array instead of three
 * tables at random (that pass was bound by cache misses on paper years). */
typedef struct {
    uint32_t o1, o2;
    uint16_t year, pad;
} evidence;

static void one_person(const sc_career_in *in, const sc_career_params *P, scratch *S, uint32_t person,
                       sc_career_out *out, const int8_t *sector, const evidence *ev, uint32_t *susp)
{
    const sc_m_person_rec *pr = &in->people[person];
    const uint32_t *A = in->person_auths + pr->first_auth;
    size_t n = pr->n_auth, ni = 0, K = 0;
    GROW(S->it, S->cap_it, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        uint32_t a = A[i];
        if (i + 8 < n) __builtin_prefetch(&ev[A[i + 8]]);
        const evidence *e = &ev[a];
        uint16_t y = e->year;
        uint32_t o1 = e->o1, o2 = e->o2;
        if (!y || !o1) continue;
        item *t = &S->it[ni++];
        t->auth = a;
        t->year = y;
        t->s1 = state_for(S, o1, &K);
        t->s2 = state_for(S, o2, &K);
    }
    if (!ni) return;
    /* observed years (the items are in year order) */
    size_t T = 0;
    GROW(S->year_first, S->cap_y, ni + 1);
    S->path = sc_xrealloc(S->path, S->cap_y * sizeof *S->path);
    for (size_t i = 0; i < ni; i++)
        if (!i || S->it[i].year != S->it[i - 1].year) S->year_first[T++] = (uint32_t)i;
    S->year_first[T] = (uint32_t)ni;
    GROW(S->back, S->cap_tk, T * K);
    S->cost = sc_xrealloc(S->cost, (K + 1) * sizeof *S->cost);
    S->prev = sc_xrealloc(S->prev, (K + 1) * sizeof *S->prev);
    S->cur = sc_xrealloc(S->cur, (K + 1) * sizeof *S->cur);

    for (size_t t = 0; t < T; t++) {
        uint32_t lo = S->year_first[t], hi = S->year_first[t + 1];
        double all = (double)(hi - lo) * P->mismatch;
        for (size_t s = 0; s < K; s++) S->cost[s] = all;
        for (uint32_t i = lo; i < hi; i++) {
            S->cost[S->it[i].s1] -= P->mismatch;
            if (S->it[i].s2 >= 0) S->cost[S->it[i].s2] -= P->mismatch - P->second;
        }
        /* a year costs at most the cap (and never less than nothing:
         * rounding of the second-affiliation discount) */
        for (size_t s = 0; s < K; s++)
            S->cost[s] = S->cost[s] > P->year_cap ? P->year_cap : S->cost[s] < 0 ? 0 : S->cost[s];
        int32_t *bk = S->back + t * K;
        if (t == 0) {
            for (size_t s = 0; s < K; s++) {
                S->prev[s] = S->cost[s];
                bk[s] = (int32_t)s;
            }
            continue;
        }
        size_t best = 0;
        for (size_t s = 1; s < K; s++)
            if (S->prev[s] < S->prev[best]) best = s;
        double sw = S->prev[best] + P->switch_cost;
        for (size_t s = 0; s < K; s++) {
            if (S->prev[s] <= sw) {
                S->cur[s] = S->prev[s] + S->cost[s];
                bk[s] = (int32_t)s;
            } else {
                S->cur[s] = sw + S->cost[s];
                bk[s] = (int32_t)best;
            }
        }
        double *x = S->prev;
        S->prev = S->cur;
        S->cur = x;
    }
    /* the cheapest end; ties go to the state with more evidence, then the
     * earlier one */
    size_t end = 0;
    for (size_t s = 1; s < K; s++) {
        double d = S->prev[s] - S->prev[end];
        if (d < -1e-9 || (d <= 1e-9 && S->state_n[s] > S->state_n[end])) end = s;
    }
    int32_t s = (int32_t)end;
    for (size_t t = T; t-- > 0;) {
        S->path[t] = s;
        s = S->back[t * K + (size_t)s];
    }

    smooth_path(in, S, T, sector);

    /* authorships the path doubts, with where the career says the person
     * was: one credited elsewhere than its year's stint (expected: that
     * stint), or the only paper of a stint between or beside others
     * (expected: the neighbouring stint). A misaligned affiliation list in a
     * source gives several authors of one paper each other's places. */
    if (susp) {
        size_t nseg = 1;
        for (size_t t = 1; t < T; t++) nseg += S->path[t] != S->path[t - 1];
        int32_t prev_st = -1;
        for (size_t t = 0; t < T;) {
            size_t u = seg_end(S, T, t);
            int32_t st = S->path[t], next_st = u + 1 < T ? S->path[u + 1] : -1;
            uint32_t np = seg_papers(S, t, u);
            for (uint32_t i = S->year_first[t]; i < S->year_first[u + 1]; i++) {
                const item *it = &S->it[i];
                if (it->s1 != st && it->s2 != st) susp[it->auth] = S->state_org[st];
                else if (np == 1 && nseg > 1)
                    susp[it->auth] = S->state_org[prev_st >= 0 ? prev_st : next_st];
            }
            prev_st = st;
            t = u + 1;
        }
    }

    /* segments -> stints, consecutive stints -> moves */
    size_t first_stint = out->stints.n;
    int first_sector = 0;
    uint16_t first_year = S->it[0].year;
    for (size_t t = 0; t < T;) {
        size_t u = seg_end(S, T, t);
        int32_t st = S->path[t], old_st = t ? S->path[t - 1] : -1;
        sc_m_stint sn;
        memset(&sn, 0, sizeof sn);
        sn.person = person;
        sn.org = S->state_org[st];
        sn.first_auth = sn.last_auth = UINT32_MAX;
        sn.first_year = S->it[S->year_first[t]].year;
        sn.last_year = S->it[S->year_first[u + 1] - 1].year;
        int seen = 0;
        for (uint32_t i = S->year_first[t]; i < S->year_first[u + 1]; i++) {
            const item *it = &S->it[i];
            if (it->s1 != st && it->s2 != st) continue;
            if (!seen) sn.first_year = it->year, sn.first_auth = it->auth, seen = 1;
            sn.last_year = it->year;
            sn.last_auth = it->auth;
            sn.papers++;
        }
        /* the old place still on the papers two years and more into the new
         * stint (earlier, papers written before a move still come out), in
         * two of those years at least and a third of them, and neither
         * place a company: a place added to a post that was kept (a
         * professor at Siena who also joins IIT), not a move. Both stints
         * stay; no move. (A professor who joins a company and keeps the
         * chair is a hire the talent war counts.) */
        int kept = 0;
        if (out->stints.n > first_stint && sector[S->state_org[old_st]] != 1 && sector[sn.org] != 1) {
            size_t late = 0, stay = 0;
            for (size_t y = t; y <= u; y++) {
                if (S->it[S->year_first[y]].year < sn.first_year + 2) continue;
                late++;
                for (uint32_t i = S->year_first[y]; i < S->year_first[y + 1]; i++)
                    if (S->it[i].s1 == old_st || S->it[i].s2 == old_st) {
                        stay++;
                        break;
                    }
            }
            kept = stay >= 2 && 3 * stay >= late;
        }
        if (out->stints.n > first_stint && !kept) {
            const sc_m_stint *old = &out->stints.v[out->stints.n - 1];
            sc_m_move mv;
            memset(&mv, 0, sizeof mv);
            mv.person = person;
            mv.from_org = old->org;
            mv.to_org = sn.org;
            mv.from_stint = (uint32_t)(out->stints.n - 1);
            mv.last_old = old->last_year;
            mv.first_new = sn.first_year;
            /* the middle of the gap (last_old, first_new]: the truth is about
             * evenly spread over it (docs/careers.md) */
            mv.year = (uint16_t)(sn.first_year - (sn.first_year - old->last_year) / 2);
            if (mv.year <= old->last_year) mv.year = sn.first_year;
            int fs = sector[old->org], ts = sector[sn.org];
            mv.kind = (uint8_t)move_kind(fs, ts);
            mv.confidence = move_confidence(old->papers, sn.papers, sn.first_year - old->last_year);
            /* a side that is no registry organisation (a workspace cluster of
             * an unresolved string) halves it: of 31 such moves judged by
             * hand, 9 were real, against 92 of 117 with both sides in the
             * registry (docs/careers.md) */
            if (in->orgs[old->org].origin == 2 || in->orgs[sn.org].origin == 2)
                mv.confidence = (uint8_t)((mv.confidence + 1) / 2);
            if (out->stints.n - 1 == first_stint && first_sector == 2 && mv.year - first_year <= 8)
                mv.flags |= SC_MOVE_FIRST_JOB;
            /* evidence: the last two authorships at the old place, the first two at the new */
            mv.ev_old[0] = mv.ev_old[1] = mv.ev_new[0] = mv.ev_new[1] = UINT32_MAX;
            int k = 0;
            for (uint32_t i = S->year_first[t]; i-- > 0 && k < 2;) {
                const item *it = &S->it[i];
                if (it->s1 == old_st || it->s2 == old_st) mv.ev_old[k++] = it->auth;
            }
            k = 0;
            for (uint32_t i = S->year_first[t]; i < ni && k < 2; i++) {
                const item *it = &S->it[i];
                if (it->s1 == st || it->s2 == st) mv.ev_new[k++] = it->auth;
            }
            sc_vec_push(&out->moves, mv);
        } else {
            first_sector = sector[sn.org];
        }
        sc_vec_push(&out->stints, sn);
        t = u + 1;
    }
    for (size_t k = 0; k < K; k++) S->state_of[S->state_org[k]] = -1;
}

/* ids 0..n-1 ordered by (major, minor, id): two stable counting passes */
static uint32_t *order_by(size_t n, const uint32_t *major, size_t n_major, const uint16_t *minor,
                          uint32_t **offsets)
{
    uint32_t *tmp = sc_xmalloc(sizeof *tmp * (n ? n : 1));
    uint32_t *ids = sc_xmalloc(sizeof *ids * (n ? n : 1));
    uint32_t *cnt = sc_xcalloc(65537, sizeof *cnt);
    for (size_t i = 0; i < n; i++) cnt[minor[i] + 1]++;
    for (size_t k = 1; k <= 65536; k++) cnt[k] += cnt[k - 1];
    for (size_t i = 0; i < n; i++) tmp[cnt[minor[i]]++] = (uint32_t)i;
    free(cnt);
    uint32_t *off = sc_xcalloc(n_major + 1, sizeof *off);
    for (size_t i = 0; i < n; i++) off[major[i] + 1]++;
    for (size_t k = 1; k <= n_major; k++) off[k] += off[k - 1];
    uint32_t *pos = sc_xmalloc(sizeof *pos * (n_major + 1));
    memcpy(pos, off, sizeof *pos * (n_major + 1));
    for (size_t i = 0; i < n; i++) ids[pos[major[tmp[i]]]++] = tmp[i];
    free(pos);
    free(tmp);
    *offsets = off;
    return ids;
}

typedef struct {
    const sc_career_in *in;
    const sc_career_params *P;
    const int8_t *sector;
    const evidence *ev;
    uint32_t *susp;
    const uint32_t *list; /* the people to run (NULL: all, in order) */
    size_t lo, hi, no;    /* positions in list (or people) */
    sc_career_out part; /* stints and moves of people lo..hi-1; offsets relative */
} job;

static void *run_range(void *arg)
{
    job *j = arg;
    scratch S;
    memset(&S, 0, sizeof S);
    S.state_of = sc_xmalloc(sizeof *S.state_of * j->no);
    memset(S.state_of, 0xff, sizeof *S.state_of * j->no);
    size_t n = j->hi - j->lo;
    j->part.person_stint_off = sc_xmalloc(sizeof(uint32_t) * (n + 1));
    j->part.person_move_off = sc_xmalloc(sizeof(uint32_t) * (n + 1));
    for (size_t i = j->lo; i < j->hi; i++) {
        j->part.person_stint_off[i - j->lo] = (uint32_t)j->part.stints.n;
        j->part.person_move_off[i - j->lo] = (uint32_t)j->part.moves.n;
        if (i + 4 < j->hi) { /* the evidence of a person a few ahead: reads at random */
            const sc_m_person_rec *q = &j->in->people[j->list ? j->list[i + 4] : i + 4];
            for (uint32_t k = 0; k < q->n_auth && k < 6; k++)
                __builtin_prefetch(&j->ev[j->in->person_auths[q->first_auth + k]]);
        }
        one_person(j->in, j->P, &S, j->list ? j->list[i] : (uint32_t)i, &j->part, j->sector, j->ev, j->susp);
    }
    free(S.it);
    free(S.state_org);
    free(S.state_n);
    free(S.state_of);
    free(S.cost);
    free(S.prev);
    free(S.cur);
    free(S.back);
    free(S.year_first);
    free(S.path);
    return NULL;
}

/* One pass over every person (list == NULL) or over the n people of list,
 * ascending: contiguous ranges of them, one per thread, concatenated in
 * order (the result does not depend on the threads). The person offsets of
 * out are per position in list. */
static void run_all(const sc_career_in *in, const sc_career_params *P, const int8_t *sector, const evidence *ev,
                    uint32_t *susp, const uint32_t *list, size_t n, sc_career_out *out)
{
    if (!list) n = in->n_people;
    size_t no = in->n_orgs ? in->n_orgs : 1;
    /* people in contiguous ranges of about equal authorships, one per
     * thread; the parts are concatenated in order, so the result does not
     * depend on the number of threads */
    int nt = in->threads < 1 ? 1 : in->threads > 16 ? 16 : in->threads;
    if (n < 1000) nt = 1;
    job jobs[16];
    uint64_t total = 0, acc = 0;
    for (size_t i = 0; i < n; i++) total += in->people[list ? list[i] : i].n_auth;
    size_t lo = 0;
    for (int t = 0; t < nt; t++) {
        size_t hi = lo;
        uint64_t want = total * (uint64_t)(t + 1) / (uint64_t)nt;
        while (hi < n && (acc < want || t == nt - 1)) acc += in->people[list ? list[hi++] : hi++].n_auth;
        memset(&jobs[t], 0, sizeof jobs[t]);
        jobs[t].in = in;
        jobs[t].P = P;
        jobs[t].sector = sector;
        jobs[t].ev = ev;
        jobs[t].susp = susp;
        jobs[t].list = list;
        jobs[t].lo = lo;
        jobs[t].hi = hi;
        jobs[t].no = no;
        lo = hi;
    }
    pthread_t tid[16];
    int started[16] = {0};
    for (int t = 1; t < nt; t++) started[t] = pthread_create(&tid[t], NULL, run_range, &jobs[t]) == 0;
    run_range(&jobs[0]);
    for (int t = 1; t < nt; t++) {
        if (started[t]) pthread_join(tid[t], NULL);
        else run_range(&jobs[t]);
    }
    out->person_stint_off = sc_xmalloc(sizeof(uint32_t) * (n + 1));
    out->person_move_off = sc_xmalloc(sizeof(uint32_t) * (n + 1));
    for (int t = 0; t < nt; t++) {
        job *j = &jobs[t];
        uint32_t sb = (uint32_t)out->stints.n, mb = (uint32_t)out->moves.n;
        for (size_t p = j->lo; p < j->hi; p++) {
            out->person_stint_off[p] = sb + j->part.person_stint_off[p - j->lo];
            out->person_move_off[p] = mb + j->part.person_move_off[p - j->lo];
        }
        for (size_t i = 0; i < j->part.stints.n; i++) sc_vec_push(&out->stints, j->part.stints.v[i]);
        for (size_t i = 0; i < j->part.moves.n; i++) {
            sc_m_move mv = j->part.moves.v[i];
            mv.from_stint += sb;
            sc_vec_push(&out->moves, mv);
        }
        sc_careers_free(&j->part);
    }
    out->person_stint_off[n] = (uint32_t)out->stints.n;
    out->person_move_off[n] = (uint32_t)out->moves.n;
}

/* Append person p's stints and moves from src, where they are at stints
 * s0.. and moves m0.. (moves point at their stint: rebased). */
static void take(sc_career_out *dst, const sc_career_out *src, size_t s0, size_t s1, size_t m0, size_t m1)
{
    size_t base = dst->stints.n;
    sc_vec_grow(&dst->stints, s1 - s0);
    if (s1 > s0) memcpy(dst->stints.v + base, src->stints.v + s0, (s1 - s0) * sizeof *src->stints.v);
    dst->stints.n += s1 - s0;
    sc_vec_grow(&dst->moves, m1 - m0);
    for (size_t i = m0; i < m1; i++) {
        sc_m_move mv = src->moves.v[i];
        mv.from_stint = (uint32_t)(mv.from_stint - s0 + base);
        dst->moves.v[dst->moves.n++] = mv;
    }
}

/* out with the people of list (ascending) replaced by their results in
 * sub (offsets per position in list). */
static void splice(size_t n_people, sc_career_out *out, const uint32_t *list, size_t nl, sc_career_out *sub)
{
    sc_career_out r;
    memset(&r, 0, sizeof r);
    size_t ns = out->stints.n + sub->stints.n, nm = out->moves.n + sub->moves.n;
    sc_vec_grow(&r.stints, ns);
    sc_vec_grow(&r.moves, nm);
    r.person_stint_off = sc_xmalloc(sizeof(uint32_t) * (n_people + 1));
    r.person_move_off = sc_xmalloc(sizeof(uint32_t) * (n_people + 1));
    size_t k = 0;
    for (size_t p = 0; p < n_people; p++) {
        r.person_stint_off[p] = (uint32_t)r.stints.n;
        r.person_move_off[p] = (uint32_t)r.moves.n;
        if (k < nl && list[k] == p) {
            take(&r, sub, sub->person_stint_off[k], sub->person_stint_off[k + 1], sub->person_move_off[k],
                 sub->person_move_off[k + 1]);
            k++;
        } else {
            take(&r, out, out->person_stint_off[p], out->person_stint_off[p + 1], out->person_move_off[p],
                 out->person_move_off[p + 1]);
        }
    }
    r.person_stint_off[n_people] = (uint32_t)r.stints.n;
    r.person_move_off[n_people] = (uint32_t)r.moves.n;
    sc_careers_free(out);
    *out = r;
}

void sc_careers_run(const sc_career_in *in, sc_career_out *out)
{
    memset(out, 0, sizeof *out);
    const sc_career_params *P = in->params ? in->params : &sc_career_default;
    size_t no = in->n_orgs ? in->n_orgs : 1;
    int8_t *own = NULL;
    const int8_t *sector = in->sector;
    if (!sector) {
        own = sc_xcalloc(no, 1);
        for (size_t o = 1; o < in->n_orgs; o++)
            own[o] = (int8_t)sc_org_sector(&in->orgs[o], in->org_names ? in->org_names[o] : NULL);
        sector = own;
    }
    evidence *ev = sc_xmalloc(sizeof *ev * (in->n_auths ? in->n_auths : 1));
    for (size_t a = 0; a < in->n_auths; a++) {
        const sc_m_authorship *au = &in->auths[a];
        uint32_t o1 = in->auth_org[a], o2 = in->aff_org ? in->aff_org[au->affiliation].org2 : 0;
        if (o1 >= in->n_orgs) o1 = 0;
        if (!o1 || o2 == o1 || o2 >= in->n_orgs) o2 = 0;
        ev[a] = (evidence){o1, o2, in->papers[au->paper].year, 0};
    }
    /* pass 1, then papers whose affiliations most of their authors' careers
     * contradict lose their evidence, and pass 2 (docs/careers.md) */
    uint32_t *susp = sc_xcalloc(in->n_auths ? in->n_auths : 1, sizeof *susp);
    uint8_t *dropped = sc_xcalloc(in->n_auths ? in->n_auths : 1, 1); /* evidence zeroed below */
    run_all(in, P, sector, ev, susp, NULL, 0, out);
    size_t flagged = 0;
    for (size_t p = 0; p < in->n_papers; p++) {
        const sc_m_paper *pp = &in->papers[p];
        uint32_t n_swapped = 0, n = pp->n_authors;
        uint64_t f = pp->first_authorship;
        if (f + n > in->n_auths) continue;
        /* doubted authorships whose expected place is another author's
         * place on this very paper; or, two or more authors credited with
         * one place that each of their careers puts elsewhere, at one same
         * other place (a list in which every author got one co-author's
         * affiliation). Marked in susp with the top bit. */
        for (uint32_t i = 0; i < n; i++) {
            uint32_t want = susp[f + i];
            if (!want || !ev[f + i].o1) continue;
            for (uint32_t j = 0; j < n; j++)
                if (j != i && (ev[f + j].o1 == want || ev[f + j].o2 == want ||
                               ((susp[f + j] & 0x7FFFFFFFu) == want && ev[f + j].o1 == ev[f + i].o1))) {
                    n_swapped++;
                    susp[f + i] |= 0x80000000u;
                    break;
                }
        }
        if (n_swapped < 2) continue;
        flagged++;
        /* only those stop counting: the other authors' places agree with
         * their careers */
        for (uint32_t i = 0; i < n; i++)
            if (susp[f + i] & 0x80000000u) {
                ev[f + i].o1 = ev[f + i].o2 = 0;
                dropped[f + i] = 1;
            }
    }
    free(susp);
    if (flagged) {
        /* a person's career depends only on the evidence of its own
         * authorships: pass 2 runs again only the people who lost some,
         * the others keep their pass-1 result (the same bytes, a few
         * thousand people instead of all) */
        SC_VEC(uint32_t) again = {0};
        for (size_t p = 0; p < in->n_people; p++) {
            const sc_m_person_rec *pr = &in->people[p];
            for (uint32_t k = 0; k < pr->n_auth; k++)
                if (dropped[in->person_auths[pr->first_auth + k]]) {
                    sc_vec_push(&again, (uint32_t)p);
                    break;
                }
        }
        sc_career_out sub;
        memset(&sub, 0, sizeof sub);
        run_all(in, P, sector, ev, NULL, again.v, again.n, &sub);
        splice(in->n_people, out, again.v, again.n, &sub);
        sc_careers_free(&sub);
        sc_vec_free(&again);
    }
    free(dropped);
    out->suspect_papers = flagged;
    free(own);
    free(ev);

    size_t ns = out->stints.n, nm = out->moves.n;
    uint32_t *maj = sc_xmalloc(sizeof *maj * (ns > nm ? ns : nm) + 4);
    uint16_t *mino = sc_xmalloc(sizeof *mino * (ns > nm ? ns : nm) + 4);
    for (size_t i = 0; i < ns; i++) maj[i] = out->stints.v[i].org, mino[i] = out->stints.v[i].first_year;
    out->org_stints = order_by(ns, maj, no, mino, &out->org_stint_off);
    for (size_t i = 0; i < nm; i++) maj[i] = out->moves.v[i].from_org, mino[i] = out->moves.v[i].year;
    out->moves_from = order_by(nm, maj, no, mino, &out->org_from_off);
    for (size_t i = 0; i < nm; i++) maj[i] = out->moves.v[i].to_org;
    out->moves_to = order_by(nm, maj, no, mino, &out->org_to_off);
    free(maj);
    free(mino);
}

void sc_careers_free(sc_career_out *out)
{
    sc_vec_free(&out->stints);
    sc_vec_free(&out->moves);
    free(out->person_stint_off);
    free(out->person_move_off);
    free(out->org_stints);
    free(out->org_stint_off);
    free(out->moves_from);
    free(out->org_from_off);
    free(out->moves_to);
    free(out->org_to_off);
    memset(out, 0, sizeof *out);
}
