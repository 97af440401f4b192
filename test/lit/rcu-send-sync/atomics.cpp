// std::atomic<T> is Send and Sync only as far as T is: an atomic pointer
// shares its pointee as the raw pointer does, and an
// std::atomic<std::shared_ptr<U>> shares U like the shared_ptr. A `mutable`
// atomic keeps its class Sync when what it holds is Sync.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <atomic>
#include <memory>
#include <rcu/rcu.hpp>

struct Peer;
struct Counters {
  std::atomic<long> requests;
  std::atomic<bool> draining;
  mutable std::atomic<unsigned> hits;
};
rcu::Pointer<Counters> *counters; // silent

struct Cursor { // #at_cursor
  std::atomic<Peer *> next; // #at_cursor_next
};
// expected-warning@+4 {{'rcu::RcuBox<Cursor>' requires 'Cursor' to be Send}}
// expected-note@#at_cursor_next {{'Cursor' is not Send because field 'next' of type 'std::atomic<Peer *>' is not Send}}
// expected-note@#at_cursor_next {{'std::atomic<Peer *>' is not Send because its template argument 'Peer *' is a raw pointer}}
// expected-note@#at_cursor {{once you have checked}}
rcu::RcuBox<Cursor> *cursor;

struct Conn { // #at_conn
  mutable int retries; // #at_conn_retries
};
struct Pool { // #at_pool
  std::atomic<std::shared_ptr<Conn>> primary; // #at_pool_primary
};
// Arc<Conn> needs Conn: Sync, and the atomic passes the need on.
// expected-warning@+5 {{'rcu::RcuBox<Pool>' requires 'Pool' to be Send}}
// expected-note@#at_pool_primary {{'Pool' is not Send because field 'primary' of type 'std::atomic<std::shared_ptr<Conn>>' is not Send}}
// expected-note@#at_pool_primary {{'std::atomic<std::shared_ptr<Conn>>' is not Send because its template argument 'std::shared_ptr<Conn>' is not Send}}
// expected-note@#at_pool_primary {{'std::shared_ptr<Conn>' is not Send because its template argument 'Conn' is not Sync}}
// expected-note@#at_conn_retries {{'Conn' is not Sync because 'mutable int retries'}} expected-note@#at_pool {{once you have checked}}
rcu::RcuBox<Pool> *pool;

struct Settings {
  int timeout_ms;
};
struct Reloadable {
  std::atomic<std::shared_ptr<const Settings>> current; // silent
  mutable std::atomic<std::shared_ptr<const Settings>> cached;
};
rcu::Pointer<Reloadable> *reloadable; // silent

struct Hint { // #at_hint
  mutable std::atomic<Peer *> last; // #at_hint_last
};
// A mutable atomic pointer is a synchronised member, but still a pointer.
// expected-warning@+4 {{'rcu::Pointer<Hint>' requires 'Hint' to be Send and Sync}}
// expected-note@#at_hint_last {{'Hint' is not Send because field 'last' of type 'std::atomic<Peer *>' is not Send}}
// expected-note@#at_hint_last {{'std::atomic<Peer *>' is not Send because its template argument 'Peer *' is a raw pointer}}
// expected-note@+1 {{'Hint' is not Sync for the same reason}} expected-note@#at_hint {{once you have checked}}
rcu::Pointer<Hint> *hint;
