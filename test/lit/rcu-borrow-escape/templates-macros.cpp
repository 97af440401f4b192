// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// Templates are checked per instantiation and reported once; macros report at
// the expansion site.
#include "routes.h"

template <class T> const T *leak_from(const rcu::Pointer<T> &ptr) {
  const T *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  return p; // expected-warning {{pointer into RCU-protected data is used after}}
}

struct Config { int version; };
template const Route *leak_from(const RoutePtr &);
template const Config *leak_from(const rcu::Pointer<Config> &);

template <class T> int ok_in_template(const rcu::Pointer<T> &ptr) {
  rcu::Guard g;
  const T *p = ptr.load(g);
  return p ? 1 : 0;
}
template int ok_in_template(const RoutePtr &);

// Never instantiated: dependent code is not analysed.
template <class T> const T *dependent_only(const rcu::Pointer<T> &ptr) {
  rcu::Guard g;
  return ptr.load(g);
}

#define READ_KEY(ptr, out)                                                     \
  do {                                                                         \
    rcu::Guard g_;                                                             \
    out = (ptr).load(g_);                                                      \
  } while (0)

int macro_then_use(const RoutePtr &ptr) {
  const Route *r;
  READ_KEY(ptr, r);
  return r->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g_' ended}}
}

#define WITH_GUARD(g) for (rcu::Guard g; false;)

int generic_lambda(const RoutePtr &ptr) {
  auto f = [](const auto &p) {
    const Route *r;
    {
      rcu::Guard g;
      r = p.load(g);
    }
    return r->key; // expected-warning {{pointer into RCU-protected data is used after}}
  };
  return f(ptr);
}

int goto_out_of_scope(const RoutePtr &ptr) {
  const Route *r = nullptr;
  {
    rcu::Guard g;
    r = ptr.load(g);
    if (r)
      goto done;
  }
  return 0;
done:
  return r->key; // expected-warning {{pointer into RCU-protected data is used after}}
}

// GNU statement expressions in macros: the guard ends with the statement
// expression, before its value is used.
#define RCU_READ(p)                                                            \
  ({                                                                           \
    rcu::Guard g_;                                                             \
    (p).load(g_);                                                              \
  })
#define RCU_KEY(p)                                                             \
  ({                                                                           \
    rcu::Guard g_;                                                             \
    (p).load(g_)->key;                                                         \
  })
int statement_expression_pointer(const RoutePtr &p) {
  const Route *r = RCU_READ(p);
  return r->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g_' ended}}
}
int statement_expression_copy(const RoutePtr &p) {
  int k = RCU_KEY(p);
  for (int i = 0; i < 3; ++i)
    k += RCU_KEY(p);
  return k;
}
