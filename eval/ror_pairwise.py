#!/usr/bin/env python3
"""Pairwise precision and recall of "same organisation" on the ROR
affiliation-matching sets (../shared/data/ror/ror-api): real affiliation
strings with the ROR ids a curator assigned.

Each string goes through `scout resolve-org --stdin`; its predicted label is
the registry id of the primary organisation, or the cluster key scout would
form for an unresolved string; with the organisations the string also names
("others": "Univ Rennes, ENSCR, CNRS" names three) it has a set of labels, as
the truth has a set of ROR ids. Two strings are "predicted same" when their
label sets intersect and "truly same" when their ROR id sets intersect.
--primary-only keeps the primary label alone (the measure before stop 8).

usage: eval/ror_pairwise.py [--scout ./scout] [--registry data/orgs.tsv] [--dump N] [--primary-only] [DATASET.json ...]

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


def group_pairs(sets):
    """Unordered pairs (i, j), i < j, whose sets share an element."""
    by = collections.defaultdict(list)
    for i, labels in enumerate(sets):
        for x in labels:
            by[x].append(i)
    pairs = set()
    for members in by.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                pairs.add((members[a], members[b]))
    return pairs


def evaluate(rows, predicted):
    """predicted: one tuple of labels per row (primary first). Truth: pairs
    sharing a ROR id; predicted: pairs sharing a label."""
    truth = group_pairs([ids for _, ids in rows])
    pred = group_pairs(predicted)
    both = len(truth & pred)
    precision = both / len(pred) if pred else 1.0
    recall = both / len(truth) if truth else 1.0
    return precision, recall, len(pred), len(truth), len(rows)


def dump(rows, pred, n):
    by_pred = collections.defaultdict(list)
    by_ror = collections.defaultdict(list)
    for i, labels in enumerate(pred):
        for p in labels:
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
        missed = sum(1 for x in range(len(m)) for y in range(x + 1, len(m)) if not set(pred[m[x]]) & set(pred[m[y]]))
        if missed:
            splits.append((missed, r, m))
    splits.sort(key=lambda t: (-t[0], t[1]))
    print(f"  worst false splits (missed pairs, ROR id, strings with their predicted labels):")
    for missed, r, m in splits[:n]:
        print(f"  {missed:5}  {r}")
        for i in m[:8]:
            print(f"           {'+'.join(pred[i])[:50]:50}  {rows[i][0][:90]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scout", default=os.path.join(HERE, "..", "scout"))
    ap.add_argument("--registry", default=os.path.join(HERE, "..", "data", "orgs.tsv"))
    ap.add_argument("--dump", type=int, default=0, help="print the N worst false merges and splits per set")
    ap.add_argument("--primary-only", action="store_true", help="compare primary organisations only, not the others a string names")
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
                labels = ["org:" + o["id"]]
                if not a.primary_only:
                    labels += ["org:" + x["id"] for x in o.get("others", [])]
                pred.append(tuple(labels))
            else:
                pred.append(("cluster:" + o["cluster_key"],))
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
