/*
 * org_stage.c — resolve the world's affiliations (see org_stage.h).
 *
 * Each distinct affiliation string and each distinct domain is resolved once
 * (in parallel: the registry is read-only), then every authorship takes the
 * organisation its string names exactly, else its domain's, else the
 * string's fuzzy or cluster match — the order the resolver itself uses. Strings that resolve to
 * nothing are grouped by cluster key into workspace organisations, numbered
 * in the order of their first string id, so the result does not depend on
 * the thread count.
 */
#include "resolve/org_stage.h"

#include "resolve/normalize.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const sc_orgreg *reg;
    const sc_strtab *tab;
    int is_domain;
    size_t from, to;
    sc_org_resolution *res;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    for (size_t id = j->from; id < j->to; id++) {
        const char *s = sc_strtab_get(j->tab, (uint32_t)id);
        size_t n = sc_strtab_len(j->tab, (uint32_t)id);
        if (j->is_domain) sc_org_resolve(j->reg, "", 0, s, n, &j->res[id]);
        else sc_org_resolve(j->reg, s, n, NULL, 0, &j->res[id]);
    }
    return NULL;
}

static void resolve_all(const sc_orgreg *reg, const sc_strtab *tab, int is_domain, int threads,
                        sc_org_resolution *res)
{
    size_t n = sc_strtab_count(tab);
    if (threads < 1) threads = 1;
    if (threads > 16) threads = 16;
    job jobs[16];
    pthread_t tid[16];
    int started[16] = {0};
    for (int t = 0; t < threads; t++) {
        jobs[t] = (job){reg, tab, is_domain, 1 + (n - 1) * (size_t)t / (size_t)threads,
                        1 + (n - 1) * (size_t)(t + 1) / (size_t)threads, res};
        if (t > 0) started[t] = pthread_create(&tid[t], NULL, run_job, &jobs[t]) == 0;
    }
    run_job(&jobs[0]);
    for (int t = 1; t < threads; t++) {
        if (started[t]) pthread_join(tid[t], NULL);
        else run_job(&jobs[t]);
    }
    memset(&res[0], 0, sizeof res[0]);
}

/* Is the cluster key a person's name on the paper of authorship i: the
 * normalised name of one of its authors, or the surname of its own author?
 * Keys of more than three words or with a digit are never names. */
static int key_is_author(const sc_orgstage_in *in, const char *key, size_t i, sc_buf *tmp)
{
    size_t words = 1, kl = strlen(key);
    for (size_t k = 0; k < kl; k++) {
        if (key[k] >= '0' && key[k] <= '9') return 0;
        words += key[k] == ' ';
    }
    if (words > 3 || kl < 3) return 0;
    const sc_m_paper *p = &in->papers[in->auths[i].paper];
    for (uint32_t j = p->first_authorship; j < p->first_authorship + p->n_authors && j < in->n_auths; j++) {
        const char *nm = sc_strtab_get(in->names, in->auths[j].name);
        sc_norm_text(nm, strlen(nm), tmp);
        if (tmp->n == kl && memcmp(tmp->p, key, kl) == 0) return 1;
        if (j == i && tmp->n > kl && tmp->p[tmp->n - kl - 1] == ' ' &&
            memcmp(tmp->p + tmp->n - kl, key, kl) == 0)
            return 1;
    }
    return 0;
}

