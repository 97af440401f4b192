#!/bin/sh
# Installs the build dependencies of a Debian source package and unpacks its
# source under WORK/src/PKG (outside the repository; nothing fetched is ever
# committed). Idempotent: an unpacked source is kept.
#
# Usage: fetch.sh PKG WORK   (as root, after enable-deb-src.sh)
set -eu
pkg=$1
work=$2
apt="nice -n 15 apt-get -o DPkg::Lock::Timeout=900"

mkdir -p "$work/src/$pkg"
cd "$work/src/$pkg"

# The source tree is the one directory dpkg-source made (PKG-VERSION).
tree=$(find . -mindepth 1 -maxdepth 1 -type d | head -n 1)
if [ -z "$tree" ]; then
  $apt source "$pkg"
  tree=$(find . -mindepth 1 -maxdepth 1 -type d | head -n 1)
fi
[ -n "$tree" ] || { echo "fetch: apt-get source $pkg unpacked nothing" >&2; exit 1; }

DEBIAN_FRONTEND=noninteractive $apt build-dep -y "$pkg"

# Tell the later steps where the tree is.
readlink -f "$tree" >"$work/src/$pkg.tree"
echo "fetch: $pkg in $(cat "$work/src/$pkg.tree")"
