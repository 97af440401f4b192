// The out-of-line part of the rcubox runtime: thread registration, deferred
// destruction bookkeeping, the exit flush, Vmalloc, and fatal diagnostics.
//
// SPDX-License-Identifier: MIT
#include "rcu/detail/runtime.hpp"
#include "budget.hpp"
#include "rcu/allocator.hpp"
#include "rcu/detail/node.hpp"
#include "rcu/stats.hpp"

#include <urcu/static/urcu-memb.h> // struct urcu_reader, for urcu_registered()

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <utility>

#include <dlfcn.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

namespace rcu::detail {

// initial-exec: this file is built position-independent, and the default
// (global-dynamic) model would call __tls_get_addr on every access.
#define RCUBOX_TLS __thread __attribute__((tls_model("initial-exec")))

RCUBOX_TLS bool t_registered = false;

namespace {

// The bucket of the deferred destruction running on this thread, or -1.
// Drops made from inside a deferred destructor join its bucket, so barrier()
// also waits for them; barrier() and exit() there cannot wait at all.
RCUBOX_TLS int t_reclaim_bucket = -1;

// liburcu's own flag, not t_registered: threads liburcu registered itself
// (its call_rcu thread, where nested drops happen) or the program registered
// by hand must not be registered twice. Only the reader's data layout is used
// here, also in RCUBOX_URCU_INLINE=0 mode.
bool urcu_registered() noexcept {
  return URCU_TLS(urcu_memb_reader).registered;
}

// Unregistration runs as a pthread key destructor: glibc runs those after all
// C++ thread_local destructors, so Guards and drops inside thread_local
// destructors still find the thread registered. If a later key destructor
// registers again, the key is set again and glibc calls us once more.
// A thread the program unregistered by hand meanwhile is not unregistered a
// second time (liburcu would corrupt its registry).
void unregister_at_thread_exit(void *) noexcept {
  if (t_registered) {
    t_registered = false;
    if (urcu_registered())
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

// Deferred destructions queued and finished, per bucket, as sums of
// pending_weight words (objects in the low half, 16-byte granules in the high
// half): queued - done is the pending objects and bytes exactly, modulo 2^64,
// as long as fewer than 2^32 of each are pending. A drop counts in the
// current bucket (`current`); barrier() switches buckets and waits for the
// old one to drain, so drops that keep coming after it was called land in the
// other bucket and cannot starve it (the scheme of SRCU's two counters).
// Droppers and liburcu's call_rcu thread write different cache lines.
struct alignas(64) Counters {
  std::atomic<std::uint64_t> n[2]{};
  std::uint64_t sum() const noexcept { return n[0].load() + n[1].load(); }
};
Counters queued;
// `done` and `destroyed` come in two parts: one written only by liburcu's
// default call_rcu thread, with plain stores (a locked instruction per
// callback doubled the cost of a drain), and one for every other thread
// (throttled drops, the exit flush, per-CPU call_rcu threads).
struct alignas(64) DoneCounters {
  Counters done;
  std::atomic<std::uint64_t> destroyed{0};
};
DoneCounters by_reclaimer;
DoneCounters by_others;
std::uint64_t done_in(int bucket) noexcept {
  return by_reclaimer.done.n[bucket].load() + by_others.done.n[bucket].load();
}
std::uint64_t done_sum() noexcept {
  return by_reclaimer.done.sum() + by_others.done.sum();
}
// The default call_rcu thread, once created (see arm()).
pthread_t reclaimer_thread;
std::atomic<bool> have_reclaimer_thread{false};
// 1 on the default call_rcu thread, 0 elsewhere, -1 not known yet.
RCUBOX_TLS signed char t_is_reclaimer = -1;

alignas(64) std::atomic<int> current{0};
std::atomic<int> waiters{0};
// Bumped to wake barrier() waiters (futex word; see drain()).
std::atomic<std::uint32_t> wake_seq{0};
// Statistics written on slow paths only.
alignas(64) std::atomic<std::uint64_t> grace_periods{0};
std::atomic<std::uint64_t> throttled_drops{0};
// The budget in force, in counter units (budget_limits(), cached here so a
// drop reads two words instead of calling into budget.cpp).
alignas(64) std::atomic<std::uint64_t> limit_objects{UINT64_MAX};
std::atomic<std::uint64_t> limit_granules{UINT64_MAX};
// Highest pending counts seen by an exact check (see account_drop).
alignas(64) std::atomic<std::uint64_t> peak_objects{0};
std::atomic<std::uint64_t> peak_granules{0};

constexpr std::uint64_t objects_of(std::uint64_t w) noexcept {
  return w & 0xFFFF'FFFFu;
}
constexpr std::uint64_t granules_of(std::uint64_t w) noexcept {
  return w >> 32;
}

// The value of `done` this thread last read: queued - t_done_seen bounds the
// pending counts from above without touching the reclaimer's cache line.
RCUBOX_TLS std::uint64_t t_done_seen = 0;
// Set when this thread went over budget where it could not wait (inside a
// read-side section): it waits for a grace period at its next chance.
RCUBOX_TLS bool t_owes_grace_period = false;

void raise_peak(std::atomic<std::uint64_t> &peak, std::uint64_t v) noexcept {
  std::uint64_t cur = peak.load(std::memory_order_relaxed);
  while (v > cur && !peak.compare_exchange_weak(cur, v))
    ;
}

// Serialises barrier() and the exit flush: each one switches the bucket.
pthread_mutex_t barrier_mutex = PTHREAD_MUTEX_INITIALIZER;
// Set once the first drop armed the exit flush.
std::atomic<bool> armed{false};
// Set once the exit flush has run: later drops are synchronous.
std::atomic<bool> exit_flushed{false};
// Drops inside a read-side section after the exit flush: one more flush is
// registered for them (see defer).
std::atomic<bool> late_flush_armed{false};
// Set in a child forked after the flush was armed: liburcu's call_rcu thread
// did not survive the fork, so the callbacks queued before it cannot run here.
std::atomic<bool> forked_child{false};

// Keeps the object holding this copy of the runtime loaded for good. Threads
// it registered run unregister_at_thread_exit when they exit, and liburcu's
// call_rcu thread runs its callbacks: if a dlclose unloaded that code, those
// threads would jump into unmapped memory (SIGSEGV in
// __nptl_deallocate_tsd). RTLD_NODELETE on the already-loaded object is the
// documented way to pin it; in the main program it is a harmless no-op.
void pin_runtime() noexcept {
  static std::once_flag once;
  std::call_once(once, [] {
    Dl_info info{};
    if (dladdr(reinterpret_cast<void *>(&pin_runtime), &info) != 0 &&
        info.dli_fname != nullptr)
      (void)dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
  });
}

// Without a call_rcu thread (start_reclaimer failed) values dropped inside a
// read-side section wait here, linked through their rcu_head, until a thread
// outside any section runs them (run_backlog).
std::atomic<bool> no_reclaimer{false};
pthread_mutex_t backlog_mutex = PTHREAD_MUTEX_INITIALIZER;
rcu_head *backlog = nullptr;

void push_backlog(rcu_head *head, Reclaim reclaim) noexcept {
  head->func = reclaim;
  pthread_mutex_lock(&backlog_mutex);
  head->next.next = reinterpret_cast<cds_wfcq_node *>(backlog);
  backlog = head;
  pthread_mutex_unlock(&backlog_mutex);
}

void synchronize_counted() noexcept;

// Runs the backlog after a grace period; outside any read-side section.
void run_backlog() noexcept {
  if (!no_reclaimer.load(std::memory_order_relaxed))
    return;
  pthread_mutex_lock(&backlog_mutex);
  rcu_head *list = std::exchange(backlog, nullptr);
  pthread_mutex_unlock(&backlog_mutex);
  if (!list)
    return;
  synchronize_counted();
  while (list) {
    rcu_head *next = reinterpret_cast<rcu_head *>(list->next.next);
    list->func(list);
    list = next;
  }
}

// Waits until every destruction counted in `bucket` has finished. Reading
// `done` before `queued` makes equality mean "nothing pending at the instant
// `done` was read": a nested drop is counted before its enclosing destruction
// finishes, and both counters only grow.
//
// The reclaimer wakes the waiter without a store-load fence (see count_done),
// so a wake-up can be missed in a narrow race: the waiter sleeps at most a
// millisecond at a time and looks again.
void drain(int bucket) noexcept {
  for (;;) {
    const std::uint32_t seq = wake_seq.load();
    const std::uint64_t d = done_in(bucket);
    if (d == queued.n[bucket].load())
      return;
    timespec timeout{0, 1'000'000};
    syscall(SYS_futex, &wake_seq, FUTEX_WAIT_PRIVATE, seq, &timeout, nullptr,
            0);
  }
}

// Waits for the deferred destructions queued before the call (and for those
// they queue themselves). A drop that read the bucket just before an earlier
// switch may still have counted itself in the other bucket: that bucket is
// drained first. Counting them ourselves instead of calling
// urcu_memb_barrier() also keeps liburcu's internal barrier bookkeeping
// (invisible to TSan) out of sanitizer runs.
void flush_pending() noexcept {
  if (!armed.load())
    return; // nothing was ever queued
  run_backlog();
  pthread_mutex_lock(&barrier_mutex);
  waiters.fetch_add(1);
  const int old = current.load();
  drain(1 - old);
  current.store(1 - old);
  drain(old);
  waiters.fetch_sub(1);
  pthread_mutex_unlock(&barrier_mutex);
}

// Returns false (after a warning) where the flush cannot wait.
bool can_flush_at_exit() noexcept {
  // A forked child: the callbacks queued before fork() belong to the
  // parent's call_rcu thread, which does not exist here.
  if (forked_child.load())
    return false;
  // exit() called inside a Guard: the grace periods the flush needs would
  // wait for this very thread. Say so rather than hang.
  if (urcu_memb_read_ongoing()) {
    std::fputs("rcubox: warning: the exit flush (exit() or a return from "
               "main; an unload only if the runtime could not be pinned) ran "
               "inside an RCU read-side critical section on this thread: "
               "pending deferred destructions are not flushed\n",
               stderr);
    return false;
  }
  // exit() called by a deferred destructor: the flush would wait for the
  // destructor that is calling it.
  if (t_reclaim_bucket >= 0) {
    std::fputs("rcubox: warning: the exit flush (exit() or a return from "
               "main) ran inside a deferred destructor: pending deferred "
               "destructions are not flushed\n",
               stderr);
    return false;
  }
  return true;
}

// The exit flush acquires the sync object the grace-period callbacks release
// (tsan.hpp), so that what the destructors did is ordered before the static
// destructors that run after the flush. This file is not built with
// -fsanitize=thread, so the weak ThreadSanitizer entry point declared in
// tsan.hpp is called only when the program is linked with the TSan runtime.
void tsan_acquire_after_flush() noexcept {
  if (&__tsan_acquire != nullptr)
    __tsan_acquire(&tsan_barrier_sync);
}

void flush_at_exit() noexcept {
  if (!can_flush_at_exit())
    return;
  flush_pending();
  tsan_acquire_after_flush();
  exit_flushed.store(true, std::memory_order_release);
}

// Registered (while exit handlers run) by a drop inside a read-side section
// after the exit flush. glibc runs it as soon as the running exit handler —
// normally the static destructor holding that Guard — has returned.
void flush_late_drops() noexcept {
  late_flush_armed.store(false);
  if (!can_flush_at_exit())
    return;
  flush_pending();
  tsan_acquire_after_flush();
}

void after_fork_in_child() noexcept {
  forked_child.store(true);
  pthread_mutex_init(&barrier_mutex,
                     nullptr); // another thread may have held it
}

// liburcu aborts if it cannot create its call_rcu thread, which it does at
// the first call_rcu: inside a drop, which cannot fail. So create it here,
// right after checking that a thread can be created at all (under RLIMIT_AS
// or RLIMIT_NPROC it may not); if not, deferred destructions run without it
// (defer_without_reclaimer).
void start_reclaimer() noexcept {
  pthread_t probe;
  const int err = pthread_create(
      &probe, nullptr, [](void *) -> void * { return nullptr; }, nullptr);
  if (err != 0) {
    std::fprintf(stderr,
                 "rcubox: warning: cannot create liburcu's call_rcu thread "
                 "(%s); values are destroyed on the dropping thread after a "
                 "grace period instead\n",
                 std::strerror(err));
    no_reclaimer.store(true);
    return;
  }
  pthread_join(probe, nullptr);
  reclaimer_thread =
      urcu_memb_get_call_rcu_thread(urcu_memb_get_default_call_rcu_data());
  have_reclaimer_thread.store(true);
}

void arm_once() noexcept {
  // liburcu 0.13 leaves its call_rcu thread running at exit, so pending
  // callbacks would be lost: flush them from an atexit handler, registered
  // at the first drop (objects constructed earlier are destroyed after it
  // and take the synchronous path in defer).
  static std::once_flag once;
  std::call_once(once, [] {
    pin_runtime();
    if (pthread_atfork(nullptr, nullptr, after_fork_in_child) != 0)
      die("pthread_atfork failed while arming the exit flush");
    if (std::atexit(flush_at_exit) != 0)
      die("atexit failed while arming the exit flush");
    start_reclaimer();
    budget_changed();
    armed.store(true);
  });
}

// The first drop arms the runtime; later ones pay one load and a branch.
inline void arm() noexcept {
  if (!armed.load(std::memory_order_acquire)) [[unlikely]]
    arm_once();
}

} // namespace

void register_thread_slow() noexcept {
  pin_runtime();
  if (!urcu_registered()) {
    // Without the key the thread would stay in liburcu's registry after it
    // exits, and every later grace period would read its freed TLS.
    if (pthread_setspecific(exit_key(), reinterpret_cast<void *>(1)) != 0)
      die("pthread_setspecific failed while registering a thread with liburcu");
    urcu_memb_register_thread();
  }
  t_registered = true;
}

namespace {

// Waits for a grace period on rcubox's behalf, and counts it.
void synchronize_counted() noexcept {
  urcu_memb_synchronize_rcu();
  grace_periods.fetch_add(1, std::memory_order_relaxed);
}

// Counts `w` as done in `bucket`. A barrier() draining the bucket is woken
// only by the destruction that completes it: one wake-up per drain, not one
// per callback (a futex call each, 25x slower than liburcu's own barrier).
void count_done(int bucket, std::uint64_t w) noexcept {
  if (t_is_reclaimer < 0)
    t_is_reclaimer = have_reclaimer_thread.load() &&
                     pthread_equal(pthread_self(), reclaimer_thread);
  if (t_is_reclaimer) {
    auto &d = by_reclaimer.done.n[bucket];
    d.store(d.load(std::memory_order_relaxed) + w, std::memory_order_release);
    by_reclaimer.destroyed.store(
        by_reclaimer.destroyed.load(std::memory_order_relaxed) + 1,
        std::memory_order_relaxed);
  } else {
    by_others.done.n[bucket].fetch_add(w);
    by_others.destroyed.fetch_add(1, std::memory_order_relaxed);
  }
  if (waiters.load(std::memory_order_relaxed) != 0 &&
      done_in(bucket) == queued.n[bucket].load(std::memory_order_relaxed)) {
    wake_seq.fetch_add(1);
    syscall(SYS_futex, &wake_seq, FUTEX_WAKE_PRIVATE, INT32_MAX, nullptr,
            nullptr, 0);
  }
}

// A drain may have been waiting for a count it will not see: look again.
void wake_drainers() noexcept {
  if (waiters.load() != 0) {
    wake_seq.fetch_add(1);
    syscall(SYS_futex, &wake_seq, FUTEX_WAKE_PRIVATE, INT32_MAX, nullptr,
            nullptr, 0);
  }
}

// A marker callback kept in liburcu's queue while drops keep coming: it runs
// once per callback batch, that is once per grace period of the call_rcu
// thread, and counts it.
rcu_head gp_marker;
std::atomic<bool> gp_marker_queued{false};
void count_marker_grace_period(rcu_head *) noexcept {
  grace_periods.fetch_add(1, std::memory_order_relaxed);
  gp_marker_queued.store(false, std::memory_order_relaxed);
}

// call_rcu takes rcu_read_lock itself, so the thread must be registered;
// a thread past its exit unregistration is registered just for the call.
void post(rcu_head *head, Reclaim reclaim) noexcept {
  const bool temporary = !urcu_registered();
  if (temporary)
    urcu_memb_register_thread();
  urcu_memb_call_rcu(head, reclaim);
  if (!gp_marker_queued.load(std::memory_order_relaxed) &&
      !gp_marker_queued.exchange(true))
    urcu_memb_call_rcu(&gp_marker, count_marker_grace_period);
  if (temporary)
    urcu_memb_unregister_thread();
}

bool within(std::uint64_t pending, BudgetLimits lim) noexcept {
  return objects_of(pending) <= lim.objects &&
         granules_of(pending) <= lim.granules;
}

// The exact check behind account_drop's estimate; true if the drop may be
// queued. Over budget it may not, unless the thread cannot wait here (inside
// a read-side section or a deferred destructor): then it is queued anyway
// and the peak shows it.
[[gnu::noinline]] bool check_budget(BudgetLimits lim,
                                    bool in_reclaim) noexcept {
  const std::uint64_t d = done_sum(); // before queued: d <= queued
  t_done_seen = d;
  const std::uint64_t pending = queued.sum() - d;
  if (!within(pending, lim)) {
    if (!in_reclaim && !urcu_memb_read_ongoing())
      return false;
    if (!in_reclaim)
      t_owes_grace_period = true;
  }
  raise_peak(peak_objects, objects_of(pending));
  raise_peak(peak_granules, granules_of(pending));
  return true;
}

// Called with `q`, the dropping bucket's queued count including this drop.
// The fast test uses an upper bound of the pending counts (this thread's
// last view of `done`), so it reads only the droppers' cache line; the exact
// count is taken when the bound passes the budget or the peak.
bool account_drop(int bucket, std::uint64_t q, bool in_reclaim) noexcept {
  const BudgetLimits lim{limit_objects.load(std::memory_order_relaxed),
                         limit_granules.load(std::memory_order_relaxed)};
  const std::uint64_t upper =
      q + queued.n[1 - bucket].load(std::memory_order_relaxed) - t_done_seen;
  const std::uint64_t peak_obj = peak_objects.load(std::memory_order_relaxed);
  const std::uint64_t peak_gr = peak_granules.load(std::memory_order_relaxed);
  if (objects_of(upper) <= (lim.objects < peak_obj ? lim.objects : peak_obj) &&
      granules_of(upper) <= (lim.granules < peak_gr ? lim.granules : peak_gr))
      [[likely]]
    return true;
  return check_budget(lim, in_reclaim);
}

// Over budget, outside any read-side section: this drop leaves the backlog
// and the dropping thread reclaims it itself after a grace period (the
// kernel's answer to callback floods), which also paces the updater.
[[gnu::noinline]] void reclaim_throttled(rcu_head *head, const Reclaim *reclaim,
                                         int bucket, std::uint64_t w) noexcept {
  queued.n[bucket].fetch_sub(w); // not queued after all
  wake_drainers();
  throttled_drops.fetch_add(1, std::memory_order_relaxed);
  t_owes_grace_period = false;
  synchronize_counted();
  const int now = current.load();
  queued.n[now].fetch_add(w);
  reclaim[now](head);
}

// Without a call_rcu thread: destroy after a grace period right here, or,
// inside a read-side section, leave it to the next thread that can wait.
[[gnu::noinline]] void defer_without_reclaimer(rcu_head *head,
                                               Reclaim reclaim) noexcept {
  if (urcu_memb_read_ongoing()) {
    push_backlog(head, reclaim);
    return;
  }
  run_backlog();
  synchronize_counted();
  reclaim(head);
}

} // namespace

void budget_changed() noexcept {
  const BudgetLimits lim = budget_limits();
  limit_objects.store(lim.objects);
  limit_granules.store(lim.granules);
}

void catch_up_after_read_section() noexcept {
  if (!t_owes_grace_period || urcu_memb_read_ongoing() || t_reclaim_bucket >= 0)
    return;
  t_owes_grace_period = false;
  synchronize_counted();
  run_backlog();
}

void defer(rcu_head *head, const Reclaim *reclaim, std::uint64_t w) noexcept {
  arm();
  const bool in_reclaim = t_reclaim_bucket >= 0;
  const int bucket = in_reclaim ? t_reclaim_bucket : current.load();
  const std::uint64_t q = queued.n[bucket].fetch_add(w) + w;
  if (exit_flushed.load(std::memory_order_acquire)) {
    if (!urcu_memb_read_ongoing()) {
      synchronize_counted();
      reclaim[bucket](head);
      return;
    }
    // Inside a Guard nothing can wait here: queue it, and flush once more
    // when the current exit handler has returned (and the Guard with it).
    if (!late_flush_armed.exchange(true) && std::atexit(flush_late_drops) != 0)
      std::fputs("rcubox: warning: a value dropped inside an RCU read-side "
                 "critical section "
                 "after the exit flush will not be destroyed\n",
                 stderr);
  } else if (no_reclaimer.load(std::memory_order_relaxed)) [[unlikely]] {
    defer_without_reclaimer(head, reclaim[bucket]);
    return;
  } else if (!account_drop(bucket, q, in_reclaim)) [[unlikely]] {
    reclaim_throttled(head, reclaim, bucket, w);
    return;
  } else if (t_owes_grace_period && !in_reclaim) [[unlikely]] {
    post(head, reclaim[bucket]);
    catch_up_after_read_section();
    return;
  }
  post(head, reclaim[bucket]);
}

int reclaim_begin(int bucket) noexcept {
  const int outer = t_reclaim_bucket;
  t_reclaim_bucket = bucket;
  return outer;
}

void reclaim_end(int bucket, int outer, std::uint64_t weight) noexcept {
  t_reclaim_bucket = outer;
  count_done(bucket, weight);
}

void synchronize_checked() noexcept {
  if (urcu_memb_read_ongoing())
    die("Illegal rcu::synchronize() in RCU read-side critical section: an "
        "rcu::Guard is "
        "alive on this thread, and waiting for a grace period here would "
        "deadlock");
  synchronize_counted();
}

void barrier_checked() noexcept {
  if (urcu_memb_read_ongoing())
    die("Illegal rcu::barrier() in RCU read-side critical section: an "
        "rcu::Guard is "
        "alive on this thread, and the pending destructions cannot run until "
        "it ends");
  if (t_reclaim_bucket >= 0)
    die("Illegal rcu::barrier() inside a deferred destructor: it runs on "
        "liburcu's call_rcu "
        "thread, and barrier() would wait for the very destruction that is "
        "calling it");
  flush_pending();
}

void die(const char *message) noexcept {
  std::fprintf(stderr, "rcubox: fatal: %s\n", message);
  std::fflush(stderr);
  std::abort();
}

void die_foreign(const char *what, const char *problem) noexcept {
  char message[256];
  std::snprintf(message, sizeof message, "%s was given %s", what, problem);
  die(message);
}

} // namespace rcu::detail

namespace rcu {

Stats stats() noexcept {
  using namespace detail;
  const std::uint64_t d = done_sum(); // before queued: d <= queued
  const std::uint64_t pending = queued.sum() - d;
  return Stats{
      static_cast<std::size_t>(objects_of(pending)),
      static_cast<std::size_t>(granules_of(pending) * kGranule),
      static_cast<std::size_t>(peak_objects.load()),
      static_cast<std::size_t>(peak_granules.load() * kGranule),
      by_reclaimer.destroyed.load() + by_others.destroyed.load(),
      grace_periods.load(),
      throttled_drops.load(),
  };
}

namespace {
std::size_t page_size() noexcept {
  static const std::size_t size =
      static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return size;
}
std::size_t page_round(std::size_t n) noexcept {
  return (n + page_size() - 1) & ~(page_size() - 1);
}
} // namespace

void *Vmalloc::allocate(std::size_t size, std::size_t align) noexcept {
  const std::size_t len = page_round(size);
  const std::size_t extra = align > page_size() ? align : 0;
  if (len < size || len + extra < len)
    return nullptr;
  void *p = mmap(nullptr, len + extra, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
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
    munmap(reinterpret_cast<void *>(start + len), tail);
  return reinterpret_cast<void *>(start);
}

void Vmalloc::deallocate(void *p, std::size_t size, std::size_t) noexcept {
  munmap(p, page_round(size));
}

} // namespace rcu
