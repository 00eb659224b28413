#!/usr/bin/env bash
# Keeps README.md true: every "$ rkplan ..." line inside a ```console block is run, in
# README order, and its output (standard output and error together) must equal the lines
# that follow it in the block. "$ cp ..." lines are run too (the walk-through copies an
# example before logging to it). The commands run in a scratch folder that links to every
# top-level entry of the source tree, so that they read examples/... and tests/... as the
# README shows, and the files they write never land in the source tree.
# The same check keeps the manual's pages (docs/manual/*.md) true: ROOT, the source tree's
# top folder, is then given, and their commands run as from there.
# usage: readme_test.sh RKPLAN_BINARY PAGE [ROOT]
set -u
bin=$1
readme=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
root=${3:-$(dirname "$readme")}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for entry in "$root"/*; do ln -s "$entry" "$scratch/"; done
cd "$scratch"
failures=0 commands=0
in_block=0 cmd="" expected="" lines=0
check() {
  [ -z "$cmd" ] && return
  commands=$((commands + 1))
  local actual
  if [[ $cmd == "cp "* ]]; then
    actual=$(eval "$cmd" 2>&1)
  else
    actual=$(eval "NO_COLOR=1 \"$bin\" ${cmd#rkplan }" 2>&1)
  fi
  if [ "$actual" != "$expected" ]; then
    failures=$((failures + 1))
    echo "README differs for: \$ $cmd"
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | head -20
  fi
  cmd="" expected="" lines=0
}
while IFS= read -r line || [ -n "$line" ]; do
  if [ $in_block -eq 0 ]; then
    [ "$line" = '```console' ] && in_block=1
    continue
  fi
  if [ "$line" = '```' ]; then
    check
    in_block=0
    continue
  fi
  if [[ "$line" == '$ rkplan'* || "$line" == '$ cp '* ]]; then
    check
    cmd=${line#\$ }
    continue
  fi
  if [ -n "$cmd" ]; then
    [ $lines -gt 0 ] && expected+=$'\n'
    expected+="$line"
    lines=$((lines + 1))
  fi
done < "$readme"
echo "$(basename "$readme"): $commands commands checked, $failures differ"
[ $failures -eq 0 ] && [ $commands -gt 0 ]
