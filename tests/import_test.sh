#!/usr/bin/env bash
# `rkplan import --append`, end to end in a scratch folder: the history's bytes stay as a
# prefix, re-importing adds nothing, the result plans; bad input appends nothing; a FIT
# file cut short in its header is refused at its byte offset, with no external program.
# usage: import_test.sh RKPLAN_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
data=$src/tests/data/import
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export TZ=UTC  # the test data's times are UTC; the local day must not depend on the machine

h=$dir/h.toml
cp "$src/examples/half-marathon.toml" "$h"
cp "$h" "$dir/original.toml"
size=$(stat -c %s "$h")

"$bin" import "$data/strava-activities.csv" "$data/morning-run.gpx" --append "$h" --today 2026-11-21 \
  >"$dir/out" 2>"$dir/err" || fail "import --append exited $?: $(cat "$dir/err")"
[ ! -s "$dir/out" ] || fail "import --append printed on standard output: $(cat "$dir/out")"
[ "$(cat "$dir/err")" = "rkplan: appended 4 runs from 2 files to $h; 1 already in it; 1 non-running activity skipped (ride 1); 1 run without a distance skipped" ] ||
  fail "message: $(cat "$dir/err")"
cmp -s -n "$size" "$h" "$dir/original.toml" || fail "the history's original bytes are not kept as a prefix"
tail -c +"$((size + 1))" "$h" >"$dir/added"
[ "$(grep -c '^\[\[run\]\]$' "$dir/added")" -eq 4 ] || fail "expected 4 [[run]] tables appended:\n$(cat "$dir/added")"
[ "$(grep '^date = ' "$dir/added" | tr '\n' ' ')" = "date = 2026-11-12 date = 2026-11-12 date = 2026-11-14 date = 2026-11-21 " ] ||
  fail "appended dates: $(grep '^date = ' "$dir/added")"
grep -q '^note = "Morning Run"$' "$dir/added" || fail "the GPX run is missing"
grep -q '^date = 2026-11-17$' "$dir/added" && fail "the 8.02 km run of 2026-11-17 is already in the history (8.0 km)"
cp "$h" "$dir/after-first.toml"

# Re-importing the same export adds nothing and leaves the file alone.
"$bin" import "$data/strava-activities.csv" "$data/morning-run.gpx" --append "$h" --today 2026-11-21 2>"$dir/err" ||
  fail "re-import exited $?: $(cat "$dir/err")"
[ "$(cat "$dir/err")" = "rkplan: appended 0 runs from 2 files to $h; 5 already in it; 1 non-running activity skipped (ride 1); 1 run without a distance skipped" ] ||
  fail "re-import message: $(cat "$dir/err")"
cmp -s "$h" "$dir/after-first.toml" || fail "re-importing changed the file"

"$bin" plan "$h" --today 2026-11-21 >/dev/null 2>"$dir/err" || fail "plan on the result exited $?: $(cat "$dir/err")"
"$bin" check "$h" --today 2026-11-21 >/dev/null 2>&1
[ $? -le 1 ] || fail "check does not load the result"

# Bad input with --strict: located errors, exit 2, nothing appended.
"$bin" import "$data/garmin-activities.csv" "$data/broken.gpx" --append "$h" --strict --today 2026-11-21 2>"$dir/err"
rc=$?
[ $rc -eq 2 ] || fail "a broken GPX with --strict exited $rc"
grep -q "^$data/broken.gpx:12:57: error: invalid XML: start-end tags mismatch" "$dir/err" || fail "message: $(cat "$dir/err")"
grep -q "^rkplan: nothing was imported: 1 activity or file could not be read (see the errors above); --strict imports all or nothing" "$dir/err" ||
  fail "message: $(cat "$dir/err")"
cmp -s "$h" "$dir/after-first.toml" || fail "a failed import changed the file"

# ... without it, the rest is appended (exit 0) and the broken file is reported.
cp "$dir/original.toml" "$dir/lenient.toml"
lsize=$(stat -c %s "$dir/lenient.toml")
"$bin" import "$data/garmin-activities.csv" "$data/broken.gpx" --append "$dir/lenient.toml" --today 2026-11-21 2>"$dir/err" ||
  fail "a broken GPX among good files exited $?: $(cat "$dir/err")"
grep -q "^$data/broken.gpx:12:57: error: invalid XML" "$dir/err" || fail "message: $(cat "$dir/err")"
grep -q "^rkplan: appended 3 runs from 2 files to $dir/lenient.toml; 2 non-running activities skipped (cycling 1, strength training 1); 1 activity or file could not be read (errors above)$" "$dir/err" ||
  fail "message: $(cat "$dir/err")"
cmp -s -n "$size" "$dir/lenient.toml" "$dir/original.toml" || fail "a lenient append did not keep the history's bytes"
[ "$(stat -c %s "$dir/lenient.toml")" -gt "$lsize" ] || fail "a lenient append added nothing"

