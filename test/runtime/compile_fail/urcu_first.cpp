// Must not compile: liburcu included before rcubox without _LGPL_SOURCE
// would silently turn the inlined read path into calls.
#include <urcu/urcu-memb.h>
#include <rcu/rcu.hpp>
int main() {}
