#!/usr/bin/env bash
# Installs the Debian 12 packages rcubox builds and tests with, if missing.
# Idempotent: does nothing (not even `apt-get update`) when all are present.
set -euo pipefail

packages=(
  # Toolchain: the plugin targets LLVM/Clang 22; g++ builds the runtime too.
  clang-22 libclang-22-dev llvm-22-dev llvm-22-tools libclang-rt-22-dev
  clang-format-22 clang-tidy-22 g++ cmake ninja-build pkg-config binutils
  python3
  # The checks are also built and tested against LLVM 19 (lit is in
  # llvm-19-tools as build/utils/lit/lit.py, clang-tidy's headers in
  # libclang-19-dev).
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools clang-tidy-19
  # Runtime and its tests.
  liburcu-dev libgtest-dev libgmock-dev googletest libbenchmark-dev
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  sudo=sudo
else
  sudo=
fi
echo "rcubox: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
