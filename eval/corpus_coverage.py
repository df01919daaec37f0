#!/usr/bin/env python3
"""Organisation resolution on the real paperlists corpus.

For NeurIPS, ICML, CVPR and ICCV 2013-2019 (the issue's target set) and for
the whole corpus: the share of authorships with a non-empty affiliation whose
affiliation (with its e-mail domain) resolves to a registry organisation, and
the agreement with the corpus's own normalisation (aff_unique_norm): for
each site-normalised name, the registry id most of its authorships got; an
authorship agrees when it got that id. Prints a sample of disagreements to
judge by hand.

usage: eval/corpus_coverage.py [--scout ./scout] [--corpus ../shared/data/paperlists] [--sample N]
"""
import argparse
import collections
import glob
import gzip
import json
import os
import random
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def field(p, k):
    v = p.get(k)
    return v if isinstance(v, str) else ""


def rows(corpus):
    for path in sorted(glob.glob(os.path.join(corpus, "*", "*.json*"))):
        base = os.path.basename(path).split(".")[0]
        venue, year = base.rstrip("0123456789"), int(base[-4:])
        opener = gzip.open if path.endswith(".gz") else open
        for p in json.load(opener(path, "rt", encoding="utf-8")):
            authors = field(p, "author").split(";")
            affs = field(p, "aff").split(";")
            doms = (field(p, "aff_domain") or field(p, "email")).split(";")
            norms = field(p, "aff_unique_norm").split(";")
            idx = field(p, "aff_unique_index").split(";")
            for i, a in enumerate(authors):
                if not a.strip():
                    continue
                aff = affs[i].strip() if i < len(affs) else ""
                dom = doms[i].strip() if i < len(doms) else ""
                if "@" in dom:
                    dom = dom.split("@", 1)[1]
                site = ""
                if i < len(idx) and idx[i].strip():
                    k = idx[i].split("+")[0].strip()
                    if k.isdigit() and int(k) < len(norms):
                        site = norms[int(k)].strip()
                yield venue, year, aff.replace("\t", " "), dom.replace("\t", " "), site


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scout", default=os.path.join(HERE, "..", "scout"))
    ap.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "shared", "data", "paperlists"))
    ap.add_argument("--sample", type=int, default=25)
    a = ap.parse_args()
    data = [r for r in rows(a.corpus) if r[2] or r[3]]
    pairs = sorted({(r[2], r[3]) for r in data})
    out = subprocess.run([a.scout, "-C", "/nonexistent-workspace", "resolve-org", "--stdin"],
                         input="".join(f"{t}\t{d}\n" for t, d in pairs), capture_output=True, text=True,
                         check=True).stdout.splitlines()
    res = {p: json.loads(o) for p, o in zip(pairs, out)}
    target = lambda v, y: v in ("nips", "icml", "cvpr", "iccv") and 2013 <= y <= 2019
    for name, pick in (("NeurIPS/ICML/CVPR/ICCV 2013-2019", lambda r: target(r[0], r[1])),
                       ("whole corpus", lambda r: True)):
        sel = [r for r in data if pick(r) and r[2]]
        ok = sum(1 for r in sel if res[(r[2], r[3])]["id"])
        by = collections.Counter(r[0] for r in sel)
        okby = collections.Counter(r[0] for r in sel if res[(r[2], r[3])]["id"])
        print(f"{name}: {ok}/{len(sel)} non-empty affiliations resolved to the registry = {100 * ok / max(1, len(sel)):.1f}%")
        if name.startswith("NeurIPS"):
            for v in sorted(by):
                print(f"  {v:6} {okby[v]:6}/{by[v]:6} = {100 * okby[v] / by[v]:.1f}%")
    # agreement with aff_unique_norm
    site_ids = collections.defaultdict(collections.Counter)
    for r in data:
        if r[4]:
            site_ids[r[4]][res[(r[2], r[3])]["id"]] += 1
    major = {s: c.most_common(1)[0][0] for s, c in site_ids.items()}
    both = [r for r in data if r[4] and res[(r[2], r[3])]["id"]]
    agree = [r for r in both if res[(r[2], r[3])]["id"] == major[r[4]]]
    print(f"agreement with aff_unique_norm: {len(agree)}/{len(both)} = {100 * len(agree) / max(1, len(both)):.1f}% "
          f"of authorships where both sides name an organisation")
    # site names split over several registry ids / registry ids over several site names
    dis = [r for r in both if res[(r[2], r[3])]["id"] != major[r[4]]]
    random.seed(7)
    print(f"sample of {min(a.sample, len(dis))} disagreements (site name -> its usual id | this string -> id):")
    for r in random.sample(dis, min(a.sample, len(dis))):
        o = res[(r[2], r[3])]
        print(f"  [{r[0]}{r[1]}] site '{r[4]}' -> {major[r[4]]} | '{r[2][:70]}' ({r[3]}) -> {o['id']} by {o['method']}")


if __name__ == "__main__":
    main()
