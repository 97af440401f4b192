#!/usr/bin/env python3
"""expect_exit.py N command...: succeeds iff the command exits with status N
(lit's shell has no $?; `not` only tells zero from non-zero)."""
import subprocess
import sys

status = subprocess.call(sys.argv[2:], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
if status != int(sys.argv[1]):
    sys.exit("expected exit status %s, got %d" % (sys.argv[1], status))
