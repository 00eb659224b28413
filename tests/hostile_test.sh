#!/usr/bin/env bash
# Hostile inputs: each must end quickly with a clear answer — never a hang, a crash or
# a partial plan. Files are generated in a scratch folder.
# usage: hostile_test.sh RKPLAN_BINARY
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
today=(--today 2026-11-21)

# run EXPECTED_RC NAME ARGS...: runs with a time limit, checks the exit status.
run() {
  local want=$1 name=$2
  shift 2
  timeout 120 "$bin" "$@" >"$dir/$name.out" 2>"$dir/$name.err"
  local rc=$?
  [ $rc -eq 124 ] && fail "$name: no answer within 120 s"
  [ $rc -eq $want ] || fail "$name: exit $rc, expected $want: $(head -c 300 "$dir/$name.err")"
}

# 1. An oversized file (16 MiB + 1 byte) is refused with a message, before parsing.
head -c $((16 * 1024 * 1024 + 1)) /dev/zero | tr '\0' '#' >"$dir/big.toml"
run 2 big weeks "$dir/big.toml" "${today[@]}"
grep -q "big.toml:1:1: error: the file is larger than the 16 MiB rkplan reads" "$dir/big.err" || fail "big: $(cat "$dir/big.err")"
[ -s "$dir/big.out" ] && fail "big: printed on standard output"

# 2. 100,000 entries: 50,000 runs and 50,000 check-ins over 20 years load and plan.
awk 'function ymd(z,   era, doe, yoe, y, doy, mp, d, m) {  # days since 1970 -> YYYY-MM-DD
  z += 719468; era = int(z / 146097); doe = z - era * 146097
  yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
  y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
  mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
  m = mp < 10 ? mp + 3 : mp - 9
  return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
BEGIN {
  for (i = 0; i < 50000; i++) {
    d = ymd(13200 + int(i * 7305 / 50000))   # 2006-02-21 onward, 20 years
    printf "[[run]]\ndate = %s\ndistance = 1.5\npain = 0\npain_after = 0\n\n[[checkin]]\ndate = %s\npain = 0\n\n", d, d
  }
}' >"$dir/many.toml"
run 0 many plan "$dir/many.toml" "${today[@]}"
grep -q "rkplan prints guidance, not a diagnosis" "$dir/many.out" || fail "many: no complete plan"

# 3. Arrays nested past toml++'s limit: a located error, no crash.
printf '[rules]\ncadence_increase = %s%s\n' "$(printf '[%.0s' $(seq 1 2000))" "$(printf ']%.0s' $(seq 1 2000))" >"$dir/nested.toml"
run 2 nested check "$dir/nested.toml" "${today[@]}"
grep -qE "nested.toml:[0-9]+:[0-9]+: error: " "$dir/nested.err" || fail "nested: $(head -c 300 "$dir/nested.err")"

# 4. 10,000 errors: the first 20 shown, then a count of the rest.
for i in $(seq 1 10000); do printf '[[run]]\ndate = 2026-10-01\ndistance = -%d\n\n' "$i"; done >"$dir/errors.toml"
run 2 errors weeks "$dir/errors.toml" "${today[@]}"
[ "$(grep -c ': error: ' "$dir/errors.err")" -eq 20 ] || fail "errors: not 20 shown"
tail -n 1 "$dir/errors.err" | grep -qx "errors.toml: 9980 more errors not shown" || tail -n 1 "$dir/errors.err" | grep -q "9980 more errors not shown" || fail "errors: $(tail -n 1 "$dir/errors.err")"

# 5. A very long string (4 MiB note) loads; the output stays sane.
{ printf '[[run]]\ndate = 2026-11-02\ndistance = 5\nnote = "'; head -c $((4 * 1024 * 1024)) /dev/zero | tr '\0' 'x'; printf '"\n'; } >"$dir/long.toml"
run 0 long check "$dir/long.toml" "${today[@]}"
[ "$(wc -c <"$dir/long.out")" -lt 10000 ] || fail "long: the note leaked into the output"

# 6. A week of 10,000 runs (0.1 km each: exactly the 1000 km weekly maximum) plans.
for i in $(seq 1 10000); do printf '[[run]]\ndate = 2026-11-16\ndistance = 0.1\n\n'; done >"$dir/week.toml"
run 0 week plan "$dir/week.toml" "${today[@]}"
grep -q "1000.0" "$dir/week.out" || fail "week: the week's 1000 km are not shown"
# 7. A full standard output: a clear error and exit 2, for a report, --help and --version.
if [ -w /dev/full ]; then
  for args in "plan $dir/week.toml ${today[*]}" "--help" "plan --help" "--version"; do
    # shellcheck disable=SC2086
    timeout 120 "$bin" $args >/dev/full 2>"$dir/full.err"; rc=$?
    [ $rc -eq 2 ] || fail "rkplan $args >/dev/full: exit $rc, expected 2"
    grep -qx "rkplan: cannot write to standard output: No space left on device" "$dir/full.err" \
      || fail "rkplan $args >/dev/full: $(cat "$dir/full.err")"
  done
else
  echo "skipped: no writable /dev/full"
fi
echo "hostile inputs: all handled"
