#!/usr/bin/env bash
# `rkplan log KIND FILE`: every entry kind appended with an option per key, --date
# defaulting to --today, option values refused by their option's syntax, and the output
# that says what the entry means (its findings, the status it changes; --fail-on).
# usage: log_kinds_test.sh RKPLAN_BINARY
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
f=$dir/ana.toml
printf '[runner]\nname = "Ana"\ngoal_weekly = 30\n\n[injury]\nonset = 2026-11-02\n' > "$f"

# logs KIND EXPECTED-RC EXPECTED-STDOUT ARGS...: the exit status and the whole output.
logs() {
  local kind=$1 rc=$2 want=$3
  shift 3
  "$bin" log "$kind" "$f" "$@" --today 2026-11-10 >"$dir/out" 2>"$dir/err"; local got=$?
  [ $got -eq "$rc" ] || fail "log $kind $*: exit $got, expected $rc: $(cat "$dir/err")"
  [ "$(cat "$dir/out")" = "$want" ] || fail "log $kind $*: stdout differs:
$(diff <(printf '%s\n' "$want") "$dir/out")"
  [ ! -s "$dir/err" ] || fail "log $kind $*: stderr: $(cat "$dir/err")"
}

# A run in phase 1 is written (exit 0) and the running-too-early error it causes is shown.
logs run 0 "logged 3 km on 2026-11-10 to $f (line 8)
tomorrow morning: rkplan log soreness $f --pain-after N
$f:8:1: error[running-too-early]: 2026-W46: an easy run of 3.0 km on 2026-11-10 in phase 1 (settle): running starts in phase 3 with run-walk" \
  --distance 3
# The phase-2 gate passes; the earlier run's finding is not the check-in's.
logs checkin 0 "logged a check-in on 2026-11-10 to $f (line 12)
changed: 2026-11-10: phase 1 -> 2: walking and stairs are pain-free
now: phase 2 (strength)" --walking-pain no --stairs-pain NO --pain 2 --single-leg-squats 5 --strength-ratio 0.8 \
  --swelling false --seen-clinician yes --note 'week 2'
logs strength 0 "logged a strength session of 2 exercises on 2026-11-09 to $f (line 23)" \
  --date 2026-11-09 --exercises 'clamshell, straight-leg-raise' --pain 0
logs cross 0 "logged cycling on 2026-11-10 to $f (line 28)" --activity cycling --duration 45:00 --rpe 4
logs shoe 0 "logged the shoe \"pegasus 40\" to $f (line 34)" --name 'pegasus 40' --initial 120 --retired 2026-11-09
# --fail-on error: exit 1 for the error the week causes, and the week is written all the same.
logs week 1 "logged the week of 2026-W45, 12.5 km, to $f (line 39)
$f:39:1: error[running-too-early]: 2026-W45: 12.5 km of running in phase 1 (settle): running starts in phase 3 with run-walk
$f:39:1: warning[pain-signal]: 2026-W45: worst pain - during runs, 1 the next morning, above the limit of 0" \
  --date 2026-11-03 --distance 12.50 --long-run 5 --hard-sessions 0 --pain-after 1 --fail-on error

expected='[runner]
name = "Ana"
goal_weekly = 30

[injury]
onset = 2026-11-02

[[run]]
date = 2026-11-10
distance = 3

[[checkin]]
date = 2026-11-10
pain = 2
walking_pain = false
stairs_pain = false
single_leg_squats = 5
strength_ratio = 0.8
swelling = false
seen_clinician = true
note = "week 2"

[[strength]]
date = 2026-11-09
exercises = ["clamshell", "straight-leg-raise"]
pain = 0

[[cross]]
date = 2026-11-10
activity = "cycling"
duration = "45:00"
rpe = 4

[[shoe]]
name = "pegasus 40"
initial = 120
retired = 2026-11-09

