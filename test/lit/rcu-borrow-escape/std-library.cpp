// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note %s -I %inputs
// Standard algorithms, ranges, structured bindings: borrows flow through
// them; copies out of them do not.
#include "routes.h"
#include <algorithm>
#include <map>
#include <optional>
#include <ranges>
#include <string>
#include <tuple>
#include <utility>
#include <vector>
#include <memory>
#include <mutex>
struct Config { std::map<std::string, int> kv; std::vector<std::string> names; int version; };
using CfgPtr = rcu::Pointer<Config>;
std::optional<int> get(const CfgPtr& c, const std::string& k) {
  rcu::Guard g;
  const Config* cfg = c.load(g);
  auto it = cfg->kv.find(k);
  if (it == cfg->kv.end()) return std::nullopt;
  return it->second;
}
int sum(const CfgPtr& c) {
  rcu::Guard g;
  int s = 0;
  for (const auto& [k, v] : c.load(g)->kv) s += v + (int)k.size();
  auto it = std::find_if(c.load(g)->names.begin(), c.load(g)->names.end(), [](const std::string& n) { return n.size() > 3; });
  if (it != c.load(g)->names.end()) s += it->size();
  for (auto& n : c.load(g)->names | std::views::filter([](const std::string& n) { return !n.empty(); })) s += n.size();
  return s;
}
std::vector<std::string> names_copy(const CfgPtr& c) { rcu::Guard g; return c.load(g)->names; }
std::string first_name(const CfgPtr& c) { rcu::Guard g; const auto& v = c.load(g)->names; return v.empty() ? std::string() : v.front(); }
int version(const CfgPtr& c) { rcu::Guard g; const Config& cfg = *c.load(g); return cfg.version; }
std::shared_ptr<const Config> snapshot(const CfgPtr& c) { rcu::Guard g; return std::make_shared<const Config>(*c.load(g)); }
std::mutex m; std::vector<int> log_;
void record(const CfgPtr& c) { rcu::Guard g; std::lock_guard lk(m); log_.push_back(c.load(g)->version); }
std::map<std::string,int> global_copy;
void copy_map(const CfgPtr& c) { rcu::Guard g; global_copy = c.load(g)->kv; }
std::string name_at(const CfgPtr& c, size_t i) { rcu::Guard g; return c.load(g)->names.at(i); }
const std::string *find_returns_borrow(const CfgPtr &c) {
  rcu::Guard g;
  auto it = std::find(c.load(g)->names.begin(), c.load(g)->names.end(), "x");
  return &*it; // expected-warning {{returning a pointer into RCU-protected data that outlives the read-side critical section of 'g'}}
}

int structured_binding_after_scope(const CfgPtr &c) {
  const int *p = nullptr;
  {
    rcu::Guard g;
    for (const auto &[k, v] : c.load(g)->kv) {
      p = &v;
      break;
    }
  }
  return p ? *p : 0; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

const std::string *max_element_after_scope(const CfgPtr &c) {
  std::vector<std::string>::const_iterator it;
  {
    rcu::Guard g;
    const auto &names = c.load(g)->names;
    it = std::max_element(names.begin(), names.end());
  }
  return &*it; // expected-warning {{iterator into RCU-protected data is used after}}
}

// Library factories build their result from their arguments.
int make_pair_of_pointer(const RoutePtr &p) {
  std::pair<int, const Route *> pr;
  {
    rcu::Guard g;
    pr = std::make_pair(1, p.load(g));
  }
  return pr.second->key; // expected-warning {{value holding a pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

std::tuple<int, std::string_view> g_named;
void make_tuple_of_view(const RoutePtr &p) {
  rcu::Guard g;
  g_named = std::make_tuple(1, std::string_view(p.load(g)->name)); // expected-warning {{stored in variable 'g_named' with static storage duration}}
}

std::optional<const Route *> make_optional_of_pointer(const RoutePtr &p) {
  rcu::Guard g;
  return std::make_optional(p.load(g)); // expected-warning {{returning a value holding a pointer into RCU-protected data that outlives the read-side critical section of 'g'}}
}

// ...and copy what they are given by value or by copy.
std::pair<int, Route> make_pair_of_copy(const RoutePtr &p) {
  rcu::Guard g;
  return std::make_pair(1, *p.load(g));
}
std::optional<Route> make_optional_of_copy(const RoutePtr &p) {
  rcu::Guard g;
  return std::make_optional(*p.load(g));
}
std::shared_ptr<Route> make_shared_copy(const RoutePtr &p) {
  rcu::Guard g;
  return std::make_shared<Route>(*p.load(g));
}