"$bin" import "$data/garmin-activities.csv" --append "$h" --units mi --today 2026-11-21 2>"$dir/err"
rc=$?
[ $rc -eq 2 ] || fail "--units mi on a km history exited $rc"
[ "$(cat "$dir/err")" = "rkplan: --units mi does not match the units of '$h' (km)" ] || fail "message: $(cat "$dir/err")"
cmp -s "$h" "$dir/after-first.toml" || fail "a refused import changed the file"

# A run the history cannot take (a [[week]] total holds that week) is refused by the
# re-validation of the whole file, and nothing is written.
cp "$src/examples/weekly-miles.toml" "$dir/w.toml"
printf 'Activity Type,Date,Title,Distance\nRunning,2026-11-16 07:00:00,Clash,3.1\n' >"$dir/clash.csv"
"$bin" import "$dir/clash.csv" --append "$dir/w.toml" --today 2026-11-21 2>"$dir/err"
rc=$?
[ $rc -eq 2 ] || fail "a run in a [[week]] week exited $rc: $(cat "$dir/err")"
grep -q "nothing was written" "$dir/err" || fail "message: $(cat "$dir/err")"
cmp -s "$dir/w.toml" "$src/examples/weekly-miles.toml" || fail "a refused append changed the file"

# FIT: a header that announces a CRC the file does not hold, refused at its byte offset
# (no converter is run: an empty PATH changes nothing).
printf '\016\020\103\010\000\000\000\000.FIT\000\000' >"$dir/watch.fit"
mkdir "$dir/empty"
PATH=$dir/empty "$bin" import "$dir/watch.fit" --today 2026-11-21 >"$dir/out" 2>"$dir/err"
rc=$?
[ $rc -eq 2 ] || fail "a truncated FIT exited $rc"
[ "$(cat "$dir/err")" = "$dir/watch.fit: byte 4: error: the FIT header announces 0 bytes of data and a CRC, the file holds 0 after the header: it is truncated; expected a FIT file that ends with its CRC
rkplan: nothing was imported: 1 activity or file could not be read (see the errors above)" ] || fail "message: $(cat "$dir/err")"
[ ! -s "$dir/out" ] || fail "a truncated FIT printed on standard output"

# FIT, decoded natively (fixtures made by tests/support/fit_writer.hpp): a chained
# triathlon gives its run leg, its other legs are named in the summary ...
"$bin" import "$data/triathlon.fit" --today 2026-11-21 >"$dir/out" 2>"$dir/err" || fail "triathlon.fit exited $?: $(cat "$dir/err")"
[ "$(cat "$dir/out")" = "
[[run]]
date = 2026-10-05
distance = 2
duration = \"9:50\"
descent = 12
downhill = 0.5" ] || fail "triathlon.fit: $(cat "$dir/out")"
[ "$(cat "$dir/err")" = "rkplan: 1 run from 1 file; 2 non-running activities skipped (cycling 1, swimming 1)" ] ||
  fail "triathlon.fit summary: $(cat "$dir/err")"
# ... and a file cut short, from standard input, imports what precedes the cut and says where.
"$bin" import - --today 2026-11-21 <"$data/cut-short.fit" >"$dir/out" 2>"$dir/err" || fail "cut-short.fit exited $?"
grep -q '^date = 2026-10-05$' "$dir/out" || fail "cut-short.fit: $(cat "$dir/out")"
[ "$(cat "$dir/err")" = "<stdin>: byte 4: warning: the FIT header announces 300 bytes of data and a CRC, the file holds 293 after the header: it is truncated; what comes before it is imported
<stdin>: byte 289: warning: the file ends inside a data message (17 of its 24 bytes are there); what comes before it is imported
rkplan: 1 run from 1 file" ] || fail "cut-short.fit messages: $(cat "$dir/err")"

# A missing file does not hide the other files' problems; nothing is imported.
"$bin" import "$dir/missing.gpx" "$dir/watch.fit" --today 2026-11-21 >"$dir/out" 2>"$dir/err"
rc=$?
[ $rc -eq 2 ] || fail "a missing file among others exited $rc"
grep -q "^rkplan: cannot read '$dir/missing.gpx': No such file or directory$" "$dir/err" || fail "missing file: $(cat "$dir/err")"
grep -q "nothing was imported: 2 activities or files could not be read" "$dir/err" || fail "two bad files: $(cat "$dir/err")"
[ ! -s "$dir/out" ] || fail "a missing file printed on standard output"
"$bin" import - - --today 2026-11-21 </dev/null >"$dir/out" 2>"$dir/err"
[ $? -eq 2 ] && grep -q "can be read only once" "$dir/err" || fail "import - - : $(cat "$dir/err")"

# Each step of the write failing (the RKPLAN_FAIL_AT test hook): the history stays as it was.
cp "$src/examples/half-marathon.toml" "$dir/f.toml"
for step in open:creating write:writing fsync:syncing rename:renaming; do
  RKPLAN_FAIL_AT=${step%%:*} "$bin" import "$data/strava-activities.csv" --append "$dir/f.toml" --today 2026-11-21 \
    2>"$dir/err"
  rc=$?
  [ $rc -eq 2 ] || fail "RKPLAN_FAIL_AT=${step%%:*}: exit $rc"
  grep -q "rkplan: cannot write '$dir/f.toml': ${step#*:}.*Input/output error; the file is unchanged" "$dir/err" ||
    fail "RKPLAN_FAIL_AT=${step%%:*}: $(cat "$dir/err")"
  cmp -s "$dir/f.toml" "$src/examples/half-marathon.toml" || fail "RKPLAN_FAIL_AT=${step%%:*}: the history changed"
done

# A Strava account export as downloaded (a zip: activities.csv, activities/*.gpx.gz and
# files that are no activities), and the same export unzipped: each run once, appended
# once; re-importing the zip, or the folder, adds nothing.
mkdir -p "$dir/export/activities" "$dir/export/routes"
cat >"$dir/export/activities.csv" <<'CSV'
Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Distance
11,"Nov 12, 2026, 10:00:00 AM",Morning Run from the zip,Run,900,3.02,activities/11.gpx.gz,3020
12,"Nov 13, 2026, 10:00:00 AM",Evening Ride,Ride,3600,25.00,activities/12.gpx.gz,25000
13,"Nov 14, 2026, 7:00:00 AM",Treadmill,Run,1800,5.00,,5000
CSV
gzip -c "$data/morning-run.gpx" >"$dir/export/activities/11.gpx.gz"
gzip -c "$data/morning-run.gpx" >"$dir/export/activities/12.gpx.gz"
printf 'Athlete ID\n1\n' >"$dir/export/profile.csv"
cp "$data/morning-run.gpx" "$dir/export/routes/1.gpx"
(cd "$dir/export" && python3 -c '
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for root, _, files in os.walk("."):
        for f in sorted(files):
            z.write(os.path.join(root, f))
' "$dir/export.zip")
cp "$src/examples/half-marathon.toml" "$dir/s.toml"
"$bin" import "$dir/export.zip" --append "$dir/s.toml" --today 2026-11-21 2>"$dir/err" ||
  fail "the export zip exited $?: $(cat "$dir/err")"
[ "$(cat "$dir/err")" = "rkplan: appended 2 runs from 2 files to $dir/s.toml; 1 non-running activity skipped (ride 1)" ] ||
  fail "export zip: $(cat "$dir/err")"
grep -q '^note = "Morning Run from the zip"$' "$dir/s.toml" || fail "the row does not name the run of its file"
grep -q '^downhill = 1.31$' "$dir/s.toml" || fail "the file does not give the run its downhill distance"
cp "$dir/s.toml" "$dir/s-first.toml"
for again in "$dir/export.zip" "$dir/export"; do
  "$bin" import "$again" --append "$dir/s.toml" --today 2026-11-21 2>"$dir/err" || fail "re-import of $again exited $?"
  grep -q "^rkplan: appended 0 runs from 2 files to $dir/s.toml; 2 already in it; 1 non-running activity skipped (ride 1)$" "$dir/err" ||
    fail "re-import of $again: $(cat "$dir/err")"
  cmp -s "$dir/s.toml" "$dir/s-first.toml" || fail "re-importing $again changed the file"
done
"$bin" plan "$dir/s.toml" --today 2026-11-21 >/dev/null 2>"$dir/err" || fail "plan after the export exited $?: $(cat "$dir/err")"

# A damaged member is reported by its name inside the archive; --strict then refuses all.
printf '<gpx><trk><trkseg><trkpt lat="1" lon="0"></trk></gpx>\n' >"$dir/export/activities/11.gpx"
rm "$dir/export/activities/11.gpx.gz"
sed -i 's#activities/11.gpx.gz#activities/11.gpx#' "$dir/export/activities.csv"
"$bin" import "$dir/export" --today 2026-11-21 >"$dir/out" 2>"$dir/err" || fail "a damaged member exited $?"
grep -q "^$dir/export/activities/11.gpx:1:44: error: invalid XML" "$dir/err" || fail "damaged member: $(cat "$dir/err")"
"$bin" import "$dir/export" --strict --today 2026-11-21 >"$dir/out" 2>"$dir/err"
[ $? -eq 2 ] && [ ! -s "$dir/out" ] || fail "--strict with a damaged member: $(cat "$dir/err")"

# No temporary file is left behind.
leftovers=$(ls -A "$dir" | grep '^\.rkplan-' || true)
[ -z "$leftovers" ] || fail "leftover files: $leftovers"
echo "import: all checks passed"
