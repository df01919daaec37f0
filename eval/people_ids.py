#!/usr/bin/env python3
"""People resolution on the real corpus, scored against the authors' own
identifiers: the OpenReview profile ids ("~Wei_Wang1") that paper lists from
OpenReview carry per author, and ORCID ids.

scout normally uses these ids as hard evidence. Here it is built with
-DPERSON_NO_EXT (build/noext/scout, made by this script), which resolves
people without them; the ids then serve as the truth. Scored over the
authorships that carry an id: B-cubed precision and recall, and the same for
the authorships of names that more than one id uses (homonyms: "Wei Wang"
with ~Wei_Wang1 and ~Wei_Wang7).

The ids are recent (OpenReview venues, mostly 2018 on) and self-asserted, so
this is a sample of the corpus, not all of it; an author who merged two
profiles or keeps two is counted as two people.

usage: eval/people_ids.py [--corpus DIR] [--ws DIR] [--json]
"""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
sys.path.insert(0, HERE)
from people_bcubed import bcubed  # noqa: E402


def fold(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]+", " ", s).split()


def id_fits(oid, name):
    """Does an OpenReview id ("~Andy_Zeng3") fit the author's name? Some
    lists give ids out of step with the names (the id of the next author);
    such ids are no truth."""
    stem = fold(re.sub(r"\d+$", "", oid[1:]).replace("_", " "))
    toks = fold(name)
    return bool(stem) and bool(toks) and stem[-1] in toks


def raw_ids(corpus, check_names=True):
    """(venue, year, title, position) -> id, from the paper lists."""
    out = {}
    for f in sorted(glob.glob(os.path.join(corpus, "*", "*.json"))):
        venue = os.path.basename(os.path.dirname(f))
        m = re.search(r"(\d{4})", os.path.basename(f))
        if not m:
            continue
        year = int(m.group(1))
        for r in json.load(open(f, encoding="utf-8")):
            title = (r.get("title") or "").strip()
            prof = r.get("or_profile") or r.get("authorids") or ""
            orcid = r.get("orcid") or ""
            ids = prof.split(";")
            oids = orcid.split(";")
            authors = (r.get("author") or "").split(";")
            for i in range(len(authors)):
                v = ids[i].strip() if i < len(ids) else ""
                o = oids[i].strip() if i < len(oids) else ""
                if v.startswith("~") and check_names and not id_fits(v, authors[i]):
                    continue
                if v.startswith("~"):
                    out[(venue, year, title, i + 1)] = "or:" + v
                elif o:
                    out[(venue, year, title, i + 1)] = "orcid:" + o
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "build", "bench", "corpus"),
                    help="the uncompressed paper lists (make bench prepares them)")
    ap.add_argument("--ws", default="/tmp/scout-people-ids")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--dump", type=int, default=0, help="print the N predicted people holding the most "
                    "authorships of other ids (false merges), and the N ids split over the most people")
    ap.add_argument("--all-ids", action="store_true", help="keep OpenReview ids that do not fit the "
                    "author's name (by default dropped: lists out of step)")
    ap.add_argument("--cflags", default="", help="more compiler flags for the variant (e.g. -DPW_GAP=0.5: "
                    "parameters in src/resolve/person_int.h)")
    a = ap.parse_args()
    tag = "noext" + re.sub(r"[^A-Za-z0-9.]+", "_", a.cflags)
    subprocess.run(["make", "-s", "-C", ROOT, "-j2", f"BUILD=build/{tag}", f"CFLAGS=-DPERSON_NO_EXT {a.cflags}",
                    f"build/{tag}/scout"], check=True, stdout=subprocess.DEVNULL)
    scout = os.path.join(ROOT, "build", tag, "scout")
    if a.ws == "/tmp/scout-people-ids":
        a.ws += "-" + tag
    snap = os.path.join(a.ws, "world.snap")
    if not os.path.exists(snap) or os.path.getmtime(snap) < os.path.getmtime(scout):
        subprocess.run(["rm", "-rf", a.ws], check=True)
        subprocess.run([scout, "-C", a.ws, "ingest", a.corpus], check=True, capture_output=True)
    truth = raw_ids(a.corpus, not a.all_ids)
    pred, true, name = {}, {}, {}
    out = subprocess.run([scout, "-C", a.ws, "papers", "--json"], check=True, capture_output=True,
                         text=True).stdout
    for line in out.split("\n"):  # not splitlines(): U+2028 may stand in a title
        if not line:
            continue
        p = json.loads(line)
        for au in p["authors"]:
            k = (p["venue"], p["year"], p["title"].strip(), au["position"])
            if k in truth and k not in pred:
                pred[k] = au["person"]
                true[k] = truth[k]
                name[k] = au["name"].casefold()
    P, R = bcubed(pred, true)
    ids_of = collections.defaultdict(set)
    for k in true:
        ids_of[name[k]].add(true[k])
    hom = [k for k in true if len(ids_of[name[k]]) > 1]
    hP, hR = bcubed({k: pred[k] for k in hom}, {k: true[k] for k in hom}) if hom else (1, 1)
    res = {"authorships_with_ids": len(truth), "matched": len(pred), "ids": len(set(true.values())),
           "persons": len(set(pred.values())), "precision": round(P, 4), "recall": round(R, 4),
           "homonym_authorships": len(hom), "homonym_precision": round(hP, 4),
           "homonym_recall": round(hR, 4)}
    if a.dump:
        by_pred = collections.defaultdict(list)
        by_true = collections.defaultdict(list)
        for k in pred:
            by_pred[pred[k]].append(k)
            by_true[true[k]].append(k)
        merges = []
        for p, ks in by_pred.items():
            c = collections.Counter(true[k] for k in ks)
            if len(c) > 1:
                merges.append((len(ks) - c.most_common(1)[0][1], p, c))
        merges.sort(key=lambda t: -t[0])
        print("false merges (authorships of other ids, person, ids with counts):")
        for wrong, p, c in merges[:a.dump]:
            print(f"  {wrong:4}  {p}  " + ", ".join(f"{i} x{n}" for i, n in c.most_common(6)))
        splits = []
        for t, ks in by_true.items():
            c = collections.Counter(pred[k] for k in ks)
            if len(c) > 1:
                splits.append((len(ks) - c.most_common(1)[0][1], t, c, sorted(set(name[k] for k in ks))))
        splits.sort(key=lambda t: -t[0])
        print("splits (authorships outside the largest part, id, parts, names):")
        for miss, t, c, nm in splits[:a.dump]:
            print(f"  {miss:4}  {t}  parts {len(c)}  names {nm[:4]}")
    if a.json:
        print(json.dumps(res))
    else:
        print(f"authorships with an id: {len(truth)}, matched to the world: {len(pred)}")
        print(f"people: ids {res['ids']}, predicted {res['persons']}")
        print(f"B-cubed precision {P:.4f} recall {R:.4f}")
        print(f"names several ids use ({len(hom)} authorships): precision {hP:.4f} recall {hR:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
