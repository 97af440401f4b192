#!/usr/bin/env bash
# bench/run.sh [--quick] [part...]: builds what the benchmarks need, runs them
# (all, or the parts named: read reclaim storm compile; the plots are always
# redone from whatever results there are) and
# regenerates docs/performance.md's inputs:
#   <build>/bench-results/*.json   raw results (Google Benchmark JSON, the
#                                  storm's samples, compile times, machine)
#   docs/perf/*.png, docs/perf/results.md   plots and tables (bench/plot.py)
# RCUBOX_BUILD_DIR overrides the build directory (default: build/). RUNS
# (default 5) is the number of repetitions whose median is reported.
# --quick: a short pass of everything (minutes, not tens of minutes) whose
# figures are not worth publishing; it writes to <build>/bench-results-quick
# and leaves docs/perf alone.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
quick=0
if [[ ${1:-} == --quick ]]; then
  quick=1
  shift
fi
parts=" ${*:-read reclaim storm compile} "
want() { [[ $parts == *" $1 "* ]]; }
build=${RCUBOX_BUILD_DIR:-$root/build}
runs=${RUNS:-5}

"$root/cmake/install-deps.sh"
# Optimised whatever the build type (the benchmark targets force -O2); the
# plugin is measured as the build type makes it, RelWithDebInfo by default.
if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DRCUBOX_WERROR=ON
fi
cmake --build "$build" -j "$(nproc)" --target rcubox_read_bench \
  rcubox_reclaim_bench rcubox_storm_bench rcu-lifetime

if ((quick)); then
  out=$build/bench-results-quick
  runs=1
  gb=(--benchmark_min_time=0.01)
  storm_seconds=0.5
  compile_args=(--quick)
else
  out=$build/bench-results
  gb=(--benchmark_min_time=0.2)
  storm_seconds=3
  compile_args=(--runs "$runs")
fi
mkdir -p "$out"
# Repetitions in random order, so that a burst of load on the shared machine
# is spread over every contender instead of hitting one.
gb+=(--benchmark_repetitions="$runs" --benchmark_enable_random_interleaving=true
  --benchmark_out_format=json)

"$root/bench/machine.sh" >"$out/machine.json"

if want read; then
  echo "bench/run.sh: read path" >&2
  "$build/bench/rcubox_read_bench" "${gb[@]}" --benchmark_out="$out/read.json"
fi
if want reclaim; then
  echo "bench/run.sh: reclamation" >&2
  "$build/bench/rcubox_reclaim_bench" "${gb[@]}" --benchmark_out="$out/reclaim.json"
fi
if want storm; then
  echo "bench/run.sh: the storm (one process per run: peak RSS is per process)" >&2
  : >"$out/storm.jsonl"
  for ((r = 0; r < (quick ? 1 : 3); r++)); do
    for updaters in 4 1; do
      for impl in urcu_memb_c rcubox; do
        "$build/bench/rcubox_storm_bench" "$impl" "$updaters" "$storm_seconds" 1024 200 \
          >>"$out/storm.jsonl"
      done
    done
  done
fi
if want compile; then
  echo "bench/run.sh: the checker's compile-time cost" >&2
  python3 "$root/bench/compile_time.py" "${compile_args[@]}" \
    --plugin "$build/lib/rcubox/rcu-lifetime.so" --out "$out/compile_time.json"
fi

if ((quick)); then
  /usr/bin/python3 "$root/bench/plot.py" "$out" --out-dir "$out/perf"
else
  /usr/bin/python3 "$root/bench/plot.py" "$out" --out-dir "$root/docs/perf"
fi
