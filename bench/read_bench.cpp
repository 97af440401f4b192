// Read path: rcubox (Pointer::load, RcuBox::with_rcu) against raw liburcu
// memb and qsbr compiled as C, std::shared_mutex and
// std::atomic<std::shared_ptr>. Every contender runs the same loop (guard,
// load the published pointer, read one field) in a function of its own;
// shapes: one reader, two readers, and two readers next to an updater
// replacing the value 1000 times a second or flat out.
//
// Reported time is wall time per read over all reader threads (UseRealTime):
// 1e9 / time is the aggregate reads per second. bench/run.sh runs it.
//
// SPDX-License-Identifier: MIT
#include "contenders.hpp"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <ctime>
#include <string>
#include <thread>

namespace {

// Reads per call of a contender's loop: large enough that the call and
// KeepRunningBatch's bookkeeping vanish, small enough for short smoke runs.
constexpr std::size_t kBatch = 4096;

// Updates per second of the updater thread; 0: no updater, -1: flat out.
constexpr long kNoUpdater = 0;
constexpr long kFlatOut = -1;

std::atomic<bool> g_stop_updater{false};
std::atomic<long> g_updates{0};
std::thread g_updater;

template <class C> void updater_loop(long per_second) {
  C::updater_begin();
  using Clock = std::chrono::steady_clock;
  auto next = Clock::now();
  const auto period = std::chrono::nanoseconds(
      per_second > 0 ? 1'000'000'000 / per_second : 0);
  long key = 0;
  while (!g_stop_updater.load(std::memory_order_relaxed)) {
    C::replace(++key);
    g_updates.store(key, std::memory_order_relaxed);
    if (per_second > 0) {
      next += period;
      std::this_thread::sleep_until(next);
    }
  }
  C::updater_end();
}

template <class C> void start_updater(const benchmark::State &state) {
  const long rate = state.range(0);
  g_updates = 0;
  if (rate == kNoUpdater)
    return;
  g_stop_updater = false;
  g_updater = std::thread(updater_loop<C>, rate);
}

template <class C> void stop_updater(const benchmark::State &) {
  if (!g_updater.joinable())
    return;
  g_stop_updater = true;
  g_updater.join();
}

template <class C> void BM_read(benchmark::State &state) {
  C::reader_begin();
  long sum = 0;
  while (state.KeepRunningBatch(kBatch))
    sum += C::read_loop(kBatch);
  benchmark::DoNotOptimize(sum);
  C::reader_end();
  if (state.thread_index() == 0)
    state.counters["updates"] =
        state.range(0) == kNoUpdater ? 0 : static_cast<double>(g_updates.load());
}

// Paired A/B against liburcu memb (C), for the ≤ 1.05× targets: each thread
// alternates batches of the contender's loop and the reference loop (ABBA,
// so that neither always runs second) and charges each its own thread CPU
// time. Whatever else the machine runs slows both alike, which separate
// benchmarks, minutes apart on a shared machine, cannot promise.
std::int64_t thread_cpu_ns() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

template <class C> void BM_read_paired(benchmark::State &state) {
  // Long enough that the clock reads (a system call each) vanish.
  constexpr std::size_t kPairBatch = 1 << 16;
  C::reader_begin();
  bench::RawMemb::reader_begin();
  std::int64_t own = 0, reference = 0;
  long sum = 0;
  bool own_first = true;
  while (state.KeepRunningBatch(2 * kPairBatch)) {
    const std::int64_t t0 = thread_cpu_ns();
    sum += own_first ? C::read_loop(kPairBatch)
                     : bench::RawMemb::read_loop(kPairBatch);
    const std::int64_t t1 = thread_cpu_ns();
    sum += own_first ? bench::RawMemb::read_loop(kPairBatch)
                     : C::read_loop(kPairBatch);
    const std::int64_t t2 = thread_cpu_ns();
    own += own_first ? t1 - t0 : t2 - t1;
    reference += own_first ? t2 - t1 : t1 - t0;
    own_first = !own_first;
  }
  benchmark::DoNotOptimize(sum);
  C::reader_end();
  if (reference > 0)
    state.counters["ratio_vs_urcu_memb_c"] = benchmark::Counter(
        double(own) / double(reference), benchmark::Counter::kAvgThreads);
}

template <class C> void register_paired() {
  for (int threads : {1, 2})
    benchmark::RegisterBenchmark(
        (std::string("BM_read_paired/") + C::name + "/" +
         (threads == 1 ? "1_reader" : "2_readers"))
            .c_str(),
        BM_read_paired<C>)
        ->Threads(threads)
        ->UseRealTime();
}

// One family per contender and shape (Setup/Teardown and the thread count
// belong to a family), named BM_read/<contender>/<shape>.
template <class C> void register_contender() {
  struct Shape {
    const char *name;
    int threads;
    long updates_per_s;
  };
  static constexpr Shape kShapes[] = {
      {"1_reader", 1, kNoUpdater},
      {"2_readers", 2, kNoUpdater},
      {"2_readers_1k_updates_per_s", 2, 1000},
      {"2_readers_flat_out_updates", 2, kFlatOut},
  };
  for (const Shape &s : kShapes) {
    auto *b = benchmark::RegisterBenchmark(
        (std::string("BM_read/") + C::name + "/" + s.name).c_str(),
        BM_read<C>);
    b->Arg(s.updates_per_s)->Threads(s.threads)->UseRealTime();
    if (s.updates_per_s != kNoUpdater)
      b->Setup(start_updater<C>)->Teardown(stop_updater<C>);
  }
}

} // namespace

int main(int argc, char **argv) {
  register_contender<bench::RcuboxLoad>();
  register_contender<bench::RcuboxWithRcu>();
  register_contender<bench::RawMemb>();
  register_contender<bench::RawQsbr>();
  register_contender<bench::SharedMutex>();
  register_contender<bench::AtomicSharedPtr>();
  register_paired<bench::RcuboxLoad>();
  register_paired<bench::RcuboxWithRcu>();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
