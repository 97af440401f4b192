#!/usr/bin/env python3
"""Builds the -Wthread-safety comparison tables of the read-section checks.

Compiles a cases file (docs/checks/compare/<check>-cases.cpp) with Clang:
twice with -Wthread-safety against tsa/rcu/rcu.hpp, a stand-in for the
runtime's header in which the read side is a capability (plain, then
reentrant), rcu::Guard a scoped capability and every waiting function
EXCLUDES it; and once with the rcu-lifetime plugin against the runtime.
Records which cases each one warns about, and writes or checks the table
between the doc's markers.

  thread_safety.py --check-name NAME --plugin PATH [--write | --check]
"""
import argparse
import os
import re
import subprocess
import sys

from cases import parse_cases, publish

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
BEGIN = "<!-- BEGIN comparison (thread_safety.py) -->"
END = "<!-- END comparison -->"
TSA_FLAGS = ["-Wthread-safety", "-Wthread-safety-beta",
             "-I", os.path.join(HERE, "tsa")]


def warnings(clang, cases_file, flags):
    """[(line, message)] of the warnings in the cases file."""
    cmd = [clang, "-std=c++20", "-fsyntax-only", "-fno-color-diagnostics",
           *flags, "-I", os.path.join(ROOT, "runtime", "include"), cases_file]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("thread_safety.py: compilation failed:\n" + " ".join(cmd) +
                 "\n" + out.stderr)
    base = re.escape(os.path.basename(cases_file))
    found = []
    for line in out.stderr.splitlines():
        m = re.match(r".*" + base + r":(\d+):\d+: warning: (.*)", line)
        if m:
            found.append((int(m.group(1)), m.group(2)))
    return found


def table(clang, plugin, check):
    cases_file = os.path.join(HERE, check.removeprefix("rcu-") + "-cases.cpp")
    # Each tool: its flags, which of its warnings are its own (any of them on
    # correct code is a false positive), and which of those report the bug
    # (for -Wthread-safety, a call made while the capability is held; not,
    # say, a double acquisition next to it).
    is_tsa = lambda msg: "-Wthread-safety" in msg
    tsa_bug = {
        "rcu-sync-in-read-section":
            lambda msg: is_tsa(msg) and "while rcu 'read_side' is held" in msg,
    }.get(check, is_tsa)
    is_check = lambda msg: f"[{check}]" in msg
    tools = [
        ("`-Wthread-safety`, capability", TSA_FLAGS, is_tsa, tsa_bug),
        ("`-Wthread-safety`, reentrant capability",
         TSA_FLAGS + ["-DRCU_TSA_REENTRANT"], is_tsa, tsa_bug),
        (check, ["-fplugin=" + plugin,
                 "-fplugin-arg-rcu-lifetime-checks=-*," + check],
         is_check, is_check),
    ]
    results = [warnings(clang, cases_file, t[1]) for t in tools]
    cases = parse_cases(cases_file)
    rows = ["| case | kind | " + " | ".join(t[0] for t in tools) + " |",
            "|---|---|" + "---|" * len(tools)]
    bugs_found = [0] * len(tools)
    false_positives = [0] * len(tools)
    for case in cases:
        cells = []
        for i, seen in enumerate(results):
            keep = tools[i][3] if case["kind"] == "bug" else tools[i][2]
            hit = any(case["first"] <= line <= case["last"] and keep(msg)
                      for line, msg in seen)
            if case["kind"] == "bug":
                cells.append("warns" if hit else "—")
                bugs_found[i] += hit
            else:
                cells.append("**false positive**" if hit else "silent")
                false_positives[i] += hit
        rows.append(f"| {case['title']} | {case['kind']} | " +
                    " | ".join(cells) + " |")
    bugs = sum(c["kind"] == "bug" for c in cases)
    rows.append("| **bugs found / false positives** | | " + " | ".join(
        f"{f}/{bugs} / {fp}" for f, fp in zip(bugs_found, false_positives)) + " |")
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clang", default="/usr/lib/llvm-22/bin/clang++")
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--check-name", required=True,
                    help="rcu-sync-in-read-section or rcu-guard-misuse")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="update the doc")
    mode.add_argument("--check", action="store_true",
                      help="fail if the doc's table is out of date")
    args = ap.parse_args()
    doc = os.path.join(ROOT, "docs", "checks", args.check_name + ".md")
    publish(table(args.clang, args.plugin, args.check_name), doc, BEGIN, END,
            "thread_safety.py", args.write, args.check)

if __name__ == "__main__":
    main()
