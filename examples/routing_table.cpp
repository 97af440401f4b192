// A routing table published through rcu::Pointer.
//
// Reader threads resolve destination addresses with longest-prefix match
// under rcu::Guard; they never lock and never see a half-built table. An
// updater thread builds a new snapshot (copy + modify) and publishes it with
// Pointer::replace; the old snapshot is destroyed after every reader that
// could still be using it has finished its guard.
#include <rcu/rcu.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Route {
  std::uint32_t prefix; // network byte order irrelevant here: host order
  unsigned length;      // prefix length in bits
  std::string next_hop;

  bool matches(std::uint32_t addr) const {
    std::uint32_t mask = length == 0 ? 0 : ~std::uint32_t{0} << (32 - length);
    return (addr & mask) == (prefix & mask);
  }
};

class RoutingTable {
public:
  RoutingTable(std::vector<Route> routes, unsigned version)
      : routes_(std::move(routes)), version_(version) {
    // Longest prefix first, so the first match is the best one.
    std::sort(routes_.begin(), routes_.end(), [](const Route& a, const Route& b) {
      return a.length != b.length ? a.length > b.length : a.prefix < b.prefix;
    });
  }

  const Route* lookup(std::uint32_t addr) const {
    for (const Route& r : routes_)
      if (r.matches(addr))
        return &r;
    return nullptr;
  }
  unsigned version() const { return version_; }
  const std::vector<Route>& routes() const { return routes_; }

private:
  std::vector<Route> routes_;
  unsigned version_;
};

constexpr std::uint32_t ip(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

rcu::Pointer<RoutingTable> table(rcu::make_rcu_box<RoutingTable>(
    std::vector<Route>{{ip(0, 0, 0, 0), 0, "upstream"}, {ip(10, 0, 0, 0), 8, "core"}}, 1u));

// The borrow of the table ends with the guard; only a copy leaves it.
std::optional<std::string> resolve(std::uint32_t addr) {
  rcu::Guard g;
  const RoutingTable* t = table.load(g);
  if (!t)
    return std::nullopt;
  if (const Route* r = t->lookup(addr))
    return r->next_hop;
  return std::nullopt;
}

} // namespace

int main() {
  std::atomic<bool> stop{false};
  std::atomic<long> lookups{0};
  std::atomic<long> misses{0};
  std::atomic<unsigned> newest_seen{0};

  std::vector<std::thread> readers;
  for (unsigned id = 0; id < 3; ++id)
    readers.emplace_back([&, id] {
      long n = 0;
      std::uint32_t addr = ip(10, id, 0, 1);
      while (!stop.load(std::memory_order_relaxed)) {
        if (!resolve(addr))
          misses.fetch_add(1, std::memory_order_relaxed);
        {
          rcu::Guard g;
          unsigned v = table.load(g)->version();
          unsigned seen = newest_seen.load(std::memory_order_relaxed);
          while (v > seen && !newest_seen.compare_exchange_weak(seen, v)) {
          }
        }
        addr = addr * 2654435761u + 1; // walk the address space
        ++n;
      }
      lookups.fetch_add(n);
    });

  // The updater: copy the current snapshot, add a route, publish.
  unsigned version = 1;
  for (unsigned i = 1; i <= 200; ++i) {
    std::vector<Route> routes;
    {
      rcu::Guard g;
      routes = table.load(g)->routes(); // a copy, not a borrow
    }
    routes.push_back({ip(10, i % 256, 0, 0), 16, "edge-" + std::to_string(i)});
    if (routes.size() > 64)
      routes.erase(routes.begin() + 2); // keep the table small
    auto old = table.replace(rcu::make_rcu_box<RoutingTable>(std::move(routes), ++version));
    // `old` is dropped here: destroyed after the readers still using it.
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  stop = true;
  for (auto& t : readers)
    t.join();

  const auto where = resolve(ip(10, 200, 1, 1));
  std::printf("routing_table: %ld lookups by 3 readers, %ld misses, %u snapshots published, "
              "newest seen by a reader: v%u\n",
              lookups.load(), misses.load(), version, newest_seen.load());
  std::printf("routing_table: 10.200.1.1 -> %s\n", where ? where->c_str() : "(none)");
  rcu::barrier(); // not required (pending destructions are flushed at exit)
  return misses.load() == 0 ? 0 : 1;
}
