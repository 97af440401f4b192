// The exit flush: without any barrier() call, every value handed to an
// RcuBox is destroyed before the process exits normally. Checked by ctest on
// this program's output. Modes (first argument):
//   (none)             "exit-flush: 6/6 destroyed"
//   inside-guard       exit() inside a read-side section, where the flush
//                      cannot wait: it must warn and exit, not hang.
//   late-guard-drop    a static destroyed after the flush drops values inside
//                      a Guard: "exit-flush: 3/3 destroyed".
//   exit-in-destructor exit() called by a deferred destructor (on liburcu's
//                      call_rcu thread): warn and exit, not hang.
//   fork-exit          a forked child that calls exit() (e.g. after a failed
//                      exec) must not wait for its parent's callbacks.
// Each mode hangs without the corresponding fix; alarm() bounds it.
#include <rcu/rcu.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

namespace {

int expected = 6;
std::atomic<int> destroyed{0};

struct Loud {
  ~Loud() { destroyed.fetch_add(1); }
};

// Constructed first, so destroyed last: reports what happened before it.
struct Reporter {
  ~Reporter() {
    std::printf("exit-flush: %d/%d destroyed\n", destroyed.load(), expected);
    std::fflush(stdout);
  }
} reporter;

// Constructed before the flush is armed, so destroyed after it: this drop
// must be synchronous.
rcu::Pointer<Loud> global(rcu::make_rcu_box<Loud>());

// Also destroyed after the flush, and drops inside a read-side section (e.g.
// walking a cache under RCU), where a synchronous drop cannot wait.
struct Cache {
  rcu::Pointer<Loud> slots[2];
  ~Cache() {
    rcu::Guard g;
    for (auto &s : slots)
      (void)s.take();
  }
} cache;

struct CallsExit {
  ~CallsExit() { std::exit(3); }
};

int fork_exit() {
  {
    auto b = rcu::make_rcu_box<Loud>();
  } // in flight at fork time
  // Register this thread before fork(): in the child, registering would need
  // liburcu's registry lock, which the parent's call_rcu thread may hold at
  // the instant of fork() (see docs/runtime.md, fork()).
  {
    rcu::Guard g;
  }
  const pid_t pid = fork();
  if (pid == 0)
    std::exit(0); // e.g. after a failed execvp
  int status = 0;
  for (int i = 0; i < 30; ++i) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      std::printf("fork-exit: child exited with status %d\n",
                  WEXITSTATUS(status));
      return 0;
    }
    usleep(100'000);
  }
  std::printf(
      "fork-exit: child still running after 3 s (hung in the exit flush)\n");
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return 1;
}

} // namespace

int main(int argc, char **argv) {
  alarm(8);
  const std::string_view mode = argc > 1 ? argv[1] : "";
  if (mode == "inside-guard") {
    rcu::Guard g;
    {
      auto b = rcu::make_rcu_box<Loud>();
    }
    std::exit(0);
  }
  if (mode == "late-guard-drop") {
    expected = 4; // the two cache slots, the global and one local drop
    for (auto &s : cache.slots)
      (void)s.replace(rcu::make_rcu_box<Loud>());
    {
      auto b = rcu::make_rcu_box<Loud>();
    } // arms the exit flush
    return 0;
  }
  if (mode == "exit-in-destructor") {
    {
      auto b = rcu::make_rcu_box<CallsExit>();
    }
    pause(); // until the destructor exits the process
    return 1;
  }
  if (mode == "fork-exit") {
    expected = 2; // in this process: the global and the drop before fork()
    return fork_exit();
  }
  {
    auto b = rcu::make_rcu_box<Loud>();
  } // deferred, arms the exit flush
  rcu::Pointer<Loud> local(rcu::make_rcu_box<Loud>());
  {
    auto old = global.replace(rcu::make_rcu_box<Loud>());
  }
  std::thread([] { auto b = rcu::make_rcu_box<Loud, rcu::Vmalloc>(); }).join();
  {
    rcu::Guard g;
    auto b = rcu::make_rcu_box<Loud>(); // dropped inside a read-side section
  }
  std::printf("main returns with %d destroyed\n", destroyed.load());
  return 0;
}
