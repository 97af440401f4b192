// RUN: %rcu_verify -I %inputs %s
// Unusual input: the plugin must not crash, and correct code stays silent.
// expected-no-diagnostics
#include "routes.h"
#include <coroutine>

struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

Task coroutine_reads(const RoutePtr &ptr) {
  {
    rcu::Guard g;
    const Route *r = ptr.load(g);
    consume_ptr(r);
  }
  co_return;
}

int statement_expression(const RoutePtr &ptr) {
  return ({
    rcu::Guard g;
    const Route *r = ptr.load(g);
    r ? r->key : 0;
  });
}

int deep_nesting(const RoutePtr &ptr) {
  int s = 0;
  rcu::Guard g;
  const Route *r = ptr.load(g);
  if (r) { if (r->key) { if (!r->label.empty()) { for (int i = 0; i < 3; ++i) { while (s < 10) { s += r->key ? 1 : 2; } } } } }
  return s;
}

#define REPEAT4(x) x x x x
#define REPEAT64(x) REPEAT4(REPEAT4(REPEAT4(x)))
int huge_function(const RoutePtr &ptr, int n) {
  int s = 0;
  REPEAT64(REPEAT64({ rcu::Guard g; const Route *r = ptr.load(g); if (r && n) s += r->key; }))
  return s;
}

union Mixed {
  const Route *route;
  long bits;
};

long unions_and_casts(const RoutePtr &ptr) {
  rcu::Guard g;
  Mixed m;
  m.route = ptr.load(g);
  return m.bits + reinterpret_cast<long>(ptr.load(g));
}
