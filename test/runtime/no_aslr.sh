#!/bin/sh
# no_aslr.sh PROGRAM [ARGS...]: run PROGRAM with ASLR disabled when this
# environment allows it (personality(2) may be forbidden in containers), as is
# otherwise. ThreadSanitizer's shadow mapping can clash with high ASLR
# entropy on some kernels.
if setarch "$(uname -m)" -R true 2>/dev/null; then
  exec setarch "$(uname -m)" -R "$@"
fi
exec "$@"
