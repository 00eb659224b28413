#!/usr/bin/env bash
# rkplan never modifies a file it reads: every input file is checksummed before and
# after every read-only command on every example (and the import samples, if present).
# usage: untouched_test.sh RKPLAN_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
today=(--today 2026-11-21)
inputs=(examples/*.toml)
[ -d tests/data/import ] && inputs+=(tests/data/import/*)
sum() { sha256sum "${inputs[@]}"; }
before=$(sum)
commands=0
has() { "$bin" --help | grep -qE "^  $1 "; }
for f in examples/*.toml; do
  for fmt in text json csv tsv ics; do "$bin" plan "$f" "${today[@]}" --format "$fmt" >/dev/null; commands=$((commands + 1)); done
  for fmt in text json csv tsv; do "$bin" weeks "$f" "${today[@]}" --format "$fmt" >/dev/null; commands=$((commands + 1)); done
  for fmt in text json jsonl csv tsv; do "$bin" check "$f" "${today[@]}" --format "$fmt" >/dev/null; commands=$((commands + 1)); done
  "$bin" check "$f" "${today[@]}" --next 20 --next-downhill 1 --next-descent 50 >/dev/null
  "$bin" plan - "${today[@]}" <"$f" >/dev/null
  "$bin" init "$f" 2>/dev/null  # refuses: the file exists
  commands=$((commands + 3))
  if has plot; then "$bin" plot "$f" "${today[@]}" -o "$scratch/chart.svg" >/dev/null 2>&1; commands=$((commands + 1)); fi
done
"$bin" check examples/*.toml "${today[@]}" >/dev/null
commands=$((commands + 1))
if has import && [ -d tests/data/import ]; then
  for f in tests/data/import/*; do "$bin" import "$f" >/dev/null 2>&1; commands=$((commands + 1)); done
fi
after=$(sum)
[ "$before" = "$after" ] || fail "an input changed: $(diff <(echo "$before") <(echo "$after"))"
echo "untouched: ${#inputs[@]} input files unchanged after $commands commands"
