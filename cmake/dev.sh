#!/usr/bin/env bash
# rkplan's set-up in one step, for a fresh Debian 12 machine (as root) or a developer's:
#   bash cmake/dev.sh demo   install what is needed, build, and plan an example history
#   bash cmake/dev.sh test   install what is needed, build, and run the whole suite:
#                            once with warnings as errors, once under ASan + UBSan
# Both are idempotent: packages already installed are not fetched again, builds are
# incremental.
set -euo pipefail
cd "$(dirname "$0")/.."

# librsvg2-dev and libcairo2-dev (through pkg-config) draw `plot -o chart.png`; the chart's
# font stack ends in sans-serif, which fonts-dejavu-core provides on a bare system.
packages=(g++ cmake make pkg-config libcli11-dev libfmt-dev libtomlplusplus-dev doctest-dev libpugixml-dev
          libarchive-dev zlib1g-dev librsvg2-dev libcairo2-dev fonts-dejavu-core)
# The test suite also checks the iCalendar output with a real parser, decodes the PNG chart
# (python3-pil), renders the man page (man-db) and parses the zsh completion; the warnings
# build also compiles the benchmarks (libbenchmark-dev), so that they keep building: they
# are never run as tests.
test_packages=(python3 python3-icalendar python3-pil man-db zsh libbenchmark-dev)

install_packages() {  # install_packages NAME...
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "rkplan: installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

jobs=$(nproc 2>/dev/null || echo 2)

build() {  # build DIR CMAKE-ARGS...
  local dir=$1
  shift
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

case "${1:-}" in
  demo)
    install_packages "${packages[@]}"
    build build -DCMAKE_BUILD_TYPE=Release -DRKPLAN_BUILD_TESTS=OFF
    ./build/rkplan plan examples/return-to-run.toml --today 2026-11-21
    ;;
  test)
    install_packages "${packages[@]}" "${test_packages[@]}"
    build build-werror -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRKPLAN_WERROR=ON -DRKPLAN_BENCH=ON
    ctest --test-dir build-werror --output-on-failure -j "$jobs"
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DRKPLAN_SANITIZE=ON -DRKPLAN_WERROR=ON
    ctest --test-dir build-asan --output-on-failure -j "$jobs"
    ;;
  *)
    echo "usage: bash cmake/dev.sh demo|test" >&2
    exit 2
    ;;
esac
