/*
 * person_int.h — what person.c (the whole-world passes) and person_cluster.c
 * (clustering one block) share: the per-name table, the blocks, the title
 * words, and the weights of the evidence. Private to src/resolve/person*.c.
 *
 * The weights are log-likelihood ratios in nats: a pair of clusters merges
 * when prior + evidence >= 0. docs/resolution-people.md says where each
 * number comes from.
 */
#ifndef SCOUT_PERSON_INT_H
#define SCOUT_PERSON_INT_H

#include <stdint.h>

#include "resolve/person.h"
#include "resolve/person_name.h"

/* A 64-bit finaliser (splitmix64): hashes for maps, masks and salts. */
static inline uint64_t pc_mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

#define PN_NONE UINT32_MAX
#define PC_CO_RARE 0x80000000u /* flag in pctx.cob */
#define PC_TDIM 32 /* topic vector dimensions (a power of two) */
#define PC_TSIG 4  /* non-zero entries of a word's random signature */

/* ---- evidence weights ---- */
#ifndef PW_BASE_EXACT
#define PW_BASE_EXACT 0.03 /* chance that a same-name pair is two people, whatever the name */
#endif
#ifndef PW_BASE_VAR
#define PW_BASE_VAR 0.10 /* same for a variant pair ("N. de Freitas" ~ "Nando de Freitas") */
#endif
#ifndef PW_MID_F
#define PW_MID_F 0.15 /* a middle name makes a name this much rarer */
#endif
#ifndef PW_CULTURE_MIN
#define PW_CULTURE_MIN 0.1 /* a first name's culture is at least this share of all authorships */
#endif
#ifndef PW_LAMBDA_CAP
#define PW_LAMBDA_CAP 8.0 /* past this the estimate says more about mixed cultures than people */
#endif
#ifndef PW_CONF_CO
#define PW_CONF_CO 3.0 /* shared co-authors (weighted) that explain conflicts away (0 = never) */
#endif
#ifndef PW_TOPIC_PAPERS
#define PW_TOPIC_PAPERS 2 /* papers (the smaller side) at which a topic difference counts half */
#endif
#ifndef PW_PRIOR_MAX
#define PW_PRIOR_MAX 3.5
#endif
#ifndef PW_PRIOR_MIN
#define PW_PRIOR_MIN -8.0
#endif
#ifndef PW_CO
#define PW_CO 3.0 /* per shared co-author (weighted by how rare its name is) */
#endif
#ifndef PW_CO_CAP
#define PW_CO_CAP 3.0 /* at most this many co-authors count */
#endif
#ifndef PW_ORG_NEAR
#define PW_ORG_NEAR 3.0 /* at most, for the same organisation within a year */
#endif
#ifndef PW_ORG_FAR
#define PW_ORG_FAR 2.0 /* at most, for the same organisation years apart */
#endif
#ifndef PW_ORG_P_NEAR
#define PW_ORG_P_NEAR 0.9 /* chance one person is at the same place a year on */
#endif
#ifndef PW_ORG_P_FAR
#define PW_ORG_P_FAR 0.5 /* ... years apart */
#endif
#ifndef PW_CONF
#define PW_CONF 2.5 /* per year at different organisations */
#endif
#ifndef PW_CONF_CAP
#define PW_CONF_CAP 6
#endif
#ifndef PW_TOPIC
#define PW_TOPIC 4.0 /* times (cosine - PW_TOPIC_MID) of title words */
#endif
#ifndef PW_TOPIC_MID
#define PW_TOPIC_MID 0.2
#endif
#ifndef PW_DROP_FULL
#define PW_DROP_FULL 3.0 /* per full middle name one spelling lacks (same surname) */
#endif
#ifndef PW_VAR_RATE
#define PW_VAR_RATE 0.2 /* share of one person's papers in a spelling not their habit */
#endif
#ifndef PW_FORM_CAP
#define PW_FORM_CAP 4.0 /* at most this against, for spellings used alike often */
#endif
#ifndef PW_FORM_POS
#define PW_FORM_POS 0.0 /* never for: a rare exception is what both hypotheses expect */
#endif
#ifndef PW_ROUNDS
#define PW_ROUNDS 1 /* 2: same spelling first, then all (see phase2) */
#endif
#ifndef PW_NUM
#define PW_NUM 6.0 /* same DBLP number on compatible spellings */
#endif
#ifndef PW_CENTER
#define PW_CENTER 1 /* take the common direction out of the paper topic vectors */
#endif
#ifndef PW_GAP
#define PW_GAP 0.5 /* per year of silence between two clusters beyond PW_GAP_FREE */
#endif
#ifndef PW_GAP_FREE
#define PW_GAP_FREE 4
#endif
#ifndef PW_SLACK
#define PW_SLACK 4.0 /* pairs within this of the threshold are kept for later */
#endif

