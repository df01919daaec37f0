# A hyphenated surname also written with a space ("Shai Ben David") is one
# person with the hyphenated form, and `person` finds that person under
# either spelling (docs/resolution-people.md, step 4b).
. "$(dirname "$0")/lib.inc"
$SCOUT -C ws ingest "$FIXTURES/paperlists/variants2019.json" > /dev/null 2> err.txt || fail "ingest: $(cat err.txt)"
$SCOUT -C ws person --json "Shai Ben David" > a.jsonl 2> err.txt || fail "person 'Shai Ben David': $(cat err.txt)"
$SCOUT -C ws person --json "Shai Ben-David" > b.jsonl 2> err.txt || fail "person 'Shai Ben-David': $(cat err.txt)"
python3 - a.jsonl b.jsonl <<'PY' || fail "one person under both spellings: $(cat a.jsonl b.jsonl)"
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
assert len(a) == 1 and len(b) == 1, (len(a), len(b))
assert a[0]["key"] == b[0]["key"]
assert a[0]["papers"] == 6, a[0]["papers"]
assert set(a[0]["names"]) == {"Shai Ben-David", "Shai Ben David"}, a[0]["names"]
PY
echo ok
