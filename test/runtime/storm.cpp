// The update storm of issue 12: updaters replace a value as fast as they can
// while one reader holds its read-side section for long stretches. Without a
// budget the backlog grows for as long as the reader holds on; with one, the
// updaters are throttled and the backlog stays within it.
//
//   rcubox_storm [--seconds S] [--updaters N] [--hold-ms MS]
//                [--value-bytes B] [--check]
//
// The budget comes from RCUBOX_RECLAIM_BUDGET (or the default). Prints one
// line of key=value figures. --check (the ctest case) fails unless the peak
// backlog stayed within the budget, the updaters were throttled, and the
// reader completed every section it started.
#include <rcu/rcu.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include <sys/resource.h>

namespace {

struct Options {
  double seconds = 3;
  int updaters = 4;
  int hold_ms = 200;
  std::size_t value_bytes = 1024;
  bool check = false;
};

Options parse(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    auto arg = [&](const char *name) {
      return std::strcmp(argv[i], name) == 0 && i + 1 < argc;
    };
    if (arg("--seconds"))
      o.seconds = std::atof(argv[++i]);
    else if (arg("--updaters"))
      o.updaters = std::atoi(argv[++i]);
    else if (arg("--hold-ms"))
      o.hold_ms = std::atoi(argv[++i]);
    else if (arg("--value-bytes"))
      o.value_bytes = std::strtoull(argv[++i], nullptr, 10);
    else if (std::strcmp(argv[i], "--check") == 0)
      o.check = true;
    else {
      std::fprintf(stderr,
                   "usage: %s [--seconds S] [--updaters N] "
                   "[--hold-ms MS] [--value-bytes B] [--check]\n",
                   argv[0]);
      std::exit(2);
    }
  }
  return o;
}

// A 1 KiB node (24-byte header + value), stored inline so that the node is
// all the memory a pending value holds, which is what the budget counts.
struct Value1K {
  char bytes[1024 - 24];
};

long peak_rss_kb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

} // namespace

int main(int argc, char **argv) {
  const Options o = parse(argc, argv);
  rcu::Pointer<Value1K> current(rcu::make_rcu_box<Value1K>());
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> updates{0};
  std::uint64_t sections_started = 0, sections_done = 0;
  char sink = 0;

  std::thread reader([&] {
    while (!stop.load()) {
      ++sections_started;
      rcu::Guard g;
      const Value1K *v = current.load(g);
      std::this_thread::sleep_for(std::chrono::milliseconds(o.hold_ms));
      sink = static_cast<char>(sink + v->bytes[0]);
      ++sections_done;
    }
  });
  std::vector<std::thread> updaters;
  for (int i = 0; i < o.updaters; ++i)
    updaters.emplace_back([&] {
      std::uint64_t n = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        (void)current.replace(rcu::make_rcu_box<Value1K>());
        ++n;
      }
      updates.fetch_add(n);
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(o.seconds));
  stop = true;
  for (auto &t : updaters)
    t.join();
  reader.join();

  const rcu::Stats s = rcu::stats();
  const rcu::ReclaimBudget b = rcu::reclaim_budget();
  std::printf("storm: seconds=%g updaters=%d hold_ms=%d node_bytes=%zu "
              "budget_bytes=%zu budget_objects=%zu updates=%llu "
              "reader_sections=%llu peak_pending_objects=%zu "
              "peak_pending_bytes=%zu throttled_drops=%llu grace_periods=%llu "
              "peak_rss_kb=%ld\n",
              o.seconds, o.updaters, o.hold_ms, sizeof(Value1K) + 24, b.bytes,
              b.objects, static_cast<unsigned long long>(updates.load()),
              static_cast<unsigned long long>(sections_done),
              s.peak_pending_objects, s.peak_pending_bytes,
              static_cast<unsigned long long>(s.throttled_drops),
              static_cast<unsigned long long>(s.grace_periods), peak_rss_kb());
  if (!o.check)
    return sink == 1; // keep the reads
  int failures = 0;
  auto expect = [&](bool ok, const char *what) {
    if (!ok) {
      std::printf("storm: FAIL: %s\n", what);
      ++failures;
    }
  };
  expect(b.bytes == 0 || s.peak_pending_bytes <= b.bytes,
         "peak pending bytes exceed the budget");
  expect(b.objects == 0 || s.peak_pending_objects <= b.objects,
         "peak pending objects exceed the budget");
  expect(s.throttled_drops > 0, "the updaters were never throttled");
  expect(sections_done == sections_started && sections_done > 0,
         "the reader did not complete its sections");
  if (failures == 0)
    std::printf("storm: ok\n");
  return failures != 0;
}
