// RUN: %rcu_verify -I %inputs %s
// A class with a hand-written copy constructor: a copy keeps the borrow when
// the constructor copies the pointer member (a hand-written iterator), and
// owns its data when it copies what the pointer points to.
#include "routes.h"
#include <string>
#include <vector>

// Copies the pointer: a cursor into the data.
class Cursor {
public:
  explicit Cursor(const Route *p) : p_(p) {}
  Cursor(const Cursor &o) : p_(o.p_) {}
  Cursor &operator=(const Cursor &o) {
    p_ = o.p_; // expected-note {{'operator=' stores its argument into member 'p_'}}
    return *this;
  }
  const Route &operator*() const { return *p_; }

private:
  const Route *p_;
};

// Copies the pointer through a view member.
class Label {
public:
  explicit Label(std::string_view s) : s_(s) {}
  Label(const Label &o) : s_(o.s_), uses_(o.uses_ + 1) {}

private:
  std::string_view s_;
  int uses_ = 0;
};

// Deep copies: the copy owns what it points to.
class Snapshot {
public:
  explicit Snapshot(const Route *p) : p_(p) {}
  Snapshot(const Snapshot &o) : p_(o.p_ ? new Route(*o.p_) : nullptr) {}
  ~Snapshot();

private:
  const Route *p_;
};

class Name {
public:
  explicit Name(const char *s) : s_(s), c_(s_.c_str()) {}
  Name(const Name &o) : s_(o.s_), c_(s_.c_str()) {}

private:
  std::string s_;
  const char *c_;
};

// Counts references: a handle taken under the guard to outlive it (the
// reclaimer waits for the count), sharing ownership rather than borrowing.
struct Counted {
  int refs = 0;
  int key = 0;
};
class Ref {
public:
  explicit Ref(Counted *p) : p_(p) { ++p_->refs; }
  Ref(const Ref &o) : p_(o.p_) { ++p_->refs; }
  ~Ref() { --p_->refs; }

private:
  Counted *p_;
};
using CountedPtr = rcu::Pointer<Counted>;

class Keeper {
public:
  void keep(const RoutePtr &p) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    Cursor c(p.load(g)); // expected-note {{the borrow is taken from 'g' here}}
    last_ = c; // expected-warning {{value holding a pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'last_'}}
  } // expected-note {{the read-side critical section of 'g' ends here}}

  // Silent: the copies own their data.
  void snapshot(const RoutePtr &p) {
    rcu::Guard g;
    Snapshot s(p.load(g));
    Snapshot copy(s);
    Name n(p.load(g)->name.c_str());
    Name name_copy = n;
  }

  // Silent: a counted reference owns a share.
  void hold(const CountedPtr &p) {
    rcu::Guard g;
    Ref r(const_cast<Counted *>(p.load(g)));
    held_.push_back(r);
  }

private:
  Cursor last_{nullptr};
  std::vector<Ref> held_;
};

int copy_used_after_guard(const RoutePtr &p) {
  Cursor kept(nullptr);
  {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    Cursor c(p.load(g)); // expected-note {{the borrow is taken from 'g' here}}
    kept = c;
  } // expected-note {{the read-side critical section of 'g' ends here}}
  return (*kept).key; // expected-warning {{value holding a pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

Label g_label{""};
void label_escapes(const RoutePtr &p) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  Label l(p.load(g)->name); // expected-note {{the borrow is taken from 'g' here}}
  Label copy(l);
  g_label = copy; // expected-warning {{value holding a pointer into RCU-protected data escapes the read-side critical section of 'g': stored in variable 'g_label' with static storage duration}}
} // expected-note {{the read-side critical section of 'g' ends here}}

// Silent.

Snapshot g_snapshot{nullptr};
void snapshot_escapes_nothing(const RoutePtr &p) {
  rcu::Guard g;
  Snapshot s(p.load(g));
  g_snapshot = s;
}

int cursor_within_guard(const RoutePtr &p) {
  rcu::Guard g;
  Cursor c(p.load(g));
  Cursor copy = c;
  return (*copy).key;
}
