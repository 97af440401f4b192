// Template arguments are checked after substitution; dependent uses are
// reported where user code requests the instantiation, with the chain of
// instantiations. Alias templates (RcuVBox) are requirements too.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <rcu/rcu.hpp>

struct Device;
struct NextHop { // #ss_nexthop
  Device *dev; // #ss_nexthop_dev
};
struct Route { // #ss_route
  NextHop hop; // #ss_route_hop
  int metric;
};
struct Config {
  int mtu;
};

template <class T> struct Pair { // #ss_pair
  T first; // #ss_pair_first
  int second;
};
// Substituted members count.
// expected-warning@+5 {{'rcu::RcuBox<Pair<NextHop>>' requires 'Pair<NextHop>' to be Send}}
// expected-note@#ss_pair_first {{'Pair<NextHop>' is not Send because field 'first' of type 'NextHop' is not Send}}
// expected-note@#ss_nexthop_dev {{'NextHop' is not Send because field 'dev' has raw pointer type 'Device *'}}
// expected-note@#ss_pair {{once you have checked that 'Pair<NextHop>' may be sent}}
int size_pair = sizeof(Pair<NextHop>);
rcu::RcuBox<Pair<NextHop>> *pair_box;
rcu::RcuBox<Pair<Config>> *pair_config; // silent
int size_pair_config = sizeof(Pair<Config>);

// Aliases.
// expected-warning@+4 {{'rcu::RcuVBox<Route>' (aka 'rcu::RcuBox<Route, rcu::Vmalloc>') requires 'Route' to be Send}}
// expected-note@#ss_route_hop {{'Route' is not Send because field 'hop' of type 'NextHop' is not Send}}
// expected-note@#ss_nexthop_dev {{field 'dev' has raw pointer type 'Device *'}}
// expected-note@#ss_route {{once you have checked that 'Route' may be sent to another thread, mark it RCU_SEND}}
rcu::RcuVBox<Route> *vbox;
// expected-warning@+4 {{'rcu::RcuKVBox<Route>' (aka 'rcu::RcuBox<Route, rcu::KVmalloc>') requires 'Route' to be Send}}
// expected-note@#ss_route_hop {{'Route' is not Send}}
// expected-note@#ss_nexthop_dev {{raw pointer}}
// expected-note@#ss_route {{once you have checked}}
rcu::RcuKVBox<Route> *kvbox;
rcu::RcuKBox<Config> *kbox; // silent
using RouteBox = rcu::RcuBox<Route>; // expected-warning {{'rcu::RcuBox<Route>' requires 'Route' to be Send}} expected-note@#ss_route_hop {{'Route' is not Send}} expected-note@#ss_nexthop_dev {{raw pointer}} expected-note@#ss_route {{once you have checked}}
RouteBox *via_typedef; // silent: reported once, where the alias names it

// A dependent use, reported at the instantiation user code requests.
template <class T> struct Wrapper {
  rcu::RcuBox<T> box; // #ss_wrapper_box
};
template <class T> struct Outer {
  Wrapper<T> inner; // #ss_outer_inner
};
// expected-warning@+6 {{'rcu::RcuBox<Route>' requires 'Route' to be Send}}
// expected-note@+5 {{in instantiation of 'Outer<Route>' requested here}}
// expected-note@#ss_outer_inner {{in instantiation of 'Wrapper<Route>' requested here}}
// expected-note@#ss_wrapper_box {{'rcu::RcuBox<Route>' is named here}}
// expected-note@#ss_route_hop {{'Route' is not Send}}
// expected-note@#ss_nexthop_dev {{raw pointer}} expected-note@#ss_route {{once you have checked}}
int size_outer = sizeof(Outer<Route>);
int size_outer_config = sizeof(Outer<Config>); // silent

// Function templates, including the runtime's make_rcu_box.
template <class T> rcu::Pointer<T> *publish() { return nullptr; } // #ss_publish
void use_functions() {
  // expected-warning@+4 {{'rcu::RcuBox<Route>' requires 'Route' to be Send}}
  // expected-note@+3 {{in instantiation of function template specialization 'rcu::make_rcu_box<Route, rcu::Kmalloc, Route>' requested here}}
  // expected-note@rcu/rcu_box.hpp:* {{'rcu::RcuBox<Route>' is named here}}
  // expected-note@#ss_route_hop {{'Route' is not Send}} expected-note@#ss_nexthop_dev {{raw pointer}} expected-note@#ss_route {{once you have checked}}
  auto box = rcu::make_rcu_box<Route>(Route{});
  auto ok = rcu::make_rcu_box<Config>(); // silent
  (void)ok;
  // expected-warning@+4 {{'rcu::Pointer<Route>' requires 'Route' to be Send and Sync}}
  // expected-note@+3 {{in instantiation of function template specialization 'publish<Route>' requested here}}
  // expected-note@#ss_publish {{'rcu::Pointer<Route>' is named here}}
  // expected-note@#ss_route_hop {{'Route' is not Send}} expected-note@#ss_nexthop_dev {{raw pointer}} expected-note@#ss_publish {{'Route' is not Sync for the same reason}} expected-note@#ss_route {{mark it RCU_SEND and RCU_SYNC}}
  publish<Route>();
  publish<Config>(); // silent
}

// Non-type template arguments and explicit specializations.
template <class T, int N> struct Ring { // #ss_ring
  T slots[N]; // #ss_ring_slots
};
rcu::Pointer<Ring<Config, 8>> *ring; // silent
int size_ring = sizeof(Ring<Config, 8>);
// Never instantiated in this TU: judged by the template's members.
// expected-warning@+5 {{'rcu::Pointer<Ring<NextHop, 2>>' requires 'Ring<NextHop, 2>' to be Send and Sync}}
// expected-note@#ss_ring_slots {{'Ring<NextHop, 2>' is not Send because field 'slots' of type 'NextHop[2]' is not Send}}
// expected-note@#ss_ring_slots {{'NextHop[2]' is not Send because its element type 'NextHop' is not Send}}
// expected-note@#ss_nexthop_dev {{raw pointer}} expected-note@+2 {{'Ring<NextHop, 2>' is not Sync for the same reason}}
// expected-note@#ss_ring {{mark it RCU_SEND and RCU_SYNC}}
rcu::Pointer<Ring<NextHop, 2>> *uninstantiated;
rcu::Pointer<Ring<Config, 4>> *uninstantiated_config; // silent
template <> struct Pair<int> { // #ss_pair_int
  int *first; // #ss_pair_int_first
};
// expected-warning@+3 {{'rcu::RcuBox<Pair<int>>' requires 'Pair<int>' to be Send}}
// expected-note@#ss_pair_int_first {{'Pair<int>' is not Send because field 'first' has raw pointer type 'int *'}}
// expected-note@#ss_pair_int {{once you have checked}}
rcu::RcuBox<Pair<int>> *specialized;
