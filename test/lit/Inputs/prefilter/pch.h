// A precompiled header that brings the runtime's annotations.
#include <rcu/guard.hpp>
