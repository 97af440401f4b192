// A reader and an updater sharing a configuration through rcu::Pointer.
#include <rcu/rcu.hpp>

#include <atomic>
#include <cstdio>
#include <string>
#include <thread>

namespace {

struct Config {
  int generation;
  std::string name;
};

rcu::Pointer<Config> config(rcu::make_rcu_box<Config>(0, "initial"));

// Copies out under the guard: nothing borrowed outlives `g`.
int current_generation() {
  rcu::Guard g;
  return config.load(g)->generation;
}

} // namespace

int main() {
  std::atomic<bool> done{false};
  std::atomic<int> highest{0};
  std::thread reader([&] {
    while (!done.load()) {
      int seen = current_generation();
      if (seen > highest.load())
        highest.store(seen);
    }
  });

  constexpr int updates = 100;
  for (int i = 1; i <= updates; ++i) {
    rcu::RcuBox<Config> old =
        config.replace(rcu::make_rcu_box<Config>(i, "generation " + std::to_string(i)));
    // `old` is destroyed after the reader has left any guard that saw it.
  }
  done.store(true);
  reader.join();

  std::string name;
  {
    rcu::Guard g;
    name = config.load(g)->name; // a copy, not a borrow
  }
  std::printf("consumer: %s, reader saw up to %d\n", name.c_str(), highest.load());
  return name == "generation 100" ? 0 : 1;
}
