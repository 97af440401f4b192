#!/usr/bin/env bash
# Installs Microsoft's SARIF Multitool (the validator GitHub's SARIF docs point
# to) from npm into a cache directory and prints the path of its Linux x64
# executable. Idempotent: a second run only checks the installed copy.
#
#   test/sarif/install-multitool.sh <cache-dir>     e.g. build/tools
#
# SARIF_MULTITOOL_VERSION overrides the pinned version. The package ships a
# self-contained .NET executable: no .NET runtime is needed, only libicu (or,
# without it, .NET's invariant globalization mode; see validate.sh).
set -euo pipefail

version=${SARIF_MULTITOOL_VERSION:-5.7.0}
if [[ $# -ne 1 ]]; then
  echo "usage: $0 <cache-dir>" >&2
  exit 2
fi
cache=$1/sarif-multitool-$version
package=@microsoft/sarif-multitool-linux
exe=$cache/node_modules/$package/Sarif.Multitool

fail() {
  echo "install-multitool.sh: $*" >&2
  exit 1
}

case "$(uname -s)-$(uname -m)" in
Linux-x86_64) ;;
*) fail "the npm package only has a Linux x86-64 executable, not $(uname -s)-$(uname -m)" ;;
esac

# The executable runs if --version works, with or without libicu.
# (Subshells: bash would report the abort of the first without libicu.)
runs() {
  ("$exe" --version && :) >/dev/null 2>&1 ||
    (DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$exe" --version && :) >/dev/null 2>&1
}

if [[ ! -x $exe ]] || ! runs; then
  command -v npm >/dev/null ||
    fail "npm is not installed (Debian: apt-get install npm)"
  mkdir -p "$cache"
  # The Linux package directly: the umbrella package only adds a node
  # launcher and pulls it in as an optional dependency, which some npm
  # configurations skip. Its postinstall (chmod) may not run either (npm's
  # install-script policy), so set the mode here.
  if ! npm install --prefix "$cache" --no-save --no-audit --no-fund \
    --loglevel=error "$package@$version" >&2; then
    fail "npm could not install $package@$version (is the npm registry reachable?)"
  fi
  [[ -f $exe ]] || fail "$package@$version has no Sarif.Multitool at $exe"
  chmod u+x "$exe"
  runs || fail "$exe does not run on this system"
fi
echo "$exe"
