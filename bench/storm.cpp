// The storm: updaters replacing a 1 KiB value as fast as they can while one
// reader holds its read-side section 200 ms at a time. Without a bound the
// pending destructions (and RSS) grow for as long as the reader holds on.
// Samples RSS and the backlog (pending destructions) every 10 ms and prints
// one JSON object.
//
//   storm rcubox|urcu_memb_c [updaters=4] [seconds=3] [bytes=1024] [hold_ms=200]
//
// rcubox's backlog comes from rcu::stats(); raw liburcu's from counters
// around its call_rcu callback (raw_urcu.c). bench/run.sh runs both.
//
// SPDX-License-Identifier: MIT
#include "raw_urcu.h"

#include <rcu/rcu.hpp>
#include <rcu/stats.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// Resident set size now, and its peak (VmHWM), in bytes.
long status_kib(const char *field) {
  FILE *f = std::fopen("/proc/self/status", "r");
  if (!f)
    return -1;
  char line[256];
  long kib = -1;
  const std::size_t len = std::strlen(field);
  while (std::fgets(line, sizeof line, f))
    if (std::strncmp(line, field, len) == 0) {
      kib = std::atol(line + len);
      break;
    }
  std::fclose(f);
  return kib;
}

template <std::size_t N> struct Blob {
  std::array<unsigned char, N> bytes{};
};
using Blob1K = Blob<1024>; // the 1 KiB value (raw: the same after its rcu_head)

rcu::Pointer<Blob1K> g_value(rcu::make_rcu_box<Blob1K>());

struct Sample {
  double t;
  long rss_kib;
  unsigned long long pending;
};

unsigned long long rcubox_pending() { return rcu::stats().pending_objects; }

} // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s rcubox|urcu_memb_c [updaters] [seconds] "
                         "[bytes] [hold_ms]\n",
                 argv[0]);
    return 2;
  }
  const std::string impl = argv[1];
  const bool raw = impl == "urcu_memb_c";
  if (!raw && impl != "rcubox") {
    std::fprintf(stderr, "storm: unknown implementation %s\n", impl.c_str());
    return 2;
  }
  const int updaters = argc > 2 ? std::atoi(argv[2]) : 4;
  const double seconds = argc > 3 ? std::atof(argv[3]) : 3.0;
  const std::size_t bytes = argc > 4 ? std::strtoul(argv[4], nullptr, 10) : 1024;
  const int hold_ms = argc > 5 ? std::atoi(argv[5]) : 200;
  if (!raw && bytes != 1024) {
    std::fprintf(stderr, "storm: rcubox runs with 1024-byte values only\n");
    return 2;
  }

  std::atomic<bool> stop{false};
  std::atomic<unsigned long long> updates{0}, sections{0};
  std::vector<std::thread> threads;

  threads.emplace_back([&] { // the slow reader
    { rcu::Guard register_thread; }
    while (!stop.load()) {
      if (raw) {
        raw_storm_read_hold_begin();
        std::this_thread::sleep_for(std::chrono::milliseconds(hold_ms));
        raw_storm_read_hold_end();
      } else {
        rcu::Guard g;
        const Blob1K *v = g_value.load(g);
        (void)*static_cast<const volatile unsigned char *>(&v->bytes[0]);
        std::this_thread::sleep_for(std::chrono::milliseconds(hold_ms));
      }
      ++sections;
    }
  });
  for (int i = 0; i < updaters; ++i)
    threads.emplace_back([&] {
      { rcu::Guard register_thread; }
      unsigned long long n = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        if (raw)
          raw_storm_replace(bytes);
        else
          (void)g_value.replace(rcu::make_rcu_box<Blob1K>());
        ++n;
      }
      updates += n;
    });

  std::vector<Sample> samples;
  const auto t0 = Clock::now();
  for (;;) {
    std::chrono::duration<double> t = Clock::now() - t0;
    samples.push_back({t.count(), status_kib("VmRSS:"),
                       raw ? raw_storm_pending() : rcubox_pending()});
    if (t.count() >= seconds)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  stop = true;
  for (auto &t : threads)
    t.join();

  unsigned long long peak_pending = 0;
  for (const Sample &s : samples)
    peak_pending = std::max(peak_pending, s.pending);
  std::printf("{\"impl\": \"%s\", \"updaters\": %d, \"seconds\": %g, "
              "\"bytes\": %zu, \"hold_ms\": %d, \"updates\": %llu, "
              "\"reader_sections\": %llu, \"peak_rss_kib\": %ld, "
              "\"peak_pending_sampled\": %llu, \"have_stats\": %s",
              impl.c_str(), updaters, seconds, bytes, hold_ms, updates.load(),
              sections.load(), status_kib("VmHWM:"), peak_pending,
              "true");
  if (!raw) {
    const rcu::Stats s = rcu::stats();
    const rcu::ReclaimBudget b = rcu::reclaim_budget();
    std::printf(", \"budget\": {\"bytes\": %zu, \"objects\": %zu}", b.bytes,
                b.objects);
    std::printf(", \"stats\": {\"peak_pending_objects\": %llu, "
                "\"peak_pending_bytes\": %llu, \"destroyed\": %llu, "
                "\"grace_periods\": %llu, \"throttled_drops\": %llu}",
                (unsigned long long)s.peak_pending_objects,
                (unsigned long long)s.peak_pending_bytes,
                (unsigned long long)s.destroyed,
                (unsigned long long)s.grace_periods,
                (unsigned long long)s.throttled_drops);
  }
  std::printf(", \"samples\": [");
  for (std::size_t i = 0; i < samples.size(); ++i)
    std::printf("%s[%.3f, %ld, %llu]", i ? ", " : "", samples[i].t,
                samples[i].rss_kib, samples[i].pending);
  std::printf("]}\n");
  return 0;
}
