#!/bin/sh
# check_codegen.sh OBJDUMP OBJECT [C_OBJECT]
# Asserts that the rcubox read path (Guard + Pointer::load / with_rcu, built
# at -O2 in codegen_probe.cpp) is liburcu's inlined memb read path and
# nothing more:
#   * the hot path (entry up to the first ret) has no call, no lock prefix,
#     no fence;
#   * the whole function calls nothing that raw liburcu code does not call,
#     except the cold registration slow path (and the EH terminate pad);
#   * it has no more fences or locked instructions than raw liburcu (whose
#     own fallback mfence/futex wake live in unlikely branches);
#   * given C_OBJECT (codegen_probe_c.c, liburcu's read path compiled as C):
#     its hot path is at most two instructions longer than the C one (the
#     registration flag test and its branch) — no reload of the nesting
#     counter after each store, no stack slot for an annotation. Register
#     saves and restores (push/pop, %rsp adjustments) are not counted: they
#     depend on the cold call the registration test guards, and a loop
#     hoists them.
set -eu
objdump=$1
object=$2
c_object=${3:-}
dis=$("$objdump" -dr --no-show-raw-insn "$object")
[ -z "$c_object" ] || dis=$(printf '%s\n' "$dis"; "$objdump" -dr --no-show-raw-insn "$c_object")

# body NAME: instructions of NAME and of its GCC-split NAME.cold part.
body() {
  printf '%s\n' "$dis" | awk -v f="$1" '
    /^[0-9a-f]+ <.*>:$/ { name = $2; sub(/^</, "", name); sub(/>:$/, "", name)
                          p = (name == f || name == f ".cold"); next }
    p'
}
# hot NAME: instructions from the entry up to the first ret.
hot() {
  printf '%s\n' "$dis" | awk -v f="$1" '
    /^[0-9a-f]+ <.*>:$/ { p = ($2 == "<" f ">:"); next }
    p { print; if ($0 ~ /\tret/) exit }'
}
# calls: the target of every call (relocation symbol, else <symbol>).
calls() {
  awk '
    pending { if ($0 ~ /R_X86_64_/) { s = $NF; sub(/[-+]0x[0-9a-f]+$/, "", s); print s }
              else print pending_target
              pending = 0 }
    /\tcall/ { pending = 1; t = $NF; sub(/^</, "", t); sub(/[-+]0x[0-9a-f]+>$/, "", t); sub(/>$/, "", t)
               pending_target = t }
    END { if (pending) print pending_target }' | sort -u
}
count() { awk -v re="$1" '$0 ~ re { n++ } END { print n + 0 }'; }

status=0
fail() { echo "FAIL: $*"; status=1; }

raw=$(body raw_probe_load)
raw_calls=$(printf '%s\n' "$raw" | calls)
raw_fences=$(printf '%s\n' "$raw" | count '\t(mfence|lfence|sfence)')
raw_locks=$(printf '%s\n' "$raw" | count '\tlock |\txchg')
allowed=$(printf '%s\n_ZN3rcu6detail20register_thread_slowEv\n__clang_call_terminate\n_ZSt9terminatev\n' "$raw_calls")

for f in rcubox_probe_load rcubox_probe_with_rcu; do
  whole=$(body "$f")
  [ -n "$whole" ] || { fail "$f not found in $object"; continue; }
  h=$(hot "$f")
  n=$(printf '%s\n' "$h" | count '\t(call|jmp +[*]|mfence|lfence|sfence|lock |xchg)')
  [ "$n" -eq 0 ] && echo "ok: $f hot path ($(printf '%s\n' "$h" | count '^ +[0-9a-f]+:') insns) has no call/lock/fence" \
    || fail "$f hot path has a call, lock or fence: $(printf '%s\n' "$h" | tr '\t' ' ')"
  for c in $(printf '%s\n' "$whole" | calls); do
    printf '%s\n' "$allowed" | grep -qxF "$c" || fail "$f calls $c, which raw liburcu does not"
  done
  printf '%s\n' "$whole" | calls | grep -qx '_ZN3rcu6detail20register_thread_slowEv' \
    || fail "$f: registration slow-path call not found (is the TLS check missing?)"
  fences=$(printf '%s\n' "$whole" | count '\t(mfence|lfence|sfence)')
  locks=$(printf '%s\n' "$whole" | count '\tlock |\txchg')
  [ "$fences" -le "$raw_fences" ] || fail "$f has $fences fences, raw liburcu $raw_fences"
  [ "$locks" -le "$raw_locks" ] || fail "$f has $locks locked instructions, raw liburcu $raw_locks"
done
if [ -n "$c_object" ]; then
  body_len() {
    awk '/^ +[0-9a-f]+:/ && !/\t(push|pop) / && !/\t(add|sub) +\$0x[0-9a-f]+,%rsp/ { n++ }
         END { print n + 0 }'
  }
  c_len=$(hot raw_c_probe_load | body_len)
  [ "$c_len" -gt 0 ] || fail "raw_c_probe_load not found in $c_object"
  for f in rcubox_probe_load rcubox_probe_with_rcu; do
    len=$(hot "$f" | body_len)
    [ "$len" -le $((c_len + 2)) ] && echo "ok: $f hot path $len insns, liburcu as C $c_len (+2 allowed)" \
      || fail "$f hot path has $len instructions, liburcu compiled as C $c_len (+2 allowed)"
  done
fi
[ "$status" -eq 0 ] && echo "codegen: rcubox read path == liburcu inline read path (+ cold registration)"
exit "$status"
