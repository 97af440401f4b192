// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-sync-in-read-section %s
// A value in an rcu::RcuBox, an rcu::Pointer or a user's RCU_REQUIRES_*
// container is destroyed as a deferred destruction, on the reclamation
// thread. rcu::barrier() there waits for itself; rcu::synchronize() there is
// fine (the reclamation thread is in no read-side section).
#include <rcu/rcu.hpp>

void consume(int);

struct Journal {
  void flush() {
    consume(0);
    rcu::barrier(); // expected-note {{'Journal::flush' calls 'rcu::barrier' here}}
  }
  ~Journal() { flush(); } // expected-note {{'Journal::~Journal' calls 'Journal::flush' here}}
};

void box_of_waiting_destructor() {
  auto box = rcu::make_rcu_box<Journal>(); // expected-warning {{the destructor of 'Journal' may wait for deferred destructions, but 'rcu::RcuBox' destroys it as one, on the reclamation thread: that wait never ends}}
  auto again = rcu::make_rcu_box<Journal>(); // Reported once per type.
}

// Through a member: the implicit destructor ends it.
struct Drain {
  ~Drain() { rcu::barrier(); } // expected-note {{'Drain::~Drain' calls 'rcu::barrier' here}}
};
struct Session {
  int id;
  Drain drain; // expected-note {{'Session::~Session' calls 'Drain::~Drain' here}}
};
rcu::Pointer<Session> sessions; // expected-warning {{the destructor of 'Session' may wait for deferred destructions, but 'rcu::Pointer' destroys it as one}}

// A user's container, marked like the runtime's.
template <class K, class V> class RCU_REQUIRES_SEND_SYNC(1) RcuMap {
public:
  V *find(const K &);
};
struct Closer {
  ~Closer() { rcu::barrier(); } // expected-note {{'Closer::~Closer' calls 'rcu::barrier' here}}
};
RcuMap<int, Closer> *closers; // expected-warning {{the destructor of 'Closer' may wait for deferred destructions, but 'RcuMap' destroys it as one}}

// Negatives.
struct Synchronizes {
  ~Synchronizes() { rcu::synchronize(); } // Allowed on the reclamation thread.
};
struct Plain {
  ~Plain() { consume(1); }
};
struct Unboxed {
  ~Unboxed() { rcu::barrier(); } // Never in a box: destroyed where it lives.
};
void negatives() {
  auto a = rcu::make_rcu_box<Synchronizes>();
  auto b = rcu::make_rcu_box<Plain>();
  rcu::Pointer<int> c;
  Unboxed u;
}

// The destructor's wait hides behind an opaque call: unknown, so silent.
void opaque_cleanup();
struct Opaque {
  ~Opaque() { opaque_cleanup(); }
};
rcu::Pointer<Opaque> opaque;
