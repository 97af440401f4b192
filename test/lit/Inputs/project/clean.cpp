// A correct reader: copies out before the guard ends.
#include <rcu/rcu.hpp>

struct Config {
  int limit = 0;
};

int read_limit(const rcu::Pointer<Config> &config) {
  rcu::Guard g;
  const Config *c = config.load(g);
  return c ? c->limit : 0;
}
