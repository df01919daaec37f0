# One string in several tables (a name, an affiliation, a status, a domain)
# and again in the same file: each table keeps its own copy and each place
# reads back the string it had: a round trip through the readers' per-file
# de-duplication (src/build.c, keep), its headers and the merge.
. "$(dirname "$0")/lib.inc"
mkdir -p tables; cp "$FIXTURES/paperlists/tables2021.json" tables/
$SCOUT -C t ingest tables 2>/dev/null || fail "ingest tables"
$SCOUT -C t papers --json > t.jsonl || fail "papers tables"
python3 - t.jsonl <<'PY' || fail "strings shared by tables read back wrong"
import json, sys
got = [json.loads(l) for l in open(sys.argv[1])]
want = {
    "t1": ("Oral", "Oral", [("Oral", "Oral", "oral.edu"), ("Google", "Google", "google.com"), ("Oral Exam", "Oral", "oral.edu")]),
    "t2": ("Google", "Poster", [("Google", "Oral", "google.com"), ("Oral", "Google", "oral.edu")]),
    "t3": ("Oral Exam", "Oral", [("Oral Exam", "Poster", "main"), ("Poster", "Oral Exam", "oral")]),
}
assert len(got) == 3, got
for p in got:
    t, st, au = want[p["source_id"]]
    assert p["title"] == t and p["status"] == st, p
    assert [(a["name"], a["affiliation"], a["email_domain"]) for a in p["authors"]] == au, p
PY
echo ok
