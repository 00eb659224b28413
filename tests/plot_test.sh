#!/usr/bin/env bash
# `rkplan plot FILE -o CHART`: writes the chart (SVG: the same bytes as `-o -`; PNG: decoded
# and checked), replaces an older chart in place keeping its permissions but never a file
# rkplan did not write (unless --force), refuses other names, leaves no temporary file
# behind, never writes over the history it reads (exit 2), and fails cleanly where it
# cannot write.
# usage: plot_test.sh RKPLAN_BINARY EXAMPLE_HISTORY
set -u
bin=$1
example=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
today=(--today 2026-11-21)

cp "$example" "$dir/h.toml"
"$bin" plot "$dir/h.toml" "${today[@]}" -o "$dir/chart.svg" 2>"$dir/err" || fail "plot exited $?"
[ "$(cat "$dir/err")" = "rkplan: wrote $dir/chart.svg" ] || fail "message: $(cat "$dir/err")"
cmp -s "$dir/chart.svg" <("$bin" plot "$dir/h.toml" "${today[@]}" -o -) || fail "the file differs from '-o -' output"

head -n 2 "$dir/chart.svg" | tail -n 1 | grep -qxF '<!-- Software: rkplan -->' || fail "the SVG has no rkplan mark"

# An older chart rkplan wrote is replaced, keeping its permissions; so is one from a
# version before the mark ("Made by rkplan" in its description).
sed 's/2026/2025/' "$dir/chart.svg" > "$dir/old.svg"
chmod 640 "$dir/old.svg"
"$bin" plot "$dir/h.toml" "${today[@]}" --output "$dir/old.svg" 2>/dev/null || fail "replacing a chart exited $?"
cmp -s "$dir/old.svg" "$dir/chart.svg" || fail "the older chart was not replaced"
[ "$(stat -c %a "$dir/old.svg")" = 640 ] || fail "mode changed to $(stat -c %a "$dir/old.svg")"
grep -vxF '<!-- Software: rkplan -->' "$dir/chart.svg" > "$dir/old.svg"
"$bin" plot "$dir/h.toml" "${today[@]}" --output "$dir/old.svg" 2>/dev/null || fail "replacing an unmarked chart exited $?"
cmp -s "$dir/old.svg" "$dir/chart.svg" || fail "the unmarked chart was not replaced"

# A file rkplan did not write is left as it is (exit 2), unless --force.
for name in drawing.svg photo.png; do
  echo "someone's $name" > "$dir/$name"
  "$bin" plot "$dir/h.toml" "${today[@]}" -o "$dir/$name" 2>"$dir/err"; rc=$?
  [ $rc -eq 2 ] || fail "over $name: exit $rc"
  [ "$(cat "$dir/err")" = "rkplan: '$dir/$name' exists and is not a chart rkplan wrote, so it is left as it is: choose another --output, or add --force to replace it" ] \
    || fail "over $name: $(cat "$dir/err")"
  [ "$(cat "$dir/$name")" = "someone's $name" ] || fail "$name was changed"
  "$bin" plot "$dir/h.toml" "${today[@]}" -o "$dir/$name" --force 2>/dev/null || fail "--force over $name: exit $?"
done
cmp -s "$dir/drawing.svg" "$dir/chart.svg" || fail "--force did not replace drawing.svg"

# PNG: the chart drawn by librsvg at twice its size, marked, decoded in full.
"$bin" plot "$dir/h.toml" "${today[@]}" -o "$dir/chart.png" 2>"$dir/err" || fail "PNG: exit $?: $(cat "$dir/err")"
[ "$(cat "$dir/err")" = "rkplan: wrote $dir/chart.png" ] || fail "PNG message: $(cat "$dir/err")"
/usr/bin/python3 "$(dirname "$0")/png_check.py" "$dir/chart.png" 2000 1120 || fail "the PNG does not check"
cmp -s "$dir/photo.png" "$dir/chart.png" || fail "--force did not write a PNG over photo.png"
cp "$dir/chart.png" "$dir/again.png"
"$bin" plot "$dir/h.toml" "${today[@]}" -o "$dir/again.png" 2>/dev/null || fail "replacing a PNG chart exited $?"
(cd "$dir" && "$bin" plot h.toml "${today[@]}" -o CAPS.PNG 2>/dev/null) || fail "CAPS.PNG: exit $?"
cmp -s "$dir/CAPS.PNG" "$dir/chart.png" || fail "CAPS.PNG is not the same PNG"

