// Shared test vocabulary: read-mostly data published through rcubox.
#pragma once
#include <rcu/rcu.hpp>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct Route {
  int key = 0;
  std::string name;
  std::string_view label;
  std::vector<int> hops;
  int metrics[4] = {};
};

using RouteBox = rcu::RcuBox<Route>;
using RoutePtr = rcu::Pointer<Route>;

// A user container whose lookups borrow from the caller's guard.
struct RouteTable {
  RoutePtr head;
  const Route *find(const rcu::Guard &g RCU_BORROW, int key) const {
    const Route *r = head.load(g);
    return r && r->key == key ? r : nullptr;
  }
};

void consume(const Route &);
void consume_ptr(const Route *);
void consume_int(int);
void consume_sv(std::string_view);
