// Type erasure is unknown, not plain: an owner of `void` (shared_ptr<void>,
// unique_ptr<void, D>, weak_ptr<void>) may own anything, like void * or
// std::any, so it is neither Send nor Sync and the note says how to vouch.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <atomic>
#include <future>
#include <memory>
#include <vector>
#include <rcu/rcu.hpp>

struct Session { // #te_session
  std::shared_ptr<void> user_data; // #te_session_data
  int id;
};
// expected-warning@+4 {{'rcu::RcuBox<Session>' requires 'Session' to be Send: RCU may destroy it on another thread}}
// expected-note@#te_session_data {{'Session' is not Send because field 'user_data' of type 'std::shared_ptr<void>' is not Send}}
// expected-note@#te_session_data {{'std::shared_ptr<void>' erases the type of the object it owns, which may be anything}}
// expected-note@#te_session {{once you have checked that 'Session' may be sent to another thread, mark it RCU_SEND to vouch for it}}
rcu::RcuBox<Session> *session;
// A library type cannot be marked: the note names the user's class that
// the failure goes through.
// expected-warning@+5 {{'rcu::RcuBox<std::vector<Session>>' requires 'std::vector<Session>' to be Send}}
// expected-note@+4 {{'std::vector<Session>' is not Send because its template argument 'Session' is not Send}}
// expected-note@#te_session_data {{'Session' is not Send because field 'user_data'}}
// expected-note@#te_session_data {{'std::shared_ptr<void>' erases the type}}
// expected-note@#te_session {{once you have checked that 'Session' may be sent to another thread, mark it RCU_SEND}}
rcu::RcuBox<std::vector<Session>> *sessions;

using FreeFn = void (*)(void *);
struct Blob { // #te_blob
  std::unique_ptr<void, FreeFn> bytes; // #te_blob_bytes
};
// expected-warning@+4 {{'rcu::Pointer<Blob>' requires 'Blob' to be Send and Sync}}
// expected-note@#te_blob_bytes {{'Blob' is not Send because field 'bytes' of type 'std::unique_ptr<void, FreeFn>' is not Send}}
// expected-note@#te_blob_bytes {{'std::unique_ptr<void, FreeFn>' erases the type of the object it owns}}
// expected-note@+1 {{'Blob' is not Sync for the same reason}} expected-note@#te_blob {{mark it RCU_SEND and RCU_SYNC}}
rcu::Pointer<Blob> *blob;

struct Observer { // #te_observer
  std::weak_ptr<const void> owner; // #te_observer_owner
};
// expected-warning@+3 {{'rcu::RcuBox<Observer>' requires 'Observer' to be Send}}
// expected-note@#te_observer_owner {{'std::weak_ptr<const void>' erases the type of the object it owns}}
// expected-note@#te_observer_owner {{field 'owner'}} expected-note@#te_observer {{once you have checked}}
rcu::RcuBox<Observer> *observer;

// Erased behind an atomic too: the atomic shares what it holds.
struct Slot { // #te_slot
  std::atomic<std::shared_ptr<void>> current; // #te_slot_current
};
// expected-warning@+4 {{'rcu::RcuBox<Slot>' requires 'Slot' to be Send}}
// expected-note@#te_slot_current {{'Slot' is not Send because field 'current' of type 'std::atomic<std::shared_ptr<void>>' is not Send}}
// expected-note@#te_slot_current {{'std::atomic<std::shared_ptr<void>>' is not Send because its template argument 'std::shared_ptr<void>' is not Send}}
// expected-note@#te_slot_current {{'std::shared_ptr<void>' erases the type}} expected-note@#te_slot {{once you have checked}}
rcu::RcuBox<Slot> *slot;

// Silent: the owned type is known, and void as a value type is no value.
struct Config {
  int mtu;
};
struct Known {
  std::shared_ptr<const Config> config;
  std::unique_ptr<Config, FreeFn> raw_config;
  std::weak_ptr<Config> previous;
  std::future<void> done;
  std::promise<void> signal;
};
rcu::Pointer<Known> *known;

// The way out the note suggests: vouch for the wrapper once it is checked.
struct RCU_SEND RCU_SYNC Opaque {
  std::shared_ptr<const void> token; // only ever an immutable string table
};
rcu::Pointer<Opaque> *opaque; // silent
