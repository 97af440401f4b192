#!/usr/bin/env bash
# Kept for the references to it (docs/design.md): the checker's compile-time
# cost is measured by bench/compile_time.py now (with Clang's lifetime
# analysis beside it, on a large non-RCU unit, RCU-heavy code and one growing
# function).  bench/plugin_overhead.sh <build-dir> [runs]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:?usage: $0 <build-dir> [runs]}
exec python3 "$root/bench/compile_time.py" --runs "${2:-5}" \
  --plugin "$build/lib/rcubox/rcu-lifetime.so"
