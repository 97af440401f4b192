#!/bin/sh
# Builds an unpacked Debian source package with Clang under bear, leaving
# WORK/db/PKG/compile_commands.json. The package's own configure and make are
# used (not debian/rules: its flags are GCC's and it builds more than needed);
# CC/CXX are Clang so the database holds flags Clang understands. Niced, and
# at most $RCUBOX_JOBS (default 2) jobs: the machine is shared.
#
# Usage: build.sh PKG WORK
# Env:   RCUBOX_CC, RCUBOX_CXX (default clang-22, clang++-22), RCUBOX_JOBS
set -eu
pkg=$1
work=$2
cc=${RCUBOX_CC:-clang-22}
cxx=${RCUBOX_CXX:-clang++-22}
jobs=${RCUBOX_JOBS:-2}

tree=$(cat "$work/src/$pkg.tree")
db=$work/db/$pkg
mkdir -p "$db"
rm -f "$db/compile_commands.json"
cd "$tree"
# A rebuild must compile everything again, or the database would be empty.
[ ! -f Makefile ] || nice -n 15 make clean >/dev/null 2>&1 || true

# bear writes the database when the command ends; --append adds the next
# step's compilations, so a step that fails still leaves the earlier ones.
under_bear() {
  if [ -s "$db/compile_commands.json" ]; then
    nice -n 15 bear --append --output "$db/compile_commands.json" -- "$@"
  else
    nice -n 15 bear --output "$db/compile_commands.json" -- "$@"
  fi
}

# As debhelper does: Debian's patches may touch configure.ac or Makefile.am.
autotools_configure() {
  [ ! -f configure.ac ] || nice -n 15 autoreconf -fi
  # Shared libraries only: libtool would compile each source twice.
  nice -n 15 ./configure CC="$cc" CXX="$cxx" --disable-static "$@"
}

case $pkg in
liburcu)
  # The library, then the programs of "make check" (unit, regression and
  # benchmark tests) built but not run: an empty TESTS runs nothing.
  autotools_configure
  under_bear make -j"$jobs"
  under_bear make -j"$jobs" -C tests check TESTS=
  # The documented examples, when the tree has them.
  [ ! -f doc/examples/Makefile ] ||
    under_bear make -j"$jobs" -C doc/examples all
  ;;
knot)
  autotools_configure --disable-documentation --disable-fastparser
  under_bear make -j"$jobs"
  ;;
ltt-control)
  # lttng-tools: its tests' programs are C/C++ users of liburcu too.
  autotools_configure --disable-man-pages
  under_bear make -j"$jobs"
  under_bear make -j"$jobs" -C tests check TESTS=
  ;;
multipath-tools)
  # Plain Makefiles; Makefile.inc probes the compiler for its warning flags.
  under_bear make -j"$jobs" CC="$cc"
  ;;
gdnsd)
  autotools_configure
  under_bear make -j"$jobs"
  ;;
*)
  # Unknown package: try autotools, then a plain make.
  if [ -x ./configure ] || [ -f configure.ac ]; then
    autotools_configure
  fi
  under_bear make -j"$jobs" CC="$cc" CXX="$cxx"
  ;;
esac

n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' \
  "$db/compile_commands.json")
echo "build: $pkg: $n compile commands in $db/compile_commands.json"
