// Must not compile: readers may be looking at a boxed value, so an RcuBox
// only hands out const access.
#include <rcu/rcu.hpp>
void f(rcu::RcuBox<int>& b) { *b = 1; }
