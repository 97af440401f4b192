// Cases for the comparison table in docs/checks/rcu-borrow-escape.md.
// Each `// CASE:` line starts a case that runs to the next one; `bug` cases
// are wrong code, `ok` cases are correct code that must stay silent.
// Regenerate the table with: python3 docs/checks/compare/compare.py --write
#include <rcu/rcu.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

struct Route {
  int key = 0;
  std::string name;
  std::vector<int> hops;
};
using RouteBox = rcu::RcuBox<Route>;
using RoutePtr = rcu::Pointer<Route>;
const Route *g_last;
struct Cache {
  const Route *last = nullptr;
  void keep(const RoutePtr &p);
};
void consume(const Route *);

// CASE: bug | return a reference from a local guard
const Route &c1(const RouteBox &b) {
  rcu::Guard g;
  return b.with_rcu(g);
}
// CASE: bug | reference bound from a temporary guard, used later
int c2(const RouteBox &b) {
  const Route &r = b.with_rcu(rcu::Guard{});
  return r.key;
}
// CASE: bug | pointer used after the guard's scope ends
int c3(const RoutePtr &p) {
  const Route *r;
  {
    rcu::Guard g;
    r = p.load(g);
  }
  return r->key;
}
// CASE: bug | pointer carried into the next loop iteration
int c4(const RoutePtr &p) {
  int s = 0;
  const Route *prev = nullptr;
  for (int i = 0; i < 4; ++i) {
    if (prev)
      s += prev->key;
    rcu::Guard g;
    prev = p.load(g);
  }
  return s;
}
// CASE: bug | string_view of a member used after the guard
size_t c5(const RouteBox &b) {
  std::string_view name;
  {
    rcu::Guard g;
    name = b.with_rcu(g).name;
  }
  return name.size();
}
// CASE: bug | iterator from a member call used after the guard
int c6(const RouteBox &b) {
  std::vector<int>::const_iterator it;
  {
    rcu::Guard g;
    it = b.with_rcu(g).hops.begin();
  }
  return *it;
}
// CASE: bug | stored in a global
void c7(const RoutePtr &p) {
  rcu::Guard g;
  g_last = p.load(g);
}
// CASE: bug | stored in a member of *this
void Cache::keep(const RoutePtr &p) {
  rcu::Guard g;
  last = p.load(g);
}
// CASE: bug | stored through an out-parameter
void c9(const RoutePtr &p, const Route **out) {
  rcu::Guard g;
  *out = p.load(g);
}
// CASE: bug | pushed into a container that outlives the guard
void c10(const RoutePtr &p, std::vector<const Route *> &seen) {
  rcu::Guard g;
  seen.push_back(p.load(g));
}
// CASE: bug | lambda capturing a borrow returned
std::function<int()> c11(const RoutePtr &p) {
  rcu::Guard g;
  const Route *r = p.load(g);
  return [r] { return r->key; };
}
// CASE: bug | lambda capturing a borrow handed to std::thread
void c12(const RoutePtr &p) {
  rcu::Guard g;
  const Route *r = p.load(g);
  std::thread t([r] { consume(r); });
  t.detach();
}
// CASE: ok | value copied out before the guard ends
int c13(const RouteBox &b) {
  int k;
  {
    rcu::Guard g;
    k = b.with_rcu(g).key;
  }
  return k;
}
// CASE: ok | temporary guard used within its full-expression
int c14(const RouteBox &b) { return b.with_rcu(rcu::Guard{}).key; }
// CASE: ok | returning a borrow of the caller's guard
const Route &c15(const RouteBox &b, const rcu::Guard &g RCU_BORROW) {
  return b.with_rcu(g);
}
// CASE: ok | fresh guard per loop iteration
int c16(const RoutePtr &p) {
  int s = 0;
  for (int i = 0; i < 4; ++i) {
    rcu::Guard g;
    if (const Route *r = p.load(g))
      s += r->key;
  }
  return s;
}
// CASE: ok | dangling pointer reassigned before its next use
int c17(const RoutePtr &p) {
  static Route fallback;
  const Route *r;
  {
    rcu::Guard g;
    r = p.load(g);
    consume(r);
  }
  r = &fallback;
  return r->key;
}
// CASE: ok | lambda called inside the guard's scope
int c18(const RoutePtr &p) {
  rcu::Guard g;
  const Route *r = p.load(g);
  auto f = [&] { return r ? r->key : 0; };
  return f();
}
// CASE: ok | thread joined inside the guard's scope
int c19(const RoutePtr &p) {
  rcu::Guard g;
  const Route *r = p.load(g);
  int key = 0;
  std::jthread t([&] { key = r ? r->key : 0; });
  t.join();
  return key;
}
// CASE: bug | a helper stores its argument into a member
struct Index {
  const Route *by_key = nullptr;
  void store(const Route *r) { by_key = r; }
  void add(const RoutePtr &p) {
    rcu::Guard g;
    store(p.load(g));
  }
};
// CASE: bug | a helper appends its argument to the caller's container
void collect(std::vector<const Route *> &out, const Route *r) { out.push_back(r); }
size_t c21(const RoutePtr &p) {
  std::vector<const Route *> seen;
  {
    rcu::Guard g;
    collect(seen, p.load(g));
  }
  return seen.size();
}
// CASE: bug | an unannotated lookup helper's result used after the guard
const Route *lookup(const rcu::Guard &g, const RoutePtr &p) { return p.load(g); }
int c22(const RoutePtr &p) {
  const Route *r;
  {
    rcu::Guard g;
    r = lookup(g, p);
  }
  return r->key;
}
// CASE: bug | a lambda called in the section stores into a member
struct Picker {
  const Route *picked = nullptr;
  void pick(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    auto keep = [&] { picked = r; };
    keep();
  }
};
// CASE: ok | a helper that copies what it is given
struct Names {
  std::string last;
  void note(const Route &r) { last = r.name; }
  void add(const RoutePtr &p) {
    rcu::Guard g;
    note(*p.load(g));
  }
};
// CASE: ok | a lambda called in the section copies into a member
struct Keys {
  int last = 0;
  void pick(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    auto keep = [&] { last = r->key; };
    keep();
  }
};
// CASE: bug | a borrow bound into a std::function member with std::bind
struct Notifier {
  std::function<void()> on_change;
  void watch(const RoutePtr &p) {
    rcu::Guard g;
    on_change = std::bind(consume, p.load(g));
  }
};
// CASE: bug | a borrow from a read-section wrapper used after the wrapper
struct ReadSection {
  rcu::Guard guard;
};
int c25(const RoutePtr &p) {
  const Route *r;
  {
    ReadSection s;
    r = p.load(s.guard);
  }
  return r->key;
}
// CASE: bug | a borrow from a default-argument guard kept past the call
const Route &route_of(const RouteBox &b, const rcu::Guard &g RCU_BORROW = rcu::Guard{}) {
  return b.with_rcu(g);
}
int c26(const RouteBox &b) {
  const Route &r = route_of(b);
  return r.key;
}
// CASE: bug | a structured binding of an equal_range pair stored out
void c27(const rcu::Pointer<std::multimap<int, Route>> &p,
         std::vector<const Route *> &out) {
  rcu::Guard g;
  auto [first, last] = p.load(g)->equal_range(1);
  for (auto it = first; it != last; ++it)
    out.push_back(&it->second);
}
// CASE: bug | a range-for alias stores a borrow into a member container
struct Slots {
  struct Slot {
    const Route *route = nullptr;
  };
  std::vector<Slot> slots;
  void fill(const RoutePtr &p) {
    rcu::Guard g;
    for (auto &s : slots)
      s.route = p.load(g);
  }
};
// CASE: bug | a shared_ptr with a no-op deleter around a borrow returned
std::shared_ptr<const Route> c29(const RoutePtr &p) {
  rcu::Guard g;
  return std::shared_ptr<const Route>(p.load(g), [](const Route *) {});
}
// CASE: ok | a read-section wrapper's borrow used while it lives
int c30(const RoutePtr &p) {
  ReadSection s;
  const Route *r = p.load(s.guard);
  return r ? r->key : 0;
}
// CASE: ok | a bound callable called inside the section
int c31(const RoutePtr &p) {
  rcu::Guard g;
  auto show = std::bind(consume, p.load(g));
  show();
  return 0;
}
// CASE: ok | a shared_ptr owning a copy of the value returned
std::shared_ptr<const Route> c32(const RoutePtr &p) {
  rcu::Guard g;
  return std::make_shared<const Route>(*p.load(g));
}
// END
