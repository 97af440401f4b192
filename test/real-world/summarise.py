#!/usr/bin/env python3
"""Summarises a real-program run (run.sh) as Markdown: the per-package table
for docs/real-world.md, the steps and their times, what failed, and every
finding as file:line:column: check: message."""
import argparse
import collections
import json
import os
import re

READ_LOCK = re.compile(r"\b(rcu|urcu_\w+)_read_lock\s*\(")


def status(work, pkg, step):
    """(state, seconds, reason) of a step, or None if it did not run."""
    path = os.path.join(work, "status", "%s.%s" % (pkg, step))
    if not os.path.exists(path):
        return None
    parts = open(path).read().strip().split(" ", 2)
    return (parts[0], int(parts[1]), parts[2] if len(parts) > 2 else "")


def records(work, pkg):
    path = os.path.join(work, "results", pkg, "tus.jsonl")
    if not os.path.exists(path):
        return []
    return sorted((json.loads(l) for l in open(path)), key=lambda r: r["n"])


def findings(work, pkg, recs):
    """Distinct findings of the package (a header's finding is reported once,
    with the number of translation units that saw it)."""
    seen = collections.OrderedDict()
    for r in recs:
        path = os.path.join(work, "results", pkg, "findings", "%d.json" % r["n"])
        if not os.path.exists(path):
            continue
        try:
            found = json.load(open(path))
        except ValueError:
            continue
        for f in found:
            key = (f["file"], f["line"], f["column"], f["check"], f["message"])
            seen[key] = seen.get(key, 0) + 1
    return seen


def takes_read_lock(path):
    """Whether the source file itself opens a read-side section: calls
    rcu_read_lock or a flavour's urcu_<flavour>_read_lock."""
    try:
        with open(path, errors="replace") as f:
            return bool(READ_LOCK.search(f.read()))
    except OSError:
        return False


def version(work, pkg):
    tree_file = os.path.join(work, "src", pkg + ".tree")
    if not os.path.exists(tree_file):
        return ""
    name = os.path.basename(open(tree_file).read().strip())
    return name[len(pkg) + 1:] if name.startswith(pkg + "-") else name


