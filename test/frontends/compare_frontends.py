#!/usr/bin/env python3
"""Every lit case of the checks, run through all three front ends.

For each test/lit/**/*.cpp and *.c, takes its first RUN line that compiles
with the plugin, runs the same compilation through

  - clang++ -fplugin=rcu-lifetime.so           (the compiler plugin; clang
                                                and GNU C for a .c file)
  - clang-tidy --load=rcu-tidy.so              (the clang-tidy module)
  - rcu-check                                  (the LibTooling tool)

and compares the findings: location, severity, message, check name and
every note (location and text; Clang's "expanded from macro" backtraces are
rendering, not findings). Any difference fails, with a diff.
"""
import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

DIAG = re.compile(r"^(.*?):(\d+):(\d+): (warning|error|note): (.*)$")
CHECK_SUFFIX = re.compile(r" \[(rcu-[a-z-]+)(?:,-warnings-as-errors)?\]$")


def parse_findings(output, cwd):
    """Findings of rcubox checks, each with the notes that follow it."""
    findings, current = [], None
    for line in output.splitlines():
        m = DIAG.match(line)
        if not m:
            continue
        path, line_no, col, kind, message = m.groups()
        where = (os.path.realpath(os.path.join(cwd, path)), int(line_no), int(col))
        if kind == "note":
            # Macro backtraces are how Clang's renderer draws a location, not
            # part of the finding; rcu-check keeps the location itself.
            if message.startswith("expanded from "):
                continue
            if current is not None:
                current[1].append(where + (message,))
            continue
        check = CHECK_SUFFIX.search(message)
        if not check:
            current = None  # The compiler's own diagnostic and its notes.
            continue
        message = message[: check.start()]
        current = [where + (kind, message, check.group(1)), []]
        findings.append(current)
    return sorted(
        "%s:%d:%d: %s: %s [%s]" % f[0] + "".join(
            "\n    %s:%d:%d: note: %s" % n for n in f[1])
        for f in findings)


def run_line(test):
    """The arguments of the first RUN line that loads the plugin."""
    with open(test) as f:
        text = f.read()
    runs, pending = [], ""
    for line in text.splitlines():
        m = re.match(r"\s*//\s*RUN:\s*(.*)$", line)
        if not m:
            continue
        pending += m.group(1)
        if pending.endswith("\\"):
            pending = pending[:-1] + " "
            continue
        runs.append(pending)
        pending = ""
    for run in runs:
        command = run.split("|")[0]
        if any(s in command for s in ("%rcu_verify", "%rcu_clang",
                                      "%rcu_c_verify", "%rcu_c_clang")):
            return command
    return None


def translate(command, test, inputs):
    """Splits a RUN command into compiler arguments and plugin arguments."""
    words = shlex.split(command.replace("%s", test).replace("%inputs", inputs))
    compiler, plugin = [], []
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("%rcu_verify", "%rcu_clang", "%rcu_c_verify", "%rcu_c_clang",
                 "not"):
            pass
        elif w == "-Xclang" and i + 1 < len(words) and (
                words[i + 1].startswith("-verify")):
            i += 1
        elif (w == "-Xclang" and i + 3 < len(words)
              and words[i + 1] == "-plugin-arg-rcu-lifetime"):
            plugin.append(words[i + 3])
            i += 3
        elif w.startswith("-fplugin-arg-rcu-lifetime-"):
            plugin.append(w[len("-fplugin-arg-rcu-lifetime-"):])
        elif w.startswith("-") and w != test:
            compiler.append(w)
            if w in ("-I", "-D", "-include") and i + 1 < len(words):
                compiler.append(words[i + 1])
                i += 1
        i += 1
    return compiler, plugin


def tidy_flags(plugin):
    checks, werror, options = ["-*", "rcu-*"], [], {}
    for arg in plugin:
        key, _, value = arg.partition("=")
        if key == "checks":
            checks.append(value)
        elif key == "werror":
            werror.append("*")
        elif key == "warnings-as-errors":
            werror.append(value)
        else:
            options[key] = value
    flags = ["--checks=" + ",".join(checks)]
    if werror:
        flags.append("--warnings-as-errors=" + ",".join(werror))
    if options:
        flags.append("--config={CheckOptions: {%s}}" % ", ".join(
            "%s: '%s'" % kv for kv in sorted(options.items())))
    return flags


