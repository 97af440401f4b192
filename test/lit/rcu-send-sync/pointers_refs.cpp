// References borrow: const T& needs T Sync, T& follows T. string_view and
// span<const T> are const borrows, span<T> a mutable one.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <rcu/rcu.hpp>
#include <span>
#include <string_view>

struct Counter { // #ss_counter
  mutable int hits; // #ss_counter_hits
};
struct Movable { // #ss_movable
  Movable *self; // #ss_movable_self
};

struct ConstRef { // #ss_constref
  const Counter &c; // #ss_constref_c
};
// expected-warning@+4 {{'rcu::RcuBox<ConstRef>' requires 'ConstRef' to be Send}}
// expected-note@#ss_constref_c {{'ConstRef' is not Send because field 'c' of type 'const Counter &' is not Send}}
// expected-note@#ss_constref_c {{'const Counter &' is not Send because the referenced type 'const Counter' is not Sync}}
// expected-note@#ss_counter_hits {{'const Counter' is not Sync because 'mutable int hits' allows unsynchronised mutation through a shared reference}}
rcu::RcuBox<ConstRef> *const_ref; // expected-note@#ss_constref {{once you have checked that 'ConstRef' may be sent to another thread, mark it RCU_SEND}}

struct MutRef {
  Counter &c; // Counter is Send (only Sync fails), so T& is Send.
};
rcu::RcuBox<MutRef> *mut_ref; // silent

struct MutRefToPtr { // #ss_mutreftoptr
  Movable &m; // #ss_mutreftoptr_m
};
// expected-warning@+4 {{'rcu::RcuBox<MutRefToPtr>' requires 'MutRefToPtr' to be Send}}
// expected-note@#ss_mutreftoptr_m {{'MutRefToPtr' is not Send because field 'm' of type 'Movable &' is not Send}}
// expected-note@#ss_mutreftoptr_m {{'Movable &' is not Send because the referenced type 'Movable' is not Send}}
// expected-note@#ss_movable_self {{'Movable' is not Send because field 'self' has raw pointer type 'Movable *'}}
rcu::RcuBox<MutRefToPtr> *mut_ref_ptr; // expected-note@#ss_mutreftoptr {{once you have checked}}

struct Views {
  std::string_view name;
  std::span<const int> ints;
  std::span<int> mutable_ints;
  const int &ref;
};
rcu::Pointer<Views> *views; // silent: borrows of Send+Sync data

struct SpanOfCounters { // #ss_spanc
  std::span<const Counter> counters; // #ss_spanc_field
};
// expected-warning@+4 {{'rcu::RcuBox<SpanOfCounters>' requires 'SpanOfCounters' to be Send}}
// expected-note@#ss_spanc_field {{'SpanOfCounters' is not Send because field 'counters' of type 'std::span<const Counter>' is not Send}}
// expected-note@#ss_spanc_field {{'std::span<const Counter>' is not Send because the referenced type 'const Counter' is not Sync}}
// expected-note@#ss_counter_hits {{'const Counter' is not Sync because 'mutable int hits'}}
rcu::RcuBox<SpanOfCounters> *span_counters; // expected-note@#ss_spanc {{once you have checked}}

struct MutSpan {
  std::span<Counter> counters; // span<T> is like T&: Send as Counter is.
};
rcu::RcuBox<MutSpan> *mut_span; // silent

struct VoidPtr { // #ss_voidptr
  const void *opaque; // #ss_voidptr_opaque
};
// expected-warning@+3 {{'rcu::Pointer<VoidPtr>' requires 'VoidPtr' to be Send and Sync: RCU may destroy it on another thread, and readers on many threads share it}}
// expected-note@#ss_voidptr_opaque {{'VoidPtr' is not Send because field 'opaque' has raw pointer type 'const void *'}}
// expected-note@+1 {{'VoidPtr' is not Sync for the same reason}}
rcu::Pointer<VoidPtr> *void_ptr; // expected-note@#ss_voidptr {{once you have checked that 'VoidPtr' may be sent to and shared between threads, mark it RCU_SEND and RCU_SYNC to vouch for it}}
