// RUN: %rcu_verify -Wno-return-stack-address -I %inputs %s
// A std::shared_ptr (or std::unique_ptr) built around a borrowed raw pointer
// with a deleter that does nothing holds the borrow itself; one that owns a
// copy of the data does not.
#include "routes.h"
#include <memory>

struct Config {
  int timeout = 0;
  std::string name;
};
using ConfigPtr = rcu::Pointer<Config>;

struct NoDelete {
  void operator()(const Config *) const {}
};

class Registry {
public:
  void keep(const ConfigPtr &p) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    const Config *c = p.load(g); // expected-note {{the borrow is taken from 'g' here}}
    current_ = std::shared_ptr<const Config>(c, [](const Config *) {}); // expected-warning {{value holding a pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'current_'}}
  } // expected-note {{the read-side critical section of 'g' ends here}}

  void keep_with_functor(const ConfigPtr &p) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    std::shared_ptr<const Config> sp(p.load(g), NoDelete{}); // expected-note {{the borrow is taken from 'g' here}}
    current_ = sp; // expected-warning {{value holding a pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'current_'}}
  } // expected-note {{the read-side critical section of 'g' ends here}}

  void keep_aliasing(const std::shared_ptr<int> &owner, const RoutePtr &p) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    key_ = std::shared_ptr<const int>(owner, &p.load(g)->key); // expected-warning {{value holding a pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'key_'}} expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}

  // Silent: the shared_ptr owns a copy.
  void snapshot(const ConfigPtr &p) {
    rcu::Guard g;
    const Config *c = p.load(g);
    current_ = std::shared_ptr<const Config>(new Config(*c));
    copy_ = std::make_shared<Config>(*c);
    owned_ = std::make_unique<Config>(*c);
  }

private:
  std::shared_ptr<const Config> current_;
  std::shared_ptr<const Config> copy_;
  std::unique_ptr<Config> owned_;
  std::shared_ptr<const int> key_;
};

std::shared_ptr<const Config> share(const ConfigPtr &p) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  return std::shared_ptr<const Config>(p.load(g), NoDelete{}); // expected-warning {{returning a value holding a pointer into RCU-protected data that outlives the read-side critical section of 'g'}} expected-note {{the borrow is taken from 'g' here}}
} // expected-note {{the read-side critical section of 'g' ends here}}

int used_after_guard(const ConfigPtr &p) {
  std::unique_ptr<const Config, NoDelete> view;
  {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    view = std::unique_ptr<const Config, NoDelete>(p.load(g)); // expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
  return view->timeout; // expected-warning {{value holding a pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

// Silent.

std::shared_ptr<const Config> share_copy(const ConfigPtr &p) {
  rcu::Guard g;
  return std::shared_ptr<const Config>(new Config(*p.load(g)));
}

std::unique_ptr<std::string> name_copy(const ConfigPtr &p) {
  rcu::Guard g;
  return std::make_unique<std::string>(p.load(g)->name.c_str());
}

int used_within_guard(const ConfigPtr &p) {
  rcu::Guard g;
  std::shared_ptr<const Config> sp(p.load(g), NoDelete{});
  return sp->timeout;
}
