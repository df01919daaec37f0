#!/usr/bin/env python3
"""Move precision and recall against the demo world's ground truth.

usage: eval/moves_pr.py [--scout ./scout] [--people N] [--seed S] [--dir D]
                        [--min-confidence C] [--show-errors N]

Generates the demo world (unless --dir holds one), builds it, and compares
`scout moves --json` with truth/moves.jsonl:

- each found person is the true person most of their authorships belong to
  (truth/authorships.tsv, joined on paper id and position);
- each scout organisation is the true organisation most of its authorships
  are credited to in the truth;
- a found move is right when that true person has a true move between those
  two organisations not matched yet (the nearest year wins);
- also: the share of matched moves whose year is within +-1 of the truth,
  the found moves that are really an internship (the true person interned at
  one side that year) or a dual affiliation (the true person held the other
  side as a second affiliation), and the true first jobs after a PhD found
  and flagged.
"""
import argparse
import collections
import json
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scout", default=os.path.join(HERE, "..", "scout"))
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", default=None)
    ap.add_argument("--min-confidence", type=float, default=0.0)
    ap.add_argument("--show-errors", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    a = ap.parse_args()
    d = a.dir or "/tmp/scout-moves-%d-%d" % (a.people, a.seed)
    if not os.path.exists(os.path.join(d, "truth", "moves.jsonl")):
        run([a.scout, "demo", "--people", str(a.people), "--seed", str(a.seed), "--out", d])
    ws = os.path.join(d, "workspace")
    snap = os.path.join(ws, "world.snap")
    # rebuild when the world is older than the binary (a stale world would be
    # scored silently)
    if not os.path.exists(snap) or os.path.getmtime(snap) < os.path.getmtime(a.scout):
        if os.path.exists(snap):
            shutil.rmtree(ws)
        run([a.scout, "-C", ws, "ingest", os.path.join(d, "sources")])

    # authorship -> (found person, scout org)
    found = {}
    for line in run([a.scout, "-C", ws, "papers", "--json"]).splitlines():
        p = json.loads(line)
        for au in p["authors"]:
            found[(p["source_id"], au["position"])] = (au["person"], au.get("org") or "")
    person_votes = collections.defaultdict(collections.Counter)
    org_votes = collections.defaultdict(collections.Counter)
    with open(os.path.join(d, "truth", "authorships.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            k = (c[0], int(c[1]))
            if k not in found:
                continue
            fp, fo = found[k]
            person_votes[fp][c[2]] += 1
            if fo and c[5] == "0":
                org_votes[fo][c[3]] += 1
                if c[6] == "1":
                    pass
    person_of = {p: v.most_common(1)[0][0] for p, v in person_votes.items()}
    org_of = {o: v.most_common(1)[0][0] for o, v in org_votes.items()}

    truth = collections.defaultdict(list)  # (person, from, to) -> [move]
    n_true = 0
    first_jobs = 0
    for line in open(os.path.join(d, "truth", "moves.jsonl"), encoding="utf-8"):
        m = json.loads(line)
        truth[(m["person_id"], m["from_org"], m["to_org"])].append(m)
        n_true += 1
        first_jobs += m["first_job_after_phd"]
    interns = collections.defaultdict(set)  # person -> {(org, year)}
    duals = collections.defaultdict(set)  # person -> {second org}
    for line in open(os.path.join(d, "truth", "people.jsonl"), encoding="utf-8"):
        p = json.loads(line)
        for i in p["internships"]:
            interns[p["person_id"]].add((i["org"], i["year"]))
        for x in p["dual"]:
            duals[p["person_id"]].add(x["with"])

    cmd = [a.scout, "-C", ws, "moves", "--json"]
    if a.min_confidence:
        cmd += ["--min-confidence", str(a.min_confidence)]
    moves = [json.loads(l) for l in run(cmd).splitlines()]
    used = set()
    ok = within1 = intern_fp = dual_fp = fj_found = fj_flagged = 0
    errors = []
    by_conf = collections.defaultdict(lambda: [0, 0])
    by_shared = collections.defaultdict(lambda: [0, 0])
    gaps = collections.Counter()
    for m in moves:
        tp = person_of.get(m["person_key"])
        fo, to = org_of.get(m["from_id"]), org_of.get(m["to_id"])
        cands = [t for t in truth.get((tp, fo, to), []) if id(t) not in used]
        bucket = min(9, int(m["confidence"] * 10))
        by_conf[bucket][1] += 1
        sh = "shared co-author" if m.get("shared_coauthors") else "none shared"
        by_shared[sh][1] += 1
        if cands:
            t = min(cands, key=lambda t: abs(t["year"] - m["year"]))
            used.add(id(t))
            ok += 1
            by_conf[bucket][0] += 1
            by_shared[sh][0] += 1
            within1 += abs(t["year"] - m["year"]) <= 1
            gaps[(m["first_new_year"] - m["last_old_year"], m["first_new_year"] - t["year"])] += 1
            if t["first_job_after_phd"]:
                fj_found += 1
                fj_flagged += m["first_job"]
            continue
        why = "other"
        if any((o, y) in interns.get(tp, ()) for o in (fo, to)
               for y in range(m["last_old_year"] - 1, m["first_new_year"] + 2)):
            intern_fp += 1
            why = "internship"
        elif fo in duals.get(tp, ()) or to in duals.get(tp, ()):  # the second organisation
            dual_fp += 1
            why = "dual"
        errors.append((why, m, tp, fo, to))
    P = ok / len(moves) if moves else 0.0
    R = ok / n_true if n_true else 0.0
    res = {
        "people": a.people, "true_moves": n_true, "found_moves": len(moves), "right": ok,
        "precision": round(P, 4), "recall": round(R, 4),
        "year_within_1": round(within1 / ok, 4) if ok else 0.0,
        "internships_called_moves": intern_fp, "dual_called_moves": dual_fp,
        "first_jobs_true": first_jobs, "first_jobs_found": fj_found, "first_jobs_flagged": fj_flagged,
        "precision_by_confidence": {"%.1f-%.1f" % (b / 10, (b + 1) / 10): round(v[0] / v[1], 3)
                                    for b, v in sorted(by_conf.items()) if v[1]},
        "precision_by_shared_coauthors": {k: [round(v[0] / v[1], 3), v[1]] for k, v in sorted(by_shared.items())},
    }
    if a.json:
        print(json.dumps(res))
    else:
        for k, v in res.items():
            print("%-26s %s" % (k, v))
    if a.show_errors:
        print("(first_new - last_old, first_new - true year): matched moves", sorted(gaps.items()))
    for why, m, tp, fo, to in errors[: a.show_errors]:
        print("WRONG(%s) %s %s: %s -> %s %d (truth person %s, orgs %s -> %s; true moves %s)" % (
            why, m["person_key"], m["person"], m["from_org"], m["to_org"], m["year"], tp, fo, to,
            [(t["from_org"], t["to_org"], t["year"]) for k, v in truth.items() if k[0] == tp for t in v]))


if __name__ == "__main__":
    main()
