// Recursive types terminate: a type being proved is assumed to hold, as rustc
// does for auto traits; a real cause anywhere in the cycle still fails it.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <memory>
#include <vector>
#include <rcu/rcu.hpp>

struct List {
  int value;
  std::unique_ptr<List> next;
};
rcu::Pointer<List> *list; // silent: owned recursion

struct Tree {
  std::vector<Tree> children;
  std::shared_ptr<const Tree> shared;
};
rcu::Pointer<Tree> *tree; // silent: recursion through containers and Arc

struct RawList { // #ss_rawlist
  int value;
  RawList *next; // #ss_rawlist_next
};
// expected-warning@+3 {{'rcu::RcuBox<RawList>' requires 'RawList' to be Send}}
// expected-note@#ss_rawlist_next {{'RawList' is not Send because field 'next' has raw pointer type 'RawList *'}}
// expected-note@#ss_rawlist {{once you have checked}}
rcu::RcuBox<RawList> *raw_list;

struct B;
struct A { // #ss_a
  std::unique_ptr<B> b; // #ss_a_b
};
struct B { // #ss_b
  std::unique_ptr<A> a;
  mutable int dirty; // #ss_b_dirty
};
// Mutual recursion with a cause at the far end.
// expected-warning@+5 {{'rcu::Pointer<A>' requires 'A' to be Sync}}
// expected-note@#ss_a_b {{'A' is not Sync because field 'b' of type 'std::unique_ptr<B>' is not Sync}}
// expected-note@#ss_a_b {{'std::unique_ptr<B>' is not Sync because its template argument 'B' is not Sync}}
// expected-note@#ss_b_dirty {{'B' is not Sync because 'mutable int dirty'}}
// expected-note@#ss_a {{once you have checked}}
rcu::Pointer<A> *mutual_a;
// Asked again later, the cached verdict still fails (nothing was cached as
// holding on the assumption that A held).
// expected-warning@+3 {{'rcu::Pointer<std::unique_ptr<A>>' requires 'std::unique_ptr<A>' to be Sync}}
// expected-note@+2 {{'std::unique_ptr<A>' is not Sync because its template argument 'A' is not Sync}}
// expected-note@#ss_a {{once you have checked that 'A' may be shared between threads, mark it RCU_SYNC}}
rcu::Pointer<std::unique_ptr<A>> *boxed_a;
// expected-note@#ss_a_b {{'A' is not Sync because field 'b'}}
// expected-note@#ss_a_b {{'std::unique_ptr<B>' is not Sync}}
// expected-note@#ss_b_dirty {{'B' is not Sync}}
