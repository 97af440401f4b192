// rcu::stats() and the reclamation budget: counting, throttling of droppers
// outside read-side sections, deferral inside them.
#include <rcu/rcu.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace {

std::atomic<int> g_dtors{0};

struct Counted {
  char payload[40] = {};
  ~Counted() { g_dtors.fetch_add(1); }
};
// Node = 24-byte header + 40-byte value = 64 bytes, four granules.
constexpr std::size_t kNodeBytes = 64;

class StatsTest : public ::testing::Test {
protected:
  void SetUp() override {
    saved_ = rcu::reclaim_budget();
    rcu::barrier();
    g_dtors = 0;
  }
  void TearDown() override {
    rcu::barrier();
    rcu::set_reclaim_budget(saved_);
  }
  rcu::ReclaimBudget saved_{};
};

TEST_F(StatsTest, CountsPendingBytesAndDestroyed) {
  const rcu::Stats before = rcu::stats();
  EXPECT_EQ(before.pending_objects, 0u);
  EXPECT_EQ(before.pending_bytes, 0u);
  {
    rcu::Guard g; // nothing queued now can be destroyed before it ends
    for (int i = 0; i < 10; ++i)
      (void)rcu::make_rcu_box<Counted>();
    const rcu::Stats during = rcu::stats();
    EXPECT_EQ(during.pending_objects, 10u);
    EXPECT_EQ(during.pending_bytes, 10 * kNodeBytes);
    EXPECT_GE(during.peak_pending_objects, 10u);
    EXPECT_GE(during.peak_pending_bytes, 10 * kNodeBytes);
  }
  rcu::barrier();
  const rcu::Stats after = rcu::stats();
  EXPECT_EQ(g_dtors, 10);
  EXPECT_EQ(after.pending_objects, 0u);
  EXPECT_EQ(after.pending_bytes, 0u);
  EXPECT_EQ(after.destroyed - before.destroyed, 10u);
  EXPECT_GT(after.grace_periods, before.grace_periods);
  EXPECT_EQ(after.throttled_drops, before.throttled_drops);
}

TEST_F(StatsTest, BudgetRoundTrips) {
  rcu::set_reclaim_budget({1 << 20, 123});
  EXPECT_EQ(rcu::reclaim_budget().bytes, std::size_t{1} << 20);
  EXPECT_EQ(rcu::reclaim_budget().objects, 123u);
}

// A reader holds its section while an updater drops far more than the
// budget: the updater reclaims the excess itself after grace periods (so it
// waits for the reader), the backlog never passes the budget, and the reader
// is never made to wait.
TEST_F(StatsTest, OverBudgetDropperReclaimsItself) {
  constexpr int kBudget = 8, kDrops = 40;
  std::atomic<bool> reading{false}, release{false};
  std::thread reader([&] {
    rcu::Guard g;
    reading = true;
    while (!release)
      std::this_thread::yield();
  });
  while (!reading)
    std::this_thread::yield();
  // The peak is process-wide and monotonic: measure from a clean slate.
  const rcu::Stats before = rcu::stats();
  ASSERT_EQ(before.pending_objects, 0u);
  rcu::set_reclaim_budget({0, kBudget});
  std::atomic<int> dropped{0};
  std::thread updater([&] {
    for (int i = 0; i < kDrops; ++i) {
      (void)rcu::make_rcu_box<Counted>();
      dropped.fetch_add(1);
    }
  });
  // Up to the budget the drops are queued; the next one needs a grace
  // period, which the reader is holding up.
  while (dropped < kBudget)
    std::this_thread::yield();
  EXPECT_LE(rcu::stats().pending_objects, std::size_t{kBudget} + 1);
  release = true;
  reader.join();
  updater.join();
  rcu::barrier();
  const rcu::Stats after = rcu::stats();
  EXPECT_EQ(g_dtors, kDrops);
  EXPECT_GT(after.throttled_drops, before.throttled_drops);
  EXPECT_EQ(after.destroyed - before.destroyed, std::uint64_t{kDrops});
  if (before.peak_pending_objects <= std::size_t{kBudget}) {
    EXPECT_LE(after.peak_pending_objects, std::size_t{kBudget});
  }
}

// Inside a read-side section nothing may wait: drops over budget are queued
// (the peak shows it) and the thread waits once its section has ended.
TEST_F(StatsTest, OverBudgetInsideGuardDefers) {
  rcu::set_reclaim_budget({0, 2});
  const rcu::Stats before = rcu::stats();
  {
    rcu::Guard g;
    for (int i = 0; i < 6; ++i)
      (void)rcu::make_rcu_box<Counted>();
    EXPECT_EQ(rcu::stats().pending_objects, 6u);
  }
  rcu::Stats mid = rcu::stats();
  EXPECT_GE(mid.peak_pending_objects, 6u);
  EXPECT_EQ(mid.throttled_drops, before.throttled_drops);
  (void)rcu::make_rcu_box<Counted>(); // catches up, then queues or reclaims
  rcu::barrier();
  EXPECT_EQ(g_dtors, 7);
}

// A deferred destructor over budget never waits (it runs on the reclaimer).
struct DropsMore {
  int depth;
  ~DropsMore() {
    if (depth > 0)
      for (int i = 0; i < 4; ++i)
        (void)rcu::make_rcu_box<DropsMore>(depth - 1);
    g_dtors.fetch_add(1);
  }
};

TEST_F(StatsTest, OverBudgetInsideDeferredDestructorQueues) {
  rcu::set_reclaim_budget({0, 1});
  const rcu::Stats before = rcu::stats();
  {
    (void)rcu::make_rcu_box<DropsMore>(3);
  }
  rcu::barrier();
  EXPECT_EQ(g_dtors, 1 + 4 + 16 + 64);
  EXPECT_EQ(rcu::stats().destroyed - before.destroyed, 85u);
}

} // namespace
