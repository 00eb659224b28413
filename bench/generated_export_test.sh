#!/usr/bin/env bash
# A generated export of 30 activities (10 each of .gpx.gz, .tcx.gz, .fit.gz; every tenth a
# ride) imports as 27 runs, once each, with the same distance whatever the format.
# usage: generated_export_test.sh GENERATOR RKPLAN WORKDIR
set -u
gen=$1 bin=$2 dir=$3
mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
"$gen" --activities 30 --points 100 "$dir/export.zip" 2>/dev/null || fail "the generator exited $?"
TZ=UTC "$bin" import "$dir/export.zip" --today 2026-11-21 >"$dir/out" 2>"$dir/err" || fail "import exited $?: $(cat "$dir/err")"
[ "$(cat "$dir/err")" = "rkplan: 27 runs from 28 files; 3 non-running activities skipped (ride 3)" ] || fail "summary: $(cat "$dir/err")"
[ "$(grep -c '^\[\[run\]\]$' "$dir/out")" -eq 27 ] || fail "runs: $(grep -c '^\[\[run\]\]$' "$dir/out")"
[ "$(grep '^distance = ' "$dir/out" | sort -u)" = "distance = 0.59" ] || fail "distances: $(grep '^distance = ' "$dir/out" | sort -u)"
echo "generated export: all checks passed"
