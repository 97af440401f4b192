#!/usr/bin/env bash
# Where the checker's compile time goes, measured in a way that load on a
# shared machine does not blur: perf samples (cpu-clock, 999 Hz, about 1 ms
# of CPU each) are taken only while the compiler runs, so the share of them
# in the checker's own code (rcu-lifetime-impl.so) is load-independent.
#   bench/profile_checker.sh <rcu-lifetime.so> [baseline rcu-lifetime.so]
# Prints, for the non-RCU unit of compile_time.py, the share of samples in
# the checker (and in the AST matchers it drives) for each plugin, three runs
# each; then, for one function of 2 k ... 32 k statements, the number of
# samples in the checker's code (median of three): its growth per doubling.
# Needs perf (Debian: linux-perf).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
plugin=$(realpath "${1:?usage: $0 <rcu-lifetime.so> [baseline rcu-lifetime.so]}")
baseline=${2:+$(realpath "$2")}
command -v perf >/dev/null || { echo "profile_checker.sh: needs perf (apt-get install linux-perf)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 - "$root" <<'PY'
import sys
sys.path.insert(0, sys.argv[1] + "/bench")
import compile_time as c
text, flags = c.gen_nonrcu("/usr/lib/llvm-22/include")
open("nonrcu.cpp", "w").write(text)
open("nonrcu.flags", "w").write(" ".join(flags))
for n in (2000, 4000, 8000, 16000, 32000):
    open(f"fn{n // 1000}k.cpp", "w").write(c.gen_function(n)[0])
PY
cxx=(clang++-22 -std=c++20 -fsyntax-only -I"$root/runtime/include")
samples() { # perf.data -> "<% in checker> <% in matchers> <samples in checker>"
  perf report -i "$1" --no-children --sort dso,sym --stdio -F overhead,sample,dso,sym 2>/dev/null |
    awk '/rcu-lifetime-impl/ {p += $1; n += $2} /libclang-cpp/ && /ast_matchers/ {m += $1}
         END {printf "%.2f%% %.2f%% %d\n", p, m, n}'
}
echo "non-RCU unit: share of samples in the checker / in AST matchers"
for r in 1 2 3; do
  for which in plugin ${baseline:+baseline}; do
    so=$plugin
    [[ $which == baseline ]] && so=$baseline
    # shellcheck disable=SC2046
    perf record -q -F 999 -o p.data "${cxx[@]}" $(cat nonrcu.flags) "-fplugin=$so" nonrcu.cpp >/dev/null 2>&1
    read -r share matchers _ < <(samples p.data)
    echo "  run $r $which: $share / $matchers"
  done
done
echo "one function: samples in the checker (median of 3) and growth per doubling"
prev=
for n in 2k 4k 8k 16k 32k; do
  counts=()
  for r in 1 2 3; do
    perf record -q -F 999 -o p.data "${cxx[@]}" "-fplugin=$plugin" "fn$n.cpp" >/dev/null 2>&1
    read -r _ _ count < <(samples p.data)
    counts+=("$count")
  done
  med=$(printf '%s\n' "${counts[@]}" | sort -n | sed -n 2p)
  growth=-
  [[ -n $prev && $prev -gt 0 ]] && growth=$(awk "BEGIN {printf \"%.2f\", $med / $prev}")
  echo "  fn$n: ${counts[*]} -> median $med, growth $growth"
  prev=$med
done
