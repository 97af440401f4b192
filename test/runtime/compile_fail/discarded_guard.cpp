// Must warn (an error under -Werror): a discarded Guard protects nothing.
#include <rcu/rcu.hpp>
void f() { rcu::Guard{}; }
