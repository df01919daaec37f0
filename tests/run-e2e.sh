#!/bin/sh
# usage: run-e2e.sh SCOUT_BINARY
# Runs every tests/e2e/*.sh with SCOUT set to the binary under test and a
# fresh scratch directory in $WORK; a script passes when it exits 0.
scout=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
: "${SCOUT_SHARED_DATA:=$root/../shared/data}"
export SCOUT_SHARED_DATA SCOUT="$scout" FIXTURES="$root/tests/fixtures"
pass=0; fail=0
for t in "$root"/tests/e2e/*.sh; do
  [ -f "$t" ] || continue
  WORK=$(mktemp -d); export WORK
  if (cd "$WORK" && sh "$t") >"$WORK.log" 2>&1; then
    pass=$((pass + 1)); echo "ok   $(basename "$t")"
  else
    fail=$((fail + 1)); echo "FAIL $(basename "$t") ($scout)"; sed 's/^/    /' "$WORK.log" | tail -n 40
  fi
  rm -rf "$WORK" "$WORK.log"
done
echo "e2e ($scout): $pass passed, $fail failed" >&2
echo "$pass $fail" > "$(dirname "$scout")/e2e.result"
[ $fail -eq 0 ]
