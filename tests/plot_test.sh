#!/usr/bin/env bash
# `rkplan plot FILE -o CHART`: writes the chart (the same bytes as `-o -`), replaces an
# older chart in place keeping its permissions, leaves no temporary file behind, never
# writes over the history it reads (exit 2), and fails cleanly where it cannot write.
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

# An older chart is replaced, keeping its permissions.
echo "old chart" > "$dir/old.svg"
chmod 640 "$dir/old.svg"
"$bin" plot "$dir/h.toml" "${today[@]}" --output "$dir/old.svg" 2>/dev/null || fail "replacing a chart exited $?"
cmp -s "$dir/old.svg" "$dir/chart.svg" || fail "the older chart was not replaced"
[ "$(stat -c %a "$dir/old.svg")" = 640 ] || fail "mode changed to $(stat -c %a "$dir/old.svg")"
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

expected="bad.toml chart.svg err h.toml hard.svg keep.svg old.svg rel.svg sym.svg"
[ "$(ls -A "$dir" | sort | tr '\n' ' ' | sed 's/ $//')" = "$expected" ] || fail "leftover files: $(ls -A "$dir")"
echo "plot: all checks passed"
