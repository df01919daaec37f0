#!/usr/bin/env python3
"""Flows whose two sides look like one organisation (registry artifacts).

Runs `scout flows --json --top 0` on a workspace (or reads such a file) and
flags each flow whose two sides are probably the same employer:

  name    the two names name the same thing after normalisation: accents and
          case folded, translations of "university"/"technical"/... mapped to
          one word, "of/for/de/di/the..." dropped, legal forms dropped; then
          the key-token sets are equal (a token may differ by one edit when
          it is 6+ letters long: "Technologia"/"Tecnologia"), or one set has
          exactly one extra specific token, last or written as an acronym
          ("German Aerospace Center (DLR)", "CEA LIST" vs "CEA", "University
          of California" vs "... Berkeley"; not "Oxford Brookes University")
  domain  the two registry rows share an e-mail domain, or one's domain is a
          sub-domain of the other's (i2r.a-star.edu.sg, a-star.edu.sg)
  unit    one row is the parent of the other and the parent is not a company
          (scout's careers fold those moves, so such a flow should not exist)

A company parent (DeepMind -> Google) is a separate employer: not flagged.
The scan is a lower bound: renames (Karlsruhe -> KIT) and translations it
does not know are missed.

usage: eval/dup_flows.py [-C WORKSPACE] [--since 2010] [--until 2019]
                         [--flows FILE.jsonl] [--registry data/orgs.tsv] [--top N]
"""
import argparse
import json
import re
import os
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

MAP = {
    "universitat": "univ", "universita": "univ", "universidad": "univ", "universite": "univ",
    "universidade": "univ", "universiteit": "univ", "universitet": "univ", "university": "univ",
    "univ": "univ", "universitaet": "univ", "uni": "univ", "universities": "univ", "universites": "univ",
    "technische": "tech", "technical": "tech", "technology": "tech", "technologies": "tech",
    "tecnologia": "tech", "technologie": "tech", "tecnica": "tech", "technological": "tech",
    "technic": "tech", "politecnica": "poly", "polytechnic": "poly", "politecnico": "poly",
    "polytechnique": "poly", "institute": "inst", "institut": "inst", "istituto": "inst",
    "instituto": "inst", "centre": "center", "centro": "center", "zentrum": "center",
    "laboratory": "lab", "laboratories": "lab", "labs": "lab", "laboratoire": "lab",
    "laboratorio": "lab", "wien": "vienna", "munchen": "munich", "roma": "rome", "napoli": "naples",
    "zurich": "zurich", "sciences": "science", "scienze": "science", "national": "national",
    "nazionale": "national", "nacional": "national", "research": "research", "recherche": "research",
    "ricerca": "research", "investigacion": "research", "states": "states", "us": "usa",
    "u": "", "s": "", "usa": "usa", "united": "usa",
}
STOP = {"of", "for", "de", "di", "the", "la", "le", "del", "della", "degli", "studi", "and",
        "des", "du", "der", "fur", "at", "in", "et", "e", "y", "da", "do", "dos", "delle",
        "inc", "ltd", "llc", "co", "corp", "corporation", "company", "limited", "gmbh", "ag",
        "sa", "srl", "spa", "plc", "foundation", "fondazione", "fundacion", "a", "an", "d"}
GENERIC = {"univ", "tech", "poly", "inst", "center", "lab", "research", "science", "national",
           "college", "school", "graduate", "engineering", "applied", "advanced", "studies",
           "academy", "hospital", "medical", "state", "federal", "usa", "group", "centers",
           "department", "faculty", "international", "higher", "free", "open", "new"}


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("&", " and ").replace("'", "").replace("\u2019", "")
    return "".join(c if c.isalnum() else " " for c in s)


def keys(name):
    out = []
    for t in fold(name).split():
        t = MAP.get(t, t)
        if t and t not in STOP:
            out.append(t)
    return out


def acronyms(name):
    """Tokens written as an acronym in the original name (DLR, KIT, LASMEA)."""
    return {fold(w).strip() for w in re.findall(r"\b[A-Z][A-Z0-9]{1,6}\b", name)}


