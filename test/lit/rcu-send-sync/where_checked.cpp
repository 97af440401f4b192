// Every place a requiring template gets a specialization is checked: class
// template argument deduction (the runtime's rcu::Pointer and user
// containers), variable templates, explicit instantiations (definitions and
// declarations) and alias templates. Each is silent for a Send + Sync type.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <rcu/rcu.hpp>

struct Socket;
struct Peer { // #wc_peer
  Socket *sock; // #wc_peer_sock
};
struct Quota {
  int limit;
};

template <class K, class V> class RCU_REQUIRES_SEND_SYNC(1) LookupTable {
public:
  LookupTable(K, V) {}
};
template <class V> class RCU_REQUIRES_SEND(0) Deferred {
public:
  explicit Deferred(V) {}
};
template <class V> Deferred(V) -> Deferred<V>;

void deduction() {
  // expected-warning@+4 {{'rcu::Pointer<Peer>' requires 'Peer' to be Send and Sync: RCU may destroy it on another thread, and readers on many threads share it}}
  // expected-warning@+3 {{'rcu::RcuBox<Peer>' requires 'Peer' to be Send}}
  // expected-note@+2 {{in instantiation of}} expected-note@rcu/rcu_box.hpp:* {{is named here}} expected-note@+2 {{'Peer' is not Sync for the same reason}}
  // expected-note@#wc_peer_sock 2 {{'Peer' is not Send because field 'sock' has raw pointer type 'Socket *'}} expected-note@#wc_peer 2 {{once you have checked}}
  rcu::Pointer published{rcu::make_rcu_box<Peer>()};
  rcu::Pointer quota{rcu::make_rcu_box<Quota>()}; // silent

  // expected-warning@+3 {{'LookupTable<unsigned int, Peer>' requires 'Peer' to be Send and Sync}}
  // expected-note@#wc_peer_sock {{raw pointer type 'Socket *'}} expected-note@+2 {{'Peer' is not Sync for the same reason}}
  // expected-note@#wc_peer {{once you have checked}}
  LookupTable peers{7u, Peer{}};
  LookupTable quotas{7u, Quota{}}; // silent

  // expected-warning@+2 {{'Deferred<Peer>' requires 'Peer' to be Send: RCU may destroy it on another thread}}
  // expected-note@#wc_peer_sock {{raw pointer}} expected-note@#wc_peer {{once you have checked}}
  Deferred later{Peer{}};
  Deferred fine{Quota{}}; // silent

  // In expressions: a functional cast and a new-expression deduce too.
  // expected-warning@+2 {{'Deferred<Peer>' requires 'Peer' to be Send}}
  // expected-note@#wc_peer_sock {{raw pointer}} expected-note@#wc_peer {{once you have checked}}
  (void)Deferred(Peer{});
  (void)Deferred(Quota{}); // silent
  // expected-warning@+2 {{'LookupTable<int, Peer>' requires 'Peer' to be Send and Sync}}
  // expected-note@#wc_peer_sock {{raw pointer}} expected-note@+1 {{same reason}} expected-note@#wc_peer {{once you have checked}}
  delete new LookupTable(1, Peer{});
  delete new LookupTable(1, Quota{}); // silent
}

// Variable templates: reported where the specialization is used.
template <class T> rcu::Pointer<T> *current_snapshot = nullptr; // #wc_current
// expected-warning@+4 {{'rcu::Pointer<Peer>' requires 'Peer' to be Send and Sync}}
// expected-note@+3 {{in instantiation of variable template specialization 'current_snapshot<Peer>' requested here}}
// expected-note@#wc_current {{'rcu::Pointer<Peer>' is named here}} expected-note@#wc_current {{'Peer' is not Sync for the same reason}}
// expected-note@#wc_peer_sock {{raw pointer}} expected-note@#wc_peer {{once you have checked}}
bool has_peers = current_snapshot<Peer> != nullptr;
bool has_quota = current_snapshot<Quota> != nullptr; // silent
template <class T>
constexpr unsigned box_size = sizeof(rcu::RcuBox<T>); // #wc_box_size
// expected-warning@+3 {{'rcu::RcuBox<Peer>' requires 'Peer' to be Send}}
// expected-note@+2 {{in instantiation of variable template specialization 'box_size<Peer>' requested here}}
// expected-note@#wc_box_size {{is named here}} expected-note@#wc_peer_sock {{raw pointer}} expected-note@#wc_peer {{once you have checked}}
unsigned peer_box = box_size<Peer>;
unsigned quota_box = box_size<Quota>; // silent

// Explicit instantiations, definitions and declarations.
template <class T> struct Registry {
  rcu::RcuBox<T> *head; // #wc_registry_head
};
// expected-warning@+3 {{'rcu::RcuBox<Peer>' requires 'Peer' to be Send}}
// expected-note@+2 {{in instantiation of 'Registry<Peer>' requested here}}
// expected-note@#wc_registry_head {{is named here}} expected-note@#wc_peer_sock {{raw pointer}} expected-note@#wc_peer {{once you have checked}}
template struct Registry<Peer>;
template struct Registry<Quota>; // silent
// expected-warning@+3 {{'rcu::RcuBox<Socket *>' requires 'Socket *' to be Send}}
// expected-note@+2 {{in instantiation of 'Registry<Socket *>' requested here}}
// expected-note@#wc_registry_head {{is named here}} expected-note@#wc_registry_head {{raw pointer}} expected-note@#wc_registry_head {{wrap it in a class marked RCU_SEND}}
extern template struct Registry<Socket *>;
extern template struct Registry<int>; // silent
// A requiring template instantiated explicitly is reported at the instantiation.
// expected-warning@+2 {{'LookupTable<int, Peer>' requires 'Peer' to be Send and Sync}}
// expected-note@#wc_peer_sock {{raw pointer}} expected-note@+1 {{same reason}} expected-note@#wc_peer {{once you have checked}}
template class LookupTable<int, Peer>;
template class LookupTable<int, Quota>; // silent

// Alias templates, reported where the alias is used.
template <class T> using Snapshot = rcu::Pointer<T>;
// expected-warning@+3 {{'Snapshot<Peer>' (aka 'rcu::Pointer<Peer>') requires 'Peer' to be Send and Sync}}
// expected-note@#wc_peer_sock {{raw pointer}} expected-note@+2 {{same reason}}
// expected-note@#wc_peer {{once you have checked}}
Snapshot<Peer> *peer_snapshot;
Snapshot<Quota> *quota_snapshot; // silent
