#!/usr/bin/env python3
"""Pairwise precision and recall of "same organisation" on the ROR
affiliation-matching sets (../shared/data/ror/ror-api): real affiliation
strings with the ROR ids a curator assigned.

Each string goes through `scout resolve-org --stdin`; its predicted label is
the registry id of the primary organisation, or the cluster key scout would
form for an unresolved string. Two strings are "predicted same" when their
labels are equal and "truly same" when they share a ROR id.

usage: eval/ror_pairwise.py [--scout ./scout] [--registry data/orgs.tsv] [--dump N] [DATASET.json ...]

--dump N prints, per set, the N worst false merges (predicted groups whose
strings belong to several ROR ids, by wrong pairs) and the N worst false
splits (ROR groups spread over several predicted labels, by missed pairs).
"""
import argparse
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = [os.path.join(HERE, "..", "..", "shared", "data", "ror", "ror-api", f) for f in
           ("dataset_affiliations_crossref_2024_02_19.json", "dataset_affiliations_springer_2023_10_31.json",
            "dataset_names.json")]


def load(path):
    rows = []
    for r in json.load(open(path, encoding="utf-8")):
        ids = r.get("ror_ids") or ([r["ror-id"]] if r.get("ror-id") else [])
        text = (r.get("affiliation") or "").replace("\t", " ").replace("\n", " ")
        if ids and text:
            rows.append((text, frozenset(ids)))
    return rows


def pairs_same(labels):
    """Number of unordered pairs sharing a label."""
    return sum(c * (c - 1) // 2 for c in collections.Counter(labels).values())


def evaluate(rows, predicted):
    # truth: pairs sharing a ROR id (a string with several ids joins each group)
    truth_pairs, pred_pairs, both = 0, 0, 0
    n = len(rows)
    by_pred = collections.defaultdict(list)
    for i, p in enumerate(predicted):
        by_pred[p].append(i)
    by_ror = collections.defaultdict(list)
    for i, (_, ids) in enumerate(rows):
        for r in ids:
            by_ror[r].append(i)
    truth = set()
    for members in by_ror.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                truth.add((members[a], members[b]))
    truth_pairs = len(truth)
    for members in by_pred.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                pred_pairs += 1
                if (members[a], members[b]) in truth:
                    both += 1
    precision = both / pred_pairs if pred_pairs else 1.0
    recall = both / truth_pairs if truth_pairs else 1.0
    return precision, recall, pred_pairs, truth_pairs, n


def dump(rows, pred, n):
    by_pred = collections.defaultdict(list)
    by_ror = collections.defaultdict(list)
    for i, p in enumerate(pred):
        by_pred[p].append(i)
        for r in rows[i][1]:
            by_ror[r].append(i)

    def same(i, j):
        return bool(rows[i][1] & rows[j][1])
    merges = []
    for p, m in by_pred.items():
        wrong = sum(1 for x in range(len(m)) for y in range(x + 1, len(m)) if not same(m[x], m[y]))
        if wrong:
            merges.append((wrong, p, m))
    merges.sort(key=lambda t: (-t[0], t[1]))
    print(f"  worst false merges (wrong pairs, label, strings with their ROR ids):")
    for wrong, p, m in merges[:n]:
        print(f"  {wrong:5}  {p}")
        for i in m[:8]:
            print(f"           {'/'.join(sorted(r.rsplit('/', 1)[-1] for r in rows[i][1]))}  {rows[i][0][:110]}")
    splits = []
    for r, m in by_ror.items():
        missed = sum(1 for x in range(len(m)) for y in range(x + 1, len(m)) if pred[m[x]] != pred[m[y]])
        if missed:
            splits.append((missed, r, m))
    splits.sort(key=lambda t: (-t[0], t[1]))
    print(f"  worst false splits (missed pairs, ROR id, strings with their predicted labels):")
    for missed, r, m in splits[:n]:
        print(f"  {missed:5}  {r}")
        for i in m[:8]:
            print(f"           {pred[i][:50]:50}  {rows[i][0][:90]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scout", default=os.path.join(HERE, "..", "scout"))
    ap.add_argument("--registry", default=os.path.join(HERE, "..", "data", "orgs.tsv"))
    ap.add_argument("--dump", type=int, default=0, help="print the N worst false merges and splits per set")
    ap.add_argument("datasets", nargs="*", default=DEFAULT)
    a = ap.parse_args()
    all_rows, all_pred = [], []
    for path in a.datasets:
        rows = load(path)
        inp = "".join(t + "\t\n" for t, _ in rows)
        out = subprocess.run([a.scout, "-C", "/nonexistent-workspace", "resolve-org", "--stdin", "--registry", a.registry],
                             input=inp, capture_output=True, text=True, check=True).stdout.splitlines()
        assert len(out) == len(rows), (len(out), len(rows))
        pred = []
        resolved = 0
        for line in out:
            o = json.loads(line)
            if o["id"]:
                resolved += 1
                pred.append("org:" + o["id"])
            else:
                pred.append("cluster:" + o["cluster_key"])
        p, r, pp, tp, n = evaluate(rows, pred)
        print(f"{os.path.basename(path)}: {n} strings, {resolved} resolved to the registry "
              f"({100 * resolved / n:.1f}%), pairwise precision {p:.3f} recall {r:.3f} "
              f"(predicted-same pairs {pp}, truly-same pairs {tp})")
        if a.dump:
            dump(rows, pred, a.dump)
        all_rows += rows
        all_pred += pred
    p, r, pp, tp, n = evaluate(all_rows, all_pred)
    print(f"all: {n} strings, pairwise precision {p:.3f} recall {r:.3f} (predicted-same pairs {pp}, truly-same pairs {tp})")


if __name__ == "__main__":
    sys.exit(main())
