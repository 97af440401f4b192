// `mutable` removes Sync unless the member synchronises itself; explicit
// annotations win over inference both ways. Publication (rcu::Pointer) needs
// Sync where boxing alone (rcu::RcuBox) needs only Send.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <atomic>
#include <mutex>
#include <rcu/rcu.hpp>

struct Cache { // #ss_cache
  int key;
  mutable int memo; // #ss_cache_memo
};
rcu::RcuBox<Cache> *boxed_cache; // silent: boxing needs only Send
// expected-warning@+3 {{'rcu::Pointer<Cache>' requires 'Cache' to be Sync: readers on many threads share it}}
// expected-note@#ss_cache_memo {{'Cache' is not Sync because 'mutable int memo' allows unsynchronised mutation through a shared reference}}
// expected-note@#ss_cache {{once you have checked that 'Cache' may be shared between threads, mark it RCU_SYNC to vouch for it}}
rcu::Pointer<Cache> *published_cache;

struct RCU_SYNC SpinCounter { // vouched: the user synchronises it
  int n;
};
struct SelfSynchronised {
  mutable std::mutex lock;
  mutable std::atomic<int> hits;
  mutable std::atomic_flag busy;
  mutable std::once_flag once;
  mutable SpinCounter spins;
};
rcu::Pointer<SelfSynchronised> *self_sync; // silent

struct MutableArray { // #ss_marr
  mutable int scratch[4]; // #ss_marr_scratch
};
// expected-warning@+3 {{'rcu::Pointer<MutableArray>' requires 'MutableArray' to be Sync}}
// expected-note@#ss_marr_scratch {{'mutable int[4] scratch' allows unsynchronised mutation}}
// expected-note@#ss_marr {{once you have checked}}
rcu::Pointer<MutableArray> *mutable_array;

struct RCU_NOT_SEND Socket { // #ss_socket
  int fd;
};
// A negative impl wins, and there is nothing to vouch for.
// expected-warning@+2 {{'rcu::RcuBox<Socket>' requires 'Socket' to be Send}}
// expected-note@#ss_socket {{'Socket' is marked RCU_NOT_SEND here}}
rcu::RcuBox<Socket> *socket_box;

struct RCU_NOT_SYNC Session { // #ss_session
  int id;
};
rcu::RcuBox<Session> *session_box; // silent: Send is not denied
// expected-warning@+2 {{'rcu::Pointer<Session>' requires 'Session' to be Sync}}
// expected-note@#ss_session {{'Session' is marked RCU_NOT_SYNC here}}
rcu::Pointer<Session> *session_ptr;

struct Device;
struct RCU_SEND RCU_SYNC Handle { // vouched like `unsafe impl Send + Sync`
  Device *dev;
};
rcu::Pointer<Handle> *handle; // silent

struct RCU_SEND SendOnly { // #ss_sendonly
  Device *dev; // #ss_sendonly_dev
};
rcu::RcuBox<SendOnly> *send_only_box; // silent
// expected-warning@+3 {{'rcu::Pointer<SendOnly>' requires 'SendOnly' to be Sync}}
// expected-note@#ss_sendonly_dev {{'SendOnly' is not Sync because field 'dev' has raw pointer type 'Device *'}}
// expected-note@#ss_sendonly {{may be shared between threads, mark it RCU_SYNC}}
rcu::Pointer<SendOnly> *send_only_ptr;

struct Holder { // #ss_holder
  Socket s; // #ss_holder_s
};
// Negative impls propagate to containing types.
// expected-warning@+4 {{'rcu::RcuBox<Holder>' requires 'Holder' to be Send}}
// expected-note@#ss_holder_s {{'Holder' is not Send because field 's' of type 'Socket' is not Send}}
// expected-note@#ss_socket {{'Socket' is marked RCU_NOT_SEND here}}
// expected-note@#ss_holder {{once you have checked}}
rcu::RcuBox<Holder> *holder;

struct GuardHolder { // #ss_gholder
  rcu::Guard g; // #ss_gholder_g
};
// expected-warning@+4 {{'rcu::RcuBox<GuardHolder>' requires 'GuardHolder' to be Send}}
// expected-note@#ss_gholder_g {{'GuardHolder' is not Send because field 'g' of type 'rcu::Guard' is not Send}}
// expected-note@#ss_gholder_g {{'rcu::Guard' is an RCU read-side guard, bound to the thread that entered the critical section}}
// expected-note@#ss_gholder {{once you have checked}}
rcu::RcuBox<GuardHolder> *guard_holder;

struct Base { // #ss_base
  mutable long stats; // #ss_base_stats
};
struct Derived : Base { // #ss_derived
  int x;
};
// expected-warning@+4 {{'rcu::Pointer<Derived>' requires 'Derived' to be Sync}}
// expected-note@#ss_derived {{'Derived' is not Sync because base class 'Base' is not Sync}}
// expected-note@#ss_base_stats {{'Base' is not Sync because 'mutable long stats'}}
// expected-note@#ss_derived {{once you have checked}}
rcu::Pointer<Derived> *derived;
