// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// A method of RCU data returning a pair or tuple of iterators or pointers
// (equal_range) lends its object to the result, as one returning a single
// iterator does; a pair that owns a copy beside them does not.
#include "routes.h"
#include <tuple>
#include <utility>

struct Zone {
  std::multimap<std::string, Route> records;
  std::pair<const Route *, const Route *> bounds() const;
  std::pair<std::string, int> summary() const;
  std::tuple<const Route *, int> first_with_count() const;
};
using ZonePtr = rcu::Pointer<Zone>;

void bindings_kept(const ZonePtr &zone, std::vector<const Route *> &out) {
  rcu::Guard g;
  const Zone *z = zone.load(g);
  auto [first, last] = z->records.equal_range("www");
  for (auto it = first; it != last; ++it)
    out.push_back(&it->second); // expected-warning {{escapes the read-side critical section of 'g': stored through parameter 'out'}}
}

void pair_member_kept(const ZonePtr &zone, std::vector<const Route *> &out) {
  rcu::Guard g;
  auto range = zone.load(g)->records.equal_range("mail");
  for (auto it = range.first; it != range.second; ++it)
    out.push_back(&it->second); // expected-warning {{escapes the read-side critical section of 'g': stored through parameter 'out'}}
}

const Route *user_pair_returned(const ZonePtr &zone) {
  rcu::Guard g;
  auto [lo, hi] = zone.load(g)->bounds();
  return hi ? hi : lo; // expected-warning {{returning a pointer into RCU-protected data}}
}

const Route *tuple_element_kept(const ZonePtr &zone) {
  const Route *keep = nullptr;
  {
    rcu::Guard g;
    keep = std::get<0>(zone.load(g)->first_with_count());
  }
  return keep; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

// Silent: the values are copied out inside the section.
void copies_kept(const ZonePtr &zone, std::vector<int> &keys) {
  rcu::Guard g;
  auto [first, last] = zone.load(g)->records.equal_range("www");
  for (auto it = first; it != last; ++it)
    keys.push_back(it->second.key);
}

// Silent: a pair that owns a string copies, whatever the method.
std::pair<std::string, int> owned_pair(const ZonePtr &zone) {
  rcu::Guard g;
  return zone.load(g)->summary();
}

// Silent: the iterators are used only inside the section.
int counted_inside(const ZonePtr &zone) {
  rcu::Guard g;
  auto range = zone.load(g)->records.equal_range("www");
  int n = 0;
  for (auto it = range.first; it != range.second; ++it)
    n += it->second.key;
  return n;
}
