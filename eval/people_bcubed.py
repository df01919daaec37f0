#!/usr/bin/env python3
"""B-cubed precision and recall of person resolution against the demo world's
ground truth, and how homonyms and name variants fared.

usage: eval/people_bcubed.py [--scout ./scout] [--people N] [--seed S] [--dir DIR]
Generates the demo world (unless --dir holds one), builds it, exports every
authorship's person key (`scout papers --json`) and compares with
truth/authorships.tsv (paper id, position, person_id).
"""
import argparse
import collections
import json
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def bcubed(pred, true):
    """pred, true: dict item -> cluster label. Returns (precision, recall)."""
    pc, tc = collections.defaultdict(set), collections.defaultdict(set)
    for i, p in pred.items():
        pc[p].add(i)
    for i, t in true.items():
        tc[t].add(i)
    P = R = 0.0
    for i in pred:
        a, b = pc[pred[i]], tc[true[i]]
        inter = len(a & b)
        P += inter / len(a)
        R += inter / len(b)
    return P / len(pred), R / len(pred)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scout", default=os.path.join(HERE, "..", "scout"))
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", default=None, help="default /tmp/scout-bcubed-PEOPLE-SEED (a world is reused "
                    "only for the same size and seed)")
    a = ap.parse_args()
    d = a.dir or "/tmp/scout-bcubed-%d-%d" % (a.people, a.seed)
    if not os.path.exists(os.path.join(d, "truth", "authorships.tsv")):
        subprocess.run([a.scout, "demo", "--people", str(a.people), "--seed", str(a.seed), "--out", d],
                       check=True, capture_output=True)
    ws = os.path.join(d, "workspace")
    snap = os.path.join(ws, "world.snap")
    # rebuild when the world is older than the binary (a stale world would be
    # scored silently)
    if not os.path.exists(snap) or os.path.getmtime(snap) < os.path.getmtime(a.scout):
        if os.path.exists(snap):
            shutil.rmtree(ws)
        subprocess.run([a.scout, "-C", ws, "ingest", os.path.join(d, "sources")], check=True, capture_output=True)
    out = subprocess.run([a.scout, "-C", ws, "papers", "--json"], check=True, capture_output=True,
                         text=True).stdout
    pred = {}
    for line in out.splitlines():
        p = json.loads(line)
        for au in p["authors"]:
            pred[(p["source_id"], au["position"])] = au["person"]
    true = {}
    names = {}
    with open(os.path.join(d, "truth", "authorships.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            true[(c[0], int(c[1]))] = c[2]
    common = {k: pred[k] for k in pred if k in true}
    t = {k: true[k] for k in common}
    P, R = bcubed(common, t)
    print(f"authorships compared: {len(common)} (predicted {len(pred)}, truth {len(true)})")
    print(f"people: predicted {len(set(common.values()))}, true {len(set(t.values()))}")
    print(f"B-cubed precision {P:.4f} recall {R:.4f} (targets 0.97 / 0.97)")
    # homonyms: true people sharing an exact name with another true person
    people = {}
    with open(os.path.join(d, "truth", "people.jsonl"), encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)
            people[q["person_id"]] = q
    homo = {pid for pid, q in people.items() if q.get("homonym_of")}
    hk = {k for k in common if t[k] in homo}
    if hk:
        Ph, Rh = bcubed({k: common[k] for k in hk}, {k: t[k] for k in hk})
        print(f"homonyms ({len(homo)} people, {len(hk)} authorships): precision {Ph:.4f} recall {Rh:.4f}")
    var = {pid for pid, q in people.items() if len(q.get("variants", [])) > 1}
    vk = {k for k in common if t[k] in var}
    if vk:
        Pv, Rv = bcubed({k: common[k] for k in vk}, {k: t[k] for k in vk})
        print(f"name variants ({len(var)} people, {len(vk)} authorships): precision {Pv:.4f} recall {Rv:.4f}")


if __name__ == "__main__":
    main()
