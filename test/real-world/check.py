#!/usr/bin/env python3
"""Runs rcubox's checks over every entry of one compile_commands.json.

For each entry (one translation unit; a source compiled twice with different
flags is two), in the entry's directory:
  1. whether it uses liburcu: a header of liburcu (urcu.h, urcu-*.h, urcu/...)
     among its dependencies (clang -M);
  2. clang -fsyntax-only, and the same with -fplugin=rcu-lifetime.so: the
     compile-time cost of the checks, as child CPU time (user + sys, which the
     other jobs on a shared machine disturb less than wall time), the least
     of --repeat runs of each;
  3. rcu-check on a database holding only this entry, --format=json: findings,
     its CPU time, and whether it crashed.
A crash is a death by signal or Clang's crash banner ("PLEASE submit a bug
report", "Stack dump") or an "internal error"; a compile error is not.

libtool compiles each source of a library twice, with and without -fPIC
-DPIC; the second compile is the same translation unit for these checks and
is skipped.

Writes OUT/tus.jsonl (one record per entry) and OUT/findings/<n>.json.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import threading

CRASH = re.compile(r"PLEASE submit a bug report|Stack dump|internal error|"
                   r"LLVM ERROR|Assertion .* failed|Segmentation fault")
# liburcu's headers: urcu.h, urcu-qsbr.h, urcu-bp.h, urcu-call-rcu.h, urcu/...
URCU_HEADER = re.compile(r"(^|/)urcu(/|[-.][^/]*\.h$)")
CXX_SUFFIXES = (".cc", ".cpp", ".cxx", ".c++", ".C")
# Options that write files or only matter for object code: dropped for the
# syntax-only runs. The value-taking ones drop their value too.
DROP = {"-c", "-MD", "-MMD", "-MP", "-M", "-MM"}
DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}


def arguments(entry):
    if "arguments" in entry:
        return list(entry["arguments"])
    return shlex.split(entry["command"])


def language(entry, args):
    for i, a in enumerate(args):
        if a == "-x" and i + 1 < len(args):
            return "C++" if "c++" in args[i + 1] else "C"
        if a.startswith("-x") and len(a) > 2:
            return "C++" if "c++" in a else "C"
    return "C++" if entry["file"].endswith(CXX_SUFFIXES) else "C"


def compiler_flags(args):
    """The entry's arguments without the compiler, output and dependency files
    and the source file itself (added back by the caller)."""
    out = []
    it = iter(args[1:])
    for a in it:
        if a in DROP or a.startswith("-Wp,-M"):
            continue
        if a in DROP_WITH_VALUE:
            next(it, None)
            continue
        if a.startswith("-o") and len(a) > 2:
            continue
        out.append(a)
    return out


def run(cmd, cwd, env=None):
    """Runs cmd niced; returns (exit code, stdout, stderr, child CPU seconds).
    A negative exit code is the signal that killed it."""
    with tempfile.TemporaryFile() as o, tempfile.TemporaryFile() as e:
        p = subprocess.Popen(["nice", "-n", "15"] + cmd, cwd=cwd, stdout=o,
                             stderr=e, stdin=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = rc = os.waitstatus_to_exitcode(status)
        o.seek(0)
        e.seek(0)
        return (rc, o.read().decode(errors="replace"),
                e.read().decode(errors="replace"),
                usage.ru_utime + usage.ru_stime)


def crashed(rc, err):
    return rc < 0 or rc > 128 or bool(CRASH.search(err))


def first_error(err):
    for line in err.splitlines():
        if "error:" in line or CRASH.search(line):
            return line.strip()[:300]
    return err.strip().splitlines()[-1][:300] if err.strip() else ""


def distinct(entries):
    """The entries, without libtool's second compile of the same source."""
    seen = set()
    out = []
    for e in entries:
        key = (e["directory"], e["file"],
               tuple(a for a in compiler_flags(arguments(e))
                     if a not in ("-fPIC", "-DPIC")))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def check_entry(n, entry, opts):
    directory = entry["directory"]
    args = arguments(entry)
    lang = language(entry, args)
    cc = opts.cxx if lang == "C++" else opts.cc
    src = entry["file"]
    flags = [f for f in compiler_flags(args)
             if os.path.normpath(os.path.join(directory, f)) !=
             os.path.normpath(os.path.join(directory, src))]
    rec = {"n": n, "file": os.path.normpath(os.path.join(directory, src)),
           "directory": directory, "lang": lang}

    rc, out, err, _ = run([cc] + flags + ["-E", "-M", src], directory)
    deps = out.replace("\\\n", " ").split()
    rec["uses_urcu"] = any(URCU_HEADER.search(d) for d in deps[1:])
    if rc != 0:
        rec["deps_error"] = first_error(err)

    # Without and with the plugin, alternately, --repeat times each; the
    # least CPU time of each is kept (the others were disturbed).
    syntax = [cc] + flags + ["-fsyntax-only", src]
    plugged = syntax[:-1] + ["-fplugin=" + opts.plugin, src]
    for _ in range(opts.repeat):
        for key, cmd in (("base", syntax), ("plugin", plugged)):
            rc, _, err, cpu = run(cmd, directory)
            if key in rec:
                rec[key]["cpu"] = min(rec[key]["cpu"], cpu)
                continue
            rec[key] = {"rc": rc, "cpu": cpu, "crash": crashed(rc, err)}
            if rc != 0 or rec[key]["crash"]:
                rec[key]["error"] = first_error(err)
            if key == "plugin":
                rec[key]["warnings"] = len(re.findall(r"warning: .*\[rcu-",
                                                      err))

    with tempfile.TemporaryDirectory() as one:
        with open(os.path.join(one, "compile_commands.json"), "w") as f:
            json.dump([entry], f)
        found = os.path.join(opts.out, "findings", "%d.json" % n)
        cmd = [opts.rcu_check, "-p", one, "--quiet", "-j", "1",
               "--format=json", "-o", found, "--sarif-root=" + opts.root]
        cmd += ["--checks=" + opts.checks] if opts.checks else []
        cmd += ["--config-file=" + opts.config] if opts.config else []
        rc, _, err, cpu = run(cmd + [rec["file"]], directory)
    findings = []
    if os.path.exists(found):
        try:
            findings = json.load(open(found))
        except ValueError:
            pass
    rec["check"] = {"rc": rc, "cpu": cpu, "crash": crashed(rc, err),
                    "findings": len(findings)}
    if rc not in (0, 1) or rec["check"]["crash"]:
        rec["check"]["error"] = first_error(err)
    return rec


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("database", help="directory of compile_commands.json")
    ap.add_argument("out", help="directory for the results")
    ap.add_argument("--root", required=True,
                    help="source tree: finding paths are relative to it")
    ap.add_argument("--rcu-check", required=True)
    ap.add_argument("--plugin", required=True, help="rcu-lifetime.so")
    ap.add_argument("--cc", default="clang-22")
    ap.add_argument("--cxx", default="clang++-22")
    ap.add_argument("--checks", default="", help="passed to rcu-check")
    ap.add_argument("--config", default="", help="passed to rcu-check")
    ap.add_argument("--repeat", type=int, default=3,
                    help="timed syntax-only runs of each kind per entry")
    ap.add_argument("-j", type=int, default=2)
    opts = ap.parse_args()

    entries = distinct(json.load(open(os.path.join(opts.database,
                                                   "compile_commands.json"))))
    os.makedirs(os.path.join(opts.out, "findings"), exist_ok=True)
    lock = threading.Lock()
    done = 0
    with open(os.path.join(opts.out, "tus.jsonl"), "w") as log, \
            concurrent.futures.ThreadPoolExecutor(opts.j) as pool:
        jobs = [pool.submit(check_entry, n, e, opts)
                for n, e in enumerate(entries)]
        for job in concurrent.futures.as_completed(jobs):
            rec = job.result()
            with lock:
                done += 1
                log.write(json.dumps(rec) + "\n")
                log.flush()
                bad = [k for k in ("base", "plugin", "check")
                       if rec[k]["crash"]]
                print("[%d/%d] %s%s" % (done, len(entries), rec["file"],
                                        " CRASH in " + ",".join(bad)
                                        if bad else ""), flush=True)


if __name__ == "__main__":
    sys.exit(main())