def check_flags(plugin):
    flags = []
    for arg in plugin:
        key, _, value = arg.partition("=")
        if key == "checks":
            flags.append("--checks=" + value)
        elif key == "werror":
            flags.append("--warnings-as-errors=*")
        elif key == "warnings-as-errors":
            flags.append("--warnings-as-errors=" + value)
        else:
            flags.append("--check-option=" + arg)
    return flags


def run(argv, cwd):
    proc = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    return proc.stdout


def compare(test, args):
    command = run_line(test)
    if command is None:
        return test, None, []
    compiler, plugin = translate(command, test, args.inputs)
    is_c = test.endswith(".c")
    std = "-std=gnu11" if is_c else "-std=c++20"
    common = [std, "-I", args.runtime_include] + compiler
    compiler_driver = (os.path.join(os.path.dirname(args.clang), "clang")
                       if is_c else args.clang)
    cwd = os.path.dirname(test)
    outputs = {
        "plugin": run([compiler_driver, "-fsyntax-only", "-fno-color-diagnostics",
                       "-fplugin=" + args.plugin] +
                      ["-fplugin-arg-rcu-lifetime-" + p for p in plugin] +
                      common + [test], cwd),
        "rcu-check": run([args.rcu_check, "--quiet"] + check_flags(plugin) +
                         [test, "--"] + common, cwd),
    }
    if args.tidy_module:
        outputs["clang-tidy"] = run(
            [args.clang_tidy, "--load=" + args.tidy_module, "--quiet",
             "--header-filter=.*"] + tidy_flags(plugin) + [test, "--"] +
            common, cwd)
    found = {name: parse_findings(out, cwd) for name, out in outputs.items()}
    problems = []
    for name in found:
        if name == "plugin":
            continue
        if found[name] != found["plugin"]:
            diff = "\n".join(difflib.unified_diff(
                found["plugin"], found[name], "plugin", name, lineterm=""))
            problems.append("%s differs from the plugin:\n%s" % (name, diff))
    return test, len(found["plugin"]), problems


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--lit-dir", required=True)
    p.add_argument("--clang", required=True)
    p.add_argument("--plugin", required=True)
    p.add_argument("--clang-tidy")
    p.add_argument("--tidy-module")
    p.add_argument("--rcu-check", required=True)
    p.add_argument("--runtime-include", required=True)
    p.add_argument("-j", type=int, default=os.cpu_count())
    args = p.parse_args()
    for name in ("lit_dir", "plugin", "tidy_module", "rcu_check",
                 "runtime_include"):
        if getattr(args, name):
            setattr(args, name, os.path.abspath(getattr(args, name)))
    args.inputs = os.path.join(args.lit_dir, "Inputs")
    tests = sorted(
        os.path.join(root, f)
        for root, dirs, files in os.walk(args.lit_dir)
        if "Inputs" not in root.split(os.sep)
        for f in files if f.endswith((".cpp", ".c")))
    failed, compared, findings = 0, 0, 0
    with ThreadPoolExecutor(max_workers=args.j) as pool:
        for test, count, problems in pool.map(lambda t: compare(t, args),
                                              tests):
            if count is None:
                continue
            compared += 1
            findings += count
            name = os.path.relpath(test, args.lit_dir)
            if problems:
                failed += 1
                print("FAIL: %s" % name)
                for problem in problems:
                    print(problem)
            else:
                print("PASS: %s (%d findings)" % (name, count))
    fronts = "plugin, rcu-check" + (", clang-tidy" if args.tidy_module else "")
    print("%d lit files, %d findings with their notes, front ends: %s" %
          (compared, findings, fronts))
    print("%d passed, %d failed" % (compared - failed, failed))
    return 1 if failed or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
