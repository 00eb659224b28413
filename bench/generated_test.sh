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
for variant in "" --injury; do
  for weeks in 4 16; do
    file="$dir/history-${weeks}w${variant}.toml"
    "$generate" --weeks "$weeks" --seed 5 $variant >"$file" || fail "generate --weeks $weeks $variant"
    "$rkplan" check "$file" --today 2026-11-21 >/dev/null 2>"$dir/err"
    rc=$?
    { [ $rc -gt 1 ] || [ -s "$dir/err" ]; } && fail "rkplan check $file exited $rc: $(head -3 "$dir/err")"
  done
done
# rkplan status over the folder: one row per file, each the same as rkplan plan says.
"$rkplan" status "$dir"/history-*.toml --today 2026-11-21 --format json >"$dir/status.json" || fail "rkplan status exited $?"
for file in "$dir"/history-*.toml; do
  "$rkplan" plan "$file" --today 2026-11-21 --format json >"$dir/plan.json" || fail "rkplan plan $file"
  /usr/bin/python3 - "$dir/status.json" "$dir/plan.json" "$file" <<'PY' || fail "the status row of $file"
import json, sys
board = json.load(open(sys.argv[1]))["histories"]
plan = json.load(open(sys.argv[2]))
rows = [r for r in board if r["file"] == sys.argv[3]]
assert len(rows) == 1, f"{len(rows)} rows"
r, w = rows[0], plan["weeks"][0]
for key, want in [("mode", plan["mode"]), ("phase", plan["phase"]), ("step", plan["step"] if plan["phase"] == "3" else None),
                  ("distance_cap", w["distance_cap"]), ("logged", w["logged"])]:
    assert r[key] == want, f"{key}: status {r[key]!r}, plan {want!r}"
PY
done
"$replay" "$dir"/history-*.toml >/dev/null || fail "the fuzz target's invariants on the generated histories"
cmp -s <("$generate" --years 2 --seed 3) <("$generate" --years 2 --seed 3) || fail "the same seed gave two texts"
cmp -s <("$generate" --years 2 --seed 3) <("$generate" --years 2 --seed 4) && fail "two seeds gave one text"
echo "generated histories: $failures failed"
[ $failures -eq 0 ]
