// When liburcu's call_rcu thread cannot be created (here: RLIMIT_AS leaves
// no room for its stack), drops still never fail: values are destroyed on
// the dropping thread after a grace period, or, when dropped inside a
// read-side section, by the next thread that can wait (here: barrier()).
#include <rcu/rcu.hpp>

#include <atomic>
#include <cstdio>

#include <sys/resource.h>
#include <unistd.h>

namespace {
std::atomic<int> g_dtors{0};
struct Counted {
  int v = 0;
  ~Counted() { g_dtors.fetch_add(1); }
};

// Caps the address space a little above what the process maps now: no room
// for a thread stack (8 MiB by default).
bool cap_address_space() {
  FILE *f = std::fopen("/proc/self/statm", "r");
  unsigned long pages = 0;
  if (!f || std::fscanf(f, "%lu", &pages) != 1)
    return false;
  std::fclose(f);
  const rlim_t limit =
      pages * static_cast<rlim_t>(sysconf(_SC_PAGESIZE)) + (2u << 20);
  const rlimit r{limit, limit};
  return setrlimit(RLIMIT_AS, &r) == 0;
}
} // namespace

int main() {
  if (!cap_address_space()) {
    std::puts("no-thread: cannot set RLIMIT_AS");
    return 1;
  }
  for (int i = 0; i < 3; ++i)
    (void)rcu::make_rcu_box<Counted>();
  const int sync = g_dtors.load(); // destroyed before the drop returned
  {
    rcu::Guard g;
    (void)rcu::make_rcu_box<Counted>();
    (void)rcu::make_rcu_box<Counted>();
  }
  rcu::barrier();
  std::printf("no-thread: %d synchronous, %d/5 destroyed\n", sync,
              g_dtors.load());
  return g_dtors.load() == 5 && sync == 3 ? 0 : 1;
}
