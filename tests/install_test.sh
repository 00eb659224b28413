#!/usr/bin/env bash
# rkplan installed like a real tool: three CTest tests (tests/install_tests.cmake).
#   install_test.sh prefix       PREFIX CMAKE BUILD_DIR CONFIG SOURCE_DIR
#       `cmake --install` into a fresh PREFIX; every file where it belongs; the installed
#       binary runs.
#   install_test.sh find-package PREFIX CMAKE CONSUMER_SOURCE WORK_DIR CMAKE-ARGS...
#       a project outside the tree finds the installed package with CMAKE_PREFIX_PATH,
#       links rkplan::rkplan, loads a history and prints its number of runs.
#   install_test.sh docs         PREFIX WORK_DIR
#       the man page renders without warnings; the completions parse, complete commands,
#       options and values, and know every command, option and value the installed
#       binary's --help lists.
# The install folders relative to PREFIX come from the environment: RKPLAN_BINDIR,
# RKPLAN_LIBDIR, RKPLAN_INCLUDEDIR, RKPLAN_MANDIR, RKPLAN_DATADIR, RKPLAN_CMAKEDIR, and
# RKPLAN_VERSION the project's version.
set -u
mode=$1
prefix=$2
shift 2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
skip() { echo "SKIP: $*"; }
finish() {
  [ $failures -eq 0 ] && echo "install $mode: ok" && exit 0
  echo "install $mode: $failures failures"
  exit 1
}

bin=$prefix/$RKPLAN_BINDIR/rkplan
man_page=$prefix/$RKPLAN_MANDIR/man1/rkplan.1
bash_completion=$prefix/$RKPLAN_DATADIR/bash-completion/completions/rkplan
zsh_completion=$prefix/$RKPLAN_DATADIR/zsh/site-functions/_rkplan

case $mode in
prefix)
  cmake=$1 build=$2 config=$3 source=$4
  rm -rf "$prefix" && mkdir -p "$prefix"
  "$cmake" --install "$build" --prefix "$prefix" ${config:+--config "$config"} >"$prefix.log" 2>&1
  rc=$?
  [ $rc -eq 0 ] || { cat "$prefix.log"; fail "cmake --install exited $rc"; finish; }
  for f in "$bin" "$man_page" "$bash_completion" "$zsh_completion" \
           "$prefix/$RKPLAN_LIBDIR/librkplan.a" \
           "$prefix/$RKPLAN_CMAKEDIR/rkplanConfig.cmake" \
           "$prefix/$RKPLAN_CMAKEDIR/rkplanConfigVersion.cmake" \
           "$prefix/$RKPLAN_CMAKEDIR/rkplanTargets.cmake"; do
    [ -f "$f" ] || fail "not installed: ${f#"$prefix"/}"
  done
  [ -x "$bin" ] || fail "the binary is not executable"
  # Every public header, and nothing else, in include/rkplan.
  expected=$(cd "$source/include/rkplan" && find . -maxdepth 1 -name '*.hpp' | sort)
  actual=$(cd "$prefix/$RKPLAN_INCLUDEDIR/rkplan" 2>/dev/null && find . -mindepth 1 | sort)
  [ "$expected" = "$actual" ] || fail "headers differ from include/rkplan: $(diff <(echo "$expected") <(echo "$actual") | grep '^[<>]' | tr '\n' ' ')"
  grep -q 'find_dependency(fmt)' "$prefix/$RKPLAN_CMAKEDIR/rkplanConfig.cmake" || fail "rkplanConfig.cmake does not find fmt"
  grep -q 'find_dependency(tomlplusplus)' "$prefix/$RKPLAN_CMAKEDIR/rkplanConfig.cmake" || fail "rkplanConfig.cmake does not find toml++"
  version=$("$bin" --version 2>&1) || fail "installed rkplan --version exited $?"
  [ "$version" = "rkplan $RKPLAN_VERSION" ] || fail "installed rkplan --version: '$version'"
  grep -q "rkplan $RKPLAN_VERSION" "$man_page" || fail "the man page does not carry version $RKPLAN_VERSION"
  grep -q '@PROJECT_VERSION@' "$man_page" && fail "the man page was installed unconfigured"
  finish
  ;;

