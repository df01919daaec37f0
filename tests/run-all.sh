#!/bin/sh
# The whole suite: release build (unit + e2e), then the same under ASan+UBSan.
# Ends with one line "N passed, N failed" over both passes.
cd "$(dirname "$0")/.." || exit 3
rm -f build/release/unit.result build/release/e2e.result build/asan/unit.result build/asan/e2e.result
status=0
make --no-print-directory test-release || status=1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
  make --no-print-directory test-asan || status=1
pass=0; fail=0
for f in build/release/unit.result build/release/e2e.result build/asan/unit.result build/asan/e2e.result; do
  if [ -f "$f" ]; then read p q < "$f"; pass=$((pass + p)); fail=$((fail + q)); else fail=$((fail + 1)); fi
done
[ $fail -eq 0 ] || status=1
echo "tests: $pass passed, $fail failed"
exit $status
