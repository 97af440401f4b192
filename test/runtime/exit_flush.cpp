// The exit flush: without any barrier() call, every value handed to an
// RcuBox is destroyed before the process exits normally. Checked by ctest on
// this program's stdout ("exit-flush: 6/6 destroyed").
// With the argument `inside-guard` it calls exit() inside a read-side
// section, where the flush cannot wait: it must warn and exit, not hang.
#include <rcu/rcu.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <thread>

namespace {

constexpr int kExpected = 6;
std::atomic<int> destroyed{0};

struct Loud {
  ~Loud() { destroyed.fetch_add(1); }
};

// Constructed first, so destroyed last: reports what happened before it.
struct Reporter {
  ~Reporter() {
    std::printf("exit-flush: %d/%d destroyed\n", destroyed.load(), kExpected);
    std::fflush(stdout);
  }
} reporter;

// Constructed before the flush is armed, so destroyed after it: this drop
// must be synchronous.
rcu::Pointer<Loud> global(rcu::make_rcu_box<Loud>());

} // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "inside-guard") {
    rcu::Guard g;
    { auto b = rcu::make_rcu_box<Loud>(); }
    std::exit(0);
  }
  { auto b = rcu::make_rcu_box<Loud>(); } // deferred, arms the exit flush
  rcu::Pointer<Loud> local(rcu::make_rcu_box<Loud>());
  { auto old = global.replace(rcu::make_rcu_box<Loud>()); }
  std::thread([] { auto b = rcu::make_rcu_box<Loud, rcu::Vmalloc>(); }).join();
  {
    rcu::Guard g;
    auto b = rcu::make_rcu_box<Loud>(); // dropped inside a read-side section
  }
  std::printf("main returns with %d destroyed\n", destroyed.load());
  return 0;
}
