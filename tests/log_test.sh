#!/usr/bin/env bash
# `rkplan log FILE ...` (the same as `rkplan log run FILE ...`): appends exactly one [[run]] after the file's unchanged bytes,
# keeps the file's permissions, and leaves the file byte-identical, with no temporary
# file behind, whenever the entry is invalid or a step of the write fails.
# usage: log_test.sh RKPLAN_BINARY EXAMPLES_DIR
set -u
bin=$1
examples=$2
dir=$(mktemp -d)    # the histories
io=$(mktemp -d)     # rkplan's outputs, kept apart so that leftovers in $dir show
trap 'chmod -R u+w "$dir"; rm -rf "$dir" "$io"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
today=(--today 2026-11-21)
f=$dir/h.toml

cp "$examples/return-to-run.toml" "$f"
chmod 0640 "$f"
cp "$f" "$io/orig"
size=$(stat -c%s "$f")
lines=$(wc -l < "$f")

# No leftovers: only the files this script made itself.
only() { [ "$(ls -A "$dir" | sort | tr '\n' ' ')" = "$* " ] || fail "files in the folder: $(ls -A "$dir" | tr '\n' ' ')"; }

# A valid run: the original bytes, then the new entry, nothing else.
"$bin" log "$f" --date 2026-11-20 --distance 3.50 --duration 20:00 --run-walk 4:1 --pain 0 --pain-after 0 \
  --rpe 4 --shoe 'pegasus "40"' --cadence 172 --surface trail --note 'felt fine' "${today[@]}" \
  >"$io/out" 2>"$io/err" || fail "log exited $?: $(cat "$io/err")"