[[week]]
start = 2026-11-03
distance = 12.5
long_run = 5
hard_sessions = 0
pain_after = 1'
[ "$(cat "$f")" = "$expected" ] || fail "the file: $(diff <(printf '%s\n' "$expected") "$f")"
"$bin" check "$f" --today 2026-11-10 >/dev/null 2>&1; [ $? -eq 1 ] || fail "check does not load the file"

# Option values are judged by their option: the option, the value, the syntax expected.
cp "$f" "$dir/orig"
refused() {  # refused EXPECTED-STDERR ARGS...
  local want=$1
  shift
  "$bin" log "$@" --today 2026-11-10 >"$dir/out" 2>"$dir/err"; local rc=$?
  [ $rc -eq 2 ] || fail "log $*: exit $rc"
  [ ! -s "$dir/out" ] || fail "log $*: stdout: $(cat "$dir/out")"
  [ "$(cat "$dir/err")" = "$want" ] || fail "log $*: stderr: $(cat "$dir/err")"
  cmp -s "$f" "$dir/orig" || fail "log $*: the file changed"
}
refused "rkplan: --run-walk '3-1': expected RUN:WALK minutes such as 3:1" run "$f" --distance 3 --run-walk 3-1
refused "rkplan: --walking-pain 'maybe': expected yes or no (or true or false)" checkin "$f" --walking-pain maybe
refused "rkplan: --single-leg-squats '12.5': expected a whole number such as 20" checkin "$f" --single-leg-squats 12.5
refused "rkplan: --strength-ratio 'high': expected a number such as 5.2" checkin "$f" --strength-ratio high
refused "rkplan: --exercises 'clamshel': expected exercise ids separated by commas; 'clamshel' is not one (did you mean 'clamshell'?); the ids: straight-leg-raise, clamshell, side-lying-abduction, short-foot, terminal-knee-extension, single-leg-bridge, lateral-band-walk, wall-sit, single-leg-balance" \
  strength "$f" --exercises clamshel
refused "rkplan: --activity 'cyclng': expected one of swimming, pool-running, cycling, elliptical, other (did you mean 'cycling'?)" \
  cross "$f" --activity cyclng
refused "rkplan: --retired 'yesterday': expected a date YYYY-MM-DD such as 2026-11-20" shoe "$f" --name x --retired yesterday
refused "rkplan: --date '2026-13-01': expected a date YYYY-MM-DD such as 2026-11-20" week "$f" --date 2026-13-01 --distance 3
# Required keys are required options; ranges are the loader's, located in the entry.
"$bin" log strength "$f" --today 2026-11-10 2>"$dir/err"; [ $? -eq 2 ] || fail "strength without exercises"
grep -qF -- "--exercises is required" "$dir/err" || fail "strength without exercises: $(cat "$dir/err")"
"$bin" log checkin "$f" --pain 11 --today 2026-11-10 2>"$dir/err" >/dev/null; [ $? -eq 2 ] || fail "pain 11"
grep -qF "$f:48:8: error: pain must be at most 10, got 11" "$dir/err" || fail "pain 11: $(cat "$dir/err")"
grep -qF "rkplan: nothing was written: '$f' would not load with the check-in from the command line added as lines 46-48" "$dir/err" \
  || fail "pain 11: $(cat "$dir/err")"
cmp -s "$f" "$dir/orig" || fail "pain 11: the file changed"
# A control character typed in a value never reaches the terminal.
"$bin" log run "$f" --distance "$(printf '3\033[31m')" --today 2026-11-10 2>"$dir/err"; [ $? -eq 2 ] || fail "escape"
[ "$(cat "$dir/err")" = "rkplan: --distance '3\\u001b[31m': expected a number such as 5.2" ] || fail "escape: $(cat -A "$dir/err")"
# An unknown kind is a file name: `rkplan log FILE` is `rkplan log run FILE`.
"$bin" log "$f" --date 2026-11-10 --distance 2 --today 2026-11-10 >/dev/null || fail "log FILE: exit $?"
echo "log kinds: all checks passed"