/* ---- phase 1 (certain links inside an exact-name group) ---- */
#ifndef P1_ORG_LAMBDA
#define P1_ORG_LAMBDA                                                                              \
    1e9 /* names rarer than this link on the same organisation +-1 year:                           \
           all (measured: same accuracy, half the clusters to compare) */
#endif
#ifndef P1_CO_MINW
#define P1_CO_MINW 0.5 /* co-authors this rare link on their own */
#endif

#ifndef PL_LAMBDA
#define PL_LAMBDA 1e9 /* spellings (any: measured no worse than rare ones only) paired sparsely (person_cluster.c) */
#endif
#ifndef PL_NN
#define PL_NN 6 /* ... each paired with this many of the spelling's clusters most alike in topic */
#endif

#define CO_MAXAUTH     30  /* papers with more authors give no co-author evidence */
#ifndef ALLPAIRS_ROOTS
#define ALLPAIRS_ROOTS 40 /* blocks with at most this many clusters compare all pairs (200 before: quadratic, 5.8 us a member in blocks of 256-511 at 1 M people) */
#endif
#define LIST_MAX       64  /* longer inverted lists make no candidate pairs */
#define FORMS_MAX      160 /* spellings in a block past which alternatives are not counted */

/* One distinct spelling (name string id) as the clustering sees it. */
typedef struct {
    uint64_t full;   /* hash of the full key */
    uint32_t block;  /* block index */
    uint32_t number; /* DBLP homonym number */
    float fanin;     /* distinct longer names whose alt is this full key */
    float lambda;    /* expected number of other people writing this name */
    sc_pn_sig sig;
} pn_rec;

/* One authorship's evidence as the block pass reads it, laid out in block
 * order (C->ev[i] for C->bmem[i]) and gathered once, in parallel, so that a
 * block's members are read sequentially instead of from a dozen
 * per-authorship and per-paper arrays at random. */
typedef struct {
    uint32_t a, rec, paper, org;
    uint32_t co;  /* its co-author blocks: C->cob[co .. next record's co) */
    uint32_t eh;  /* its believed ids: C->evh[eh ..], one per bit of extm */
    uint16_t year;
    uint8_t extm; /* bit k: an id of kind k, believed */
    uint8_t pad;
} pev;

