# The snapshot is deterministic whatever the thread count, a kill during a
# build leaves the old one intact, and a corrupt snapshot is refused.
. "$(dirname "$0")/lib.inc"
need_shared paperlists
C=$SCOUT_SHARED_DATA/paperlists
$SCOUT -C a ingest --threads 1 $C/nips $C/icml $C/cvpr 2>/dev/null || fail "ingest a"
$SCOUT -C b ingest --threads 2 $C/cvpr $C/icml $C/nips 2>/dev/null || fail "ingest b"
$SCOUT -C c ingest --threads 7 $C/icml $C/nips $C/cvpr 2>/dev/null || fail "ingest c"
cmp a/world.snap b/world.snap || fail "threads 1 vs 2 differ"
cmp a/world.snap c/world.snap || fail "threads 1 vs 7 differ"
# rebuild from the same manifest: same bytes
cp a/world.snap a.before; $SCOUT -C a build 2>/dev/null; cmp a/world.snap a.before || fail "rebuild differs"

# kill -9 in the middle of a build: the old snapshot survives, readable
old=$(sum a/world.snap)
$SCOUT -C a add $C 2>/dev/null
$SCOUT -C a build --threads 1 2>/dev/null & pid=$!
sleep 0.15; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
if [ "$(sum a/world.snap)" != "$old" ]; then
  # the build may have won the race: then it must be the complete new world
  $SCOUT -C a stats --json > s.json || fail "snapshot after kill unreadable"
  expect_eq "papers" "$(json_get s.json papers)" 95652
else
  $SCOUT -C a stats >/dev/null || fail "old snapshot unreadable after kill"
fi

# corruption is detected on open (header) and by verification (bytes)
cp b/world.snap bad.snap
printf 'XXXX' | dd of=bad.snap bs=1 seek=0 conv=notrunc 2>/dev/null
mkdir -p d; cp b/manifest.tsv d/; cp bad.snap d/world.snap
$SCOUT -C d stats 2> e.txt; expect_eq "bad magic exit" $? 2
grep -q "not a scout snapshot" e.txt || fail "bad magic message: $(cat e.txt)"
cp b/world.snap d/world.snap; truncate -s -100 d/world.snap
$SCOUT -C d stats 2> e.txt; expect_eq "truncated snapshot exit" $? 2
grep -q "size mismatch" e.txt || fail "truncated snapshot message: $(cat e.txt)"
echo ok
