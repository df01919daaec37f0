/*
 * orgs.c — scout.h's organisation calls: open the registry (shipped file +
 * workspace overrides) and resolve strings with it.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "resolve/org.h"

struct sc_registry {
    sc_orgreg *reg;
};

int sc_registry_open(const char *path, const char *overrides, sc_registry **out, sc_error *err)
{
    sc_orgreg *reg;
    int rc = sc_orgreg_load(path, &reg, err);
    if (rc) return rc;
    if (overrides && (rc = sc_orgreg_load_overrides(reg, overrides, err)) != SC_OK) {
        sc_orgreg_free(reg);
        return rc;
    }
    sc_registry *r = sc_xcalloc(1, sizeof *r);
    r->reg = reg;
    *out = r;
    return SC_OK;
}

void sc_registry_close(sc_registry *r)
{
    if (!r) return;
    sc_orgreg_free(r->reg);
    free(r);
}

size_t sc_registry_count(const sc_registry *r) { return sc_orgreg_count(r->reg); }

size_t sc_resolve_org(const sc_registry *r, const char *text, const char *domain, sc_org_match *out,
                      size_t max, char *cluster_key, size_t cap)
{
    sc_org_resolution res;
    sc_org_resolve(r->reg, text ? text : "", text ? strlen(text) : 0, domain, domain ? strlen(domain) : 0, &res);
    size_t k = 0;
    for (int i = 0; i < res.n && k < max; i++, k++) {
        const sc_org *o = sc_orgreg_get(r->reg, res.hit[i].org);
        const sc_org *p = sc_orgreg_get(r->reg, o->parent);
        out[k] = (sc_org_match){o->id, o->name, sc_org_type_name(o->type), o->country, p ? p->id : "",
                                sc_match_method_name(res.hit[i].method), res.hit[i].confidence};
    }
    if (cluster_key && cap) snprintf(cluster_key, cap, "%s", res.n ? "" : res.cluster_key);
    return k;
}

const char *sc_registry_default_path(void) { return sc_orgreg_default_path(); }
