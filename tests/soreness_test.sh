#!/usr/bin/env bash
# `rkplan log soreness FILE --pain-after N`: the next morning's soreness set on a run
# already in the file, in place: one line added (or one value replaced), every other byte
# as it was; refusals leave the file byte-identical.
# usage: soreness_test.sh RKPLAN_BINARY EXAMPLES_DIR
set -u
bin=$1
examples=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
f=$dir/h.toml
cp "$examples/return-to-run.toml" "$f"
n=$(wc -l < "$f")

# The evening: a run-walk session, its soreness not known yet.
"$bin" log "$f" --date 2026-11-20 --distance 3.5 --run-walk 4:1 --pain 0 --today 2026-11-20 >/dev/null || fail "log: exit $?"
cp "$f" "$dir/evening"
# The morning after: the latest run before today gets it, as a line after its last key.
"$bin" log soreness "$f" --pain-after 0 --today 2026-11-21 >"$dir/out" 2>"$dir/err" || fail "soreness: exit $?: $(cat "$dir/err")"
[ "$(cat "$dir/out")" = "recorded pain_after 0 on the run of 2026-11-20 3.5 km in $f (line $((n + 2)))
changed: 2026-11-20: run-walk step 4 -> 5
now: phase 3 (run-walk), step 5" ] || fail "stdout: $(cat "$dir/out")"
[ ! -s "$dir/err" ] || fail "stderr: $(cat "$dir/err")"
[ "$(diff "$dir/evening" "$f")" = "$((n + 7))a$((n + 8))
> pain_after = 0" ] || fail "the edit: $(diff "$dir/evening" "$f")"

refused() {  # refused EXPECTED-STDERR ARGS...
  local want=$1
  shift
  cp "$f" "$dir/before"
  "$bin" log soreness "$f" "$@" >"$dir/out" 2>"$dir/err"; local rc=$?
  [ $rc -eq 2 ] || fail "soreness $*: exit $rc"
  [ ! -s "$dir/out" ] || fail "soreness $*: stdout: $(cat "$dir/out")"
  grep -qF -- "$want" "$dir/err" || fail "soreness $*: stderr: $(cat "$dir/err")"
  cmp -s "$f" "$dir/before" || fail "soreness $*: the file changed"
  [ "$(ls -A "$dir" | grep -c '^\.rkplan')" -eq 0 ] || fail "soreness $*: a temporary file is left"
}
# A value already there is replaced only with --replace.
refused "rkplan: the run of 2026-11-20 (line $((n + 2))) already has pain_after = 0; --replace replaces it; '$f' is unchanged" \
  --pain-after 3 --today 2026-11-21
"$bin" log soreness "$f" --pain-after 3 --pain 1 --replace --today 2026-11-21 >"$dir/out" || fail "--replace: exit $?"
[ "$(head -n 1 "$dir/out")" = "recorded pain 1, pain_after 3 on the run of 2026-11-20 3.5 km in $f (line $((n + 2)))" ] \
  || fail "--replace: $(cat "$dir/out")"
grep -qF "warning[pain-signal]: 2026-W47: a run-walk run of 3.5 km on 2026-11-20: pain 1 during the run and pain 3 the next morning" "$dir/out" \
  || fail "--replace: no pain-signal: $(cat "$dir/out")"
grep -qF "changed: 2026-11-20: run-walk step 4 -> 3: pain above 0" "$dir/out" || fail "--replace: no step lost: $(cat "$dir/out")"
[ "$(diff "$dir/evening" "$f")" = "$((n + 7))c$((n + 7)),$((n + 8))
< pain = 0
---
> pain = 1
> pain_after = 3" ] || fail "the replacement: $(diff "$dir/evening" "$f")"
# Values out of range are the loader's, located; options of the wrong syntax name the option.
refused "$f:$((n + 8)):14: error: pain_after must be at most 10, got 11" --pain-after 11 --replace --today 2026-11-21
refused "rkplan: --pain-after 'sore': expected a number such as 2" --pain-after sore --today 2026-11-21
refused "rkplan: no run on 2026-11-19 in the history; '$f' is unchanged" --pain-after 1 --date 2026-11-19 --today 2026-11-21
refused "rkplan: --date '11/20': expected a date YYYY-MM-DD such as 2026-11-20" --pain-after 1 --date 11/20 --today 2026-11-21

# Two runs on one day: never a guess; --index picks one (1: the first in the file).
printf '[[run]]\ndate = 2026-11-01\ndistance = 3\nnote = """two\n[[run]]\nlines"""  # a comment\n\n# the second\n[[run]]\ndate = 2026-11-01\ndistance = 5\npain_after = 1' > "$f"
refused "rkplan: 2026-11-01 has 2 runs (lines 1, 9): --index N picks one, 1 for the first in the file" --pain-after 1 --today 2026-11-02
refused "rkplan: no run before today (2026-11-01) to record the soreness of; --date picks a day" --pain-after 1 --today 2026-11-01
refused "rkplan: --index 3: 2026-11-01 has 2 runs (lines 1, 9); expected 1 to 2" --pain-after 1 --index 3 --today 2026-11-02
cp "$f" "$dir/before"
"$bin" log soreness "$f" --pain-after 0 --index 1 --today 2026-11-02 >/dev/null || fail "--index 1: exit $?"
[ "$(diff "$dir/before" "$f")" = "6a7
> pain_after = 0" ] || fail "--index 1: $(diff "$dir/before" "$f")"
# The last line without a line break: the value replaced in place, still without one.
"$bin" log soreness "$f" --pain-after 2 --index 2 --replace --today 2026-11-02 >/dev/null || fail "--index 2: exit $?"
[ "$(tail -c 15 "$f")" = $'\npain_after = 2' ] || fail "--index 2: $(tail -c 15 "$f" | od -c)"

# Inline tables, CRLF line breaks, and text that is not ASCII before the value.
printf 'run = [{date = 2026-11-01, distance = 3, note = "caf\xc3\xa9 \xe2\x98\x95"}, {date = 2026-11-02, distance = 4 }]\r\n[runner]\r\nname = "Zo\xc3\xa9"\r\n' > "$f"
"$bin" log soreness "$f" --pain-after 0 --date 2026-11-01 --today 2026-11-03 >/dev/null || fail "inline: exit $?"
"$bin" log soreness "$f" --pain-after 1 --today 2026-11-03 >/dev/null || fail "inline latest: exit $?"
cmp -s "$f" <(printf 'run = [{date = 2026-11-01, distance = 3, note = "caf\xc3\xa9 \xe2\x98\x95", pain_after = 0}, {date = 2026-11-02, distance = 4, pain_after = 1 }]\r\n[runner]\r\nname = "Zo\xc3\xa9"\r\n') \
  || fail "inline: $(cat -A "$f")"
"$bin" log soreness "$f" --pain-after 2 --replace --date 2026-11-01 --today 2026-11-03 >/dev/null || fail "inline replace: exit $?"
grep -qF '"caf'$'\xc3\xa9'' '$'\xe2\x98\x95''", pain_after = 2}' "$f" || fail "inline replace: $(cat -A "$f")"
"$bin" check "$f" --today 2026-11-03 >/dev/null 2>&1; [ $? -le 1 ] || fail "the edited file does not load"
echo "soreness: all checks passed"
