# Careers on the demo world: moves against the ground truth (precision and
# recall thresholds), the JSON/CSV contracts of moves, flows, org, conference
# and person, and the errors for unknown names.
. "$(dirname "$0")/lib.inc"
ROOT="$FIXTURES/../.."
$SCOUT demo --people 1000 --seed 3 --out d > out.txt 2> err.txt || fail "demo: $(cat err.txt)"
W="-C d/workspace"

# quality against the truth (the figures in docs/quality.md are at 2,000 and
# 20,000 people; a smaller world is noisier, so the bar here is lower)
python3 "$ROOT/eval/moves_pr.py" --scout "$SCOUT" --dir d --json > pr.json || fail "moves_pr"
python3 - pr.json <<'PY' || fail "move quality: $(cat pr.json)"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["true_moves"] > 300, r
assert r["precision"] >= 0.90, r
assert r["recall"] >= 0.90, r
assert r["year_within_1"] >= 0.90, r
assert r["dual_called_moves"] <= 2, r
PY

# moves --json: the documented keys, evidence on both sides, filters hold
$SCOUT $W moves --json > m.jsonl || fail "moves --json"
$SCOUT $W moves --json --from "Stanford University" --since 2015 --kind a2i > ms.jsonl || fail "moves --from"
python3 - m.jsonl ms.jsonl <<'PY' || fail "moves contract"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
keys = {"person_key", "person", "from_id", "from_org", "to_id", "to_org", "year", "last_old_year",
        "first_new_year", "confidence", "kind", "first_job", "shared_coauthors", "evidence"}
assert rows
years = [r["year"] for r in rows]
assert years == sorted(years), "not in year order"
for r in rows:
    assert keys <= set(r), r
    assert r["from_id"] != r["to_id"]
    assert r["last_old_year"] < r["year"] <= r["first_new_year"], r
    assert 0 < r["confidence"] < 1
    sides = {e["side"] for e in r["evidence"]}
    assert sides == {"from", "to"}, r
    for e in r["evidence"]:
        assert {"venue", "year", "title", "affiliation"} <= set(e)
assert all(isinstance(r["shared_coauthors"], int) and r["shared_coauthors"] >= 0 for r in rows)
assert any(r["shared_coauthors"] > 0 for r in rows), "no move keeps a co-author"
sub = [json.loads(l) for l in open(sys.argv[2])]
assert sub, "no Stanford -> industry moves since 2015 in the demo"
for r in sub:
    assert r["from_org"] == "Stanford University" and r["year"] >= 2015 and r["kind"] == "academia->industry", r
assert len(sub) == sum(1 for r in rows if r["from_org"] == "Stanford University" and r["year"] >= 2015
                       and r["kind"] == "academia->industry")
PY
$SCOUT $W moves --csv --limit 5 > m.csv || fail "moves --csv"
expect_eq "csv header" "$(head -1 m.csv)" "year,person_key,person,from_id,from_org,to_id,to_org,confidence,kind,first_job,last_old_year,first_new_year"
expect_eq "csv rows" "$(wc -l < m.csv | tr -d ' ')" 6

# a person's moves are theirs
key=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["person_key"])' m.jsonl)
$SCOUT $W moves --person "$key" --json > mp.jsonl || fail "moves --person KEY"
python3 -c '
import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
assert rows and all(r["person_key"]==sys.argv[2] for r in rows)' mp.jsonl "$key" || fail "moves --person"
$SCOUT $W person --json "$key" > pj.json || fail "person --json"
python3 - pj.json mp.jsonl <<'PY' || fail "person stints/moves"
import json, sys
p = json.loads(open(sys.argv[1]).readline())
mv = [json.loads(l) for l in open(sys.argv[2])]
assert len(p["moves"]) == len(mv), (len(p["moves"]), len(mv))
assert len(p["stints"]) == len(mv) + 1
for a, b in zip(p["stints"], p["stints"][1:]):
    assert a["org_id"] != b["org_id"] and a["last_year"] <= b["first_year"], (a, b)
PY
# --csv is the stints table
$SCOUT $W person --csv "$key" > pj.csv || fail "person --csv"
python3 - pj.json pj.csv <<'PY' || fail "person --csv differs from --json: $(cat pj.csv)"
import csv, json, sys
p = json.loads(open(sys.argv[1]).readline())
c = list(csv.DictReader(open(sys.argv[2], newline="")))
assert len(c) == len(p["stints"]) > 0, (len(c), p["stints"])
for s, r in zip(p["stints"], c):
    assert r["person_key"] == p["key"] and r["person"] == p["name"], r
    assert (r["org_id"], r["org"]) == (s["org_id"], s["org"]), (r, s)
    assert (int(r["first_year"]), int(r["last_year"]), int(r["papers"])) == (s["first_year"], s["last_year"], s["papers"])