# Then what the run means: it passes step 4 a second time, and step 5 opens.
[ "$(cat "$io/out")" = "logged 3.5 km on 2026-11-20 to $f (line $((lines + 2)))
changed: 2026-11-20: run-walk step 4 -> 5
now: phase 3 (run-walk), step 5" ] || fail "stdout: $(cat "$io/out")"
[ ! -s "$io/err" ] || fail "stderr: $(cat "$io/err")"
cmp -s <(head -c "$size" "$f") "$io/orig" || fail "the original bytes are not a prefix of the new file"
expected='
[[run]]
date = 2026-11-20
distance = 3.5
duration = "20:00"
kind = "run-walk"
run_walk = [4, 1]
pain = 0
pain_after = 0
rpe = 4
shoe = "pegasus \"40\""
cadence = 172
surface = "trail"
note = "felt fine"'
[ "$(tail -c +$((size + 1)) "$f")" = "$expected" ] || fail "appended: $(tail -c +$((size + 1)) "$f")"
[ "$(stat -c%a "$f")" = 640 ] || fail "permissions $(stat -c%a "$f"), expected 640"
"$bin" check "$f" "${today[@]}" >/dev/null 2>&1; rc=$?
[ $rc -le 1 ] || fail "check does not load the logged file (exit $rc)"
"$bin" weeks "$f" "${today[@]}" --format csv | grep -q '^2026-W47,2026-11-16,3,6.7,2,' || fail "weeks does not count the run"
only h.toml

# Every refusal: exit 2, nothing on standard output, the file byte-identical, no leftovers.
cp "$f" "$io/orig"
fail_at=
refused() {  # refused NAME EXPECTED-STDERR-LINE ARGS...
  local name=$1 want=$2
  shift 2
  env ${fail_at:+RKPLAN_FAIL_AT=$fail_at} "$bin" log "$@" >"$io/out" 2>"$io/err"; local rc=$?
  [ $rc -eq 2 ] || fail "$name: exit $rc"
  [ ! -s "$io/out" ] || fail "$name: stdout: $(cat "$io/out")"
  grep -qF -- "$want" "$io/err" || fail "$name: stderr lacks '$want': $(cat "$io/err")"
  cmp -s "$f" "$io/orig" || fail "$name: the file changed"
  only h.toml
}
n=$(wc -l < "$f")
refused "pain 11" "$f:$((n + 5)):8: error: pain must be at most 10, got 11" \
  "$f" --date 2026-11-20 --distance 3 --pain 11 "${today[@]}"
grep -qF "rkplan: nothing was written: '$f' would not load with the run from the command line added as lines $((n + 2))-$((n + 5))" "$io/err" \
  || fail "no note on the entry's lines: $(cat "$io/err")"
refused "future date" "$f:$((n + 3)):8: error: run dated 2026-11-22 is after today (2026-11-21)" \
  "$f" --date 2026-11-22 --distance 3 "${today[@]}"
refused "unknown kind" "rkplan: --kind 'sprint': expected one of easy, long, tempo, intervals, hills, race, run-walk" \
  "$f" --date 2026-11-20 --distance 3 --kind sprint "${today[@]}"
refused "distance 0" "$f:$((n + 4)):12: error: distance must be above 0, got 0" \
  "$f" --date 2026-11-20 --distance 0 "${today[@]}"
refused "distance not a number" "rkplan: --distance '5k': expected a number such as 5.2" \
  "$f" --date 2026-11-20 --distance 5k "${today[@]}"
refused "run-walk on an easy run" "$f:$((n + 6)):12: error: run_walk is only for run-walk sessions, this run's kind is 'easy'" \
  "$f" --date 2026-11-20 --distance 3 --kind easy --run-walk 3:1 "${today[@]}"
refused "bad duration" "rkplan: --duration '25 min': expected minutes (32.5) or mm:ss / h:mm:ss (32:10)" \
  "$f" --date 2026-11-20 --distance 3 --duration '25 min' "${today[@]}"
refused "impossible date" "rkplan: --date '2026-02-30': expected a date YYYY-MM-DD such as 2026-11-20" \
  "$f" --date 2026-02-30 --distance 3 "${today[@]}"
refused "no distance" "--distance is required" "$f" --date 2026-11-20 "${today[@]}"

# Each step of the write failing: the file byte-identical, no temporary file left.
for step in "open:creating a temporary file beside it" "write:writing the temporary file" \
            "fsync:syncing the temporary file to disk" "rename:renaming the temporary file over it"; do
  fail_at=${step%%:*}
  refused "RKPLAN_FAIL_AT=$fail_at" \
    "rkplan: cannot write '$f': ${step#*:}: Input/output error; the file is unchanged" \
    "$f" --date 2026-11-20 --distance 3 "${today[@]}"
done
fail_at=

# Files that cannot be appended to.
refused "standard input" "rkplan: FILE: log appends to a file; standard input ('-') cannot be appended to" \
  - --date 2026-11-20 --distance 3 "${today[@]}"
refused "missing file" "rkplan: cannot read '$dir/none.toml': No such file or directory" \
  "$dir/none.toml" --date 2026-11-20 --distance 3 "${today[@]}"
refused "missing folder" "rkplan: cannot read '$dir/none/h.toml': No such file or directory" \
  "$dir/none/h.toml" --date 2026-11-20 --distance 3 "${today[@]}"
refused "a folder" "rkplan: cannot append to '$dir': not a regular file" \
  "$dir" --date 2026-11-20 --distance 3 "${today[@]}"

# A file that does not load as it is gets nothing appended.
printf '[[run]]\ndate = 2026-11-01\npian = 1\n' > "$f"
cp "$f" "$io/orig"
refused "invalid file" "rkplan: nothing was written: '$f' does not load as it is" \
  "$f" --date 2026-11-20 --distance 3 "${today[@]}"
grep -qF "$f:3:1: error: unknown key 'pian'" "$io/err" || fail "invalid file: $(cat "$io/err")"

# A last line without a line break gets one; CRLF files stay CRLF.
printf '[runner]\nunits = "mi"' > "$f"
"$bin" log "$f" --date 2026-11-20 --distance 2 "${today[@]}" >"$io/out" || fail "no final newline: exit $?"
[ "$(cat "$io/out")" = "logged 2 mi on 2026-11-20 to $f (line 4)
tomorrow morning: rkplan log soreness $f --pain-after N" ] || fail "stdout: $(cat "$io/out")"
cmp -s "$f" <(printf '[runner]\nunits = "mi"\n\n[[run]]\ndate = 2026-11-20\ndistance = 2\n') || fail "no final newline: $(cat -A "$f")"
printf '[runner]\r\nunits = "km"\r\n' > "$f"
"$bin" log "$f" --date 2026-11-20 --distance 2 "${today[@]}" >/dev/null || fail "CRLF: exit $?"
cmp -s "$f" <(printf '[runner]\r\nunits = "km"\r\n\r\n[[run]]\r\ndate = 2026-11-20\r\ndistance = 2\r\n') || fail "CRLF: $(cat -A "$f")"

if [ "$(id -u)" -ne 0 ]; then  # root may write anywhere
  cp "$examples/return-to-run.toml" "$f" && chmod 0444 "$f" && cp "$f" "$io/orig"
  refused "read-only file" "rkplan: cannot write '$f': Permission denied; the file is unchanged" \
    "$f" --date 2026-11-20 --distance 3 "${today[@]}"
  chmod 0644 "$f" && chmod a-w "$dir"
  refused "read-only folder" "rkplan: cannot write '$f': creating a temporary file beside it: Permission denied" \
    "$f" --date 2026-11-20 --distance 3 "${today[@]}"
  chmod u+w "$dir"
fi

# A symbolic link stays a link; the file it points to gets the run.
mkdir "$dir/real" && printf '' > "$dir/real/h.toml" && ln -s real/h.toml "$dir/link.toml"
"$bin" log "$dir/link.toml" --date 2026-11-20 --distance 4 "${today[@]}" >/dev/null || fail "symlink: exit $?"
[ -L "$dir/link.toml" ] || fail "the symbolic link was replaced"
grep -q '^distance = 4$' "$dir/real/h.toml" || fail "the link's target did not get the run"
[ "$(ls -A "$dir/real")" = h.toml ] || fail "leftovers: $(ls -A "$dir/real")"

echo "log: all checks passed"
