#!/bin/sh
# codegen_annotations.sh CXX SOURCE INCLUDE_DIR
# The checker's annotations must not change object code: the -O2 assembly of
# the read-path probes (Guard + load / with_rcu) is identical with the
# annotations and with RCUBOX_NO_ANNOTATIONS (every marker expands to
# nothing).
set -eu
cxx=$1
src=$2
inc=$3
tmp=${TMPDIR:-/tmp}/rcubox-annot-$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
flags="-std=c++20 -O2 -DNDEBUG -DRCUBOX_URCU_INLINE=1 -I$inc -S"
"$cxx" $flags "$src" -o "$tmp/with.s"
"$cxx" $flags -DRCUBOX_NO_ANNOTATIONS "$src" -o "$tmp/without.s"
# The function bodies only: labels to .Lfunc_end.
extract() {
  awk '/^(rcubox|raw)_probe_[a-z_]+:/ { p = 1 } p { print } /^\.Lfunc_end/ { p = 0 }' "$1" |
    grep -v '^\s*#' | grep -v '\.loc\|\.file'
}
extract "$tmp/with.s" > "$tmp/with.body"
extract "$tmp/without.s" > "$tmp/without.body"
[ -s "$tmp/with.body" ] || { echo "FAIL: no probe functions found"; exit 1; }
if ! cmp -s "$tmp/with.body" "$tmp/without.body"; then
  echo "FAIL: the annotations change the read path's code:"
  diff "$tmp/without.body" "$tmp/with.body" || true
  exit 1
fi
echo "codegen: read path identical with and without annotations ($(wc -l < "$tmp/with.body") lines)"
