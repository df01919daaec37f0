#!/bin/sh
# usage: run-unit.sh BUILD_DIR TEST_BIN...
# Runs each cmocka test binary from the repository root and tallies the tests.
# SCOUT_SHARED_DATA points the tests at ../shared/data (the real corpus and
# fixtures); tests that need it skip when it is absent.
build=$1; shift
: "${SCOUT_SHARED_DATA:=$(cd "$(dirname "$0")/.." && pwd)/../shared/data}"
export SCOUT_SHARED_DATA
tmp=${TMPDIR:-/tmp}/scout-unit.$$
mkdir -p "$tmp"; pass=0; fail=0
for t in "$@"; do
  out=$tmp/$(basename "$t").out
  TMPDIR=$tmp "$t" >"$out" 2>&1; rc=$?
  p=$(sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
  f=$(sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
  p=${p:-0}; f=${f:-0}
  if [ $rc -ne 0 ] && [ "$f" = 0 ]; then f=1; fi   # crashed before its summary
  pass=$((pass + p)); fail=$((fail + f))
  if [ "$f" != 0 ]; then echo "FAIL $(basename "$t") ($build)"; cat "$out"; else echo "ok   $(basename "$t"): $p tests ($build)"; fi
done
rm -rf "$tmp"
echo "unit ($build): $pass passed, $fail failed" >&2
echo "$pass $fail" > "$build/unit.result"
[ $fail -eq 0 ]
