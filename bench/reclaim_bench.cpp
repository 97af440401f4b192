// Reclamation: dropping small boxes against raw xchg + call_rcu,
// synchronize() latency (p50/p99) idle and next to busy readers, and
// barrier() over 500 k / 1 M pending destructions against
// urcu_memb_barrier(). bench/run.sh runs it.
//
// SPDX-License-Identifier: MIT
#include "contenders.hpp"

#include <benchmark/benchmark.h>

#include <rcu/stats.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <thread>
#include <vector>

namespace {

using bench::Value;
using Clock = std::chrono::steady_clock;
constexpr std::size_t kBatch = 1024;

// --- drop -----------------------------------------------------------------

rcu::Pointer<Value> g_dropped(rcu::make_rcu_box<Value>(Value{1, {}}));

[[gnu::noinline]] void rcubox_replace_loop(std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    (void)g_dropped.replace(
        rcu::make_rcu_box<Value>(Value{static_cast<long>(i), {}}));
}

[[gnu::noinline]] void rcubox_drop_loop(std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    auto box = rcu::make_rcu_box<Value>(Value{static_cast<long>(i), {}});
    benchmark::DoNotOptimize(&*box);
  }
}

// Pointer::replace + drop of the old box vs rcu_xchg_pointer + call_rcu.
void BM_drop_replace_rcubox(benchmark::State &state) {
  { rcu::Guard register_thread; }
  while (state.KeepRunningBatch(kBatch))
    rcubox_replace_loop(kBatch);
  rcu::barrier(); // untimed: leave no backlog to the next benchmark
}
BENCHMARK(BM_drop_replace_rcubox);

void BM_drop_replace_urcu_memb_c(benchmark::State &state) {
  { rcu::Guard register_thread; }
  while (state.KeepRunningBatch(kBatch))
    raw_memb_replace_loop(kBatch);
  raw_memb_barrier();
}
BENCHMARK(BM_drop_replace_urcu_memb_c);

// Paired A/B for the ≤ 1.1× target: the thread alternates batches of
// rcubox's replace + drop and of raw xchg + call_rcu (ABBA) and charges each
// its own thread CPU time, so that both see the same load.
std::int64_t thread_cpu_ns() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void BM_drop_paired(benchmark::State &state) {
  { rcu::Guard register_thread; }
  constexpr std::size_t kPairBatch = 1 << 13;
  std::int64_t own = 0, reference = 0;
  bool own_first = true;
  while (state.KeepRunningBatch(2 * kPairBatch)) {
    const std::int64_t t0 = thread_cpu_ns();
    if (own_first)
      rcubox_replace_loop(kPairBatch);
    else
      raw_memb_replace_loop(kPairBatch);
    const std::int64_t t1 = thread_cpu_ns();
    if (own_first)
      raw_memb_replace_loop(kPairBatch);
    else
      rcubox_replace_loop(kPairBatch);
    const std::int64_t t2 = thread_cpu_ns();
    own += own_first ? t1 - t0 : t2 - t1;
    reference += own_first ? t2 - t1 : t1 - t0;
    own_first = !own_first;
  }
  rcu::barrier();
  raw_memb_barrier();
  if (reference > 0)
    state.counters["ratio_vs_urcu_memb_c"] = double(own) / double(reference);
}
BENCHMARK(BM_drop_paired);

// Allocate + drop (no publication) vs malloc + call_rcu.
void BM_drop_new_rcubox(benchmark::State &state) {
  { rcu::Guard register_thread; }
  while (state.KeepRunningBatch(kBatch))
    rcubox_drop_loop(kBatch);
  rcu::barrier();
}
BENCHMARK(BM_drop_new_rcubox);

void BM_drop_new_urcu_memb_c(benchmark::State &state) {
  { rcu::Guard register_thread; }
  while (state.KeepRunningBatch(kBatch))
    raw_memb_call_rcu_loop(kBatch);
  raw_memb_barrier();
}
BENCHMARK(BM_drop_new_urcu_memb_c);

// --- synchronize ------------------------------------------------------------

