// The C++ contenders' loops (contenders.hpp), in their own translation unit
// so that the benchmark harness cannot inline or specialise them.
//
// SPDX-License-Identifier: MIT
#include "contenders.hpp"

namespace bench {
namespace {

rcu::Pointer<Value> g_pointer(rcu::make_rcu_box<Value>(Value{42, {}}));
const rcu::RcuBox<Value> g_box = rcu::make_rcu_box<Value>(Value{42, {}});

Value g_locked_initial{42, {}};
std::shared_mutex g_rwlock;
Value *g_locked = &g_locked_initial;

std::atomic<std::shared_ptr<Value>> g_shared{
    std::make_shared<Value>(Value{42, {}})};

} // namespace

long RcuboxLoad::read_loop(std::size_t n) {
  long sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    rcu::Guard g;
    sum += read_key(g_pointer.load(g));
  }
  return sum;
}

void RcuboxLoad::replace(long key) {
  // The old value's box is dropped at the end of the statement.
  (void)g_pointer.replace(rcu::make_rcu_box<Value>(Value{key, {}}));
}

long RcuboxWithRcu::read_loop(std::size_t n) {
  long sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    rcu::Guard g;
    sum += read_key(&g_box.with_rcu(g));
  }
  return sum;
}

long SharedMutex::read_loop(std::size_t n) {
  long sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::shared_lock lock(g_rwlock);
    sum += read_key(g_locked);
  }
  return sum;
}

void SharedMutex::replace(long key) {
  auto *fresh = new Value{key, {}};
  Value *old;
  {
    std::unique_lock lock(g_rwlock);
    old = std::exchange(g_locked, fresh);
  }
  if (old != &g_locked_initial)
    delete old;
}

long AtomicSharedPtr::read_loop(std::size_t n) {
  long sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::shared_ptr<Value> p = g_shared.load();
    sum += read_key(p.get());
  }
  return sum;
}

void AtomicSharedPtr::replace(long key) {
  g_shared.store(std::make_shared<Value>(Value{key, {}}));
}

} // namespace bench
