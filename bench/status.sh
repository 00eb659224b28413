#!/usr/bin/env bash
# The coach's board: `rkplan status` over 1,000 histories in one process, side by side
# with 1,000 `rkplan plan` processes on the same files (what a script without status
# would run). Goal: one process at least 5x faster.
#   bash bench/status.sh BUILD_DIR [ROUNDS]
# BUILD_DIR: a build with -DRKPLAN_BENCH=ON (Release for numbers worth quoting). Each of
# ROUNDS rounds (default 5) times both sides back to back; the report gives the median
# over rounds of each side's wall and CPU time and of their ratio, so that load from other
# processes on the machine hits both sides alike. Two sets of histories from
# bench/generator.cpp, half of them in injury mode: 16 weeks each (a return to running
# in progress, the board's usual case), and one year each (the generator's long logs).
set -euo pipefail
build=$(cd "${1:?usage: status.sh BUILD_DIR [ROUNDS]}" && pwd)
rounds=${2:-5}
rkplan=$build/rkplan
generate=$build/bench/rkplan-generate
today=2026-11-21
median() { sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# histories DIR LENGTH-OPTION: 1,000 files h1.toml ... h1000.toml, odd seeds with an injury.
histories() {
  local dir=$1 length=$2 seed
  mkdir -p "$dir"
  [ -s "$dir/h1000.toml" ] && return
  for seed in $(seq 1 1000); do
    "$generate" $length --seed "$seed" $([ $((seed % 2)) -eq 1 ] && echo --injury) >"$dir/h$seed.toml"
  done
}

# seconds CMD...: "wall cpu" of one run, in seconds.
seconds() {
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' <<<"$t"
}

one_process() { "$rkplan" status --today "$today" "${files[@]}"; }
processes() { local f; for f in "${files[@]}"; do "$rkplan" plan --today "$today" "$f"; done; }

# side_by_side NAME DIR: ROUNDS rounds, then the medians.
side_by_side() {
  local name=$1 dir=$2 round
  files=()
  for i in $(seq 1 1000); do files+=("$dir/h$i.toml"); done
  "$rkplan" status --today "$today" "${files[@]}" >/dev/null || { echo "status.sh: rkplan status failed on $dir" >&2; exit 2; }
  : >"$dir.rounds"
  for round in $(seq 1 "$rounds"); do
    read -r ow oc < <(seconds one_process)
    read -r pw pc < <(seconds processes)
    echo "$ow $oc $pw $pc" | awk '{printf "%s %s %s %s %.2f %.2f\n", $1, $2, $3, $4, $3 / $1, $4 / $2}' >>"$dir.rounds"
  done
  local col m=()
  for col in 1 2 3 4 5 6; do m+=("$(cut -d' ' -f$col "$dir.rounds" | median)"); done
  printf '%-9s wall s: status %s  1,000 plan processes %s  ratio %s   (goal >= 5)\n' "$name" "${m[0]}" "${m[2]}" "${m[4]}"
  printf '%-9s CPU s:  status %s  1,000 plan processes %s  ratio %s\n' "$name" "${m[1]}" "${m[3]}" "${m[5]}"
}

data=$build/bench-data
histories "$data/status-16w" "--weeks 16"
histories "$data/status-1y" "--years 1"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds"
echo "16 weeks: $(cat "$data"/status-16w/h*.toml | wc -c) bytes in 1,000 files; 1 year: $(cat "$data"/status-1y/h*.toml | wc -c) bytes"
side_by_side "16 weeks" "$data/status-16w"
side_by_side "1 year" "$data/status-1y"