// Readers that keep entering and leaving read-side sections (the "load").
class BusyReaders {
public:
  explicit BusyReaders(int n) {
    for (int i = 0; i < n; ++i)
      threads_.emplace_back([this] {
        long sum = 0;
        while (!stop_.load(std::memory_order_relaxed))
          sum += bench::RcuboxLoad::read_loop(256);
        benchmark::DoNotOptimize(sum);
      });
  }
  ~BusyReaders() {
    stop_ = true;
    for (auto &t : threads_)
      t.join();
  }

private:
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
};

void report_percentiles(benchmark::State &state, std::vector<double> &us) {
  if (us.empty())
    return;
  std::sort(us.begin(), us.end());
  auto at = [&](double q) {
    return us[std::min(us.size() - 1, static_cast<std::size_t>(q * us.size()))];
  };
  state.counters["p50_us"] = at(0.50);
  state.counters["p99_us"] = at(0.99);
}

template <void (*Synchronize)()>
void BM_synchronize(benchmark::State &state) {
  { rcu::Guard register_thread; }
  BusyReaders readers(static_cast<int>(state.range(0)));
  std::vector<double> us;
  for (auto _ : state) {
    auto t0 = Clock::now();
    Synchronize();
    std::chrono::duration<double> d = Clock::now() - t0;
    state.SetIterationTime(d.count());
    us.push_back(d.count() * 1e6);
  }
  report_percentiles(state, us);
}
void rcubox_synchronize() { rcu::synchronize(); }
BENCHMARK_TEMPLATE(BM_synchronize, rcubox_synchronize)
    ->ArgName("busy_readers")
    ->Arg(0)
    ->Arg(2)
    ->UseManualTime();
BENCHMARK_TEMPLATE(BM_synchronize, raw_memb_synchronize)
    ->ArgName("busy_readers")
    ->Arg(0)
    ->Arg(2)
    ->UseManualTime();

// --- barrier ----------------------------------------------------------------

// Holds a read-side section on another thread while the destructions are
// queued, so that all of them are still pending when barrier() is called.
class HeldReader {
public:
  HeldReader()
      : thread_([this] {
          rcu::Guard g;
          held_ = true;
          while (!release_.load())
            std::this_thread::yield();
        }) {
    while (!held_.load())
      std::this_thread::yield();
  }
  void release() {
    release_ = true;
    thread_.join();
  }

private:
  std::atomic<bool> held_{false}, release_{false};
  std::thread thread_;
};

// The budget would make the dropping thread wait for the held reader: lift
// it while queuing, so that barrier() really finds N pending.
class UnboundedBudget {
public:
  UnboundedBudget() { rcu::set_reclaim_budget(kUnbounded); }
  ~UnboundedBudget() { rcu::set_reclaim_budget(saved_); }

private:
  static constexpr rcu::ReclaimBudget kUnbounded{0, 0}; // 0: unlimited
  rcu::ReclaimBudget saved_ = rcu::reclaim_budget();
};

template <bool Raw> void BM_barrier(benchmark::State &state) {
  { rcu::Guard register_thread; }
  const auto pending = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    [[maybe_unused]] UnboundedBudget unbounded;
    HeldReader reader;
    if (Raw)
      raw_memb_call_rcu_loop(pending);
    else
      rcubox_drop_loop(pending);
    reader.release();
    auto t0 = Clock::now();
    if (Raw)
      raw_memb_barrier();
    else
      rcu::barrier();
    std::chrono::duration<double> d = Clock::now() - t0;
    state.SetIterationTime(d.count());
  }
}
BENCHMARK_TEMPLATE(BM_barrier, false)
    ->Name("BM_barrier_rcubox")
    ->ArgName("pending")
    ->Arg(500'000)
    ->Arg(1'000'000)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK_TEMPLATE(BM_barrier, true)
    ->Name("BM_barrier_urcu_memb_c")
    ->ArgName("pending")
    ->Arg(500'000)
    ->Arg(1'000'000)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

} // namespace

BENCHMARK_MAIN();
