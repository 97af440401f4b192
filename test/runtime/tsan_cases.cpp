// Small ThreadSanitizer programs (built with -fsanitize=thread, debug checks
// on; TSAN_OPTIONS=halt_on_error=1 makes any report fail the test):
//   cookie      a reader rcu_borrows a foreign pointer while another thread
//               takes it back with from_foreign: both touch the node's debug
//               cookie, which must be accessed atomically.
//   exit-flush  a static destructor that runs after the exit flush reads what
//               a deferred destructor wrote on liburcu's call_rcu thread: the
//               (uninstrumented) flush must tell TSan about that edge.
#include <rcu/rcu.hpp>

#include <atomic>
#include <cstdio>
#include <string_view>
#include <thread>

namespace {

int reclaimed = 0; // written by ~Item on the call_rcu thread

struct Item {
  ~Item() { ++reclaimed; }
};

// Constructed first, destroyed last: after the exit flush.
struct Report {
  bool active = false;
  ~Report() {
    if (active)
      std::printf("exit-flush: reclaimed %d\n", reclaimed);
  }
} report;

int cookie_race() {
  std::atomic<void *> slot{rcu::make_rcu_box<int>(1).into_foreign()};
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    long sum = 0;
    while (!stop.load(std::memory_order_relaxed)) {
      rcu::Guard g;
      if (void *p = slot.load(std::memory_order_acquire))
        sum += rcu::RcuBox<int>::rcu_borrow(p, g);
    }
    std::printf("cookie: reader sum %ld\n", sum);
  });
  for (int i = 0; i < 2000; ++i) {
    void *old = slot.exchange(rcu::make_rcu_box<int>(i).into_foreign());
    auto back = rcu::RcuBox<int>::from_foreign(old); // writes the cookie
  }
  stop = true;
  reader.join();
  (void)rcu::RcuBox<int>::from_foreign(slot.exchange(nullptr));
  rcu::barrier();
  std::printf("cookie: done\n");
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  const std::string_view mode = argc > 1 ? argv[1] : "";
  if (mode == "cookie")
    return cookie_race();
  if (mode == "exit-flush") {
    report.active = true;
    auto b = rcu::make_rcu_box<Item>(); // destroyed by the exit flush
    return 0;
  }
  std::fprintf(stderr, "usage: %s cookie|exit-flush\n", argv[0]);
  return 2;
}
