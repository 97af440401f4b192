#!/bin/sh
# bench/run.sh [path/to/rcubox_bench] [extra benchmark flags...]
# Runs the benchmarks 5 times and prints the medians and the ratio of each to
# raw liburcu (read path) or raw call_rcu (drop path).
set -eu
bench=${1:-build/bench/rcubox_bench}
[ $# -gt 0 ] && shift
json=$(mktemp)
trap 'rm -f "$json"' EXIT
"$bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_format=json --benchmark_out="$json" --benchmark_out_format=json "$@" >/dev/null
python3 - "$json" <<'PY'
import json, sys
rows = [b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("aggregate_name") == "median"]
med = {b["run_name"]: (b["real_time"], b["time_unit"]) for b in rows}
def base(name):
    # Compare with the raw liburcu run of the same shape (e.g. /threads:2).
    suffix = name[name.find("/"):] if "/" in name else ""
    if name.startswith("BM_read"):
        return "BM_read_raw_urcu" + suffix
    if name.startswith("BM_drop"):
        return "BM_drop_raw_call_rcu" + suffix
    return None
print(f"{'benchmark (median of 5)':48} {'time':>12}  vs raw liburcu")
for name, (t, unit) in med.items():
    b = base(name)
    ratio = f"{t / med[b][0]:6.2f}x" if b in med else "     -"
    print(f"{name:48} {t:9.2f} {unit:>2}  {ratio}")
PY
