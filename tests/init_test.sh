#!/usr/bin/env bash
# `rkplan init FILE`: writes the template, which loads; never overwrites; leaves no
# temporary file behind; fails cleanly (exit 2) where it cannot write.
# usage: init_test.sh RKPLAN_BINARY
set -u
bin=$1
dir=$(mktemp -d)
trap 'chmod -R u+w "$dir"; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$bin" init "$dir/h.toml" 2>"$dir/err" || fail "init exited $?"
[ "$(cat "$dir/err")" = "rkplan: wrote $dir/h.toml; edit it, then run 'rkplan plan $dir/h.toml'" ] || fail "message: $(cat "$dir/err")"
cmp -s "$dir/h.toml" <("$bin" init) || fail "the file differs from 'rkplan init' output"
"$bin" weeks "$dir/h.toml" --today 2026-11-21 >/dev/null || fail "the template does not load"
[ "$(ls -A "$dir" | wc -l)" -eq 2 ] || fail "leftover files: $(ls -A "$dir")"

echo "# mine" > "$dir/mine.toml"
"$bin" init "$dir/mine.toml" 2>"$dir/err"; rc=$?
[ $rc -eq 2 ] || fail "overwrite attempt exited $rc"
[ "$(cat "$dir/mine.toml")" = "# mine" ] || fail "an existing file was changed"
grep -q "already exists; rkplan init never overwrites a file" "$dir/err" || fail "message: $(cat "$dir/err")"

mkdir "$dir/ro" && chmod a-w "$dir/ro"
if [ "$(id -u)" -ne 0 ]; then  # root may write anywhere
  "$bin" init "$dir/ro/h.toml" 2>"$dir/err"; rc=$?
  [ $rc -eq 2 ] || fail "read-only folder: exit $rc"
  grep -q "creating a temporary file beside it: Permission denied" "$dir/err" || fail "message: $(cat "$dir/err")"
fi
"$bin" init "$dir/missing/h.toml" 2>"$dir/err"; rc=$?
[ $rc -eq 2 ] || fail "missing folder: exit $rc"
grep -q "cannot write '$dir/missing/h.toml': creating a temporary file beside it: No such file or directory; nothing was written" "$dir/err" || fail "message: $(cat "$dir/err")"
[ "$(ls -A "$dir" | wc -l)" -eq 4 ] || fail "leftover files: $(ls -A "$dir")"
# Each step of the write failing (the RKPLAN_FAIL_AT test hook): no file, nothing left.
for step in open:creating write:writing fsync:syncing rename:linking; do
  RKPLAN_FAIL_AT=${step%%:*} "$bin" init "$dir/new.toml" 2>"$dir/err"; rc=$?
  [ $rc -eq 2 ] || fail "RKPLAN_FAIL_AT=${step%%:*}: exit $rc"
  grep -q "rkplan: cannot write '$dir/new.toml': ${step#*:}.*Input/output error; nothing was written" "$dir/err" || fail "message: $(cat "$dir/err")"
  [ -e "$dir/new.toml" ] && fail "RKPLAN_FAIL_AT=${step%%:*}: the file was created"
  ls -A "$dir" | grep -q '^\.rkplan-' && fail "RKPLAN_FAIL_AT=${step%%:*}: a temporary file was left"
done
echo "init: all checks passed"
