#!/usr/bin/env python3
"""The rcu-lifetime checker's compile-time cost.

Compiles (-fsyntax-only) each input three ways, interleaved run by run so
that the machine's load hits every mode alike:
  plain     no checker
  plugin    -fplugin=<rcu-lifetime.so>
  lifetime  Clang's own -fexperimental-lifetime-safety analysis
and reports, per input, the median CPU time (user + sys of the compiler:
steadier than wall time on a shared machine) and the median of the per-run
ratios against plain.

Inputs:
  nonrcu     every libstdc++ header (<bits/stdc++.h>) plus heavy LLVM/Clang
             headers (clang/AST/ASTContext.h, clang/Sema/Sema.h, ...), no RCU
  rcuheavy   a generated unit of many small functions with guards and borrows
  fn<N>      one generated function of N statements (guarded blocks of four),
             N = 2 k ... 32 k: the per-doubling growth of the checker's cost

  compile_time.py --plugin build/lib/rcubox/rcu-lifetime.so [--runs 5]
                  [--out build/bench/compile_time.json] [--quick]
                  [--only nonrcu,fn2k] [--baseline-plugin other/rcu-lifetime.so]
--quick: one run, small inputs (the CI smoke test: must only not fail).
"""
import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The two heaviest headers a Clang tool includes (Sema.h pulls in most of
# the AST); with <bits/stdc++.h> about 9 s of CPU per -fsyntax-only run.
HEAVY_LLVM_HEADERS = [
    "clang/AST/ASTContext.h",
    "clang/Sema/Sema.h",
]


def gen_nonrcu(llvm_include):
    lines = ["#include <bits/stdc++.h>"]
    lines += [f"#include <{h}>" for h in HEAVY_LLVM_HEADERS]
    # A little ordinary code, so that the unit has bodies of its own too.
    lines += [
        "int count_decls(clang::ASTContext &ctx) {",
        "  int n = 0;",
        "  for (const clang::Decl *d : ctx.getTranslationUnitDecl()->decls())",
        "    n += d->isImplicit() ? 0 : 1;",
        "  std::vector<std::string> names{\"a\", \"b\"};",
        "  std::sort(names.begin(), names.end());",
        "  return n + static_cast<int>(names.size());",
        "}",
    ]
    flags = [f"-I{llvm_include}", "-D__STDC_CONSTANT_MACROS",
             "-D__STDC_FORMAT_MACROS", "-D__STDC_LIMIT_MACROS"]
    return "\n".join(lines) + "\n", flags


def gen_rcuheavy(functions):
    lines = ["#include <rcu/rcu.hpp>",
             "struct R { int key; int hops[4]; };",
             "using P = rcu::Pointer<R>;"]
    for i in range(functions):
        lines.append(
            f"int f{i}(const P &p) {{ rcu::Guard g; const R *r = p.load(g); "
            "int s = 0; if (r) { for (int h : r->hops) s += h; s += r->key; } "
            "return s; }")
    return "\n".join(lines) + "\n", []


def gen_function(statements):
    """One function; each guarded block is four statements."""
    lines = ["#include <rcu/rcu.hpp>",
             "struct R { int key; }; using P = rcu::Pointer<R>;",
             "int huge(const P &p) {", "  int s = 0;"]
    for _ in range(statements // 4):
        lines.append("  { rcu::Guard g; const R *r = p.load(g); "
                     "if (r) s += r->key; }")
    lines += ["  return s;", "}"]
    return "\n".join(lines) + "\n", []


def compile_once(clang, path, flags):
    """CPU seconds (user + sys) and wall seconds of one compilation."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([clang, "-std=c++20", "-fsyntax-only",
                           f"-I{ROOT}/runtime/include", *flags, path],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"compile_time.py: {path} failed with {flags}:\n"
                 f"{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--clang", default="clang++-22")
    ap.add_argument("--llvm-include", default="/usr/lib/llvm-22/include")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default=None)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--baseline-plugin", default=None,
                    help="another build of the plugin, measured as mode "
                    "'baseline' (to measure a change to the checker)")
    ap.add_argument("--only", default=None,
                    help="comma-separated input names (default: all)")
    args = ap.parse_args()

    modes = {
        "plain": [],
        "plugin": [f"-fplugin={os.path.abspath(args.plugin)}"],
        "lifetime": ["-Xclang", "-fexperimental-lifetime-safety",
                     "-Wexperimental-lifetime-safety"],
    }
    if args.baseline_plugin:
        modes["baseline"] = [f"-fplugin={os.path.abspath(args.baseline_plugin)}"]
    if args.quick:
        runs = 1
        inputs = {"rcuheavy": gen_rcuheavy(20)}
        inputs.update({f"fn{n}": gen_function(n) for n in (200, 400)})
        # The non-RCU unit is the slow one: the smoke run only proves the
        # plugin loads next to the big headers.
        inputs["nonrcu"] = ("#include <vector>\n#include <llvm/ADT/SmallVector.h>\n"
                            "int f(std::vector<int> &v) { return v.size(); }\n",
                            gen_nonrcu(args.llvm_include)[1])
    else:
        runs = args.runs
        inputs = {"nonrcu": gen_nonrcu(args.llvm_include),
                  "rcuheavy": gen_rcuheavy(2000)}
        inputs.update({f"fn{n // 1000}k": gen_function(n)
                       for n in (2000, 4000, 8000, 16000, 32000)})
    if args.only:
        keep = set(args.only.split(","))
        inputs = {k: v for k, v in inputs.items() if k in keep}

    samples = {name: {m: [] for m in modes} for name in inputs}
    with tempfile.TemporaryDirectory() as work:
        paths = {}
        for name, (text, _) in inputs.items():
            paths[name] = os.path.join(work, name + ".cpp")
            with open(paths[name], "w") as f:
                f.write(text)
        rng = random.Random(12)
        for run in range(runs):
            for name, (_, flags) in inputs.items():
                order = list(modes)
                rng.shuffle(order)  # interleaved, in a different order each run
                for mode in order:
                    cpu, wall = compile_once(args.clang, paths[name],
                                             flags + modes[mode])
                    samples[name][mode].append({"cpu": cpu, "wall": wall})
                    print(f"run {run + 1}/{runs} {name:9} {mode:8} "
                          f"cpu {cpu:7.3f} s wall {wall:7.3f} s",
                          file=sys.stderr, flush=True)

    results = {}
    for name, by_mode in samples.items():
        r = {}
        for mode, s in by_mode.items():
            r[mode] = {"cpu_median_s": statistics.median(x["cpu"] for x in s),
                       "wall_median_s": statistics.median(x["wall"] for x in s),
                       "cpu_s": [x["cpu"] for x in s]}
        for mode in (m for m in modes if m != "plain"):
            # Ratios run by run (the same moment's load), then their median.
            ratios = [a["cpu"] / b["cpu"]
                      for a, b in zip(by_mode[mode], by_mode["plain"])]
            extras = [a["cpu"] - b["cpu"]
                      for a, b in zip(by_mode[mode], by_mode["plain"])]
            r[mode]["ratio_median"] = statistics.median(ratios)
            r[mode]["extra_cpu_median_s"] = statistics.median(extras)
        results[name] = r

    sized = sorted((int(k[2:-1]) * 1000, k) for k in results
                   if k.startswith("fn") and k.endswith("k"))
    growth = []
    for (n0, k0), (n1, k1) in zip(sized, sized[1:]):
        g = {"from": n0, "to": n1}
        for mode in ("plugin", "lifetime"):
            e0 = results[k0][mode]["extra_cpu_median_s"]
            e1 = results[k1][mode]["extra_cpu_median_s"]
            g[mode + "_extra_growth"] = e1 / e0 if e0 > 0 else None
        g["plain_growth"] = (results[k1]["plain"]["cpu_median_s"] /
                             results[k0]["plain"]["cpu_median_s"])
        growth.append(g)

    out = {"runs": runs, "clang": args.clang,
           "clang_version": subprocess.run([args.clang, "--version"],
                                           capture_output=True, text=True
                                           ).stdout.splitlines()[0],
           "inputs": results, "growth": growth}
    text = json.dumps(out, indent=1)
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            f.write(text + "\n")
    others = [m for m in modes if m != "plain"]
    print(f"{'input':10} {'plain s':>8} " + " ".join(f"{m:>9}" for m in others)
          + f"  (CPU, median of {runs}; ratios: median of per-run ratios)")
    for name, r in results.items():
        print(f"{name:10} {r['plain']['cpu_median_s']:8.3f} " +
              " ".join(f"{r[m]['ratio_median']:9.3f}" for m in others))
    for g in growth:
        pg = g["plugin_extra_growth"]
        print(f"growth {g['from']}->{g['to']}: plugin extra "
              f"{'-' if pg is None else f'{pg:.2f}'}, plain {g['plain_growth']:.2f}")


if __name__ == "__main__":
    main()
