// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// A handler that captures `this` or `shared_from_this()` and stores a
// borrow into the object escapes whenever it runs: it is reported where it
// is handed on (an executor's post(), a queue, a thread, a std::function),
// as a lambda called in the section is reported where it is called.
#include "routes.h"
#include <deque>
#include <functional>
#include <memory>
#include <thread>

struct Executor {
  void post(std::function<void()> handler);
};

template <class F> void defer(Executor &ex, F &&f) {
  ex.post(std::forward<F>(f));
}

class Session : public std::enable_shared_from_this<Session> {
public:
  void post_this(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    ex_.post([this, r] { last_ = r; }); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'last_'}} expected-note {{the lambda stores 'r' into member 'last_'}}
  }

  void post_shared_self(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    ex_.post([self = shared_from_this(), r] { self->last_ = r; }); // expected-warning {{stored in member 'last_'}}
  }

  void post_named_handler(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    auto self = shared_from_this();
    auto handler = [self, r] { self->names_.push_back(r->name); };
    defer(ex_, std::move(handler)); // expected-warning {{escapes the read-side critical section of 'g': stored in member 'names_'}}
  }

  void queued(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    pending_.push_back([this, r] { last_ = r; }); // expected-warning {{stored in member 'last_'}}
  }

  void joined_thread(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    std::thread t([&] { last_ = r; }); // expected-warning {{stored in member 'last_'}}
    t.join();
  }

  void function_member(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    std::function<void()> on_done = [this, r] { last_ = r; }; // expected-warning {{stored in member 'last_'}}
    ex_.post(on_done);
  }

  // --- Silent: the handler copies the value, or stores nothing. ---

  void post_copy(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    int key = r->key;
    ex_.post([this, key] { key_ = key; });
    ex_.post([self = shared_from_this(), name = r->name] { self->name_ = name; });
  }

  void post_reads_only(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    std::thread t([this, r] { key_ = r->key; });
    t.join();
  }

  void called_in_section_copies(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    [this, r] { key_ = r->key; }();
    auto keep = [&] { name_ = r->name; };
    keep();
  }

  void handler_takes_its_own_guard(const RoutePtr &p) {
    ex_.post([this, &p] {
      rcu::Guard g;
      key_ = p.load(g)->key;
    });
  }

private:
  Executor ex_;
  const Route *last_ = nullptr;
  int key_ = 0;
  std::string name_;
  std::vector<std::string_view> names_;
  std::deque<std::function<void()>> pending_;
};
