# DBLP XML (with its DTD's entities, with and without a DOCTYPE line) and
# OpenAlex works (JSON Lines and API result pages) read with the right counts.
. "$(dirname "$0")/lib.inc"
need_shared dblp
need_shared openalex
D=$SCOUT_SHARED_DATA/dblp
# counts: grep for record start tags (see tests/unit/test_dblp.c): 1,288 records in
# each xcurator file, 23 in the excerpt of which 8 are <www key="homepages/…">
$SCOUT -C ws ingest $D 2> err.txt || fail "dblp ingest: $(cat err.txt)"
grep -q "1 skipped" err.txt || fail "the DTD is skipped as a non-source: $(cat err.txt)"
$SCOUT -C ws stats --json > s.json
expect_eq "dblp papers" "$(json_get s.json papers)" $((1288 + 1288 + 15))
expect_eq "dblp persons" "$(json_get s.json persons)" 8
expect_eq "dblp rejects" "$(json_get s.json rejects)" 0
# entities decoded (the file is ISO-8859-1 with &uuml; style entities)
$SCOUT -C ws papers --json | python3 -c '
import json,sys
names={a["name"] for l in sys.stdin for a in json.loads(l)["authors"]}
assert any(not n.isascii() for n in names), "no decoded non-ASCII names"
assert not any("&" in n and ";" in n for n in names), "undecoded entity"
' || fail "entities"
# a file without DOCTYPE reads the same as the one with it
$SCOUT -C a ingest $D/xcurator-dblp-sample.xml 2>/dev/null || fail "no-doctype file"
$SCOUT -C b ingest $D/xcurator-dblp-sample.with-doctype.xml 2>/dev/null || fail "doctype file"
$SCOUT -C a papers --json | sed 's/"id":[0-9]*,//' > a.txt
$SCOUT -C b papers --json | sed 's/"id":[0-9]*,//' > b.txt
cmp a.txt b.txt || fail "DOCTYPE or not: different papers"
# a missing DTD is an error naming it, and nothing is added
mkdir nodtd; cp $D/xcurator-dblp-sample.xml nodtd/
$SCOUT -C c ingest nodtd/xcurator-dblp-sample.xml 2> e.txt; expect_eq "missing DTD exit" $? 2
grep -q "dblp.dtd" e.txt || fail "missing DTD message: $(cat e.txt)"
[ ! -f c/world.snap ] || fail "a failed ingest wrote a snapshot"
$SCOUT -C c ingest --dtd $D/dblp.dtd nodtd/xcurator-dblp-sample.xml 2>/dev/null || fail "--dtd"
# an undefined entity is a reject at its line; the records after it are read
if [ -f "$FIXTURES/dblp/bad-entity.xml" ]; then
  $SCOUT -C e ingest "$FIXTURES/dblp/bad-entity.xml" 2> e2.txt || fail "bad entity: $(cat e2.txt)"
  grep -q "bad-entity.xml:[0-9]*:[0-9]*:" e2.txt || fail "bad entity reject position: $(cat e2.txt)"
fi

O=$SCOUT_SHARED_DATA/openalex/openalexPro
$SCOUT -C oa ingest $O 2> oa.txt || fail "openalex ingest: $(cat oa.txt)"
$SCOUT -C oa stats --json > o.json
# 2 (jq jsonl) + 175 (json pages) + 175 (jsonl chunks) + 200 (history) + 2 (keypaper)
expect_eq "openalex papers" "$(json_get o.json papers)" 554
expect_eq "openalex rejects" "$(json_get o.json rejects)" 0
$SCOUT -C oa papers --json | python3 -c '
import json,sys
ps=[json.loads(l) for l in sys.stdin]
assert sum(len(p["authors"]) for p in ps) > 554
assert all(p["year"] > 1900 for p in ps)
' || fail "openalex content"
# a single work file reads; an author record is not a work
$SCOUT -C w1 ingest $SCOUT_SHARED_DATA/openalex/b-vitamins/W2741809807.json 2>/dev/null || fail "single work"
$SCOUT -C w2 ingest $SCOUT_SHARED_DATA/openalex/b-vitamins/A5023888391.json 2> ea.txt; expect_eq "author file exit" $? 2
echo ok
