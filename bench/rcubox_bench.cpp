// Read-path, update-path and grace-period costs of rcubox against raw liburcu
// and the usual alternatives. bench/run.sh runs it and prints ratios.
#include <rcu/rcu.hpp>

#include <benchmark/benchmark.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <shared_mutex>

namespace {

rcu::Pointer<int> g_pointer(rcu::make_rcu_box<int>(42));
int g_value = 42;
int* g_raw = &g_value; // published with rcu_assign_pointer semantics (constant)

void register_thread() { rcu::Guard warm; } // rcubox registers on first Guard

// rcubox: Guard + Pointer::load + read.
void BM_read_rcubox(benchmark::State& state) {
  register_thread();
  for (auto _ : state) {
    rcu::Guard g;
    const int* v = g_pointer.load(g);
    benchmark::DoNotOptimize(*v);
  }
}
BENCHMARK(BM_read_rcubox);
BENCHMARK(BM_read_rcubox)->Threads(2)->UseRealTime();

// The same with RcuBox::with_rcu on an owned box.
void BM_read_rcubox_with_rcu(benchmark::State& state) {
  static const auto box = rcu::make_rcu_box<int>(42);
  register_thread();
  for (auto _ : state) {
    rcu::Guard g;
    benchmark::DoNotOptimize(box.with_rcu(g));
  }
}
BENCHMARK(BM_read_rcubox_with_rcu);

// Raw liburcu, memb flavour, inlined (_LGPL_SOURCE): the reference.
void BM_read_raw_urcu(benchmark::State& state) {
  register_thread();
  for (auto _ : state) {
    urcu_memb_read_lock();
    int* v = rcu_dereference(g_raw);
    benchmark::DoNotOptimize(*v);
    urcu_memb_read_unlock();
  }
}
BENCHMARK(BM_read_raw_urcu);
BENCHMARK(BM_read_raw_urcu)->Threads(2)->UseRealTime();

std::shared_mutex g_rwlock;
void BM_read_shared_mutex(benchmark::State& state) {
  for (auto _ : state) {
    std::shared_lock lock(g_rwlock);
    benchmark::DoNotOptimize(*g_raw);
  }
}
BENCHMARK(BM_read_shared_mutex);
BENCHMARK(BM_read_shared_mutex)->Threads(2)->UseRealTime();

std::atomic<std::shared_ptr<int>> g_shared{std::make_shared<int>(42)};
void BM_read_atomic_shared_ptr(benchmark::State& state) {
  for (auto _ : state) {
    auto p = g_shared.load();
    benchmark::DoNotOptimize(*p);
  }
}
BENCHMARK(BM_read_atomic_shared_ptr);
BENCHMARK(BM_read_atomic_shared_ptr)->Threads(2)->UseRealTime();

// The floor: one acquire load and a read, no read-side section at all.
void BM_read_acquire_load(benchmark::State& state) {
  for (auto _ : state) {
    int* v = __atomic_load_n(&g_raw, __ATOMIC_ACQUIRE);
    benchmark::DoNotOptimize(*v);
  }
}
BENCHMARK(BM_read_acquire_load);

// Dropping a box: allocation + call_rcu (+ the deferred free, off-thread).
void BM_drop_rcubox(benchmark::State& state) {
  register_thread();
  for (auto _ : state) {
    auto b = rcu::make_rcu_box<int>(1);
    benchmark::DoNotOptimize(&*b);
  }
  rcu::barrier(); // after the timed loop: keeps the backlog bounded
}
BENCHMARK(BM_drop_rcubox);

struct RawNode {
  rcu_head head;
  int value;
};
void BM_drop_raw_call_rcu(benchmark::State& state) {
  register_thread();
  for (auto _ : state) {
    auto* n = new RawNode{{}, 1};
    benchmark::DoNotOptimize(n);
    urcu_memb_call_rcu(&n->head, [](rcu_head* h) { delete reinterpret_cast<RawNode*>(h); });
  }
  urcu_memb_barrier();
}
BENCHMARK(BM_drop_raw_call_rcu);

void BM_synchronize(benchmark::State& state) {
  for (auto _ : state)
    rcu::synchronize();
}
BENCHMARK(BM_synchronize);

} // namespace

BENCHMARK_MAIN();
