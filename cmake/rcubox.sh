#!/usr/bin/env bash
# The project's two entry points (see README.md):
#   cmake/rcubox.sh example   build everything, run the example (compiled with
#                             the rcu-lifetime plugin), then show rcu-check's
#                             findings on examples/bugs/
#   cmake/rcubox.sh test      build everything, run every suite through ctest;
#                             the checks are also built and tested against
#                             LLVM 19, the oldest LLVM rcubox supports
# Missing Debian packages are installed first. RCUBOX_BUILD_DIR overrides the
# build directory (default: build/ in the source tree); the LLVM 19 build is
# its llvm-19/ subdirectory. RCUBOX_SKIP_LLVM19=1 skips that build.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-}
case $mode in
example | test) ;;
*)
  echo "usage: $0 example|test" >&2
  exit 2
  ;;
esac

"$root/cmake/install-deps.sh"

build=${RCUBOX_BUILD_DIR:-$root/build}
jobs=$(nproc)
cmake -S "$root" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
  -DRCUBOX_WERROR=ON
cmake --build "$build" -j "$jobs"

if [[ $mode == example ]]; then
  "$build/examples/rcubox_example"
  # The checks at work: rcu-check over a small service with three bugs.
  echo
  echo "rcubox: rcu-check over examples/bugs/ (three real-looking RCU bugs):"
  cd "$root"
  status=0
  "$build/bin/rcu-check" examples/bugs/*.cpp -- -std=c++20 -Iruntime/include ||
    status=$?
  # 1 means findings, which is what this directory is for.
  [[ $status -eq 1 ]] || exit 1
  exit 0
fi

# LLVM 19: the plugin, the clang-tidy module and rcu-check only (every target
# under plugin/), tested by the suites labelled "plugin". Formatting (the
# "lint" label) is LLVM 22's clang-format's business.
status=0
if [[ ${RCUBOX_SKIP_LLVM19:-0} != 1 ]]; then
  build19=$build/llvm-19
  cmake -S "$root" -B "$build19" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DRCUBOX_LLVM_VERSION=19 -DRCUBOX_WERROR=ON \
    -DRCUBOX_BUILD_BENCH=OFF -DRCUBOX_BUILD_EXAMPLES=OFF
  cmake --build "$build19" -j "$jobs" --target plugin/all
  echo "rcubox: ctest against LLVM 19 (checks only)" >&2
  (cd "$build19" && ctest --output-on-failure -j "$jobs" --no-tests=error \
    -L plugin -LE lint) ||
    status=1
  echo "rcubox: ctest against LLVM 22" >&2
fi

# Last, so that the output ends with its summary; fails if either failed.
cd "$build"
ctest --output-on-failure -j "$jobs" || status=1
exit $status
