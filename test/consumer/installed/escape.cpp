// A borrow used after its guard ended: rcu-borrow-escape must reject this.
// It compiles cleanly without the checks, so a build failure here means the
// plugin ran.
#include <rcu/rcu.hpp>

namespace {
struct Config {
  int generation;
};
rcu::Pointer<Config> config(rcu::make_rcu_box<Config>(1));
} // namespace

int main() {
  const Config *c;
  {
    rcu::Guard g;
    c = config.load(g);
  }
  return c->generation; // escapes: the read-side critical section has ended
}
