#!/usr/bin/env bash
# Holds the library to its stages (ARCHITECTURE.md): a file of src/STAGE/ and a public
# header of a stage include only headers of their own stage and the stages before it, and
# only history/ includes toml++, only import/ pugixml, libarchive and zlib. A stage's
# public headers are listed below; a new header must be given a stage here.
# usage: layering_test.sh SOURCE_DIR
set -u
cd "${1:?usage: layering_test.sh SOURCE_DIR}"
stages=(core history rules plan render import)
declare -A stage_of=(
  [date]=core [diagnostic]=core [text]=core [history]=core
  [split]=history [templates]=history [emit]=history [entry]=history [edit]=history
  [weeks]=rules [phases]=rules [projection]=rules [check]=rules [assess]=rules [registry]=core [explain]=rules
  [plan]=plan [calculator]=plan [effect]=plan [status]=render
  [render]=render [plot]=render [chart_file]=render
  [import]=import [import_batch]=import
)
# import/ stands beside rules, plan and render: it reads activities into runs and needs
# only the core and the history file's writing (emit).
declare -A allowed=(
  [core]="core"
  [history]="core history"
  [rules]="core history rules"
  [plan]="core history rules plan"
  [render]="core history rules plan render"
  [import]="core history import"
)
declare -A third_party=(
  [history]="toml++/"
  [import]="pugixml.hpp archive.h archive_entry.h zlib.h"
)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check_file() {  # check_file FILE STAGE
  local file=$1 stage=$2 inc name own
  while IFS= read -r inc; do
    case $inc in
      rkplan/*)
        name=${inc#rkplan/}; name=${name%.hpp}
        own=${stage_of[$name]:-}
        [ -z "$own" ] && { fail "$file includes rkplan/$name.hpp, which has no stage in layering_test.sh"; continue; }
        [[ " ${allowed[$stage]} " == *" $own "* ]] || fail "$file ($stage) includes rkplan/$name.hpp ($own)";;
      toml++/*|pugixml.hpp|archive.h|archive_entry.h|zlib.h)
        [[ " ${third_party[$stage]:-} " == *" ${inc%%/*}"* || " ${third_party[$stage]:-} " == *" $inc "* ]] ||
          fail "$file ($stage) includes $inc";;
    esac
  done < <(sed -n 's/^#include [<"]\([^>"]*\)[>"].*/\1/p' "$file")
}
checked=0
for stage in "${stages[@]}"; do
  for file in src/"$stage"/*.cpp src/"$stage"/*.hpp; do
    [ -e "$file" ] || continue
    check_file "$file" "$stage"; checked=$((checked + 1))
  done
done
for header in include/rkplan/*.hpp; do
  name=$(basename "$header" .hpp)
  stage=${stage_of[$name]:-}
  [ -z "$stage" ] && { fail "$header has no stage in layering_test.sh"; continue; }
  check_file "$header" "$stage"; checked=$((checked + 1))
done
for file in src/*.cpp src/*.hpp; do
  [ -e "$file" ] && fail "$file is outside the stage folders"
done
echo "layering: $checked files checked, $failures violations"
[ $failures -eq 0 ] && [ $checked -gt 0 ]