# Any other name is refused before anything is read or written.
for name in chart.jpg chart svg; do
  "$bin" plot "$dir/h.toml" "${today[@]}" -o "$dir/$name" 2>"$dir/err"; rc=$?
  [ $rc -eq 2 ] || fail "-o $name: exit $rc"
  [ "$(cat "$dir/err")" = "rkplan: --output '$dir/$name': expected a file name ending in .svg or .png, or - for SVG on standard output" ] \
    || fail "-o $name: $(cat "$dir/err")"
  [ ! -e "$dir/$name" ] || fail "-o $name wrote a file"
done
# A relative path in the current folder.
(cd "$dir" && "$bin" plot h.toml "${today[@]}" -o rel.svg 2>/dev/null) || fail "relative output exited $?"
cmp -s "$dir/rel.svg" "$dir/chart.svg" || fail "relative output differs"

# Never over the history: the same path, another spelling of it, a symbolic or hard link.
ln -s h.toml "$dir/sym.svg"
ln "$dir/h.toml" "$dir/hard.svg"
for out in "$dir/h.toml" "$dir/./h.toml" "$dir/sym.svg" "$dir/hard.svg"; do
  "$bin" plot "$dir/h.toml" "${today[@]}" -o "$out" 2>"$dir/err"; rc=$?
  [ $rc -eq 2 ] || fail "writing over the history as $out exited $rc"
  grep -q "is the history being read; rkplan never writes to it" "$dir/err" || fail "message: $(cat "$dir/err")"
  cmp -s "$dir/h.toml" "$example" || fail "the history was changed through $out"
done
[ -L "$dir/sym.svg" ] || fail "the symbolic link was replaced"

# Where it cannot write: exit 2, a message, nothing left behind.
"$bin" plot "$dir/h.toml" "${today[@]}" -o "$dir/missing/c.svg" 2>"$dir/err"; rc=$?
[ $rc -eq 2 ] || fail "missing folder: exit $rc"
grep -q "cannot write '$dir/missing/c.svg': creating a temporary file beside it: No such file or directory" "$dir/err" || fail "message: $(cat "$dir/err")"
# Each step of the write failing (the RKPLAN_FAIL_AT test hook): the old chart stays.
cp "$dir/chart.svg" "$dir/keep.svg"
for step in open:creating write:writing fsync:syncing rename:renaming; do
  RKPLAN_FAIL_AT=${step%%:*} "$bin" plot "$dir/h.toml" "${today[@]}" -o "$dir/chart.svg" 2>"$dir/err"; rc=$?
  [ $rc -eq 2 ] || fail "RKPLAN_FAIL_AT=${step%%:*}: exit $rc"
  grep -q "rkplan: cannot write '$dir/chart.svg': ${step#*:}.*Input/output error; the file is unchanged" "$dir/err" || fail "message: $(cat "$dir/err")"
  cmp -s "$dir/chart.svg" "$dir/keep.svg" || fail "RKPLAN_FAIL_AT=${step%%:*}: the old chart changed"
  ls -A "$dir" | grep -q '^\.rkplan-' && fail "RKPLAN_FAIL_AT=${step%%:*}: a temporary file was left"
done
# A history that does not load writes nothing.
printf '[[run]]\ndate = 2026-11-01\ndistance = -1\n' > "$dir/bad.toml"
"$bin" plot "$dir/bad.toml" "${today[@]}" -o "$dir/bad.svg" 2>/dev/null; rc=$?
[ $rc -eq 2 ] || fail "invalid history: exit $rc"
[ ! -e "$dir/bad.svg" ] || fail "a chart was written for an invalid history"

expected="CAPS.PNG again.png bad.toml chart.png chart.svg drawing.svg err h.toml hard.svg keep.svg old.svg photo.png rel.svg sym.svg"
[ "$(ls -A "$dir" | sort | tr '\n' ' ' | sed 's/ $//')" = "$expected" ] || fail "leftover files: $(ls -A "$dir")"
echo "plot: all checks passed"
