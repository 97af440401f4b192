// Awkward types must never crash the plugin: unions, bitfields, anonymous
// members, lambdas, arrays of unknown bound, incomplete and deeply nested
// types, non-type template arguments.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <rcu/rcu.hpp>

union Number {
  int i;
  float f;
};
rcu::Pointer<Number> *number; // silent

struct Flags {
  unsigned a : 1, b : 7;
  union {
    int raw;
    struct {
      short lo, hi;
    };
  };
};
rcu::Pointer<Flags> *flags; // silent

struct Tail {
  int n;
  int data[];
};
rcu::Pointer<Tail> *tail; // silent

struct Impl; // #ss_impl
struct Pimpl { // #ss_pimpl
  Impl &impl; // #ss_pimpl_impl
};
// Incomplete types are assumed to be neither Send nor Sync.
// expected-warning@+5 {{'rcu::RcuBox<Pimpl>' requires 'Pimpl' to be Send}}
// expected-note@#ss_pimpl_impl {{'Pimpl' is not Send because field 'impl' of type 'Impl &' is not Send}}
// expected-note@#ss_pimpl_impl {{'Impl &' is not Send because the referenced type 'Impl' is not Send}}
// expected-note@#ss_impl {{'Impl' is incomplete here, so it is assumed to be neither Send nor Sync}}
// expected-note@#ss_pimpl {{once you have checked}}
rcu::RcuBox<Pimpl> *pimpl;

template <int N> struct Deep { // #ss_deep
  Deep<N - 1> inner; // #ss_deep_inner
  int pad;
};
template <> struct Deep<0> {
  int *leaf; // #ss_deep_leaf
};
// Deeper than the recursion bound: assumed neither, reported, no crash.
// expected-warning@+3 {{'rcu::RcuBox<Deep<200>>' requires 'Deep<200>' to be Send}}
// expected-note@#ss_deep_inner 12 {{is not Send because field 'inner' of type}}
// expected-note@#ss_deep_inner {{'Deep<189 - 1>' is not Send for a reason nested too deeply to show}} expected-note@#ss_deep {{once you have checked that 'Deep<200>'}}
rcu::RcuBox<Deep<200>> *deep;
int deep_size = sizeof(Deep<200>);
// Within the bound, the chain reaches the leaf.
// expected-warning@+3 {{'rcu::RcuBox<Deep<3>>' requires 'Deep<3>' to be Send}}
// expected-note@#ss_deep_inner 3 {{is not Send because field 'inner' of type}} expected-note@#ss_deep {{once you have checked that 'Deep<3>'}}
// expected-note@#ss_deep_leaf {{'Deep<1 - 1>' is not Send because field 'leaf' has raw pointer type 'int *'}}
rcu::RcuBox<Deep<3>> *shallow;

template <class... Ts> struct Tuple;
template <> struct Tuple<> {};
template <class T, class... Ts> struct Tuple<T, Ts...> : Tuple<Ts...> {
  T head;
};
int tuple_size = sizeof(Tuple<int, char, long, double, short>);
rcu::Pointer<Tuple<int, char, long, double, short>> *tuple; // silent

void lambdas() {
  int local = 0;
  auto by_copy = [local] { return local; };
  auto by_ref = [&local] { return local; };
  rcu::Pointer<decltype(by_copy)> *copy_closure; // silent
  // A reference capture is a field of type int&: Send and Sync.
  rcu::Pointer<decltype(by_ref)> *ref_closure; // silent
  int *p = &local;
  auto raw = [p] { return *p; }; // #ss_raw_lambda
  // expected-warning@+3 {{'rcu::RcuBox<decltype(raw)>' requires '(lambda at}}
  // expected-note@#ss_raw_lambda {{is not Send because captured variable 'p' has raw pointer type 'int *'}}
  // expected-note@+1 {{wrap it in a class marked RCU_SEND}}
  rcu::RcuBox<decltype(raw)> *raw_closure;
  (void)copy_closure, (void)ref_closure, (void)raw_closure;
}

template <class T> struct Dependent {
  rcu::RcuBox<T> box;
  void f() { rcu::Pointer<T> *p = nullptr; (void)p; }
};
// Never instantiated: dependent uses are not judged.