typedef struct {
    const sc_person_input *in;
    int threads;
    /* names */
    uint32_t n_name_ids;
    uint32_t *name_rec; /* name id -> record, PN_NONE = no name in it */
    pn_rec *recs;
    size_t n_recs;
    /* the records' alternative full keys, kept only for those that have
     * them (names with a full middle word): record r has them when bit r
     * of altbit is set, at altv[altrank[r / 64] + set bits of its word
     * below r]; [0] the full key without the last surname ("tomas garcia"
     * for "tomas garcia araujo"), [1] with the last two words one surname
     * ("shai bendavid" for "shai ben david"); 0 = none */
    uint64_t *altbit;
    uint32_t *altrank;
    uint64_t (*altv)[2];
    /* blocks: members[start[b] .. start[b+1]) ascending authorship indices */
    uint32_t n_blocks;
    uint64_t *bstart;
    uint32_t *bmem;
    uint32_t *ablock; /* per authorship: its block, PN_NONE = no name */
    uint8_t *ext_bad; /* per authorship, bit k: its id of kind k is not believed (NULL: all are) */
    uint64_t *ehash[4]; /* per authorship, pc_ext_hash of its id of kind k (NULL: no ids of kind k) */
    float *bco_w;     /* weight of a co-author whose name falls in block b */
    float *bshare;    /* share of all authorships in block b */
    double avg;       /* authorships per distinct full name: per person, roughly */
    /* title words per paper: pw[pwstart[p] .. pwstart[p+1]) word ids
     * (freed once the topic vectors are made) */
    uint64_t *pwstart;
    uint32_t *pw;
    size_t n_words;
    float *widf; /* per word: inverse document frequency */
    float *wemb; /* per word: PC_TDIM topic vector (unit length) */
    float tcommon[PC_TDIM]; /* the direction all titles share (unit length), taken out of each */
    /* per paper: PC_TDIM topic vector (sum of idf x word vectors) stored as
     * int8, component d = ptv[d] * pts; 32 bytes a paper instead of 128
     * (7 M papers: 0.2 GB, not 0.9 GB, and one read of half a cache line) */
    int8_t *ptv;
    float *pts; /* per paper: the scale of its ptv (largest |component| / 127) */
    /* organisations: authorships per organisation id (n_orgs = largest id + 1) */
    uint32_t *org_n;
    size_t n_orgs;
    double n_with_org;
    /* evidence in block order (see pev): n_ev + 1 records (the last holds
     * the ends), co-author blocks, id hashes; apos: authorship -> index */
    pev *ev;
    size_t n_ev;
    uint32_t *cob; /* block | PC_CO_RARE when its co-author weight >= P1_CO_MINW */
    uint64_t *evh;
    uint32_t *apos;
    /* output of the block pass: per authorship, the smallest authorship
     * index of its cluster */
    uint32_t *label;
} pctx;

/* Per-block figures and the external ids seen, for the world-wide pass. */
typedef struct {
    uint64_t hash; /* normalised id, kind mixed in */
    uint32_t auth; /* authorship (its cluster is read at the end) */
    uint32_t kind;
} pext;

typedef struct {
    size_t merged_by_ext, split_homonyms;
    SC_VEC(pext) ext;
    void *scratch; /* person_cluster.c's reusable buffers */
#ifdef PERSON_BENCH
    size_t st_mem, st_roots, st_pairs, st_scored, st_low, st_merges, st_rescored, st_single_pairs;
    size_t st_allpairs_blocks, st_large_blocks, st_large_pairs, st_rare_pairs;
    double st_bt[24];  /* CPU seconds in blocks of 2^i .. 2^(i+1) - 1 members */
    size_t st_bn[24], st_bm[24], st_bp[24], st_br[24], st_bk[24], st_bq[24];
#endif
} pworker;

/* Cluster block b: writes ctx->label for its members. */
void pc_block(pctx *C, uint32_t b, pworker *W);
/* Cluster again a group of clusters from several blocks (auth ascending,
 * whole clusters), considering only the pairs of clusters in links
 * (label << 32 | label): writes ctx->label for them. */
void pc_group(pctx *C, const uint32_t *auth, size_t k, const uint64_t *links, size_t nlinks,
              pworker *W);
void pc_worker_free(pworker *W);

/* Call fn(ctx, i, worker) for i in [0, n) on up to `threads` (<= 64)
 * threads; worker is in [0, threads). */
void pc_run_par(int threads, size_t n, void (*fn)(void *, size_t, int), void *ctx);

/* Memory for a large table read at random: 2 MB aligned and marked for
 * transparent huge pages (free() releases it); zeroed when zero is set. */
void *pc_huge_alloc(size_t bytes, int zero);

/* Sort 64-bit numbers ascending (radix for large arrays). */
void pc_sort_u64(uint64_t *v, size_t n);

/* Share of all authorships (with an organisation) at organisation org. */
double pc_org_share(const pctx *C, uint32_t org);

/* The normalised hash of external id string id of kind k (0 = none). */
uint64_t pc_ext_hash(const sc_person_input *in, int k, uint32_t id);

#endif
