#!/usr/bin/env bash
# The import benchmark: rkplan import on a generated Strava-shaped export of 2,000
# activities (.gpx.gz, .tcx.gz, .fit.gz in turn; about 300 MB unzipped), side by side with
# decompressing the same archive alone (unzip -p, then gunzip). Goal: at most 3x.
#   bash bench/import_measure.sh BUILD_DIR [ROUNDS]
# BUILD_DIR: a build with -DRKPLAN_BENCH=ON (Release or RelWithDebInfo). Needs unzip and
# gzip. Each round times both commands, one after the other; the report gives each one's
# median and the median of the rounds' ratios, so that load from other processes on the
# machine hits both sides alike.
set -euo pipefail
build=$(cd "${1:?usage: import_measure.sh BUILD_DIR [ROUNDS]}" && pwd)
rounds=${2:-5}
rkplan=$build/rkplan
generate=$build/bench/rkplan-generate-export
for tool in unzip gunzip "$rkplan" "$generate"; do
  command -v "$tool" >/dev/null || { echo "import_measure.sh: $tool is missing" >&2; exit 2; }
done
data=$build/bench-data
mkdir -p "$data"
zip=$data/export-2000.zip
[ -s "$zip" ] || "$generate" --activities 2000 "$zip"

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
unzipped=$( (unzip -p "$zip" activities.csv; unzip -p "$zip" 'activities/*' | gunzip) | wc -c)
base_times=() import_times=() ratios=()
for _ in $(seq "$rounds"); do
  t0=$(now)
  unzip -p "$zip" 'activities/*' | gunzip >/dev/null
  t1=$(now)
  TZ=UTC "$rkplan" import "$zip" --today 2026-11-21 >/dev/null 2>"$data/import.err"
  t2=$(now)
  base=$(echo "$t1 - $t0" | bc -l) imp=$(echo "$t2 - $t1" | bc -l)
  base_times+=("$base") import_times+=("$imp") ratios+=("$(echo "$imp / $base" | bc -l)")
done
printf 'export: %s (%.1f MB zipped, %.1f MB unzipped)\n' "$zip" "$(echo "$(stat -c %s "$zip") / 1000000" | bc -l)" \
  "$(echo "$unzipped / 1000000" | bc -l)"
printf 'rkplan import:          %.2f s (median of %d)\n' "$(printf '%s\n' "${import_times[@]}" | median)" "$rounds"
printf 'unzip -p | gunzip:      %.2f s\n' "$(printf '%s\n' "${base_times[@]}" | median)"
printf 'ratio (median of rounds): %.2fx (goal: at most 3x)\n' "$(printf '%s\n' "${ratios[@]}" | median)"
echo "rkplan's summary: $(tail -1 "$data/import.err")"
