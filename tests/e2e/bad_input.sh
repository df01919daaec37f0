# Malformed records are reported FILE:LINE:COL and skipped, the rest is read;
# bad files fail with exit 2 and leave the workspace exactly as it was.
. "$(dirname "$0")/lib.inc"
P=$FIXTURES/paperlists
$SCOUT -C ws ingest $P/good2020.json $P/broken2021.json $P/wrongtype2022.json $P/truncated2023.json $P/latin2020.json 2> err.txt
expect_eq "ingest with rejects exit" $? 0
$SCOUT -C ws stats --json > s.json
expect_eq papers "$(json_get s.json papers)" 10
expect_eq rejects "$(json_get s.json rejects)" 7
grep -q "broken2021.json:3:41: expected ',' or '}'" err.txt || fail "broken record position: $(cat err.txt)"
grep -q "broken2021.json:5:37: bad escape in string" err.txt || fail "bad escape position"
grep -q "latin2020.json:1:24: invalid UTF-8 in string" err.txt || fail "encoding reject"
grep -q "wrongtype2022.json:2:3: field \"author\": expected a string" err.txt || fail "wrong type reject"
expect_eq "rejects file lines" "$(wc -l < ws/rejects.jsonl)" 7
python3 - ws/rejects.jsonl <<'PY' || fail "rejects.jsonl content"
import json,sys,base64
rows=[json.loads(l) for l in open(sys.argv[1])]
assert all({"file","line","col","error"} <= set(r) for r in rows)
lat=[r for r in rows if r["file"].endswith("latin2020.json")][0]
assert b"Latin-1 \xe9 title" in base64.b64decode(lat["record_base64"])
trunc=[r for r in rows if r["file"].endswith("truncated2023.json")][0]
assert "Cut off" in trunc["record"]
PY
$SCOUT -C ws papers --json | grep -q '"title":"Third good"' || fail "record after a broken one lost"
$SCOUT -C ws papers --json | grep -q '"name":"José García","affiliation":"ETH Zürich","email_domain":"inf.ethz.ch"' || fail "unicode escapes"

# from here on, every failure must leave manifest and snapshot untouched
m0=$(sum ws/manifest.tsv); s0=$(sum ws/world.snap)
unchanged() { expect_eq "$1: manifest" "$(sum ws/manifest.tsv)" "$m0"; expect_eq "$1: snapshot" "$(sum ws/world.snap)" "$s0"; }

gzip -c $P/good2020.json > full2024.json.gz
head -c 200 full2024.json.gz > cut2024.json.gz
gzip -c < /dev/null | head -c 0 > /dev/null
$SCOUT -C ws ingest cut2024.json.gz 2> e1.txt; expect_eq "truncated gz exit" $? 2
grep -q "cut2024.json.gz: truncated gzip archive" e1.txt || fail "truncated gz message: $(cat e1.txt)"
unchanged "truncated gz"

printf '\037\213\010\000\000\000\000\000\000\003garbage-garbage-garbage' > corrupt2024.json.gz
$SCOUT -C ws ingest corrupt2024.json.gz 2> e2.txt; expect_eq "corrupt gz exit" $? 2
grep -q "corrupt2024.json.gz" e2.txt || fail "corrupt gz names the file: $(cat e2.txt)"
unchanged "corrupt gz"

$SCOUT -C ws ingest $P/notjson2020.json 2> e3.txt; expect_eq "unknown format exit" $? 2
grep -q "notjson2020.json: unknown format" e3.txt || fail "unknown format message"
unchanged "unknown format"

$SCOUT -C ws ingest $P/empty2020.json 2> e4.txt; expect_eq "empty file exit" $? 2
grep -q "empty2020.json: empty file" e4.txt || fail "empty file message"
unchanged "empty file"

$SCOUT -C ws ingest does-not-exist.json 2> e5.txt; expect_eq "missing file exit" $? 2
grep -q "does-not-exist.json" e5.txt || fail "missing file message"
unchanged "missing file"

cp $P/broken2021.json strict2025.json
$SCOUT -C ws ingest --strict strict2025.json 2> e6.txt; expect_eq "--strict exit" $? 2
grep -q "record(s) rejected and --strict is set" e6.txt || fail "--strict message: $(cat e6.txt)"
unchanged "--strict"
$SCOUT -C strictws ingest --strict strict2025.json 2> e6b.txt; expect_eq "--strict exit (new workspace)" $? 2
grep -q "strict2025.json:3:41" e6b.txt || fail "--strict names the reject: $(cat e6b.txt)"
[ ! -f strictws/world.snap ] || fail "--strict failure wrote a snapshot"
grep -q strict2025 strictws/manifest.tsv && fail "--strict failure recorded the source"

# a huge string and many authors do not break anything
python3 -c '
import json
t="x"*5000000
json.dump([{"id":"h1","title":t,"author":";".join("Author %d"%i for i in range(3000)),"aff":";".join("Org %d"%i for i in range(3000))}], open("huge2024.json","w"))'
$SCOUT -C ws ingest huge2024.json 2> e7.txt || fail "huge: $(cat e7.txt)"
$SCOUT -C ws stats --json > s2.json
expect_eq "papers after huge" "$(json_get s2.json papers)" 11
expect_eq "authorships after huge" "$(json_get s2.json authorships)" $((12 + 3000))

# usage errors exit 1
$SCOUT -C ws papers --year banana 2>/dev/null; expect_eq "bad --year" $? 1
$SCOUT frobnicate 2>/dev/null; expect_eq "unknown command" $? 1
$SCOUT -C nowhere stats 2> e8.txt; expect_eq "no snapshot" $? 2
grep -q "no world snapshot yet" e8.txt || fail "no snapshot message"
echo ok
