// The out-of-line part of the rcubox runtime: thread registration, deferred
// destruction bookkeeping, the exit flush, Vmalloc, and fatal diagnostics.
//
// SPDX-License-Identifier: MIT
#include "rcu/detail/runtime.hpp"
#include "rcu/allocator.hpp"
#include "rcu/detail/node.hpp"

#include <urcu/static/urcu-memb.h> // struct urcu_reader, for urcu_registered()

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

namespace rcu::detail {

__thread bool t_registered = false;

namespace {

// liburcu's own flag, not t_registered: threads liburcu registered itself
// (its call_rcu thread, where nested drops happen) or the program registered
// by hand must not be registered twice. Only the reader's data layout is used
// here, also in RCUBOX_URCU_INLINE=0 mode.
bool urcu_registered() noexcept { return URCU_TLS(urcu_memb_reader).registered; }

// Unregistration runs as a pthread key destructor: glibc runs those after all
// C++ thread_local destructors, so Guards and drops inside thread_local
// destructors still find the thread registered. If a later key destructor
// registers again, the key is set again and glibc calls us once more.
void unregister_at_thread_exit(void*) noexcept {
  if (t_registered) {
    t_registered = false;
    urcu_memb_unregister_thread();
  }
}

pthread_key_t exit_key() noexcept {
  static const pthread_key_t key = [] {
    pthread_key_t k;
    if (pthread_key_create(&k, unregister_at_thread_exit) != 0)
      die("pthread_key_create failed while registering a thread with liburcu");
    return k;
  }();
  return key;
}

// Deferred destructions queued and finished, on separate cache lines so the
// dropping threads and liburcu's call_rcu thread do not share one.
alignas(64) std::atomic<std::uint64_t> queued{0};
alignas(64) std::atomic<std::uint64_t> done{0};
alignas(64) std::atomic<int> waiters{0};
// Set once the exit flush has run: later drops are synchronous.
std::atomic<bool> exit_flushed{false};

// Waits for the deferred destructions rcubox queued, including ones queued
// by those destructions (a value owning RcuBoxes). Counting them ourselves
// instead of calling urcu_memb_barrier() also keeps liburcu's internal
// barrier bookkeeping (invisible to TSan) out of sanitizer runs.
void flush_pending() noexcept {
  waiters.fetch_add(1);
  // `queued` is re-read each time round: callbacks may queue more.
  for (std::uint64_t d; (d = done.load()) < queued.load();)
    done.wait(d);
  waiters.fetch_sub(1);
}

void flush_at_exit() noexcept {
  // exit() called inside a Guard: the grace periods the flush needs would
  // wait for this very thread. Say so rather than hang.
  if (urcu_memb_read_ongoing()) {
    std::fputs("rcubox: warning: exit() called inside an RCU read-side critical section; "
               "pending deferred destructions are not flushed\n",
               stderr);
    return;
  }
  flush_pending();
  exit_flushed.store(true, std::memory_order_release);
}

} // namespace

void register_thread_slow() noexcept {
  if (!urcu_registered()) {
    urcu_memb_register_thread();
    pthread_setspecific(exit_key(), reinterpret_cast<void*>(1));
  }
  t_registered = true;
}

void defer(rcu_head* head, void (*cb)(rcu_head*)) noexcept {
  // liburcu 0.13 leaves its call_rcu thread running at exit, so pending
  // callbacks would be lost: flush them from an atexit handler, registered
  // at the first drop (objects constructed earlier are destroyed after it
  // and take the synchronous path below).
  static std::once_flag armed;
  std::call_once(armed, [] {
    if (std::atexit(flush_at_exit) != 0)
      die("atexit failed while arming the exit flush");
  });
  queued.fetch_add(1, std::memory_order_relaxed);
  if (exit_flushed.load(std::memory_order_acquire) && !urcu_memb_read_ongoing()) {
    urcu_memb_synchronize_rcu();
    cb(head);
    return;
  }
  // call_rcu takes rcu_read_lock itself, so the thread must be registered;
  // a thread past its exit unregistration is registered just for the call.
  const bool temporary = !urcu_registered();
  if (temporary)
    urcu_memb_register_thread();
  urcu_memb_call_rcu(head, cb);
  if (temporary)
    urcu_memb_unregister_thread();
}

void defer_done() noexcept {
  // seq_cst pairs with flush_pending: either it sees this increment or we
  // see its waiter and wake it.
  done.fetch_add(1);
  if (waiters.load() != 0)
    done.notify_all();
}

void synchronize_checked() noexcept {
  if (urcu_memb_read_ongoing())
    die("Illegal rcu::synchronize() in RCU read-side critical section: an rcu::Guard is "
        "alive on this thread, and waiting for a grace period here would deadlock");
  urcu_memb_synchronize_rcu();
}

void barrier_checked() noexcept {
  if (urcu_memb_read_ongoing())
    die("Illegal rcu::barrier() in RCU read-side critical section: an rcu::Guard is "
        "alive on this thread, and the pending destructions cannot run until it ends");
  flush_pending();
}

void die(const char* message) noexcept {
  std::fprintf(stderr, "rcubox: fatal: %s\n", message);
  std::fflush(stderr);
  std::abort();
}

void die_foreign(const char* what, const char* problem) noexcept {
  char message[256];
  std::snprintf(message, sizeof message, "%s was given %s", what, problem);
  die(message);
}

} // namespace rcu::detail

namespace rcu {

namespace {
std::size_t page_size() noexcept {
  static const std::size_t size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return size;
}
std::size_t page_round(std::size_t n) noexcept {
  return (n + page_size() - 1) & ~(page_size() - 1);
}
} // namespace

void* Vmalloc::allocate(std::size_t size, std::size_t align) noexcept {
  const std::size_t len = page_round(size);
  const std::size_t extra = align > page_size() ? align : 0;
  if (len < size || len + extra < len)
    return nullptr;
  void* p = mmap(nullptr, len + extra, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                 -1, 0);
  if (p == MAP_FAILED)
    return nullptr;
  if (extra == 0)
    return p;
  // Over-aligned: keep the aligned [start, start + len) and unmap the rest.
  auto addr = reinterpret_cast<std::uintptr_t>(p);
  auto start = (addr + align - 1) & ~(std::uintptr_t{align} - 1);
  if (start > addr)
    munmap(p, start - addr);
  if (auto tail = addr + len + extra - (start + len); tail > 0)
    munmap(reinterpret_cast<void*>(start + len), tail);
  return reinterpret_cast<void*>(start);
}

void Vmalloc::deallocate(void* p, std::size_t size, std::size_t) noexcept {
  munmap(p, page_round(size));
}

} // namespace rcu
