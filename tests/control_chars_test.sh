#!/usr/bin/env bash
# Text from a file never reaches a terminal as control characters: every command, in
# every format meant for people, on a history whose name, notes and shoe carry ESC
# sequences, a bell, a C1 CSI (U+009B), a right-to-left override (U+202E) and DEL; and
# the same in error excerpts, messages quoting a value, paths, imported titles and the
# chart. JSON, TOML and iCalendar escape them in their own syntax; CSV and TSV, for
# programs, carry the text as it is (checked too).
# usage: control_chars_test.sh RKPLAN_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
today=(--today 2026-11-21)
h=$src/tests/data/control/hostile-text.toml
esc=$'\e'
n=0
# out NAME ARGS...: runs rkplan, standard output to NAME.out, standard error to NAME.err.
out() {
  local name=$1
  shift
  NO_COLOR=1 "$bin" "$@" >"$dir/$name.out" 2>"$dir/$name.err"
  n=$((n + 1))
}

for fmt in text json ics; do out "plan-$fmt" plan "$h" "${today[@]}" --format "$fmt"; done
for fmt in text json; do out "weeks-$fmt" weeks "$h" "${today[@]}" --format "$fmt"; done
for fmt in text json jsonl; do out "check-$fmt" check "$h" "${today[@]}" --format "$fmt"; done
out check-next check "$h" "${today[@]}" --next 5
out plot plot "$h" "${today[@]}" -o -

# A path with an ESC in it: the messages that name it.
mkdir "$dir/a${esc}[2J"
cp "$h" "$dir/a${esc}[2J/h.toml"
out log log "$dir/a${esc}[2J/h.toml" --date 2026-11-20 --distance 3 --note "${esc}]0;pwned" "${today[@]}"
out plot-file plot "$dir/a${esc}[2J/h.toml" "${today[@]}" -o "$dir/a${esc}[2J/chart.svg"
out missing check "$dir/no${esc}[2J.toml" "${today[@]}"
out explain explain "pain${esc}[2J"

# Errors: a raw ESC in a string (the excerpt), a value quoted in a message.
printf '[runner]\nname = "Sam\033[2J\302\233"\n' >"$dir/raw.toml"
out raw-excerpt weeks "$dir/raw.toml" "${today[@]}"
printf '[[run]]\ndate = 2026-11-02\ndistance = 5.0\nkind = "easy\\u001b[2J\\u202e"\n' >"$dir/kind.toml"
out quoted-value check "$dir/kind.toml" "${today[@]}"

# An imported title, printed as TOML and summarised.
printf 'Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance\n1,"Nov 3, 2026, 10:01:00 AM",Run \033[2J\342\200\256,Run,1800,5.2\n' >"$dir/strava.csv"
out import import "$dir/strava.csv" "${today[@]}"
grep -qF 'note = "Run \u001b[2J\u202e"' "$dir/import.out" || fail "import: the title is not escaped: $(cat "$dir/import.out")"

# Every byte of every output above: no C0 control but a line break (and CRLF in
# iCalendar), no DEL, no C1 control, no bidirectional formatting character.
python3 - "$dir" <<'PY' || exit 1
import pathlib, re, sys
bad = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
failed = False
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.[oe][ur][tr]")):
    data = f.read_bytes()
    if f.name.startswith("plan-ics"):
        data = data.replace(b"\r\n", b"\n")
    for m in bad.finditer(data):
        line = data[: m.start()].count(b"\n") + 1
        print(f"FAIL: {f.name}:{line}: byte(s) {m.group().hex()} reach the output")
        failed = True
        break
sys.exit(1 if failed else 0)
PY

# The escaped forms, where people read them.
grep -qF 'rkplan plan for Sam\u001B[2J\u001B]0;pwned\u0007 as of' "$dir/plan-text.out" || fail "plan: $(head -1 "$dir/plan-text.out")"
grep -qF 'shoe "old\u001B[5mblink\u202E" has 801 km' "$dir/check-text.out" || fail "check: $(cat "$dir/check-text.out")"
grep -qF '"runner": "Sam\u001b[2J\u001b]0;pwned\u0007"' "$dir/plan-json.out" || fail "plan json: the name is not escaped"
grep -qF 'shoe \"old\u001b[5mblink\u202e\" has' "$dir/check-jsonl.out" || fail "check jsonl: the shoe is not escaped"
grep -qF 'X-WR-CALNAME:rkplan plan: Sam\\u001B[2J\\u001B]0\;pwned\\u0007' "$dir/plan-ics.out" || fail "ics: $(grep CALNAME "$dir/plan-ics.out")"
grep -qF 'Sam\u001B[2J\u001B]0;pwned\u0007: training load' "$dir/plot.out" || fail "plot: the title is not escaped"
grep -qF "to $dir/a\\u001B[2J/h.toml (line" "$dir/log.out" || fail "log: $(cat "$dir/log.out")"
grep -qF 'name = "Sam\u001B[2J\u009B"' "$dir/raw-excerpt.err" || fail "excerpt: $(cat "$dir/raw-excerpt.err")"
grep -qF 'unknown kind "easy\u001B[2J\u202E"' "$dir/quoted-value.err" || fail "quoted value: $(cat "$dir/quoted-value.err")"

# CSV and TSV are for programs: they carry the text exactly as the file has it.
NO_COLOR=1 "$bin" check "$h" "${today[@]}" --format csv >"$dir/check.csv"
rlo=$'\xe2\x80\xae'
grep -qF "shoe \"\"old${esc}[5mblink${rlo}\"\" has" "$dir/check.csv" || fail "csv: the shoe's name is not as in the file"
echo "control characters: $n commands checked"
