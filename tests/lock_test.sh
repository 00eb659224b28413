#!/usr/bin/env bash
# Concurrent writers: log, log soreness and import --append take an exclusive lock on the
# history file and wait their turn. 30 writers at once all land (30 entries, a valid file,
# exit 0 each); a lock held longer than RKPLAN_LOCK_WAIT gives a clear error, exit 2, and
# the file unchanged; nothing is left beside the history.
# usage: lock_test.sh RKPLAN_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
dir=$(mktemp -d)   # the history, alone
io=$(mktemp -d)    # outputs and markers
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$dir" "$io"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
f=$dir/h.toml
printf '[runner]\nname = "Team"\n' > "$f"
today=(--today 2026-11-21)

# 30 writers at once: 27 runs and 3 check-ins, each on its own day.
pids=()
for i in $(seq 1 30); do
  day=$(date -d "2026-10-01 + $i days" +%F)
  if [ $((i % 10)) -eq 0 ]; then
    "$bin" log checkin "$f" --date "$day" --pain 0 "${today[@]}" >"$io/out.$i" 2>"$io/err.$i" &
  else
    "$bin" log run "$f" --date "$day" --distance "$i" "${today[@]}" >"$io/out.$i" 2>"$io/err.$i" &
  fi
  pids+=($!)
done
for i in $(seq 1 30); do
  wait "${pids[$((i - 1))]}"; rc=$?
  [ $rc -eq 0 ] || fail "writer $i exited $rc: $(cat "$io/err.$i")"
done
[ "$(grep -c '^\[\[run\]\]$' "$f")" -eq 27 ] || fail "$(grep -c '^\[\[run\]\]$' "$f") runs, expected 27"
[ "$(grep -c '^\[\[checkin\]\]$' "$f")" -eq 3 ] || fail "$(grep -c '^\[\[checkin\]\]$' "$f") check-ins, expected 3"
for i in $(seq 1 29); do
  [ $((i % 10)) -eq 0 ] && continue
  [ "$(grep -c "^distance = $i\$" "$f")" -eq 1 ] || fail "the run of writer $i is not there once"
done
"$bin" weeks "$f" "${today[@]}" >/dev/null || fail "the file does not load after 30 writers"
[ "$(ls -A "$dir")" = h.toml ] || fail "left beside the history: $(ls -A "$dir")"

# A lock held too long: a clear error, exit 2, the file byte-identical, nothing left behind.
cp "$f" "$io/orig"
# The holder: a subshell that takes the lock as flock(1) does, then becomes `sleep`, so
# that killing it releases the lock.
( exec 9<"$f"; flock -x 9; touch "$io/locked"; exec sleep 30 ) >/dev/null 2>&1 &
holder=$!
for _ in $(seq 1 500); do [ -e "$io/locked" ] && break; sleep 0.01; done
[ -e "$io/locked" ] || fail "flock did not take the lock"
held() {  # held NAME ARGS...: refused after RKPLAN_LOCK_WAIT=0.3
  local name=$1
  shift
  RKPLAN_LOCK_WAIT=0.3 "$bin" "$@" >"$io/out" 2>"$io/err"; local rc=$?
  [ $rc -eq 2 ] || fail "$name: exit $rc: $(cat "$io/err")"
  [ "$(cat "$io/err")" = "rkplan: cannot write '$f': another program has held its lock for 0.3 s (RKPLAN_LOCK_WAIT=SECONDS waits longer); the file is unchanged" ] \
    || fail "$name: stderr: $(cat "$io/err")"
  [ ! -s "$io/out" ] || fail "$name: stdout: $(cat "$io/out")"
  cmp -s "$f" "$io/orig" || fail "$name: the file changed"
  [ "$(ls -A "$dir")" = h.toml ] || fail "$name: left beside the history: $(ls -A "$dir")"
}
held "log" log run "$f" --date 2026-11-20 --distance 3 "${today[@]}"
held "soreness" log soreness "$f" --pain-after 1 "${today[@]}"
held "import --append" import "$src/tests/data/import/morning-run.gpx" --append "$f" "${today[@]}"
RKPLAN_LOCK_WAIT=soon "$bin" log run "$f" --distance 3 "${today[@]}" 2>"$io/err"; [ $? -eq 2 ] || fail "RKPLAN_LOCK_WAIT=soon"
grep -qF "rkplan: RKPLAN_LOCK_WAIT='soon' is not a number of seconds from 0 to 3600" "$io/err" || fail "$(cat "$io/err")"
kill "$holder"; wait "$holder" 2>/dev/null

# A writer that waits while the lock is held briefly gets its turn.
rm -f "$io/locked"
( exec 9<"$f"; flock -x 9; touch "$io/locked"; exec sleep 1 ) >/dev/null 2>&1 &
holder=$!
for _ in $(seq 1 500); do [ -e "$io/locked" ] && break; sleep 0.01; done
"$bin" import "$src/tests/data/import/morning-run.gpx" --append "$f" "${today[@]}" 2>"$io/err" || fail "waiting import: $(cat "$io/err")"
"$bin" log soreness "$f" --pain-after 0 --date 2026-10-30 "${today[@]}" >/dev/null 2>"$io/err" || fail "soreness: $(cat "$io/err")"
wait "$holder"
# Two imports of one file at once, both waiting on the lock: the second finds the runs the
# first appended (duplicates are dropped under the lock), so they land once.
rm -f "$io/locked"
( exec 9<"$f"; flock -x 9; touch "$io/locked"; exec sleep 1 ) >/dev/null 2>&1 &
holder=$!
for _ in $(seq 1 500); do [ -e "$io/locked" ] && break; sleep 0.01; done
[ -e "$io/locked" ] || fail "flock did not take the lock"
runs_before=$(grep -c '^\[\[run\]\]$' "$f")
"$bin" import "$src/tests/data/import/hill-run.tcx" --append "$f" "${today[@]}" 2>"$io/err.a" &
a=$!
"$bin" import "$src/tests/data/import/hill-run.tcx" --append "$f" "${today[@]}" 2>"$io/err.b" &
b=$!
wait "$a" || fail "first import: $(cat "$io/err.a")"
wait "$b" || fail "second import: $(cat "$io/err.b")"
wait "$holder"
[ "$(grep -c '^\[\[run\]\]$' "$f")" -eq $((runs_before + 1)) ] \
  || fail "two imports of one run at once added $(( $(grep -c '^\[\[run\]\]$' "$f") - runs_before )) runs"
summaries=$(cat "$io/err.a" "$io/err.b" | sort)
skipped="1 non-running activity skipped (biking 1)"  # hill-run.tcx also holds a ride
expected=$(printf '%s\n' "rkplan: appended 0 runs from 1 file to $f; 1 already in it; $skipped" \
                        "rkplan: appended 1 run from 1 file to $f; $skipped")
[ "$summaries" = "$expected" ] || fail "summaries: $summaries"

"$bin" weeks "$f" "${today[@]}" >/dev/null || fail "the file does not load at the end"
echo "lock: all checks passed"
