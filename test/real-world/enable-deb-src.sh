#!/bin/sh
# Makes Debian source packages available to apt-get source / build-dep, from
# the machine's own archive configuration (never a hard-coded host): every
# deb822 stanza of the Debian sources file with "Types: deb" is copied, as
# "Types: deb-src", into a file rcubox owns. Idempotent: the file is rewritten
# and "apt-get update" run only when the derived entries changed or the
# source indexes were never downloaded.
#
# Usage: enable-deb-src.sh   (as root)
# Env:   RCUBOX_APT_SOURCES  the deb822 file to derive from
#                            (default /etc/apt/sources.list.d/debian.sources)
set -eu

from=${RCUBOX_APT_SOURCES:-/etc/apt/sources.list.d/debian.sources}
to=/etc/apt/sources.list.d/rcubox-deb-src.sources
lists=/var/lib/apt/lists

if [ ! -r "$from" ]; then
  echo "enable-deb-src: $from not found; set RCUBOX_APT_SOURCES to the" \
    "deb822 file of the Debian archive" >&2
  exit 2
fi

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
  echo "# Written by rcubox test/real-world/enable-deb-src.sh from $from."
  echo "# Remove this file to undo."
  echo
  # Stanzas are separated by blank lines; keep those whose Types has "deb"
  # (and not already "deb-src"), drop comments, and replace the Types field.
  awk '
    function flush() {
      if (n > 0 && isdeb && !issrc) {
        if (printed) print ""
        for (i = 1; i <= n; i++) print lines[i]
        printed = 1
      }
      n = 0; isdeb = 0; issrc = 0
    }
    /^[ \t]*#/ { next }
    /^[ \t]*$/ { flush(); next }
    /^Types:/ {
      for (f = 2; f <= NF; f++) {
        if ($f == "deb") isdeb = 1
        if ($f == "deb-src") issrc = 1
      }
      lines[++n] = "Types: deb-src"; next
    }
    { lines[++n] = $0 }
    END { flush() }
  ' "$from"
} >"$tmp"

if ! grep -q '^Types: deb-src' "$tmp"; then
  echo "enable-deb-src: no 'Types: deb' stanza in $from" >&2
  exit 2
fi

changed=0
if ! cmp -s "$tmp" "$to"; then
  install -m 644 "$tmp" "$to"
  echo "enable-deb-src: wrote $to"
  changed=1
fi
if [ "$changed" = 1 ] || ! ls "$lists"/*_Sources* >/dev/null 2>&1; then
  nice -n 15 apt-get -o DPkg::Lock::Timeout=900 update
else
  echo "enable-deb-src: $to up to date, source indexes present"
fi
