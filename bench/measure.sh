#!/usr/bin/env bash
# Measures the goals of the README's "Performance" section on this machine, with whole
# processes: rkplan check beside the floor (toml++ parsing and reading each run's date and
# distance; also in rkplan's batches, rkplan-floor --batches), peak memory, scaling from 20 to 100 years, rkplan plan on one year, and 1,000
# one-year histories checked in one process and in 1,000 processes.
#   bash bench/measure.sh BUILD_DIR [ROUNDS]
# BUILD_DIR: a Release build with -DRKPLAN_BENCH=ON. Needs hyperfine and GNU time
# (apt-get install hyperfine time). Each comparison runs ROUNDS (default 5) rounds of
# hyperfine with both commands side by side; a round's ratio pairs the two medians of that
# round, and the report gives the median over rounds, so that load from other processes on
# the machine hits both sides alike.
set -euo pipefail
build=$(cd "${1:?usage: measure.sh BUILD_DIR [ROUNDS]}" && pwd)
rounds=${2:-5}
rkplan=$build/rkplan
generate=$build/bench/rkplan-generate
floor=$build/bench/rkplan-floor
for tool in hyperfine /usr/bin/time "$rkplan" "$generate" "$floor"; do
  command -v "$tool" >/dev/null || { echo "measure.sh: $tool is missing (apt-get install hyperfine time; build with -DRKPLAN_BENCH=ON)" >&2; exit 2; }
done
data=$build/bench-data
mkdir -p "$data/many"
today=2026-11-21

# The histories: the generator is deterministic, so these are the same files everywhere.
for years in 1 5 20 100; do
  [ -s "$data/h$years.toml" ] || "$generate" --years "$years" >"$data/h$years.toml"
done
if [ ! -s "$data/many/h1000.toml" ]; then
  for seed in $(seq 1 1000); do "$generate" --years 1 --seed "$seed" >"$data/many/h$seed.toml"; done
fi

median() { sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# compare NAME RUNS CMD_A CMD_B: ROUNDS rounds of hyperfine; prints the medians over rounds
# of A's and B's median wall time and CPU time (user + system), in ms, and of B/A.
compare() {
  local name=$1 runs=$2 a=$3 b=$4 csv=$data/$1.csv
  : >"$data/$name.rounds"
  for _ in $(seq 1 "$rounds"); do
    hyperfine -N -i -w 2 -r "$runs" --export-csv "$csv" "$a" "$b" >/dev/null 2>&1
    # command,mean,stddev,median,user,system,min,max
    awk -F, 'NR == 2 {ma = $4; ca = $5 + $6} NR == 3 {mb = $4; cb = $5 + $6}
             END {printf "%.4f %.4f %.4f %.4f %.4f %.4f\n", ma * 1000, mb * 1000, mb / ma, ca * 1000, cb * 1000, cb / ca}' \
      "$csv" >>"$data/$name.rounds"
  done
  local col out=""
  for col in 1 2 3 4 5 6; do out+="$(cut -d' ' -f$col "$data/$name.rounds" | median) "; done
  echo "$out"
}

# peak RSS in KiB, median of 5 runs
peak() {
  for _ in 1 2 3 4 5; do { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -1; done | median
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for years in 1 5 20 100; do
  echo "h$years.toml: $(wc -c <"$data/h$years.toml") bytes, $(grep -c '^\[\[run\]\]' "$data/h$years.toml") runs"
done
echo

read -r fa ca ra fcpu ccpu rcpu < <(compare check20 10 "$floor $data/h20.toml" "$rkplan check $data/h20.toml --today $today")
echo "20 years, wall ms (median):  floor $fa  check $ca  ratio $ra   (goal <= 1.25)"
echo "20 years, CPU ms (median):   floor $fcpu  check $ccpu  ratio $rcpu"
read -r ba bc br _ _ _ < <(compare check20-batches 10 "$floor --batches $data/h20.toml" "$rkplan check $data/h20.toml --today $today")
echo "20 years, wall ms (median):  floor in batches $ba  check $bc  ratio $br"
mf=$(peak "$floor" "$data/h20.toml")
mc=$(peak "$rkplan" check "$data/h20.toml" --today $today)
echo "20 years, peak RSS KiB:      floor $mf  check $mc  ratio $(awk -v a="$mf" -v b="$mc" 'BEGIN {printf "%.2f", b / a}')   (goal <= 1.5)"
mb=$(peak "$floor" --batches "$data/h20.toml")
echo "20 years, peak RSS KiB:      floor in batches $mb  check $mc  ratio $(awk -v a="$mb" -v b="$mc" 'BEGIN {printf "%.2f", b / a}')"

read -r c20 c100 r100 cpu20 cpu100 rcpu100 < <(compare scaling 3 "$rkplan check $data/h20.toml --today $today" "$rkplan check $data/h100.toml --today $today")
size=$(awk -v a="$(wc -c <"$data/h20.toml")" -v b="$(wc -c <"$data/h100.toml")" 'BEGIN {printf "%.2f", b / a}')
echo "scaling, check wall ms:      20 years $c20  100 years $c100  ratio $r100 for ${size}x the text   (goal <= 5.5)"
echo "scaling, check CPU ms:       20 years $cpu20  100 years $cpu100  ratio $rcpu100"
read -r f20 f100 rf100 fcpu20 fcpu100 rfcpu100 < <(compare floor-scaling 3 "$floor $data/h20.toml" "$floor $data/h100.toml")
echo "scaling, floor wall ms:      20 years $f20  100 years $f100  ratio $rf100 (CPU $fcpu20, $fcpu100: $rfcpu100)"
read -r f20 f100 rf100 fcpu20 fcpu100 rfcpu100 < <(compare floor-batches-scaling 3 "$floor --batches $data/h20.toml" "$floor --batches $data/h100.toml")
echo "scaling, floor in batches:    20 years $f20  100 years $f100  ratio $rf100 (CPU $fcpu20, $fcpu100: $rfcpu100)"

read -r p1 f1 _ pcpu1 fcpu1 _ < <(compare plan1 30 "$rkplan plan $data/h1.toml --today $today" "$floor $data/h1.toml")
echo "plan, 1 year, wall ms:       $p1 (CPU $pcpu1; the floor on the same file: $f1, CPU $fcpu1)   (goal < 10)"

# 1,000 one-year histories: one process with every path, and one process per file.
cd "$data/many"
read -r one many _ onecpu manycpu _ < <(compare many 1 "$rkplan check --today $today $(ls h*.toml | sort -V | tr '\n' ' ')" \
  "bash -c 'for f in h*.toml; do $rkplan check --today $today \$f >/dev/null; done'")
echo "1,000 files, one process:    $one ms = $(awk -v t="$one" 'BEGIN {printf "%.0f", 1000 / (t / 1000)}') files/s"
echo "1,000 files, 1,000 processes: $many ms = $(awk -v t="$many" 'BEGIN {printf "%.0f", 1000 / (t / 1000)}') files/s"