def secs(x):
    return "%.0f" % x if x >= 10 else "%.1f" % x


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("work")
    ap.add_argument("--packages", required=True)
    opts = ap.parse_args()
    pkgs = opts.packages.split(",")
    out = []
    w = out.append

    # run.sh checks with a copy of rcu-check and the plugin, made at its
    # start; "origin" says where from.
    origin = os.path.join(opts.work, "tool", "origin")
    if os.path.exists(origin):
        w("Checked with a copy of %s." % open(origin).read().strip())
    w("")
    w("| package | TUs (C / C++) | using liburcu (its header / a read lock"
      " in the file) | crashes (plugin / rcu-check)"
      " | not compiled by rcu-check | `clang -fsyntax-only` CPU s"
      " | with `-fplugin` | rcu-check CPU s | findings |")
    w("|---|---|---|---|---|---|---|---|---|")
    all_findings = {}
    problems = []
    for pkg in pkgs:
        recs = records(opts.work, pkg)
        label = "%s %s" % (pkg, version(opts.work, pkg))
        build = status(opts.work, pkg, "build")
        if not recs:
            why = [s for s in (status(opts.work, pkg, st)
                               for st in ("fetch", "build", "check"))
                   if s and s[0] != "ok"]
            w("| %s | — | — | — | — | — | — | — | not run: %s |" %
              (label, why[0][2] if why else "no results"))
            continue
        if build and build[0] != "ok":
            label += " (partial build)"
        c = sum(r["lang"] == "C" for r in recs)
        urcu = sum(r["uses_urcu"] for r in recs)
        locking = sum(takes_read_lock(r["file"]) for r in recs)
        pcrash = sum(r["plugin"]["crash"] for r in recs)
        ccrash = sum(r["check"]["crash"] for r in recs)
        # Compared on the TUs that clang compiles with and without the plugin.
        ok = [r for r in recs
              if r["base"]["rc"] == 0 and r["plugin"]["rc"] == 0]
        base = sum(r["base"]["cpu"] for r in ok)
        plug = sum(r["plugin"]["cpu"] for r in ok)
        chk = sum(r["check"]["cpu"] for r in ok)
        uncompiled = sum(r["check"]["rc"] == 2 for r in recs)
        found = findings(opts.work, pkg, recs)
        all_findings[pkg] = found
        by_check = collections.Counter(k[3] for k in found)
        w("| %s | %d (%d / %d) | %d / %d | %d / %d | %d | %s | %s (%+.1f %%) | %s (×%.2f) | %s |" % (
            label, len(recs), c, len(recs) - c, urcu, locking, pcrash, ccrash,
            uncompiled, secs(base), secs(plug),
            100.0 * (plug - base) / base if base else 0.0,
            secs(chk), chk / base if base else 0.0,
            ", ".join("%s %d" % kv for kv in sorted(by_check.items())) or "0"))
        for r in recs:
            # The plugin's warnings are counted from its text output; the
            # two front ends are meant to report the same findings.
            if r["plugin"]["warnings"] != r["check"]["findings"]:
                problems.append((pkg, "front ends", r["file"], 0, False,
                                 "-fplugin warned %d times, rcu-check found %d"
                                 % (r["plugin"]["warnings"],
                                    r["check"]["findings"])))
            for k, what in (("base", "clang -fsyntax-only"),
                            ("plugin", "clang -fplugin"),
                            ("check", "rcu-check")):
                if r[k].get("error") and (r[k]["crash"] or r[k]["rc"] != 0):
                    problems.append((pkg, what, r["file"], r[k]["rc"],
                                     r[k]["crash"], r[k]["error"]))

    w("")
    w("CPU time is user + system of the child processes, summed over the"
      " translation units that `clang -fsyntax-only` compiles with and without"
      " the plugin; the least of `--repeat` runs of each.")
    w("")
    w("The same, on the translation units that include a liburcu header:")
    w("")
    w("| package | TUs | `clang -fsyntax-only` CPU s | with `-fplugin` |"
      " rcu-check CPU s |")
    w("|---|---|---|---|---|")
    for pkg in pkgs:
        ok = [r for r in records(opts.work, pkg) if r["uses_urcu"] and
              r["base"]["rc"] == 0 and r["plugin"]["rc"] == 0]
        if not ok:
            continue
        base = sum(r["base"]["cpu"] for r in ok)
        plug = sum(r["plugin"]["cpu"] for r in ok)
        chk = sum(r["check"]["cpu"] for r in ok)
        w("| %s | %d | %s | %s (%+.1f %%) | %s (×%.2f) |" % (
            pkg, len(ok), secs(base), secs(plug),
            100.0 * (plug - base) / base if base else 0.0, secs(chk),
            chk / base if base else 0.0))
    w("")
    w("## Steps")
    w("")
    w("| package | fetch | build | check |")
    w("|---|---|---|---|")
    for pkg in pkgs:
        cells = []
        for st in ("fetch", "build", "check"):
            s = status(opts.work, pkg, st)
            cells.append("—" if s is None else
                         "%s, %d s%s" % (s[0], s[1], (": " + s[2]) if s[0] != "ok" else ""))
        w("| %s | %s |" % (pkg, " | ".join(cells)))

    w("")
    w("## Failures")
    w("")
    if not problems:
        w("None.")
    by_kind = collections.OrderedDict()
    for pkg, what, f, rc, crash, err in problems:
        by_kind.setdefault((pkg, what, crash, err), []).append(f)
    for (pkg, what, crash, err), files in by_kind.items():
        w("- %s, %s, %s in %d TU(s) (e.g. `%s`): `%s`" % (
            pkg, what, "CRASH" if crash else
            "disagree" if what == "front ends" else "failed", len(files),
            files[0], err.replace("`", "'")))

    w("")
    w("## Findings")
    w("")
    total = 0
    for pkg in pkgs:
        for (f, line, col, check, msg), n in all_findings.get(pkg, {}).items():
            total += 1
            w("- %s: `%s:%d:%d`: %s: %s%s" % (pkg, f, line, col, check, msg,
                                               " (%d TUs)" % n if n > 1 else ""))
    if not total:
        w("None.")
    print("\n".join(out))


if __name__ == "__main__":
    main()
