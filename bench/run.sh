#!/bin/sh
# make bench — scout against the peer baselines (../shared/bench) on the same
# uncompressed copy of the real paperlists corpus, in one run, alternating
# scout / Python / DuckDB so that machine noise hits all three alike.
# Prints medians (wall seconds, peak RSS) and the ratio of each peer's wall
# time to scout's; then query latencies and reader throughputs.
#
# Environment: BENCH_RUNS (default 7), BENCH_DIR (default build/bench),
# BENCH_BIG=1 also builds a DBLP-sized demo world (3.5M people; minutes, GBs).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
shared=$(cd "$root/../shared" && pwd)
runs=${BENCH_RUNS:-7}
dir=${BENCH_DIR:-$root/build/bench}
mkdir -p "$dir"
corpus=$dir/corpus
scout=$root/scout
readers=$root/build/release/bench/readers

echo "== preparing the uncompressed corpus and the peers (npm ci, once)"
sh "$shared/bench/prepare-corpus" "$corpus" >/dev/null
sh "$shared/bench/run-peers" "$corpus" "$dir/peers" | tail -n 1
py_cmd=$(sh "$shared/bench/run-peers" --print "$corpus" "$dir/peers" | sed -n 1p)
duck_cmd=$(sh "$shared/bench/run-peers" --print "$corpus" "$dir/peers" | sed -n 2p)
scout_cmd="$scout -C $dir/ws ingest $corpus"

measure() { # name command... -> appends "name wall rss_kb" to $dir/times
  name=$1; shift
  /usr/bin/time -f "$name %e %M" -o "$dir/one" "$@" >/dev/null 2>"$dir/err" || { cat "$dir/err"; exit 3; }
  cat "$dir/one" >> "$dir/times"
}
: > "$dir/times"
echo "== $runs alternating runs each: scout ingest+build, Python, DuckDB"
i=0
while [ $i -lt "$runs" ]; do
  rm -rf "$dir/ws"
  measure scout $scout_cmd
  measure python $py_cmd
  measure duckdb $duck_cmd
  i=$((i + 1))
done
python3 - "$dir/times" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for name in ("scout", "python", "duckdb"):
    w = [float(r[1]) for r in rows if r[0] == name]
    m = [int(r[2]) for r in rows if r[0] == name]
    med[name] = (st.median(w), st.median(m) / 1024, min(w), max(w))
s = med["scout"][0]
print(f"{'':8} {'median s':>9} {'min':>7} {'max':>7} {'peak MiB':>9} {'time / scout':>13}")
for name, (w, rss, lo, hi) in med.items():
    print(f"{name:8} {w:9.3f} {lo:7.3f} {hi:7.3f} {rss:9.0f} {w / s:12.1f}x")
print(f"speed-up: {med['duckdb'][0] / s:.1f}x vs DuckDB (target 5x), {med['python'][0] / s:.1f}x vs Python (target 8x)")
print(f"memory: scout peak {med['scout'][1]:.0f} MiB = {med['scout'][1] / med['duckdb'][1]:.2f}x DuckDB's (target <= 1.5x)")
PY

echo "== query latency (whole process)"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 5 --runs 50 --style basic --export-json "$dir/queries.json" \
    "$scout -C $dir/ws stats --json" "$scout -C $dir/ws papers --venue nips --year 2018 --json" \
    "$scout -C $dir/ws person --json 'Nando de Freitas'" "$scout -C $dir/ws moves --org google --json" \
    "$scout -C $dir/ws flows --since 2010 --until 2019" "$scout -C $dir/ws org --json 'Google Brain'" \
    "$scout -C $dir/ws conference --json nips 2018" >/dev/null
  python3 - "$dir/queries.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    cmd = r["command"].split(" -C ")[1].split(" ", 1)[1]
    print(f"  {r['median'] * 1000:7.2f} ms median  {r['max'] * 1000:7.2f} ms max   scout {cmd}")
PY
else
  echo "  (hyperfine not installed)"
fi

echo "== reader throughput (decompressed MB/s, input in memory, one thread)"
"$readers" paperlists "$corpus"/*/*.json
"$readers" jansson "$corpus"/*/*.json
big=$dir/dblp-big.xml
if [ ! -s "$big" ]; then
  { echo '<?xml version="1.0" encoding="ISO-8859-1"?>'; echo '<!DOCTYPE dblp SYSTEM "dblp.dtd">'; echo '<dblp>'
    body=$(sed -e '1,/<dblp>/d' -e '/<\/dblp>/d' "$shared/data/dblp/xcurator-dblp-sample.with-doctype.xml")
    k=0; while [ $k -lt 60 ]; do printf '%s\n' "$body"; k=$((k + 1)); done
    echo '</dblp>'; } > "$big"
  cp "$shared/data/dblp/dblp.dtd" "$dir/dblp.dtd"
fi
"$readers" dblp "$big"
oa=$dir/openalex-big.jsonl
if [ ! -s "$oa" ]; then
  k=0; while [ $k -lt 2000 ]; do cat "$shared/data/openalex/openalexPro/001-jq_execute__default.jsonl"; k=$((k + 1)); done > "$oa"
fi
"$readers" openalex "$oa"

if [ "${BENCH_BIG:-0}" = 1 ]; then
  echo "== DBLP-sized demo world (3.5M people)"
  rm -rf "$dir/big"
  /usr/bin/time -f "generate: %e s, peak %M KB" "$scout" demo --people 3500000 --out "$dir/big" --no-build
  /usr/bin/time -f "ingest+build: %e s, peak %M KB" "$scout" -C "$dir/big/workspace" ingest "$dir/big/sources"
  rm -rf "$dir/big"
fi
