#!/usr/bin/env python3
"""Builds the comparison table of docs/checks/rcu-borrow-escape.md.

Compiles borrow-escape-cases.cpp three ways with Clang 22 -- plain
(-Wdangling, -Wreturn-stack-address and friends, on by default), with the
experimental lifetime-safety analysis, and with the rcu-lifetime plugin --
and records which cases each one warns about.

  compare.py --plugin PATH [--write | --check]
"""
import argparse
import os
import re
import subprocess
import sys

from cases import parse_cases, publish

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
CASES = os.path.join(HERE, "borrow-escape-cases.cpp")
DOC = os.path.join(ROOT, "docs", "checks", "rcu-borrow-escape.md")
BEGIN, END = "<!-- BEGIN comparison (compare.py) -->", "<!-- END comparison -->"


def warned_lines(clang, flags, name_filter):
    cmd = [clang, "-std=c++20", "-fsyntax-only", "-fno-color-diagnostics",
           "-I", os.path.join(ROOT, "runtime", "include"), *flags, CASES]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("compare.py: compilation failed:\n" + out.stderr)
    lines = set()
    base = os.path.basename(CASES)
    for line in out.stderr.splitlines():
        m = re.match(r".*" + re.escape(base) + r":(\d+):\d+: warning: (.*)", line)
        if m and name_filter(m.group(2)):
            lines.add(int(m.group(1)))
    return lines


def table(clang, plugin):
    tools = [
        ("Clang `-Wdangling` / `-Wreturn-stack-address` (with `RCU_BORROW`)",
         [], lambda msg: "[rcu-" not in msg),
        ("`-fexperimental-lifetime-safety`",
         ["-Xclang", "-fexperimental-lifetime-safety",
          "-Wexperimental-lifetime-safety"],
         lambda msg: "-Wexperimental-lifetime-safety" in msg),
        ("rcu-borrow-escape", ["-fplugin=" + plugin],
         lambda msg: "[rcu-borrow-escape]" in msg),
    ]
    plain = warned_lines(clang, [], tools[0][2])
    lifetime = warned_lines(clang, tools[1][1], tools[1][2])
    plugin_lines = warned_lines(clang, tools[2][1], tools[2][2])
    results = [plain, lifetime, plugin_lines]
    rows = ["| case | kind | " + " | ".join(t[0] for t in tools) + " |",
            "|---|---|" + "---|" * len(tools)]
    totals = [[0, 0] for _ in tools]  # [bugs found, false positives]
    for case in parse_cases(CASES):
        cells = []
        for i, lines in enumerate(results):
            hit = any(case["first"] <= l <= case["last"] for l in lines)
            if case["kind"] == "bug":
                cells.append("warns" if hit else "—")
                totals[i][0] += hit
            else:
                cells.append("**false positive**" if hit else "silent")
                totals[i][1] += hit
        rows.append(f"| {case['title']} | {case['kind']} | " + " | ".join(cells) + " |")
    bugs = sum(1 for c in parse_cases(CASES) if c["kind"] == "bug")
    rows.append("| **bugs found / false positives** | | " + " | ".join(
        f"{b}/{bugs} / {fp}" for b, fp in totals) + " |")
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clang", default="/usr/lib/llvm-22/bin/clang++")
    ap.add_argument("--plugin", required=True)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="update the doc")
    mode.add_argument("--check", action="store_true",
                      help="fail if the doc's table is out of date")
    args = ap.parse_args()
    publish(table(args.clang, args.plugin), DOC, BEGIN, END, "compare.py",
            args.write, args.check)

if __name__ == "__main__":
    main()
