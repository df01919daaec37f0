# The real paperlists corpus (246 gzip files): every paper read, no rejects,
# the right years; queries answer from the snapshot.
. "$(dirname "$0")/lib.inc"
need_shared paperlists
$SCOUT -C ws ingest "$SCOUT_SHARED_DATA/paperlists" 2> ingest.err || fail "ingest failed: $(cat ingest.err)"
grep -q "95,652 papers" ingest.err || fail "summary: $(cat ingest.err)"
$SCOUT -C ws stats --json > stats.json || fail "stats"
expect_eq papers "$(json_get stats.json papers)" 95652
expect_eq sources "$(json_get stats.json sources)" 246
expect_eq rejects "$(json_get stats.json rejects)" 0
expect_eq first_year "$(json_get stats.json first_year)" 1987
expect_eq last_year "$(json_get stats.json last_year)" 2025
# NeurIPS 2018: as many papers as the source file holds
want=$(python3 -c 'import gzip,json,sys; print(len(json.load(gzip.open(sys.argv[1]))))' "$SCOUT_SHARED_DATA/paperlists/nips/nips2018.json.gz")
got=$($SCOUT -C ws papers --venue nips --year 2018 --json | wc -l)
expect_eq "nips 2018 papers" "$got" "$want"
# every line is JSON with the documented keys, authors aligned with affiliations
$SCOUT -C ws papers --venue nips --year 2018 --json | python3 -c '
import json,sys
for line in sys.stdin:
    p=json.loads(line)
    assert set(p)=={"id","venue","year","title","status","citations","source_id","authors"}, p.keys()
    assert p["venue"]=="nips" and p["year"]==2018
' || fail "papers --json contract"
# a known paper, its authors in order with their affiliations
$SCOUT -C ws papers --venue nips --year 2018 --author "Zhi-Hua Zhou" --json > zz.jsonl
grep -q '"title":"\$\\\\ell_1\$-regression with Heavy-tailed Distributions"' zz.jsonl || fail "known paper missing: $(head -c 300 zz.jsonl)"
grep -q '"name":"Lijun Zhang","affiliation":"National Key Laboratory for Novel Software Technology, Nanjing University, Nanjing 210023, China","email_domain":"lamda.nju.edu.cn"' zz.jsonl || fail "authorship fields"
# CSV has a header and one row per paper
rows=$($SCOUT -C ws papers --venue icml --year 2017 --csv | python3 -c 'import csv,sys; print(len(list(csv.reader(sys.stdin)))-1)')
want=$(python3 -c 'import gzip,json,sys; print(len(json.load(gzip.open(sys.argv[1]))))' "$SCOUT_SHARED_DATA/paperlists/icml/icml2017.json.gz")
expect_eq "icml 2017 csv rows" "$rows" "$want"
# re-adding the unchanged corpus changes nothing
$SCOUT -C ws add "$SCOUT_SHARED_DATA/paperlists" 2> add.err
grep -q "0 added, 0 updated, 246 unchanged" add.err || fail "re-add: $(cat add.err)"
echo ok