PY
$SCOUT $W person --csv --papers "$key" > /dev/null 2>&1; expect_eq "person --csv --papers exit" $? 1

# flows: counts add up to the moves
$SCOUT $W flows --json --top 0 > f.jsonl || fail "flows"
python3 - f.jsonl m.jsonl <<'PY' || fail "flows sum"
import json, sys
f = [json.loads(l) for l in open(sys.argv[1])]
n = sum(1 for _ in open(sys.argv[2]))
assert sum(r["moves"] for r in f) == n, (sum(r["moves"] for r in f), n)
assert [r["moves"] for r in f] == sorted((r["moves"] for r in f), reverse=True)
PY
$SCOUT $W flows --from-type academia --to-type industry --json --top 0 > fa.jsonl || fail "flows --from-type"
python3 -c '
import json,sys
f=[json.loads(l) for l in open(sys.argv[1])]
m=[json.loads(l) for l in open(sys.argv[2])]
assert sum(r["moves"] for r in f)==sum(1 for r in m if r["kind"]=="academia->industry")' fa.jsonl m.jsonl || fail "flows by type"

# org: an alias works, hires and departures match the moves
$SCOUT $W org --json "Google Brain" > o.json || fail "org by alias"
python3 - o.json m.jsonl <<'PY' || fail "org view"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["name"] == "Google", o["name"]
m = [json.loads(l) for l in open(sys.argv[2])]
hires = sum(1 for r in m if r["to_id"] == o["id"])
deps = sum(1 for r in m if r["from_id"] == o["id"])
assert sum(y["hires"] for y in o["years"]) == hires
assert sum(y["departures"] for y in o["years"]) == deps
assert all(y["net"] == y["hires"] - y["departures"] for y in o["years"])
assert max(y["active"] for y in o["years"]) > 0
PY
# --csv is the same yearly table
$SCOUT $W org --csv "Google Brain" > o.csv || fail "org --csv"
python3 - o.json o.csv <<'PY' || fail "org --csv differs from --json: $(cat o.csv)"
import csv, json, sys
o = json.load(open(sys.argv[1]))
c = list(csv.DictReader(open(sys.argv[2], newline="")))
assert len(c) == len(o["years"]) > 0, (len(c), len(o["years"]))
for y, r in zip(o["years"], c):
    assert r["org_id"] == o["id"], r
    for k in ("year", "active", "hires", "departures", "net"):
        assert int(r[k]) == y[k], (k, r, y)
    assert abs(float(r["attrition"]) - y["attrition"]) < 1e-9, (r, y)
PY
$SCOUT $W org "Stanfrd Univrsity" > o.txt 2> oe.txt; expect_eq "org unknown exit" $? 2
grep -q "did you mean" oe.txt || fail "no suggestion: $(cat oe.txt)"
grep -q "Stanford University" oe.txt || fail "suggestion: $(cat oe.txt)"

# conference: fractional counts add up to the papers
venue=$(python3 -c '
import json,sys
r=json.loads(open(sys.argv[1]).readline()); print(r["evidence"][0]["venue"], r["evidence"][0]["year"])' m.jsonl)
$SCOUT $W conference --json --top 0 $venue > c.json || fail "conference $venue"
python3 - c.json <<'PY' || fail "conference sums"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["papers"] > 0
for t in ("orgs", "countries"):
    s = sum(r["fractional"] for r in c[t])
    assert abs(s - c["papers"]) < 0.01 * c["papers"] + 0.01, (t, s, c["papers"])
    assert all(r["papers"] <= c["papers"] for r in c[t])
PY
$SCOUT $W conference nosuchvenue 2018 2> ce.txt; expect_eq "conference unknown exit" $? 1
grep -q "no venue 'nosuchvenue'" ce.txt || fail "conference error: $(cat ce.txt)"
$SCOUT $W moves --kind sideways 2> ke.txt; expect_eq "bad kind" $? 1
$SCOUT $W moves --person "Nobody Atall" 2> pe.txt; expect_eq "unknown person" $? 2
# a typo in a name: suggestions name the person
name=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["person"])' m.jsonl)
typo=$(python3 -c 'import sys; s=sys.argv[1]; i=len(s)-3; print(s[:i]+s[i+1]+s[i]+s[i+2:])' "$name")
$SCOUT $W person "$typo" > /dev/null 2> te.txt; expect_eq "typo exit" $? 2
grep -q "did you mean" te.txt || fail "no person suggestion for '$typo': $(cat te.txt)"
grep -qF "$name" te.txt || fail "suggestion for '$typo' lacks '$name': $(cat te.txt)"
echo ok
