// The read-path contenders, one struct each with the same shape, so that one
// benchmark template (read_bench.cpp) measures them all the same way:
//   reader_begin()/reader_end()  per reader thread, outside the timing
//   read_loop(n)                 n times: enter a read-side section (or take
//                                the lock, or copy the shared_ptr), load the
//                                published pointer, read one field, leave;
//                                a loop of its own, never inlined into the
//                                benchmark, like the raw C loops
//   updater_begin()/updater_end()/replace(key)  for the updater thread
//
// SPDX-License-Identifier: MIT
#ifndef RCUBOX_BENCH_CONTENDERS_HPP
#define RCUBOX_BENCH_CONTENDERS_HPP

#include <rcu/rcu.hpp>

#include "raw_urcu.h"

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <shared_mutex>

namespace bench {

using Value = bench_value;

// Read one field the way the C loops do (CMM_LOAD_SHARED: a volatile load),
// so that no contender's field read can be hoisted out of its loop.
inline long read_key(const Value *v) {
  return *static_cast<const volatile long *>(&v->key);
}

struct RcuboxLoad {
  static constexpr const char *name = "rcubox_load";
  static void reader_begin() {}
  static void reader_end() {}
  [[gnu::noinline]] static long read_loop(std::size_t n);
  static void updater_begin() {}
  static void updater_end() {}
  static void replace(long key);
};

struct RcuboxWithRcu {
  static constexpr const char *name = "rcubox_with_rcu";
  static void reader_begin() {}
  static void reader_end() {}
  [[gnu::noinline]] static long read_loop(std::size_t n);
  static void updater_begin() {}
  static void updater_end() {}
  // The box read by with_rcu is owned, not published: nothing to replace.
  // Its updater replaces the Pointer<Value> instead, so that it generates the
  // same reclamation traffic as RcuboxLoad's.
  static void replace(long key) { RcuboxLoad::replace(key); }
};

struct RawMemb {
  static constexpr const char *name = "urcu_memb_c";
  static void reader_begin() { rcu::Guard register_thread; }
  static void reader_end() {}
  static long read_loop(std::size_t n) { return raw_memb_read_loop(n); }
  static void updater_begin() { rcu::Guard register_thread; }
  static void updater_end() {}
  static void replace(long key) { raw_memb_replace(key); }
};

struct RawQsbr {
  static constexpr const char *name = "urcu_qsbr_c";
  static void reader_begin() { raw_qsbr_register(); }
  static void reader_end() { raw_qsbr_unregister(); }
  static long read_loop(std::size_t n) { return raw_qsbr_read_loop(n); }
  static void updater_begin() { raw_qsbr_register(); }
  static void updater_end() { raw_qsbr_unregister(); }
  static void replace(long key) { raw_qsbr_replace(key); }
};

struct SharedMutex {
  static constexpr const char *name = "shared_mutex";
  static void reader_begin() {}
  static void reader_end() {}
  [[gnu::noinline]] static long read_loop(std::size_t n);
  static void updater_begin() {}
  static void updater_end() {}
  static void replace(long key);
};

struct AtomicSharedPtr {
  static constexpr const char *name = "atomic_shared_ptr";
  static void reader_begin() {}
  static void reader_end() {}
  [[gnu::noinline]] static long read_loop(std::size_t n);
  static void updater_begin() {}
  static void updater_end() {}
  static void replace(long key);
};

} // namespace bench

#endif // RCUBOX_BENCH_CONTENDERS_HPP
