#!/bin/sh
# The real-program run (docs/real-world.md): fetches Debian's source packages
# of liburcu users, builds each with Clang under bear, runs rcubox's checks over
# every translation unit and writes a summary. Not part of CI: it downloads
# sources and build dependencies and takes about an hour on two cores.
#
# Usage (as root, Debian):
#   test/real-world/run.sh [--packages P1,P2,...] [--rcu-check PATH]
#       [--plugin PATH] [--work DIR] [--steps fetch,build,check,summary]
#       [--checks GLOBS] [--config FILE] [--repeat N] [-j N]
#
# A package whose fetch or build fails is reported and the others go on; a
# build that fails part-way keeps the compile database of what was built.
# Results: WORK/summary.md (the table for docs/real-world.md and the
# findings), WORK/results/PKG/, logs in WORK/logs/.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
packages=knot,ltt-control,multipath-tools,liburcu,gdnsd
rcu_check=$repo/build/bin/rcu-check
plugin=
work=${XDG_CACHE_HOME:+$XDG_CACHE_HOME/rcubox-real-world}
work=${work:-/var/tmp/rcubox-real-world}
steps=fetch,build,check,summary
checks=
config=
repeat=3
jobs=2

while [ $# -gt 0 ]; do
  case $1 in
  --packages) packages=$2; shift 2 ;;
  --rcu-check) rcu_check=$2; shift 2 ;;
  --plugin) plugin=$2; shift 2 ;;
  --work) work=$2; shift 2 ;;
  --steps) steps=$2; shift 2 ;;
  --checks) checks=$2; shift 2 ;;
  --config) config=$2; shift 2 ;;
  --repeat) repeat=$2; shift 2 ;;
  -j) jobs=$2; shift 2 ;;
  -h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

rcu_check=$(readlink -f "$rcu_check")
# The plugin sits in the same build or install tree as rcu-check.
[ -n "$plugin" ] || plugin=$(dirname "$rcu_check")/../lib/rcubox/rcu-lifetime.so
plugin=$(readlink -f "$plugin")
for f in "$rcu_check" "$plugin"; do
  [ -e "$f" ] || { echo "run.sh: $f not found (build rcubox first)" >&2; exit 2; }
done
case $work in "$repo"/*)
  echo "run.sh: --work must be outside the repository" >&2; exit 2 ;;
esac
mkdir -p "$work/logs" "$work/status"

export RCUBOX_JOBS="$jobs"

has_step() { case ",$steps," in *",$1,"*) return 0 ;; esac; return 1; }

if has_step check; then
  # Check with a copy: a rebuild of the tree during the hour-long run would
  # otherwise change the checker under it, or leave it half-linked. The layout
  # (bin/, lib/rcubox/) is kept: the plugin loads its implementation from its
  # own directory.
  tool=$work/tool
  rm -rf "$tool"
  mkdir -p "$tool/bin" "$tool/lib/rcubox"
  cp -L "$rcu_check" "$tool/bin/"
  cp -L "$(dirname "$plugin")"/*.so "$tool/lib/rcubox/"
  # Where the copy came from, for the summary.
  src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' \
    "$(dirname "$rcu_check")/../CMakeCache.txt" 2>/dev/null || true)
  {
    printf '%s' "$rcu_check"
    [ -z "$src" ] || printf ', built from %s' "$src"
    [ -z "$src" ] || git -C "$src" log -1 --format=' (checked out: %h %cs)' 2>/dev/null || true
  } >"$tool/origin"
  checker=$tool/bin/$(basename "$rcu_check")
  plugin_copy=$tool/lib/rcubox/$(basename "$plugin")
fi

# step NAME PKG COMMAND...: runs COMMAND with its output in a log, records
# "ok|failed SECONDS [reason]" in WORK/status/PKG.NAME; never stops the run.
step() {
  name=$1 pkg=$2
  shift 2
  log=$work/logs/$pkg.$name.log
  start=$(date +%s)
  echo "== $pkg: $name (log: $log)"
  if "$@" >"$log" 2>&1; then
    echo "ok $(($(date +%s) - start))" >"$work/status/$pkg.$name"
    return 0
  fi
  why=$(grep -E '^E: |[Ee]rror' "$log" | head -n 1 | cut -c1-200)
  echo "failed $(($(date +%s) - start)) ${why:-see $log}" \
    >"$work/status/$pkg.$name"
  echo "   failed: ${why:-see $log}"
  return 1
}

if has_step fetch; then
  step apt all "$here/enable-deb-src.sh" ||
    { echo "run.sh: cannot enable source packages" >&2; exit 1; }
  # What the steps use besides each package's build dependencies: bear for
  # the database, dpkg-dev to unpack sources, autoconf/automake/libtool to
  # regenerate the build as debhelper does.
  for tool in bear dpkg-source autoreconf libtoolize; do
    command -v "$tool" >/dev/null 2>&1 && continue
    step tools all nice -n 15 apt-get -o DPkg::Lock::Timeout=900 install -y \
      bear dpkg-dev autoconf automake libtool ||
      { echo "run.sh: cannot install bear, dpkg-dev, autotools" >&2; exit 1; }
    break
  done
fi

for pkg in $(echo "$packages" | tr ',' ' '); do
  if has_step fetch; then
    step fetch "$pkg" "$here/fetch.sh" "$pkg" "$work" || continue
  fi
  if has_step build; then
    # A partial database is still checked.
    step build "$pkg" "$here/build.sh" "$pkg" "$work" || true
  fi
  if has_step check; then
    db=$work/db/$pkg
    if [ ! -s "$db/compile_commands.json" ]; then
      echo "failed 0 no compile database" >"$work/status/$pkg.check"
      continue
    fi
    step check "$pkg" python3 "$here/check.py" "$db" "$work/results/$pkg" \
      --root "$(cat "$work/src/$pkg.tree")" --rcu-check "$checker" \
      --plugin "$plugin_copy" ${checks:+--checks "$checks"} \
      ${config:+--config "$config"} --repeat "$repeat" -j "$jobs" || true
  fi
done

if has_step summary; then
  python3 "$here/summarise.py" "$work" --packages "$packages" \
    >"$work/summary.md"
  cat "$work/summary.md"
fi
