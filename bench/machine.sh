#!/usr/bin/env bash
# Prints the machine the benchmarks ran on as JSON (for docs/performance.md).
set -euo pipefail
python3 - <<'PY'
import json, os, subprocess
def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""
lscpu = dict(l.split(":", 1) for l in run("lscpu").splitlines() if ":" in l)
keep = ["Architecture", "Model name", "CPU(s)", "Thread(s) per core",
        "Core(s) per socket", "Socket(s)", "L1d cache", "L2 cache", "L3 cache",
        "Hypervisor vendor"]
print(json.dumps({
    "lscpu": {k: lscpu[k].strip() for k in keep if k in lscpu},
    "kernel": run("uname", "-sr"),
    "os": run("sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"),
    "clang": run("clang++-22", "--version").splitlines()[0],
    "cc": run("clang-22", "--version").splitlines()[0],
    "liburcu": run("dpkg-query", "-W", "-f=${Version}", "liburcu-dev"),
    "benchmark": run("dpkg-query", "-W", "-f=${Version}", "libbenchmark-dev"),
    "loadavg_at_start": open("/proc/loadavg").read().split()[:3],
    "date_utc": run("date", "-u", "+%Y-%m-%d %H:%M"),
}, indent=1))
PY
