// Per-route statistics published for lock-free readers.
#include <rcu/rcu.hpp>

#include <cstdint>
#include <string>

struct RouteStats {
  std::string name;
  // Bug 3: readers on many threads bump this through a const reference with
  // no synchronisation: a data race. RouteStats is not Sync, and rcu-send-sync
  // says so where it is published.
  mutable std::uint64_t hits = 0;

  void record() const { ++hits; }
};

rcu::Pointer<RouteStats> g_stats{rcu::make_rcu_box<RouteStats>()};

void on_packet() {
  rcu::Guard g;
  if (const RouteStats *s = g_stats.load(g))
    s->record();
}
