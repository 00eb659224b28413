#!/usr/bin/env bash
# Generated histories load: `rkplan check` reads them without a diagnostic (exit 0 or 1,
# nothing on standard error) in both modes, the floor agrees on the number of runs, and
# the same seed gives the same text.
# usage: generated_test.sh RKPLAN_GENERATE RKPLAN RKPLAN_FLOOR SCRATCH_DIR RKPLAN_FUZZ_REPLAY
set -u
generate=$1 rkplan=$2 floor=$3 dir=$4 replay=$5
mkdir -p "$dir"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
for variant in "" --injury; do
  for years in 1 3; do
    file="$dir/history-$years${variant}.toml"
    "$generate" --years "$years" --seed 7 $variant >"$file" || fail "generate --years $years $variant"
    "$rkplan" check "$file" --today 2026-11-21 >"$dir/out" 2>"$dir/err"
    rc=$?
    if [ $rc -gt 1 ] || [ -s "$dir/err" ]; then
      fail "rkplan check $file exited $rc"
      head -5 "$dir/err"
    fi
    runs=$(grep -c '^\[\[run\]\]' "$file")
    "$floor" "$file" | grep -q "^$runs runs," || fail "rkplan-floor does not count $runs runs in $file"
    cmp -s <("$floor" "$file") <("$floor" --batches "$file") || fail "rkplan-floor --batches reads other runs in $file"
    "$rkplan" plan "$file" --today 2026-11-21 >/dev/null || fail "rkplan plan $file"
  done
done
"$replay" "$dir"/history-*.toml >/dev/null || fail "the fuzz target's invariants on the generated histories"
cmp -s <("$generate" --years 2 --seed 3) <("$generate" --years 2 --seed 3) || fail "the same seed gave two texts"
cmp -s <("$generate" --years 2 --seed 3) <("$generate" --years 2 --seed 4) && fail "two seeds gave one text"
echo "generated histories: $failures failed"
[ $failures -eq 0 ]
