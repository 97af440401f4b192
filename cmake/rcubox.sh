#!/usr/bin/env bash
# The project's two entry points (see README.md):
#   cmake/rcubox.sh example   build everything, run the example (compiled with
#                             the rcu-lifetime plugin)
#   cmake/rcubox.sh test      build everything, run every suite through ctest
# Missing Debian packages are installed first. RCUBOX_BUILD_DIR overrides the
# build directory (default: build/ in the source tree).
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
  exec "$build/examples/rcubox_example"
fi
cd "$build"
exec ctest --output-on-failure -j "$jobs"
