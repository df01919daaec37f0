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

#define PN_NONE UINT32_MAX

/* ---- evidence weights ---- */
#define PW_BASE_EXACT 0.03 /* chance that a same-name pair is two people, whatever the name */
#define PW_BASE_VAR 0.10   /* same for a variant pair ("N. de Freitas" ~ "Nando de Freitas") */
#define PW_MID_F 0.15      /* a middle name makes a name this much rarer */
#define PW_CULTURE_MIN 0.1 /* a first name's culture is at least this share of all authorships */
#define PW_LAMBDA_CAP 8.0  /* past this the estimate says more about mixed cultures than people */
#define PW_TOPIC_WORDS 15  /* distinct title words at which a topic difference counts half */
#define PW_PRIOR_MAX 3.5
#define PW_PRIOR_MIN -8.0
#define PW_CO 3.0          /* per shared co-author (weighted by how rare its name is) */
#define PW_CO_CAP 3.0      /* at most this many co-authors count */
#define PW_ORG_NEAR 3.0    /* at most, for the same organisation within a year */
#define PW_ORG_FAR 2.0     /* at most, for the same organisation years apart */
#define PW_ORG_P_NEAR 0.9  /* chance one person is at the same place a year on */
#define PW_ORG_P_FAR 0.5   /* ... years apart */
#define PW_CONF 2.5        /* per year at different organisations */
#define PW_CONF_CAP 6
#define PW_TOPIC 4.0       /* times (cosine - PW_TOPIC_MID) of title words */
#define PW_TOPIC_MID 0.3
#define PW_DROP_FULL 3.0   /* per full middle name one spelling lacks (same surname) */
#define PW_NUM 6.0         /* same DBLP number on compatible spellings */
#define PW_SLACK 4.0       /* pairs within this of the threshold are kept for later */

/* ---- phase 1 (certain links inside an exact-name group) ---- */
#define P1_ORG_LAMBDA 0.5 /* names rarer than this link on same organisation +-1 year */
#define P1_CO_MINW 0.5    /* co-authors this rare link on their own */

#define CO_MAXAUTH 30       /* papers with more authors give no co-author evidence */
#define ALLPAIRS_ROOTS 200  /* blocks with at most this many clusters compare all pairs */
#define LIST_MAX 64         /* longer inverted lists make no candidate pairs */

/* One distinct spelling (name string id) as the clustering sees it. */
typedef struct {
    uint64_t full;   /* hash of the full key */
    uint32_t block;  /* block index */
    uint32_t number; /* DBLP homonym number */
    uint64_t alt;    /* full key without the last surname ("tomas garcia" for
                        "tomas garcia araujo"), 0 = none */
    float lambda;    /* expected number of other people writing this name */
    sc_pn_sig sig;
} pn_rec;

typedef struct {
    const sc_person_input *in;
    int threads;
    /* names */
    uint32_t n_name_ids;
    uint32_t *name_rec; /* name id -> record, PN_NONE = no name in it */
    pn_rec *recs;
    size_t n_recs;
    /* blocks: members[start[b] .. start[b+1]) ascending authorship indices */
    uint32_t n_blocks;
    uint64_t *bstart;
    uint32_t *bmem;
    float *bco_w; /* weight of a co-author whose name falls in block b */
    float *bshare; /* share of all authorships in block b */
    double avg;   /* authorships per distinct full name: per person, roughly */
    /* title words per paper: pw[pwstart[p] .. pwstart[p+1]) 32-bit word hashes */
    uint64_t *pwstart;
    uint32_t *pw;
    /* word document frequency: open addressing, key 0 = empty */
    uint32_t *wkey, *wdf;
    uint64_t wmask;
    double n_papers;
    /* organisations: sorted ids and their authorship counts */
    uint32_t *org_id, *org_n;
    size_t n_orgs;
    double n_with_org;
    /* output of the block pass: per authorship, the smallest authorship
     * index of its cluster */
    uint32_t *label;
} pctx;

/* Per-block figures and the external ids seen, for the world-wide pass. */
typedef struct {
    uint64_t hash;  /* normalised id, kind mixed in */
    uint32_t auth;  /* authorship (its cluster is read at the end) */
    uint32_t kind;
} pext;

typedef struct {
    size_t merged_by_ext, split_homonyms;
    SC_VEC(pext) ext;
    void *scratch; /* person_cluster.c's reusable buffers */
} pworker;

/* Cluster block b: writes ctx->label for its members. */
void pc_block(pctx *C, uint32_t b, pworker *W);
/* Cluster again a group of clusters from several blocks (auth ascending,
 * whole clusters): writes ctx->label for them. */
void pc_group(pctx *C, const uint32_t *auth, size_t k, pworker *W);
void pc_worker_free(pworker *W);

/* Share of all authorships (with an organisation) at organisation org. */
double pc_org_share(const pctx *C, uint32_t org);

/* Inverse document frequency of a title word (0 for unknown words). */
double pc_idf(const pctx *C, uint32_t w);

/* The normalised hash of external id string id of kind k (0 = none). */
uint64_t pc_ext_hash(const sc_person_input *in, int k, uint32_t id);

#endif
