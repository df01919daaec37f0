#!/usr/bin/env python3
"""Pairwise precision, recall and F1 of "same organisation" over the demo
world's distinct affiliation strings: truth from truth/authorships.tsv (the
canonical organisation of each raw string; dual strings are skipped), the
prediction from `scout resolve-org --stdin` (primary organisation id, or the
cluster key of an unresolved string).

usage: eval/demo_orgs_f1.py DEMO_DIR [--scout ./scout]
"""
import argparse
import collections
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def pairs(labels):
    return sum(c * (c - 1) // 2 for c in collections.Counter(labels).values())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("demo")
    ap.add_argument("--scout", default=os.path.join(HERE, "..", "scout"))
    a = ap.parse_args()
    truth = {}
    with open(os.path.join(a.demo, "truth", "authorships.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            raw, org, dual = c[4], c[3], c[6]
            if raw and dual == "0":
                truth.setdefault(raw, org)
    strings = sorted(truth)
    out = subprocess.run([a.scout, "-C", "/nonexistent-workspace", "resolve-org", "--stdin"],
                         input="".join(s.replace("\t", " ") + "\t\n" for s in strings),
                         capture_output=True, text=True, check=True).stdout.splitlines()
    pred = []
    for line in out:
        o = json.loads(line)
        pred.append("org:" + o["id"] if o["id"] else "cluster:" + o["cluster_key"])
    both = pairs(list(zip(pred, (truth[s] for s in strings))))
    pp, tp = pairs(pred), pairs([truth[s] for s in strings])
    P, R = both / pp if pp else 1.0, both / tp if tp else 1.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    resolved = sum(1 for p in pred if p.startswith("org:"))
    print(f"{len(strings)} distinct affiliation strings of {len(set(truth.values()))} organisations; "
          f"{resolved} resolved to the registry")
    print(f"pairwise precision {P:.4f} recall {R:.4f} F1 {F:.4f}")


if __name__ == "__main__":
    main()
