// Reference point: liburcu's "mb" flavour read path (inlined), which pays a
// full memory barrier per read_lock/read_unlock instead of relying on
// membarrier(2) like memb. Not used by rcubox.
#define _LGPL_SOURCE
#include <urcu/tls-compat.h>
#undef DECLARE_URCU_TLS // plain __thread access, as in rcubox (see detail/config.hpp)
#define DECLARE_URCU_TLS(type, name) __thread type name
#include <urcu/urcu-mb.h>

#include <benchmark/benchmark.h>

namespace {

int g_value = 42;
int* g_raw = &g_value;

void BM_read_raw_urcu_mb_flavour(benchmark::State& state) {
  static const bool registered = (urcu_mb_register_thread(), true);
  (void)registered;
  for (auto _ : state) {
    urcu_mb_read_lock();
    int* v = rcu_dereference(g_raw);
    benchmark::DoNotOptimize(*v);
    urcu_mb_read_unlock();
  }
}
BENCHMARK(BM_read_raw_urcu_mb_flavour);

} // namespace