def edit1(a, b):
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 6:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] or a[i:] == b[i + 1:] or a[i + 1:] == b[i:]


def tok_in(t, s):
    return any(edit1(t, u) for u in s)


def same_name(a, b):
    ka, kb = set(keys(a)), set(keys(b))
    if not ka or not kb:
        return False
    if not (ka - GENERIC) or not (kb - GENERIC):
        return False
    shared = {t for t in ka if tok_in(t, kb)}
    extra_a = {t for t in ka if not tok_in(t, kb)}
    extra_b = {t for t in kb if not tok_in(t, ka)}
    if not (shared - GENERIC):
        return False
    if not extra_a and not extra_b:
        return True
    # one side names the other plus one specific token, trailing or written
    # as an acronym: "... (DLR)", "CEA LIST", "LASMEA-CNRS", "UC, Berkeley";
    # not "Oxford Brookes University", "City University of Hong Kong"
    if extra_a and extra_b or len(extra_a | extra_b) != 1:
        return False
    (x,) = extra_a | extra_b
    longer, lk = (a, keys(a)) if extra_a else (b, keys(b))
    if x in GENERIC:
        return False
    return lk[-1] == x or x in acronyms(longer)


def load_registry(path):
    reg = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        f += [""] * (8 - len(f))
        reg[f[0]] = {"name": f[1], "type": f[2], "parent": f[4],
                     "domains": {d.lower() for d in f[7].split("|") if d}}
    return reg


def classify(fr, to, reg, fname, tname):
    a, b = reg.get(fr), reg.get(to)
    why = []
    if a and b:
        if a["parent"] == to and b["type"] != "company" or b["parent"] == fr and a["type"] != "company":
            why.append("unit")
        elif a["parent"] == to or b["parent"] == fr:
            return []  # separate employer under a company parent (DeepMind -> Google)
        if any(x == y or x.endswith("." + y) or y.endswith("." + x)
               for x in a["domains"] for y in b["domains"]):
            why.append("domain")
    if same_name(fname, tname):
        why.append("name")
    return why


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-C", dest="ws", default="/tmp/wsR")
    ap.add_argument("--scout", default=os.path.join(HERE, "..", "scout"))
    ap.add_argument("--since", default="2010")
    ap.add_argument("--until", default="2019")
    ap.add_argument("--flows", help="a `flows --json` file instead of running scout")
    ap.add_argument("--registry", default=os.path.join(HERE, "..", "data", "orgs.tsv"))
    ap.add_argument("--top", type=int, default=40, help="also count artifacts in the N largest flows")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    if args.flows:
        lines = open(args.flows, encoding="utf-8").read().splitlines()
    else:
        out = subprocess.run([args.scout, "-C", args.ws, "flows", "--since", args.since,
                              "--until", args.until, "--top", "0", "--json"],
                             check=True, capture_output=True, text=True).stdout
        lines = out.splitlines()
    flows = [json.loads(l) for l in lines if l.strip()]
    flows.sort(key=lambda f: -f["moves"])
    reg = load_registry(args.registry)
    hits = []
    top_hits = top_moves = 0
    for rank, f in enumerate(flows, 1):
        why = classify(f["from_id"], f["to_id"], reg, f["from_org"], f["to_org"])
        if why:
            hits.append((f, why))
            if rank <= args.top:
                top_hits += 1
                top_moves += f["moves"]
    total = sum(f["moves"] for f in flows)
    moves = sum(f["moves"] for f, _ in hits)
    if not args.quiet:
        for f, why in hits:
            print("%4d  %-7s %s (%s) -> %s (%s)" % (f["moves"], ",".join(why), f["from_org"][:45],
                                                  f["from_id"][:40], f["to_org"][:45], f["to_id"][:40]))
    print("flows %d, moves %d; suspected one-organisation flows: %d (%d moves, %.1f%%); "
          "in the top %d: %d (%d moves)" % (len(flows), total, len(hits), moves,
                                           100.0 * moves / max(total, 1), args.top, top_hits, top_moves))


if __name__ == "__main__":
    sys.exit(main())
