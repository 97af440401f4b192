// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-sync-in-read-section %s
// Constructors and destructors run implicitly; virtual calls wait only if
// every visible override may.
#include <rcu/guard.hpp>

void consume(int);

struct Flusher {
  ~Flusher() { rcu::barrier(); } // expected-note 2 {{'Flusher::~Flusher' calls 'rcu::barrier' here}}
};
struct Syncer {
  Syncer() { rcu::synchronize(); } // expected-note {{'Syncer::Syncer' calls 'rcu::synchronize' here}}
};
struct Holder {
  Flusher f; // expected-note {{'Holder::~Holder' calls 'Flusher::~Flusher' here}}
};

void destructor_ends_inside_section() {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  Flusher f; // expected-note {{'f' is destroyed at the end of its scope, calling 'Flusher::~Flusher'}}
} // expected-warning {{read-side critical section of 'g' deadlocks}}

void destructor_ends_after_section() {
  Flusher f;
  rcu::Guard g;
  consume(1);
}

void constructor_waits() {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  Syncer s; // expected-warning {{read-side critical section of 'g' deadlocks}}
}

void member_destructor_waits() {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  Holder h; // expected-note {{'h' is destroyed at the end of its scope, calling 'Holder::~Holder'}}
} // expected-warning {{read-side critical section of 'g' deadlocks}}

struct Source {
  virtual ~Source() = default;
  virtual void reload() = 0;
};
struct FileSource : Source {
  void reload() override { rcu::synchronize(); } // expected-note {{'FileSource::reload' calls 'rcu::synchronize' here}}
};
struct NetSource : Source {
  void reload() override { rcu::barrier(); }
};
struct Cheap {
  virtual ~Cheap() = default;
  virtual void poke() { consume(0); }
};
struct Waiting : Cheap {
  void poke() override { rcu::synchronize(); }
};

void every_override_waits(Source &s) {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  s.reload(); // expected-warning {{read-side critical section of 'g' deadlocks}} expected-note {{every override of 'Source::reload' visible here may wait, as 'FileSource::reload' does}}
}

void some_override_does_not_wait(Cheap &c) {
  rcu::Guard g;
  c.poke();
}

void final_object_known(Waiting &w) {
  rcu::Guard g;
  w.Cheap::poke(); // Qualified: calls the harmless one.
}
