// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -Xclang -plugin-arg-rcu-lifetime -Xclang checks=-rcu-send-sync -I %inputs %s
// Copies taken inside the read-side section own their data and may outlive
// the guard, even when the copied type itself holds pointers or views (it
// may borrow, but a copy of RCU data does not borrow the guard). Next to
// each silent idiom, the look-alike that does keep a reference is reported.
#include "routes.h"
#include <cstdlib>
#include <map>
#include <optional>
#include <utility>

// Holds a view and a pointer, so it may carry borrows.
struct Peer {
  int id;
  const char *proto;
  std::string_view label;
};
struct Table {
  std::vector<Peer> peers;
};
using TablePtr = rcu::Pointer<Table>;

std::optional<Route> snapshot_into_optional(const RoutePtr &p) {
  rcu::Guard g;
  if (const Route *r = p.load(g))
    return *r;
  return std::nullopt;
}

int assign_copy_to_optional(const RoutePtr &p) {
  std::optional<Route> s;
  {
    rcu::Guard g;
    s = *p.load(g);
  }
  return s->key;
}

std::vector<Peer> copy_range(const TablePtr &t) {
  rcu::Guard g;
  const Table *tb = t.load(g);
  return std::vector<Peer>(tb->peers.begin(), tb->peers.end());
}

std::map<int, Peer> index_by_id;
void reindex(const TablePtr &t) {
  rcu::Guard g;
  for (const Peer &p : t.load(g)->peers)
    index_by_id.insert({p.id, p});
}

std::vector<Peer> copy_each(const TablePtr &t) {
  std::vector<Peer> out;
  {
    rcu::Guard g;
    for (const Peer &p : t.load(g)->peers)
      out.push_back(p);
  }
  return out;
}

Peer copy_through_reference(const TablePtr &t) {
  Peer c;
  {
    rcu::Guard g;
    const Peer &p = t.load(g)->peers[0];
    c = p;
  }
  return c;
}

// A class that copies what it needs from the Route it is given.
struct RouteInfo {
  std::string name;
  const char *kind;
  explicit RouteInfo(const Route &r)
      : name(r.name), kind(r.key ? "static" : "dynamic") {}
};
RouteInfo info(const RoutePtr &p) {
  rcu::Guard g;
  return RouteInfo(*p.load(g));
}

// ...and one that keeps a pointer to it: a view in all but name.
struct RouteRef {
  const Route *r;
  explicit RouteRef(const Route &route) : r(&route) {}
};
RouteRef ref(const RoutePtr &p) {
  rcu::Guard g;
  return RouteRef(*p.load(g)); // expected-warning {{returning a value holding a pointer into RCU-protected data that outlives the read-side critical section of 'g'}}
}

// Its constructor is not visible: whether it keeps the Route is decided by
// its members, and a pointer to a Route may.
struct OpaqueRouteRef {
  const Route *r;
  explicit OpaqueRouteRef(const Route &route);
};
OpaqueRouteRef opaque_ref(const RoutePtr &p) {
  rcu::Guard g;
  return OpaqueRouteRef(*p.load(g)); // expected-warning {{returning a value holding a pointer into RCU-protected data}}
}

// A pair of copies is silent, a pair holding a reference is not.
std::pair<int, Route> pair_of_copies(const RoutePtr &p) {
  rcu::Guard g;
  return {1, *p.load(g)};
}
std::pair<int, std::string_view> pair_with_view(const RoutePtr &p) {
  rcu::Guard g;
  return {1, p.load(g)->name}; // expected-warning {{returning a value holding a pointer into RCU-protected data}}
}

// A registry lookup keyed by a string from RCU data returns the registry's
// entry, not a pointer into the key.
struct Handler {
  void run() const;
};
const Handler *find_handler(const std::string &name);
void dispatch(const RoutePtr &p) {
  const Handler *h;
  {
    rcu::Guard g;
    h = find_handler(p.load(g)->name);
  }
  if (h)
    h->run();
}

void use_env(const RoutePtr &p) {
  const char *v;
  {
    rcu::Guard g;
    v = std::getenv(p.load(g)->name.c_str());
  }
  consume_sv(v ? v : "");
}

// ...while a search inside the string it is given returns a pointer into it.
const char *find_char(const char *s, char c);
char after_guard_search(const RoutePtr &p) {
  const char *at;
  {
    rcu::Guard g;
    at = find_char(p.load(g)->name.c_str(), ':');
  }
  return *at; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

// Constructors judged by their bodies, initialisers, delegation and bases.
struct AssignsCopies {
  std::string name;
  const char *kind;
  AssignsCopies(const Route &r) {
    name = r.name;
    kind = "copy";
  }
};
struct AssignsAddress {
  const Route *r_;
  AssignsAddress(const Route &r) { r_ = &r; }
};
struct AssignsView {
  std::string_view v;
  AssignsView(const Route &r) { v = r.name; }
};
struct CopiesVector {
  std::vector<int> h;
  const char *k;
  CopiesVector(const Route &r) : h(r.hops), k(nullptr) { h.push_back(r.key); }
};
struct PointsIntoVector {
  const int *first;
  PointsIntoVector(const Route &r) : first(r.hops.data()) {}
};
struct DerivedCopies : AssignsCopies {
  DerivedCopies(const Route &r) : AssignsCopies(r) {}
};
struct Delegates {
  const char *k;
  Delegates(const Route &r) : Delegates(r, 1) {}
  Delegates(const Route &r, int) : k(r.name.c_str()) {}
};
AssignsCopies assigns_copies(const RoutePtr &p) {
  rcu::Guard g;
  return AssignsCopies(*p.load(g));
}
AssignsAddress assigns_address(const RoutePtr &p) {
  rcu::Guard g;
  return AssignsAddress(*p.load(g)); // expected-warning {{returning a value holding a pointer into RCU-protected data}}
}
AssignsView assigns_view(const RoutePtr &p) {
  rcu::Guard g;
  return AssignsView(*p.load(g)); // expected-warning {{returning a value holding a pointer into RCU-protected data}}
}
CopiesVector copies_vector(const RoutePtr &p) {
  rcu::Guard g;
  return CopiesVector(*p.load(g));
}
PointsIntoVector points_into_vector(const RoutePtr &p) {
  rcu::Guard g;
  return PointsIntoVector(*p.load(g)); // expected-warning {{returning a value holding a pointer into RCU-protected data}}
}
DerivedCopies derived_copies(const RoutePtr &p) {
  rcu::Guard g;
  return DerivedCopies(*p.load(g));
}
Delegates delegates(const RoutePtr &p) {
  rcu::Guard g;
  return Delegates(*p.load(g)); // expected-warning {{returning a value holding a pointer into RCU-protected data}}
}
