// Concurrency stress: readers check canaries on values that updaters keep
// replacing; destructors poison the value, so a reader that sees a destroyed
// object fails (and ASan/TSan builds catch the use-after-free or race).
// Duration: RCUBOX_STRESS_SECONDS (default 2). Exit code 0 on success.
#include <rcu/rcu.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr std::uint64_t kCanary = 0xC0FFEE'0DDBA11ull;
constexpr std::uint64_t kPoison = 0xDEADBEEF'DEADBEEFull;

std::atomic<long> created{0};
std::atomic<long> destroyed{0};
std::atomic<long> failures{0};

struct Item {
  std::uint64_t canary = kCanary;
  std::uint64_t seq;
  std::array<std::uint64_t, 8> payload;
  std::string name; // non-trivial member: exercises ~T after the grace period

  explicit Item(std::uint64_t s) : seq(s), name("item-" + std::to_string(s)) {
    for (std::size_t i = 0; i < payload.size(); ++i)
      payload[i] = s * (i + 1);
    created.fetch_add(1, std::memory_order_relaxed);
  }
  ~Item() {
    // Volatile so the poison is not optimised away as a dead store.
    volatile std::uint64_t* words = &canary;
    words[0] = kPoison;
    for (auto& w : payload)
      *static_cast<volatile std::uint64_t*>(&w) = kPoison;
    destroyed.fetch_add(1, std::memory_order_relaxed);
  }
  bool valid() const {
    if (canary != kCanary)
      return false;
    for (std::size_t i = 0; i < payload.size(); ++i)
      if (payload[i] != seq * (i + 1))
        return false;
    return name == "item-" + std::to_string(seq);
  }
};

void fail(const char* what) {
  failures.fetch_add(1);
  std::fprintf(stderr, "stress: %s\n", what);
}

} // namespace

int main() {
  double seconds = 2.0;
  if (const char* env = std::getenv("RCUBOX_STRESS_SECONDS"))
    seconds = std::atof(env);

  std::array<rcu::Pointer<Item>, 4> slots;
  std::array<rcu::Pointer<Item, rcu::KVmalloc>, 1> kv_slot;
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> next_seq{1};
  std::atomic<long> reads{0};

  auto reader = [&] {
    long n = 0;
    while (!stop.load(std::memory_order_relaxed)) {
      rcu::Guard g;
      for (auto& slot : slots) {
        const Item* item = slot.load(g);
        if (item && !item->valid())
          fail("reader saw a destroyed or torn item");
        rcu::Guard nested; // nesting inside a section
        if (const Item* again = slot.load(nested); again && !again->valid())
          fail("nested reader saw a destroyed item");
      }
      if (const Item* kv = kv_slot[0].load(g); kv && !kv->valid())
        fail("reader saw a destroyed KVmalloc item");
      ++n;
    }
    reads.fetch_add(n);
  };
  auto updater = [&](unsigned salt) {
    unsigned i = salt;
    while (!stop.load(std::memory_order_relaxed)) {
      auto seq = next_seq.fetch_add(1);
      auto old = slots[i++ % slots.size()].replace(rcu::make_rcu_box<Item>(seq));
      if (old && !old->valid())
        fail("updater got back a destroyed item");
      if (i % 64 == 0) {
        (void)kv_slot[0].replace(rcu::make_rcu_box<Item, rcu::KVmalloc>(next_seq.fetch_add(1)));
        // Foreign round trip with an RCU borrow racing the reclaim.
        void* f = rcu::make_rcu_box<Item>(next_seq.fetch_add(1)).into_foreign();
        rcu::Guard g;
        const Item& borrowed = rcu::RcuBox<Item>::rcu_borrow(f, g);
        { auto back = rcu::RcuBox<Item>::from_foreign(f); }
        if (!borrowed.valid())
          fail("rcu_borrow died before its guard");
      }
      if (i % 1024 == 0)
        rcu::synchronize();
    }
  };

  std::vector<std::thread> threads;
  for (int r = 0; r < 3; ++r)
    threads.emplace_back(reader);
  for (unsigned u = 0; u < 2; ++u)
    threads.emplace_back(updater, u);
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads)
    t.join();

  for (auto& slot : slots)
    (void)slot.take();
  (void)kv_slot[0].take();
  rcu::barrier();
  std::printf("stress: %ld reads, %ld created, %ld destroyed, %ld failures\n", reads.load(),
              created.load(), destroyed.load(), failures.load());
  if (created != destroyed) {
    std::fprintf(stderr, "stress: destructor count mismatch after barrier()\n");
    return 1;
  }
  return failures == 0 && reads > 0 ? 0 : 1;
}
