#!/usr/bin/env bash
# A peer's test suite: every TOML 1.0 case of toml-test through `rkplan weeks`.
# Invalid documents must exit 2 with a located error (FILE:LINE:COL: error: ...) and
# print nothing on standard output; valid ones must load (exit 0) or be refused by
# rkplan's own schema with a located error (exit 2). Anything else — a crash, a
# sanitizer report, a hang — fails the test.
# usage: toml_test.sh RKPLAN_BINARY TOML_TEST_DIR
set -u
bin=$1
dir=$2
if [ ! -f "$dir/tests/files-toml-1.0.0" ]; then
  echo "toml-test not found at '$dir' (set RKPLAN_TOML_TEST_DIR): skipped"
  exit 77
fi
cd "$dir/tests"
failures=0 invalid=0 loaded=0 refused=0
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
while IFS= read -r case; do
  case "$case" in *.toml) ;; *) continue ;; esac
  timeout 20 "$bin" weeks "$case" --today 2026-11-21 >"$out" 2>"$err"
  rc=$?
  first=$(head -n 1 "$err")
  located=0
  [[ "$first" =~ ^"$case":[0-9]+:[0-9]+:\ error:\  ]] && located=1
  case "$case" in
    invalid/*)
      if [ $rc -eq 2 ] && [ $located -eq 1 ] && [ ! -s "$out" ]; then
        invalid=$((invalid + 1))
      else
        failures=$((failures + 1))
        echo "FAIL $case: exit $rc, first error line: $first"
      fi
      ;;
    valid/*)
      if [ $rc -eq 0 ]; then
        loaded=$((loaded + 1))
      elif [ $rc -eq 2 ] && [ $located -eq 1 ] && [ ! -s "$out" ]; then
        refused=$((refused + 1))
      else
        failures=$((failures + 1))
        echo "FAIL $case: exit $rc, first error line: $first"
      fi
      ;;
  esac
done < files-toml-1.0.0
echo "toml-test: $invalid invalid documents rejected with a located error, $loaded valid documents loaded, $refused refused by rkplan's schema, $failures failures"
[ $failures -eq 0 ]
