// The rcubox read path built with RCUBOX_URCU_INLINE=0, the mode for code
// that is not LGPL-compatible: read_lock/read_unlock are calls into
// liburcu-memb.so. (Guard lives in a mode-specific inline namespace, so this
// TU links with the inline-mode one without ODR clashes.)
#undef RCUBOX_URCU_INLINE
#define RCUBOX_URCU_INLINE 0
#include <rcu/rcu.hpp>

#include <benchmark/benchmark.h>

namespace {

rcu::Pointer<int> g_pointer(rcu::make_rcu_box<int>(42));

void BM_read_rcubox_call_mode(benchmark::State& state) {
  { rcu::Guard warm; }
  for (auto _ : state) {
    rcu::Guard g;
    const int* v = g_pointer.load(g);
    benchmark::DoNotOptimize(*v);
  }
}
BENCHMARK(BM_read_rcubox_call_mode);

// What a non-LGPL C program pays with liburcu directly: the same calls.
int g_value = 42;
int* g_raw = &g_value;
void BM_read_raw_urcu_call_mode(benchmark::State& state) {
  { rcu::Guard warm; }
  for (auto _ : state) {
    urcu_memb_read_lock();
    int* v = __atomic_load_n(&g_raw, __ATOMIC_CONSUME);
    benchmark::DoNotOptimize(*v);
    urcu_memb_read_unlock();
  }
}
BENCHMARK(BM_read_raw_urcu_call_mode);

} // namespace
