# Organisation resolution through the CLI with the shipped registry: the
# cases the issue names, overrides, and the world's organisations.
. "$(dirname "$0")/lib.inc"
id() { $SCOUT -C ws resolve-org --json "$@" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
expect_eq "KAIST" "$(id KAIST)" "$(id 'Korea Advanced Institute of Science and Technology')"
expect_eq "Google Brain" "$(id 'Google Brain, Mountain View')" google
expect_eq "FAIR" "$(id 'Facebook AI Research')" meta
expect_eq "Stanford by domain" "$(id --domain cs.stanford.edu '')" "$(id 'Stanford University')"
expect_eq "gmail says nothing" "$(id --domain gmail.com '')" None
expect_eq "unknown string" "$(id 'Dept. of Nothing, Universidad de Ninguna Parte')" None
# a parenthesised acronym before the name must not hide it
expect_eq "acronym in parentheses" "$(id 'Learning Algorithms and Systems Laboratory (LASA) Ecole Polytechnique Federale de Lausanne, Switzerland')" epfl
deep=$($SCOUT -C ws resolve-org --json DeepMind)
echo "$deep" | grep -q '"parent":"google"' || fail "DeepMind's parent: $deep"
dual=$($SCOUT -C ws resolve-org --json 'Stanford University and Google')
echo "$dual" | python3 -c '
import json,sys
d=json.load(sys.stdin)
assert d["id"]=="stanford-university" and [o["id"] for o in d["others"]]==["google"], d' || fail "dual: $dual"
# the shipped registry: one row per institution (a translated or older name
# is an alias, not a second row), and a row is not named by another's name
expect_eq "Würzburg spellings" "$(id 'University of Wuerzburg')" "$(id 'University of Würzburg')"
expect_eq "K.U. Leuven" "$(id 'K.U. Leuven')" ku-leuven
expect_eq "IDSIA's two names" "$(id 'Dalle Molle Institute for Artificial Intelligence')" idsia
expect_eq "a company's lab" "$(id 'Fujitsu Laboratories Ltd.')" fujitsu
expect_eq "Lille is no INRIA" "$(id 'University of Lille')" universite-de-lille
expect_eq "a local name's English form" "$(id 'Computer Science Department, University of Valencia, Valencia, Spain')" universitat-de-valencia
# stop 10: DLR under its German name, its institutes and its Robotics and
# Mechatronics Center are one row; so are a local and an English name, and
# a company under two legal forms
for s in 'German Aerospace Center (DLR)' 'Deutsches Zentrum für Luft- und Raumfahrt (DLR)' 'DLR Institute of Data Science' \
         'DLR Institute of Robotics and Mechatronics, Wessling, Germany' 'Robotics and Mechatronics Center (RMC), Wessling, Germany'; do
    expect_eq "DLR: $s" "$(id "$s")" german-aerospace-center
done
expect_eq "MPI Informatik's three names" "$(id 'Max-Planck-Institut für Informatik')" "$(id 'Max Planck Institute for Informatics')"
expect_eq "Max-Planck Institute for Computer Science" "$(id 'Max-Planck Institute for Computer Science')" mpi-inf
expect_eq "DFKI in German" "$(id 'Deutsches Forschungszentrum für Künstliche Intelligenz GmbH')" german-research-center-for-artificial-intelligence
expect_eq "LIRMM is Montpellier's (a joint unit)" "$(id 'LIRMM, CNRS, Montpellier, France')" university-of-montpellier
expect_eq "Toulon is no Aix-Marseille" "$(id 'Université de Toulon')" university-of-toulon
# PARC under Xerox's name is PARC, a company; a name several universities
# give an institute is no row of its own; an acronym mined for the wrong row
expect_eq "Xerox PARC" "$(id 'Xerox Palo Alto Research Center, Palo Alto, CA')" palo-alto-research-center
expect_eq "XeroxPARC, run together" "$(id 'XeroxPARC')" palo-alto-research-center
expect_eq "PARC is a company" "$($SCOUT -C ws resolve-org --json 'Xerox PARC' | python3 -c 'import json,sys; print(json.load(sys.stdin)["type"])')" company
expect_eq "IPVS is Stuttgart's" "$(id 'Institute of Parallel and Distributed Systems, University of Stuttgart, Stuttgart, Germany')" university-of-stuttgart
expect_eq "IPAI is SNU's" "$(id 'ECE + IPAI')" snu
expect_eq "Q-Bot is no Brain of Things" "$(id 'Q-Bot Limited, London, United Kingdom')" None
expect_eq "RobotWits is no Witwatersrand" "$(id 'RobotWits, LLC, Pittsburgh, PA')" None
expect_eq "Polytechnique Montréal" "$(id 'Polytechnique Montréal, Montréal, Canada')" ecole-polytechnique-de-montreal
expect_eq "Woven Planet is Toyota's" "$(id 'Woven Planet Holdings, Inc.')" toyota
expect_eq "Ping An" "$(id 'AI Team, Ping An Life Insurance Company of China, Ltd')" ping-an
# stop 11: a campus after a comma with the system's name abbreviated or an
# acronym in parentheses; a unit with a row of its own before its parent
expect_eq "Univ. of California, Irvine" "$(id 'Dept. of Computer Science, Univ. of California, Irvine')" uc-irvine
expect_eq "UCLA with its acronym" "$(id 'Department of Statistics, University of California, Los Angeles (UCLA), USA')" ucla
expect_eq "U of California, San Diego" "$(id 'Dept of Computer Science and Engineering, U of California, San Diego')" ucsd
expect_eq "I2R before A*STAR" "$(id 'Institute for Infocomm Research, Agency for Science, Technology and Research, Singapore')" institute-for-infocomm-research
expect_eq "I2R (I2R), A*STAR" "$(id 'Institute for Infocomm Research (I2R), A*STAR, Singapore')" institute-for-infocomm-research
expect_eq "Waseda's IAS is no Princeton" "$(id 'Institute for Advanced Study (WIAS), Waseda University, Shinjuku, Tokyo, Japan')" waseda-university
expect_eq "the Parasol Lab at UIUC" "$(id 'Parasol Laboratory, University of Illinois Urbana-Champaign, Champaign, IL, USA')" uiuc
expect_eq "IUF is an honour, not an employer" "$(id 'Institut Universitaire de France (IUF), Univ. Lille, CRIStAL')" universite-de-lille
others() { $SCOUT -C ws resolve-org --json "$@" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("+".join([d["id"] or ""] + [o["id"] for o in d["others"]]))'; }
expect_eq "Inria named in a segment" "$(others 'Univ. Grenoble Alpes, Inria, CNRS, Grenoble INP, LJK')" universite-grenoble-alpes+inria+cnrs
# stop 12: German names without umlauts; the parts of "A/B"; JST funds,
# it does not employ; near-duplicate rows folded
expect_eq "LMU without umlauts" "$(id 'Department of Neurology, Ludwig-Maximilians-Universitaet Muenchen, Germany')" lmu-munich
expect_eq "Tübingen without umlauts" "$(id 'Chair of Cognitive Systems, Eberhard-Karls-University Tuebingen, Germany')" university-of-tuebingen
expect_eq "ONERA/DTIS" "$(others 'ONERA/DTIS, Université de Toulouse, Toulouse, France')" universite-de-toulouse+onera
expect_eq "McGovern at BNU is not MIT's" "$(others 'State Key Laboratory of Cognitive Neuroscience and Learning, IDG/McGovern Institute for Brain Research, Beijing Normal University')" beijing-normal-university
expect_eq "PRESTO, JST" "$(id 'Department of Bioengineering and Robotics, Tohoku University PRESTO, JST, Sendai, Japan')" tohoku-university
expect_eq "UCSF's school of medicine" "$(id 'Department of Epidemiology and Biostatistics, University of California, San Francisco School of Medicine, San Francisco')" university-of-california-san-francisco
expect_eq "Chulalongkom" "$(id 'Department of Computer Engineering, Chulalongkom University, Thailand')" chulalongkorn-university
python3 - "$FIXTURES/../../data/orgs.tsv" <<'PY' || fail "a merged duplicate is a row again"
import sys
ids = {l.split("\t")[0] for l in open(sys.argv[1], encoding="utf-8") if not l.startswith("#")}
gone = {"deutsches-zentrum-fur-luft-und-raumfahrt-dlr", "dlr-institute-of-data-science", "max-planck-institut-fur-informatik",
        "deutsches-forschungszentrum-fur-kunstliche-intelligenz-gmbh", "laboratoire-dinformatique-de-robotique-et-de-microelectroniq",
        "technical-university-of-kaiserslautern", "university-of-nice-sophia-antipolis", "ecole-des-mines-de-paris",
        "chulalongkom-university", "university-of-luebeck", "university-of-osnabrueck", "university-of-porta",
        "university-of-sanford", "university-of-binningham", "japan-science-and-technology-corporation"}
assert not ids & gone, ids & gone
PY
zh=$($SCOUT -C ws resolve-org --json 'University of Zurich and ETH Zurich')
echo "$zh" | python3 -c '
import json,sys
d=json.load(sys.stdin)
assert d["id"]=="university-of-zurich" and [o["id"] for o in d["others"]]==["eth-zurich"], d' || fail "two names: $zh"
python3 - "$FIXTURES/../../data/orgs.tsv" <<'PY' || fail "a row that is no university has a university's name as alias"
import re, sys, unicodedata
U = re.compile(r"\b(univ|university|universitat|universite|universita|universidad|universidade|universiteit)\b", re.I)
fold = lambda s: "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
bad = []
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if line.startswith("#") or f[2] in ("university", "company") or U.search(fold(f[1])):
        continue
    bad += [(f[0], a) for a in f[5].split("|") if a and U.search(fold(a))]
assert not bad, bad
PY
# the generator's rule for mined aliases that join two organisations
python3 - "$FIXTURES/../../scripts/gen-orgs.py" <<'PY' || fail "gen-orgs names_two"
import importlib.util, sys
spec = importlib.util.spec_from_file_location("g", sys.argv[1]); g = importlib.util.module_from_spec(spec); spec.loader.exec_module(g)
class R: name = "X"
two = ["University of Zurich and ETH Zurich", "UZH & ETH", "Mila/McGill University", "IRISA/INRIA"]
one = ["Virginia Polytechnic Institute and State University", "Xi'an Institute of Optics and Precision Mechanics",
       "Deutsches Zentrum für Luft- und Raumfahrt", "Texas A&M University", "Université Pierre et Marie Curie Paris VI",
       "Institut National de Recherche en Informatique et en Automatique (INRIA)"]
for a in two: assert g.names_two(a, R()), a
for a in one: assert not g.names_two(a, R()), a
place = {"Universitat de València": "València", "Università degli Studi di Padova": "Padova",
         "Universität Stuttgart": "Stuttgart", "Universität zu Lübeck": "Lübeck"}
for n, x in place.items(): assert g.LOCAL_UNIVERSITY.match(n).group("x") == x, n
for n in ["Université Laval", "Universidad del Norte", "Universitat Pompeu Fabra", "Universiteit Gent"]:
    assert not g.LOCAL_UNIVERSITY.match(n), n
PY
# --stdin: one JSON object per input line
n=$(printf 'MIT\t\nETH Zurich\t\n\tgoogle.com\n' | $SCOUT -C ws resolve-org --stdin | wc -l)
expect_eq "stdin lines" "$n" 3
# a bad registry is refused with its position
printf 'x\tX\tplanet\t\t\t\t\t\n' > bad.tsv
$SCOUT -C ws resolve-org --registry bad.tsv KAIST 2> e.txt; expect_eq "bad registry exit" $? 2
grep -q "bad.tsv:1:5: unknown type 'planet'" e.txt || fail "registry error: $(cat e.txt)"

# a world: every authorship with an affiliation is credited somewhere
$SCOUT -C ws ingest "$FIXTURES/paperlists/good2020.json" 2>/dev/null || fail ingest
$SCOUT -C ws orgs --json > orgs.jsonl
grep -q '"id":"google"' orgs.jsonl || fail "Google Brain credited to google: $(cat orgs.jsonl)"
grep -q '"id":"eth-zurich"' orgs.jsonl || grep -q '"name":"ETH Zurich"' orgs.jsonl || fail "ETH Zürich: $(cat orgs.jsonl)"
# --csv carries the JSON's rows and columns, quoted where a name has a comma
$SCOUT -C ws orgs --csv > orgs.csv || fail "orgs --csv"
python3 - orgs.jsonl orgs.csv <<'PY' || fail "orgs --csv differs from --json: $(cat orgs.csv)"
import csv, json, sys
j = [json.loads(l) for l in open(sys.argv[1])]
c = list(csv.DictReader(open(sys.argv[2], newline="")))
assert len(c) == len(j) > 0, (len(c), len(j))
for a, b in zip(j, c):
    for k in ("id", "name", "type", "country", "example"):
        assert (a[k] or "") == b[k], (k, a, b)
    assert (a["parent"] or "") == b["parent"] and int(a["registry"]) == int(b["registry"]), (a, b)
    assert a["authorships"] == int(b["authorships"]) and a["papers"] == int(b["papers"]), (a, b)
PY
$SCOUT -C ws orgs --csv --json 2>/dev/null && fail "--csv with --json accepted"
# overrides in the workspace apply at the next build (the domain is the
# stronger signal, so override the domain: cam.ac.uk -> google)
printf 'University of Cambridge\tgoogle\n@cam.ac.uk\tgoogle\n' > ws/orgs-overrides.tsv
$SCOUT -C ws build 2>/dev/null || fail "build with overrides"
$SCOUT -C ws orgs --json | python3 -c '
import json,sys
rows={r["id"]:r for r in map(json.loads,sys.stdin)}
assert rows["google"]["authorships"]==2, rows["google"]' || fail "override not applied"
printf 'University of Cambridge\tno-such-org\n' > ws/orgs-overrides.tsv
m0=$(sum ws/world.snap)
$SCOUT -C ws build 2> e2.txt; expect_eq "bad override exit" $? 2
grep -q "orgs-overrides.tsv:1:25: unknown organisation id 'no-such-org'" e2.txt || fail "override error: $(cat e2.txt)"
expect_eq "snapshot kept" "$(sum ws/world.snap)" "$m0"
# an affiliation that is an author's name (lists shifted into the names, as
# some IEEE exports have it) credits no organisation; a real one is kept
mkdir -p names
cat > names/names2019.json <<'JSON'
[{"id":"n1","title":"Snake robots in pipes","author":"Ada Rembisz; B. Dettori; Carl Hale",
  "aff":"Ada Rembisz; Dettori; Hale Robotics Lab, Pittsburgh"}]
JSON
$SCOUT -C wsn ingest names 2>/dev/null || fail "ingest names"
$SCOUT -C wsn ingest names --json 2>/dev/null | grep -q '"name_as_affiliation":2' || fail "name_as_affiliation: $($SCOUT -C wsn build --json 2>&1)"
$SCOUT -C wsn orgs --json > n.jsonl
grep -qi 'rembisz\|dettori' n.jsonl && fail "a name credited as an organisation: $(cat n.jsonl)"
grep -qi 'hale robotics' n.jsonl || fail "the real affiliation lost: $(cat n.jsonl)"
echo ok