find-package)
  cmake=$1 consumer=$2 work=$3
  shift 3
  rm -rf "$work" && mkdir -p "$work"
  # rkplan_DIR must come from the scratch prefix, never from a system-wide install.
  if ! "$cmake" -S "$consumer" -B "$work" -DCMAKE_PREFIX_PATH="$prefix" \
       -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF \
       "$@" >"$work.configure.log" 2>&1; then
    cat "$work.configure.log"
    fail "the consumer does not configure against the installed package"
    finish
  fi
  found=$(sed -n 's/^rkplan_DIR:PATH=//p' "$work/CMakeCache.txt")
  [ "$found" = "$prefix/$RKPLAN_CMAKEDIR" ] || fail "rkplan_DIR is '$found', expected '$prefix/$RKPLAN_CMAKEDIR'"
  if ! "$cmake" --build "$work" >"$work.build.log" 2>&1; then
    cat "$work.build.log"
    fail "the consumer does not build against the installed package"
    finish
  fi
  output=$("$work/consumer" 2>&1) || fail "the consumer exited $?"
  expected="runs: 2
rkplan $RKPLAN_VERSION"
  [ "$output" = "$expected" ] || fail "consumer output: '$output', expected '$expected'"
  finish
  ;;

docs)
  work=$1
  rm -rf "$work" && mkdir -p "$work"

  # The man page: man-db (warnings on, as groff -ww), else groff alone, else skipped.
  if man --version >/dev/null 2>&1; then
    MANWIDTH=80 MAN_KEEP_FORMATTING='' man --warnings -E UTF-8 -l "$man_page" >"$work/man.txt" 2>"$work/man.err" ||
      fail "man -l exited $?"
    [ -s "$work/man.err" ] && fail "man -l warns: $(cat "$work/man.err")"
  elif command -v groff >/dev/null; then
    groff -man -Tutf8 -ww -P-c -P-b -P-u "$man_page" 2>"$work/man.err" >"$work/man.txt" || fail "groff exited $?"
    [ -s "$work/man.err" ] && fail "groff -ww warns: $(cat "$work/man.err")"
  else
    skip "neither man nor groff is installed: the man page is not rendered"
  fi
  if [ -s "$work/man.txt" ] 2>/dev/null; then
    for section in NAME SYNOPSIS DESCRIPTION COMMANDS FILES "EXIT STATUS" ENVIRONMENT EXAMPLES "SEE ALSO"; do
      grep -q "^$section\$" "$work/man.txt" || fail "the man page has no $section section"
    done
    grep -q 'NO_COLOR' "$work/man.txt" || fail "the man page does not mention NO_COLOR"
  fi

  bash -n "$bash_completion" || fail "bash -n rejects the bash completion"
  if command -v zsh >/dev/null; then
    zsh -n "$zsh_completion" || fail "zsh -n rejects the zsh completion"
  else
    skip "zsh is not installed: the zsh completion is not parsed"
  fi

  # complete WORD...: what the bash completion offers for the command line "WORD... |",
  # the last word being the one under the cursor; one candidate per line, sorted.
  complete_bash() {
    ( cd "$work/files" && bash --norc --noprofile -c '
        source "$0" || exit 1
        COMP_WORDS=("$@")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="$*" COMP_POINT=${#COMP_LINE}
        COMPREPLY=()
        _rkplan rkplan "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf "%s\n" "${COMPREPLY[@]}"' "$bash_completion" "$@" | sort )
  }
  words() { tr '\n' ' ' <<<"$1" | sed 's/ $//'; }  # one line, for messages
  expect_bash() {  # expect_bash "EXPECTED (space-separated)" WORD...
    local expected actual
    expected=$(tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort)
    shift
    actual=$(complete_bash "$@")
    [ "$actual" = "$expected" ] || fail "bash completion of '$*': got '$(words "$actual")', expected '$(words "$expected")'"
  }
  mkdir -p "$work/files/sub" && touch "$work/files/sam.toml" "$work/files/notes.txt" \
    "$work/files/morning.gpx" "$work/files/Ride.TCX" "$work/files/watch.fit" "$work/files/activities.csv"

  complete_bash "$bin" pl | grep -qx plan || fail "bash completion of 'rkplan pl' lacks plan"
  expect_bash "plan plot" "$bin" pl
  expect_bash "text json jsonl csv tsv" "$bin" check --format ""
  expect_bash "json jsonl" "$bin" check --format = j
  expect_bash "text json csv tsv ics" "$bin" plan --format ""
  expect_bash "error warning info" "$bin" check --fail-on ""
  expect_bash "sam.toml sub" "$bin" plan ""
  expect_bash "sam.toml sub" "$bin" check sam.toml ""
  expect_bash "morning.gpx Ride.TCX watch.fit activities.csv sub" "$bin" import ""
  expect_bash "weekly-increase" "$bin" explain weekly-i

  # Against the binary: every command its --help lists is completed and documented,
  # with every option of the command's --help, and every value of a {a,b,c} option.
  help_section() {  # help_section TITLE < help: the lines of that section
    awk -v t="$1:" '$0 == t {on = 1; next} /^[^ ]/ {on = 0} on'
  }
  "$bin" --help >"$work/help.txt" 2>&1
  commands=$(help_section Subcommands <"$work/help.txt" | awk 'NF {print $1}')
  [ -n "$commands" ] || fail "no commands in rkplan --help"
  offered=$(complete_bash "$bin" "")
  # zsh's case blocks: "        NAME)" up to its ";;".
  zsh_block() { awk -v c="        $1)" '$0 == c {on = 1; next} on && /^ *;;$/ {exit} on' "$zsh_completion"; }
  for c in $commands; do
    grep -qx "$c" <<<"$offered" || fail "bash completion does not offer the command $c"
    grep -q "^ *'$c:" "$zsh_completion" || fail "zsh completion does not list the command $c"
    [ -s "$work/man.txt" ] && { grep -q "^ *rkplan $c\b" "$work/man.txt" || fail "the man page's SYNOPSIS lacks rkplan $c"; }
    "$bin" "$c" --help >"$work/help-$c.txt" 2>&1
    options=$(help_section Options <"$work/help-$c.txt" | grep -oE '^  -[^ ]+' | tr ',' '\n' | sed 's/^ *//; s/=.*//' |
              grep -vxE -- '-h|--help')
    bash_options=$(complete_bash "$bin" "$c" -)
    zsh_options=$(zsh_block "$c")
    for o in $options; do
      grep -qx -- "$o" <<<"$bash_options" || fail "bash completion of 'rkplan $c -' lacks $o"
      grep -qE -- "(^|[^a-z-])${o}[=+[]" <<<"$zsh_options" || fail "zsh completion of rkplan $c lacks $o"
      [ -s "$work/man.txt" ] && { grep -qE -- "(^|[^a-z-])$o([^a-z-]|$)" "$work/man.txt" || fail "the man page does not document $c $o"; }
    done
    # Options whose help shows their values as {a,b,c}.
    help_section Options <"$work/help-$c.txt" | grep -oE '^  -[^ ]+ [A-Z]+:\{[^}]*\}' | while read -r names values; do
      o=${names##*,}
      values=$(sed 's/^[A-Z]*:{//; s/}$//; s/,/ /g' <<<"$values")
      expected=$(tr ' ' '\n' <<<"$values" | sort)
      actual=$(complete_bash "$bin" "$c" "$o" "")
      [ "$actual" = "$expected" ] || echo "FAIL: bash completion of 'rkplan $c $o': got '$(words "$actual")', expected '$values'"
      for v in $values; do
        grep -qE -- "${o}[=+]?\[.*\(.*\b$v\b.*\)" <<<"$zsh_options" ||
          echo "FAIL: zsh completion of 'rkplan $c $o' lacks $v"
      done
    done >"$work/values.txt"
    if [ -s "$work/values.txt" ]; then
      cat "$work/values.txt"
      failures=$((failures + $(wc -l <"$work/values.txt")))
    fi
  done
  finish
  ;;
*)
  echo "usage: install_test.sh prefix|find-package|docs PREFIX ..." >&2
  exit 2
  ;;
esac
