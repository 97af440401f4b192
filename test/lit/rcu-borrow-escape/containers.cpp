// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// Rule 2: containers that outlive the guard.
#include "routes.h"
#include <deque>
#include <optional>
#include <unordered_map>

std::vector<const Route *> g_seen;

void push_back_into_outer(const RoutePtr &ptr) {
  std::vector<const Route *> seen;
  {
    rcu::Guard g;
    seen.push_back(ptr.load(g)); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in 'seen', which outlives the guard}}
  }
}

void emplace_back_into_param(const RoutePtr &ptr, std::vector<const Route *> &out) {
  rcu::Guard g;
  out.emplace_back(ptr.load(g)); // expected-warning {{stored through parameter 'out'}}
}

void insert_into_global(const RoutePtr &ptr) {
  rcu::Guard g;
  g_seen.insert(g_seen.end(), ptr.load(g)); // expected-warning {{stored in variable 'g_seen' with static storage duration}}
}

void subscript_assign_into_outer(const RouteBox &b) {
  std::map<int, std::string_view> names;
  {
    rcu::Guard g;
    names[1] = b.with_rcu(g).name; // expected-warning {{stored in 'names', which outlives the guard}}
  }
}

void emplace_into_outer_map(const RoutePtr &ptr) {
  std::unordered_map<int, const Route *> by_key;
  {
    rcu::Guard g;
    const Route *r = ptr.load(g);
    by_key.emplace(r->key, r); // expected-warning {{stored in 'by_key', which outlives the guard}}
  }
}

void push_front_from_temporary_guard(const RoutePtr &ptr, std::deque<const Route *> &q) {
  q.push_front(ptr.load(rcu::Guard{})); // expected-warning {{escapes the read-side critical section of the temporary guard: stored through parameter 'q'}}
}

struct Index {
  std::vector<const int *> hops_;
  void add(const RouteBox &b) {
    rcu::Guard g;
    hops_.push_back(b.with_rcu(g).hops.data()); // expected-warning {{stored in member 'hops_'}}
  }
};

// --- Silent ---

int local_container_in_guard_scope(const RoutePtr &ptr) {
  rcu::Guard g;
  std::vector<const Route *> seen;
  seen.push_back(ptr.load(g));
  return seen.front()->key;
}

void container_of_copies(const RoutePtr &ptr, std::vector<Route> &out, std::vector<std::string> &names) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  out.push_back(*r);
  names.emplace_back(r->name);
  names.push_back(std::string(r->name));
}

void outer_container_of_values(const RouteBox &b) {
  std::vector<int> keys;
  {
    rcu::Guard g;
    keys.push_back(b.with_rcu(g).key);
    keys.insert(keys.end(), b.with_rcu(g).hops.begin(), b.with_rcu(g).hops.end());
  }
}

// Emplacing builds the element from the argument: a view or span element
// refers to the argument itself.
std::vector<std::string_view> all_names;
std::vector<std::span<const int>> all_hops;
void emplace_views(const RoutePtr &p) {
  rcu::Guard g;
  all_names.emplace_back(p.load(g)->name); // expected-warning {{escapes the read-side critical section of 'g': stored in variable 'all_names' with static storage duration}}
  all_hops.emplace_back(p.load(g)->hops); // expected-warning {{stored in variable 'all_hops' with static storage duration}}
}

std::size_t emplace_view_into_optional(const RoutePtr &p) {
  std::optional<std::string_view> o;
  {
    rcu::Guard g;
    o.emplace(p.load(g)->name); // expected-warning {{stored in 'o', which outlives the guard}}
  }
  return o->size();
}

// Emplacing a copy is silent.
std::vector<std::string> name_copies;
void emplace_copies(const RoutePtr &p) {
  rcu::Guard g;
  name_copies.emplace_back(p.load(g)->name);
  std::optional<Route> o;
  o.emplace(*p.load(g));
}
