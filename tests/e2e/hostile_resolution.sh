# Resolution on hostile strings: one-character names, empty, huge and
# binary-looking affiliations. No crash; they stay unresolved or cluster, and
# stats counts them.
. "$(dirname "$0")/lib.inc"
python3 - <<'PY'
import json
big = "Department of " + "Very " * 200000 + "Long Studies"
recs = [
    {"id": "h1", "title": "One-letter names", "author": "X; Y; Q. Z", "aff": "A;\u0001\u0002\u0003;" + big,
     "aff_domain": "x.invalid;;gmail.com"},
    {"id": "h2", "title": "Odd affiliations", "author": "Ann Example; Bob Example",
     "aff": "\ufffd\ufffd\ufffd; ,,,;;", "aff_domain": "@@@;."},
    {"id": "h3", "title": "A real one", "author": "Carl Example", "aff": "Stanford University", "aff_domain": ""},
]
json.dump(recs, open("hostile2024.json", "w"))
PY
$SCOUT -C ws ingest hostile2024.json 2> err.txt || fail "ingest: $(cat err.txt)"
$SCOUT -C ws stats --json > s.json
expect_eq papers "$(json_get s.json papers)" 3
expect_eq authorships "$(json_get s.json authorships)" 6
expect_eq resolved "$(json_get s.json authorships_resolved)" 1
[ "$(json_get s.json people)" -ge 5 ] || fail "people: $(cat s.json)"
$SCOUT -C ws person X > p.txt || fail "person X"
grep -q "^X " p.txt || fail "one-letter person: $(cat p.txt)"
$SCOUT -C ws orgs --unresolved --json > u.jsonl || fail "orgs --unresolved"
$SCOUT -C ws resolve-org --json "$(printf '\001\002')" | grep -q '"id":null' || fail "binary string resolved"
$SCOUT -C ws person "Nobody Atall" 2> e.txt; expect_eq "unknown person exit" $? 2
grep -q "nobody named" e.txt || fail "unknown person message"
echo ok