void sc_orgstage_run(const sc_orgreg *reg, const sc_orgstage_in *in, sc_strtab *labels,
                     sc_orgstage_out *out)
{
    memset(out, 0, sizeof *out);
    size_t nreg = sc_orgreg_count(reg);
    sc_vec_push(&out->orgs, ((sc_m_org){0}));
    for (uint32_t i = 1; i <= nreg; i++) {
        const sc_org *o = sc_orgreg_get(reg, i);
        sc_m_org m;
        memset(&m, 0, sizeof m);
        m.key = sc_strtab_add(labels, o->id, strlen(o->id));
        m.name = sc_strtab_add(labels, o->name, strlen(o->name));
        m.country = sc_strtab_add(labels, o->country, strlen(o->country));
        m.parent = o->parent;
        m.type = (uint8_t)o->type;
        m.origin = 1;
        sc_vec_push(&out->orgs, m);
    }
    out->registry_orgs = nreg;

    size_t naff = sc_strtab_count(in->aff), ndom = sc_strtab_count(in->domain);
    sc_org_resolution *ra = sc_xcalloc(naff ? naff : 1, sizeof *ra);
    sc_org_resolution *rd = sc_xcalloc(ndom ? ndom : 1, sizeof *rd);
    if (naff > 1) resolve_all(reg, in->aff, 0, in->threads, ra);
    if (ndom > 1) resolve_all(reg, in->domain, 1, in->threads, rd);

    /* workspace organisations from cluster keys, in string-id order */
    sc_strtab keys;
    sc_strtab_init(&keys, 1);
    SC_VEC(uint32_t) key_org = {0};
    sc_vec_push(&key_org, 0);
    out->aff_org = sc_xcalloc(naff ? naff : 1, sizeof *out->aff_org);
    sc_buf tmp = {0};
    for (size_t id = 1; id < naff; id++) {
        sc_m_aff_org *a = &out->aff_org[id];
        const sc_org_resolution *r = &ra[id];
        if (r->n) {
            a->org = r->hit[0].org;
            a->org2 = r->n > 1 ? r->hit[1].org : 0;
            a->method = r->hit[0].method;
            a->confidence = (uint8_t)(r->hit[0].confidence * 100 + 0.5f);
            if (!out->orgs.v[a->org].example_aff) out->orgs.v[a->org].example_aff = (uint32_t)id;
            continue;
        }
        if (!r->cluster_key[0]) continue;
        size_t kl = strlen(r->cluster_key);
        uint32_t k = sc_strtab_add(&keys, r->cluster_key, kl);
        if (k >= key_org.n) {
            sc_m_org m;
            memset(&m, 0, sizeof m);
            tmp.n = 0;
            sc_buf_addc(&tmp, '~');
            sc_buf_add(&tmp, r->cluster_key, kl);
            m.key = sc_strtab_add(labels, tmp.p, tmp.n);
            m.name = sc_strtab_add(labels, r->cluster_key, kl);
            m.origin = 2;
            m.example_aff = (uint32_t)id;
            sc_vec_push(&out->orgs, m);
            sc_vec_push(&key_org, (uint32_t)out->orgs.n - 1);
        }
        a->org = key_org.v[k];
        a->method = SC_MATCH_CLUSTER;
        a->confidence = 30;
    }
    sc_strtab_free(&keys);
    sc_vec_free(&key_org);

    /* authorships: the domain's organisation when known, else the string's */
    out->auth_org = sc_xcalloc(in->n_auths ? in->n_auths : 1, sizeof *out->auth_org);
    uint32_t last_paper = UINT32_MAX;
    SC_VEC(uint32_t) seen = {0}; /* orgs already counted for the current paper */
    for (size_t i = 0; i < in->n_auths; i++) {
        const sc_m_authorship *a = &in->auths[i];
        uint32_t org = 0;
        const sc_m_aff_org *ao = a->affiliation ? &out->aff_org[a->affiliation] : NULL;
        /* the domain, unless the string names another organisation exactly
         * (then the domain was an old or second address: org.h) */
        if (ao && ao->method == SC_MATCH_ALIAS) org = ao->org;
        else if (a->domain && rd[a->domain].n) org = rd[a->domain].hit[0].org;
        else if (ao) org = ao->org;
        if (org > nreg && ao && ao->method == SC_MATCH_CLUSTER && in->names && in->papers &&
            key_is_author(in, sc_strtab_get(labels, out->orgs.v[org].name), i, &tmp)) {
            org = 0;
            out->auth_name_as_aff++;
        }
        if (a->affiliation || a->domain) {
            out->auth_with_aff++;
            if (org && org <= nreg) out->auth_resolved++;
        }
        out->auth_org[i] = org;
        if (a->paper != last_paper) {
            seen.n = 0;
            last_paper = a->paper;
        }
        if (!org) continue;
        out->orgs.v[org].authorships++;
        int dup = 0;
        for (size_t k = 0; k < seen.n && !dup; k++) dup = seen.v[k] == org;
        if (!dup) {
            sc_vec_push(&seen, org);
            out->orgs.v[org].papers++;
        }
    }
    sc_vec_free(&seen);
    sc_buf_free(&tmp);
    free(ra);
    free(rd);
}

void sc_orgstage_free(sc_orgstage_out *out)
{
    sc_vec_free(&out->orgs);
    free(out->aff_org);
    free(out->auth_org);
    memset(out, 0, sizeof *out);
}
