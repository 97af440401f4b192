// Cases for the comparison table of docs/checks/rcu-sync-in-read-section.md,
// built by thread_safety.py. Each case runs from its "CASE:" line to the next;
// "bug" cases deadlock, "ok" cases are correct code that must stay silent.
#include <algorithm>
#include <functional>
#include <rcu/rcu.hpp>
#include <thread>
#include <vector>

struct Config {
  int version;
};
void use(int);

// CASE: bug | `synchronize()` directly under a guard
void direct_synchronize() {
  rcu::Guard g;
  rcu::synchronize();
}

// CASE: bug | `barrier()` directly under a guard
void direct_barrier() {
  rcu::Guard g;
  rcu::barrier();
}

// CASE: bug | a user's wrapper marked `RCU_WAITS_FOR_GRACE_PERIOD`
RCU_WAITS_FOR_GRACE_PERIOD void quiesce_all();
void marked_wrapper() {
  rcu::Guard g;
  quiesce_all();
}

// CASE: bug | a helper that waits, one call deep
void drain() { rcu::synchronize(); }
void helper_one_deep() {
  rcu::Guard g;
  drain();
}

// CASE: bug | a helper that waits, two calls deep
void reload_all() { drain(); }
void helper_two_deep() {
  rcu::Guard g;
  reload_all();
}

// CASE: bug | a local whose destructor waits, destroyed inside the section
struct Flusher {
  ~Flusher() { rcu::barrier(); }
};
void destructor_in_section() {
  rcu::Guard g;
  Flusher f;
}

// CASE: bug | a virtual call whose every override waits
struct Store {
  virtual void refresh() = 0;
  virtual ~Store() = default;
};
struct FileStore : Store {
  void refresh() override { rcu::synchronize(); }
};
void virtual_call(Store &s) {
  rcu::Guard g;
  s.refresh();
}

// CASE: bug | a lambda that waits, called under the guard
void lambda_called_inside() {
  auto settle = [] { rcu::synchronize(); };
  rcu::Guard g;
  settle();
}

// CASE: bug | a lambda that waits, called by `std::for_each` under the guard
void lambda_through_algorithm(std::vector<int> &v) {
  rcu::Guard g;
  std::for_each(v.begin(), v.end(), [](int) { rcu::synchronize(); });
}

// CASE: bug | a local `std::function` that waits, called under the guard
void std_function_called_inside() {
  std::function<void()> settle = drain;
  rcu::Guard g;
  settle();
}

// CASE: bug | a function taking a guard (runs in its caller's section)
void update_under(const rcu::Guard &g) { rcu::synchronize(); }

// CASE: bug | waiting after the inner of two nested guards ended (the outer is live)
void nested_inner_wait() {
  rcu::Guard outer;
  {
    rcu::Guard inner;
    use(1);
  }
  rcu::synchronize();
}

// CASE: bug | a temporary guard's full-expression
int read_and_wait(const rcu::Guard &, int);
int wait_arg() {
  rcu::synchronize();
  return 0;
}
void temporary_guard() { use(read_and_wait(rcu::Guard{}, wait_arg())); }

// CASE: ok | waiting after the guard's scope ended
void after_scope() {
  {
    rcu::Guard g;
    use(1);
  }
  rcu::synchronize();
}

// CASE: ok | nested guards, waiting after both ended
void nested_then_wait() {
  {
    rcu::Guard outer;
    rcu::Guard inner;
    use(2);
  }
  rcu::synchronize();
}

// CASE: ok | harmless helpers inside, waiting helper outside
void harmless() { use(3); }
void helpers_placed_right() {
  {
    rcu::Guard g;
    harmless();
  }
  reload_all();
}

// CASE: ok | a lambda defined in the section, called after it
void lambda_called_later() {
  std::function<void()> later;
  {
    rcu::Guard g;
    later = [] { rcu::synchronize(); };
  }
  later();
}

// CASE: ok | a thread started under a guard waits in its own body
void thread_body_waits() {
  rcu::Guard g;
  std::thread t([] { rcu::synchronize(); });
  t.detach();
}

// CASE: ok | a guard created inside the thread's body, waiting after it
void guard_in_thread_body() {
  std::thread t([] {
    {
      rcu::Guard g;
      use(4);
    }
    rcu::synchronize();
  });
  t.join();
}

// CASE: ok | a local that waits in its destructor, declared before the guard
void destructor_after_section() {
  Flusher f;
  rcu::Guard g;
  use(5);
}

// CASE: ok | a guard ended early on one branch
void early_end(bool stale) {
  if (stale) {
    rcu::synchronize();
    return;
  }
  rcu::Guard g;
  use(6);
}

// CASE: ok | a virtual call where some override does not wait
struct Cache {
  virtual void refresh() = 0;
  virtual ~Cache() = default;
};
struct DiskCache : Cache {
  void refresh() override { rcu::synchronize(); }
};
struct MemCache : Cache {
  void refresh() override { use(7); }
};
void virtual_mixed(Cache &c) {
  rcu::Guard g;
  c.refresh();
}

// CASE: bug | a boxed value whose destructor calls `barrier()` (reclamation thread)
struct Journal {
  ~Journal() { rcu::barrier(); }
};
void box_of_journal() { auto box = rcu::make_rcu_box<Journal>(); }

// CASE: ok | a boxed value whose destructor calls `synchronize()`
struct Checkpoint {
  ~Checkpoint() { rcu::synchronize(); }
};
void box_of_checkpoint() { auto box = rcu::make_rcu_box<Checkpoint>(); }
// END
