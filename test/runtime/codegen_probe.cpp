// Compiled at -O2 and disassembled by check_codegen.sh: the rcubox read path
// must add nothing to liburcu's own inlined memb read path except the
// out-of-line registration call.
#include <rcu/rcu.hpp>

extern "C" int rcubox_probe_load(const rcu::Pointer<int>& p) {
  rcu::Guard g;
  const int* v = p.load(g);
  return v ? *v : -1;
}

extern "C" int rcubox_probe_with_rcu(const rcu::RcuBox<int>& b) {
  rcu::Guard g;
  return b.with_rcu(g);
}

// The reference: what a C programmer writes with liburcu directly.
extern "C" int raw_probe_load(int* const* pp) {
  urcu_memb_read_lock();
  const int* v = rcu_dereference(*pp);
  int r = v ? *v : -1;
  urcu_memb_read_unlock();
  return r;
}
