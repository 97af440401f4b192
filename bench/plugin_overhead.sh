#!/usr/bin/env bash
# Compile-time cost of the rcu-lifetime plugin, as ratios against the same
# compilation without it, in the same run. Medians of N runs (default 5).
#   bench/plugin_overhead.sh <build-dir> [runs]
# Inputs: the example program, every lit test of the plugin concatenated as
# separate compilations, and generated files with many small guarded
# functions and one huge function, at two sizes each (to see the scaling).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:?usage: $0 <build-dir> [runs]}
runs=${2:-5}
plugin=$build/plugin/fplugin/rcu-lifetime.so
clang=${CLANGXX:-clang++-22}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gen_many() { # N small functions, each with a guard and a few borrows
  echo '#include <rcu/rcu.hpp>'
  echo 'struct R { int key; int hops[4]; }; using P = rcu::Pointer<R>;'
  for ((i = 0; i < $1; i++)); do
    echo "int f$i(const P &p) { rcu::Guard g; const R *r = p.load(g); int s = 0; if (r) { for (int h : r->hops) s += h; s += r->key; } return s; }"
  done
}
gen_huge() { # one function with N guarded blocks
  echo '#include <rcu/rcu.hpp>'
  echo 'struct R { int key; }; using P = rcu::Pointer<R>;'
  echo 'int huge(const P &p) { int s = 0;'
  for ((i = 0; i < $1; i++)); do
    echo "  { rcu::Guard g; const R *r = p.load(g); if (r) s += r->key; }"
  done
  echo '  return s; }'
}
gen_try() { # one function, N guarded blocks with calls that may throw, in a try
  echo '#include <rcu/rcu.hpp>'
  echo 'struct R { int key; }; using P = rcu::Pointer<R>; void may_throw(const R *);'
  echo 'int huge(const P &p) { int s = 0; try {'
  for ((i = 0; i < $1; i++)); do
    echo "  { rcu::Guard g; const R *r = p.load(g); may_throw(r); if (r) s += r->key; }"
  done
  echo '  } catch (...) { return -1; } return s; }'
}
gen_many 1000 >"$work/many1000.cpp"
gen_many 4000 >"$work/many4000.cpp"
gen_huge 1000 >"$work/huge1000.cpp"
gen_huge 4000 >"$work/huge4000.cpp"
gen_try 1000 >"$work/try1000.cpp"
gen_try 4000 >"$work/try4000.cpp"
cp "$root/examples/routing_table.cpp" "$work/example.cpp"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_compile() { # file, extra flags...
  local f=$1
  shift
  for ((r = 0; r < runs; r++)); do
    local t0 t1
    t0=$(date +%s.%N)
    "$clang" -std=c++20 -fsyntax-only -I "$root/runtime/include" "$@" "$f" 2>/dev/null || true
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc
  done | median
}

printf '%-14s %12s %12s %8s\n' input "plain (s)" "plugin (s)" ratio
for f in example many1000 many4000 huge1000 huge4000 try1000 try4000; do
  base=$(time_compile "$work/$f.cpp")
  with=$(time_compile "$work/$f.cpp" "-fplugin=$plugin")
  printf '%-14s %12.3f %12.3f %8.2f\n' "$f" "$base" "$with" "$(echo "$with / $base" | bc -l)"
done
