// Unit tests for every rcubox runtime API item and contract.
#include <rcu/rcu.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

std::atomic<int> g_dtors{0};

struct Counted {
  int value = 0;
  Counted() = default;
  explicit Counted(int v) : value(v) {}
  ~Counted() { g_dtors.fetch_add(1); }
};

class RuntimeTest : public ::testing::Test {
protected:
  void SetUp() override {
    rcu::barrier();
    g_dtors = 0;
  }
};

bool aligned(const void *p, std::size_t a) {
  return reinterpret_cast<std::uintptr_t>(p) % a == 0;
}

// ---- Guard ---------------------------------------------------------------

TEST_F(RuntimeTest, GuardsNest) {
  rcu::Guard outer;
  {
    rcu::Guard inner;
    EXPECT_TRUE(urcu_memb_read_ongoing());
  }
  EXPECT_TRUE(urcu_memb_read_ongoing());
}

TEST_F(RuntimeTest, NoGuardNoReadSection) {
  EXPECT_FALSE(urcu_memb_read_ongoing());
}

TEST_F(RuntimeTest, GuardTypeTraits) {
  static_assert(!std::is_copy_constructible_v<rcu::Guard>);
  static_assert(!std::is_move_constructible_v<rcu::Guard>);
  static_assert(!std::is_copy_assignable_v<rcu::Guard>);
  static_assert(!std::is_move_assignable_v<rcu::Guard>);
}

TEST_F(RuntimeTest, FreshThreadsNeedNoSetup) {
  rcu::Pointer<int> p(rcu::make_rcu_box<int>(7));
  std::vector<std::thread> threads;
  std::atomic<int> sum{0};
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      rcu::Guard g;
      sum += *p.load(g);
    });
  for (auto &t : threads)
    t.join();
  EXPECT_EQ(sum, 28);
  rcu::synchronize(); // must not wait for the exited (unregistered) threads
}

TEST_F(RuntimeTest, DropFromUnregisteredThreadAndThreadLocal) {
  std::thread([] {
    // Never created a Guard: the drop registers the thread for the call.
    auto b = rcu::make_rcu_box<Counted>(1);
  }).join();
  std::thread([] {
    // Destroyed during thread exit.
    thread_local rcu::Pointer<Counted> tl(rcu::make_rcu_box<Counted>(2));
    rcu::Guard g;
    EXPECT_EQ(tl.load(g)->value, 2);
  }).join();
  rcu::barrier();
  EXPECT_EQ(g_dtors, 2);
}

TEST_F(RuntimeTest, ManuallyRegisteredThread) {
  std::thread([] {
    urcu_memb_register_thread(); // rcubox must not register it again
    {
      rcu::Guard g;
      auto b = rcu::make_rcu_box<Counted>(1);
    }
    rcu::synchronize();
    urcu_memb_unregister_thread();
  }).join();
  rcu::barrier();
  EXPECT_EQ(g_dtors, 1);
}

// A thread rcubox registered and the program then unregistered by hand must
// not be unregistered a second time at exit (liburcu's registry would be
// corrupted): grace periods and new readers keep working afterwards.
TEST_F(RuntimeTest, ManualUnregisterIsNotRepeatedAtExit) {
  for (int i = 0; i < 4; ++i)
    std::thread([] {
      {
        rcu::Guard g;
      } // registered by rcubox
      urcu_memb_unregister_thread();
    }).join();
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i)
    readers.emplace_back([] { rcu::Guard g; });
  for (auto &t : readers)
    t.join();
  rcu::synchronize();
  {
    auto b = rcu::make_rcu_box<Counted>(1);
  }
  rcu::barrier();
  EXPECT_EQ(g_dtors, 1);
}

using RuntimeDeathTest = RuntimeTest;

// The runtime's abort is what these test: the waits are deliberate.
// NOLINTBEGIN(rcu-sync-in-read-section)
TEST_F(RuntimeDeathTest, SynchronizeInsideGuardAborts) {
  EXPECT_DEATH(
      {
        rcu::Guard g;
        rcu::synchronize();
      },
      "Illegal rcu::synchronize\\(\\) in RCU read-side critical section");
}

TEST_F(RuntimeDeathTest, BarrierInsideGuardAborts) {
  EXPECT_DEATH(
      {
        rcu::Guard g;
        rcu::barrier();
      },
      "Illegal rcu::barrier\\(\\) in RCU read-side critical section");
}
// NOLINTEND(rcu-sync-in-read-section)

// A deferred destructor runs on liburcu's call_rcu thread: barrier() there
// would wait for itself. It aborts with a message instead of hanging.
struct CallsBarrier {
  ~CallsBarrier() { rcu::barrier(); }
};
// rcu-sync-in-read-section reports this deadlock at compile time; the
// runtime's abort is what is tested here.
auto make_box_that_calls_barrier() {
  return rcu::make_rcu_box<CallsBarrier>(); // NOLINT(rcu-sync-in-read-section)
}

TEST_F(RuntimeDeathTest, BarrierInsideDeferredDestructorAborts) {
  EXPECT_DEATH(
      {
        alarm(5); // without the check: a silent deadlock
        {
          auto b = make_box_that_calls_barrier();
        }
        rcu::barrier();
      },
      "Illegal rcu::barrier\\(\\) inside a deferred destructor");
}

// ---- RcuBox --------------------------------------------------------------

TEST_F(RuntimeTest, MakeValueInitialises) {
  auto b = rcu::make_rcu_box<int>();
  EXPECT_EQ(*b, 0);
  struct Agg {
    int a;
    std::string s;
  };
  auto agg = rcu::make_rcu_box<Agg>(1, "x");
  EXPECT_EQ(agg->a, 1);
  EXPECT_EQ(agg->s, "x");
  auto c = rcu::make_rcu_box<Counted>(5);
  EXPECT_EQ(c->value, 5);
}

TEST_F(RuntimeTest, DropIsDeferredAndExactlyOnce) {
  {
    rcu::Guard g;
    auto b = rcu::make_rcu_box<Counted>(1);
    const Counted &ref = b.with_rcu(g);
    {
      auto moved = std::move(b);
    } // dropped inside the read-side section
    EXPECT_EQ(ref.value, 1); // still alive: our guard holds it
    EXPECT_EQ(g_dtors, 0);
  }
  rcu::barrier();
  EXPECT_EQ(g_dtors, 1);
}

TEST_F(RuntimeTest, MoveAssignDropsOld) {
  auto a = rcu::make_rcu_box<Counted>(1);
  auto b = rcu::make_rcu_box<Counted>(2);
  a = std::move(b);
  EXPECT_FALSE(b);
  EXPECT_EQ(a->value, 2);
  rcu::barrier();
  EXPECT_EQ(g_dtors, 1);
}

TEST_F(RuntimeTest, NestedBoxesAllFlushedByBarrier) {
  struct Outer {
    rcu::RcuBox<Counted> inner = rcu::make_rcu_box<Counted>(3);
    Counted self{4};
    ~Outer() { rcu::Guard g; } // a Guard on liburcu's call_rcu thread
  };
  {
    auto o = rcu::make_rcu_box<Outer>();
  }
  rcu::barrier();
  EXPECT_EQ(g_dtors, 2);
}

// Three levels: barrier() must also wait for the drops made by deferred
// destructors, transitively.
struct Leaf : Counted {
  using Counted::Counted;
};
struct Mid {
  rcu::RcuBox<Leaf> leaf = rcu::make_rcu_box<Leaf>(1);
  Counted self{2};
};
struct Top {
  rcu::RcuBox<Mid> mid = rcu::make_rcu_box<Mid>();
  Counted self{3};
};

// barrier() waits for the destructions queued before it, not for the ones
// other threads keep queueing meanwhile: it must not be starved by them.
TEST_F(RuntimeTest, BarrierIsNotStarvedByConcurrentDrops) {
  using Clock = std::chrono::steady_clock;
  const auto give_up = Clock::now() + std::chrono::seconds(5);
  std::atomic<bool> stop{false};
  std::vector<std::thread> droppers;
  for (int i = 0; i < 2; ++i)
    droppers.emplace_back([&] {
      while (!stop.load(std::memory_order_relaxed) && Clock::now() < give_up) {
        auto b = rcu::make_rcu_box<int>(1);
      }
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  for (int round = 0; round < 3; ++round) {
    g_dtors = 0;
    {
      auto t = rcu::make_rcu_box<Top>();
    }
    const auto start = Clock::now();
    rcu::barrier();
    const auto took = Clock::now() - start;
    EXPECT_EQ(g_dtors, 3) << "round " << round; // Top, Mid and Leaf
    EXPECT_LT(took, std::chrono::seconds(2)) << "round " << round;
  }
  stop = true;
  for (auto &t : droppers)
    t.join();
}

// Several threads calling barrier() at once, while another drops nested
// boxes (paced: reclaiming a Top costs liburcu's single call_rcu thread more
// than queueing it costs the dropper, so an unpaced dropper grows the queue
// without bound).
TEST_F(RuntimeTest, ConcurrentBarriers) {
  std::atomic<bool> stop{false};
  std::thread dropper([&] {
    while (!stop.load(std::memory_order_relaxed)) {
      {
        auto b = rcu::make_rcu_box<Top>();
      }
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
  });
  std::vector<std::thread> callers;
  for (int i = 0; i < 3; ++i)
    callers.emplace_back([] {
      for (int k = 0; k < 8; ++k) {
        std::atomic<int> mine{0};
        struct RCU_SEND Flag { // the atomic outlives every drop (barrier)
          std::atomic<int> *f;
          ~Flag() { f->store(1); }
        };
        {
          auto b = rcu::make_rcu_box<Flag>(&mine);
        }
        rcu::barrier();
        EXPECT_EQ(mine.load(), 1);
      }
    });
  for (auto &t : callers)
    t.join();
  stop = true;
  dropper.join();
}

struct alignas(64) OverAligned {
  char bytes[64];
};
struct alignas(8192) PageAligned {
  char bytes[16];
};

template <class A> void check_alignment() {
  auto i = rcu::make_rcu_box<int, A>(1);
  auto o = rcu::make_rcu_box<OverAligned, A>();
  auto d = rcu::make_rcu_box<double, A>(2.0);
  EXPECT_TRUE(aligned(&*i, alignof(int)));
  EXPECT_TRUE(aligned(&*o, 64));
  EXPECT_TRUE(aligned(&*d, alignof(double)));
}

TEST_F(RuntimeTest, KmallocAligns) {
  check_alignment<rcu::Kmalloc>();
  auto p = rcu::make_rcu_box<PageAligned>();
  EXPECT_TRUE(aligned(&*p, 8192));
}
TEST_F(RuntimeTest, VmallocAligns) {
  check_alignment<rcu::Vmalloc>();
  auto p = rcu::make_rcu_box<PageAligned, rcu::Vmalloc>();
  EXPECT_TRUE(aligned(&*p, 8192));
}
TEST_F(RuntimeTest, KVmallocAligns) { check_alignment<rcu::KVmalloc>(); }

TEST_F(RuntimeTest, VmallocIsPageGranular) {
  void *p = rcu::Vmalloc::allocate(100, 16);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(aligned(p, 4096));
  std::memset(p, 0xab, 4096); // the whole page is ours
  rcu::Vmalloc::deallocate(p, 100, 16);
}

// Counts which allocator served each request.
struct Big {
  char bytes[rcu::KVmalloc::threshold * 2];
};
TEST_F(RuntimeTest, KVmallocPicksBySize) {
  auto small = rcu::make_rcu_box<int, rcu::KVmalloc>(1);
  auto big = rcu::make_rcu_box<Big, rcu::KVmalloc>();
  // Values start right after the node header, so a page-served value sits at
  // a fixed offset from a page boundary; a heap one almost never does.
  constexpr auto off = rcu::detail::Node<Big, rcu::KVmalloc>::value_offset;
  EXPECT_TRUE(aligned(reinterpret_cast<const char *>(&*big) - off, 4096));
  EXPECT_EQ(big->bytes[sizeof(Big) - 1], 0); // value-initialised, mapped
  auto vbig = rcu::make_rcu_box<Big, rcu::Vmalloc>();
  EXPECT_EQ(vbig->bytes[0], 0);
}

std::atomic<int> g_alloc_calls{0};
std::atomic<int> g_dealloc_calls{0};
struct FailingAllocator {
  static void *allocate(std::size_t, std::size_t) noexcept {
    ++g_alloc_calls;
    return nullptr;
  }
  static void deallocate(void *, std::size_t, std::size_t) noexcept {
    ++g_dealloc_calls;
  }
};
struct CountingAllocator {
  static void *allocate(std::size_t size, std::size_t align) noexcept {
    ++g_alloc_calls;
    return rcu::Kmalloc::allocate(size, align);
  }
  static void deallocate(void *p, std::size_t size,
                         std::size_t align) noexcept {
    ++g_dealloc_calls;
    rcu::Kmalloc::deallocate(p, size, align);
  }
};
static_assert(rcu::Allocator<FailingAllocator>);
static_assert(rcu::Allocator<CountingAllocator>);
static_assert(!rcu::Allocator<std::allocator<int>>);

TEST_F(RuntimeTest, TryNewReportsAllocationFailure) {
  g_alloc_calls = 0;
  auto r = rcu::RcuBox<Counted, FailingAllocator>::try_new(3);
  ASSERT_FALSE(r);
  EXPECT_FALSE(r.has_value());
  EXPECT_GE(r.error().size, sizeof(Counted));
  EXPECT_EQ(g_alloc_calls, 1);
  EXPECT_THROW((rcu::make_rcu_box<int, FailingAllocator>(1)), std::bad_alloc);
}

TEST_F(RuntimeTest, TryNewSuccessAndMemoryGoesBack) {
  g_alloc_calls = 0;
  g_dealloc_calls = 0;
  {
    auto r = rcu::RcuBox<Counted, CountingAllocator>::try_new(9);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->operator*().value, 9);
    EXPECT_EQ((*r)->value, 9);
    auto box = std::move(r).value();
    EXPECT_EQ(box->value, 9);
  }
  rcu::barrier();
  EXPECT_EQ(g_alloc_calls, 1);
  EXPECT_EQ(g_dealloc_calls, 1);
  EXPECT_EQ(g_dtors, 1);
}

TEST_F(RuntimeTest, ThrowingConstructorReleasesMemory) {
  struct Throws {
    Throws() { throw 42; }
  };
  g_alloc_calls = 0;
  g_dealloc_calls = 0;
  using Box = rcu::RcuBox<Throws, CountingAllocator>;
  EXPECT_THROW((void)Box::try_new(), int);
  EXPECT_EQ(g_alloc_calls, 1);
  EXPECT_EQ(g_dealloc_calls, 1);
}

TEST_F(RuntimeTest, TriviallyDestructibleTakesFreeOnlyPath) {
  g_dealloc_calls = 0;
  {
    auto b = rcu::make_rcu_box<int, CountingAllocator>(1);
  }
  rcu::barrier();
  EXPECT_EQ(g_dealloc_calls, 1);
}

TEST_F(RuntimeTest, Aliases) {
  static_assert(
      std::is_same_v<rcu::RcuKBox<int>, rcu::RcuBox<int, rcu::Kmalloc>>);
  static_assert(
      std::is_same_v<rcu::RcuVBox<int>, rcu::RcuBox<int, rcu::Vmalloc>>);
  static_assert(
      std::is_same_v<rcu::RcuKVBox<int>, rcu::RcuBox<int, rcu::KVmalloc>>);
  static_assert(std::is_same_v<rcu::RcuBox<int>, rcu::RcuKBox<int>>);
  static_assert(!std::is_copy_constructible_v<rcu::RcuBox<int>>);
  static_assert(std::is_nothrow_move_constructible_v<rcu::RcuBox<int>>);
  // Only const access.
  static_assert(std::is_same_v<decltype(*std::declval<rcu::RcuBox<int> &>()),
                               const int &>);
}

// ---- ForeignOwnable ------------------------------------------------------

static_assert(rcu::ForeignOwnable<rcu::RcuBox<int>>);
static_assert(rcu::ForeignOwnableRcu<rcu::RcuBox<int>>);
static_assert(rcu::ForeignOwnableRcu<rcu::RcuVBox<std::string>>);
static_assert(!rcu::ForeignOwnable<std::unique_ptr<int>>);
static_assert(!rcu::ForeignOwnable<int *>);

TEST_F(RuntimeTest, ForeignRoundTrip) {
  auto b = rcu::make_rcu_box<Counted>(11);
  const Counted *addr = &*b;
  void *f = std::move(b).into_foreign();
  EXPECT_FALSE(b);
  EXPECT_EQ(f, addr);
  EXPECT_EQ(rcu::RcuBox<Counted>::borrow(f).value, 11);
  {
    rcu::Guard g;
    const Counted &r = rcu::RcuBox<Counted>::rcu_borrow(f, g);
    auto back = rcu::RcuBox<Counted>::from_foreign(f);
    {
      auto drop = std::move(back);
    }
    EXPECT_EQ(r.value, 11); // valid until from_foreign + a grace period
    EXPECT_EQ(g_dtors, 0);
  }
  rcu::barrier();
  EXPECT_EQ(g_dtors, 1);
}

TEST_F(RuntimeDeathTest, FromForeignNull) {
  EXPECT_DEATH((void)rcu::RcuBox<int>::from_foreign(nullptr),
               "RcuBox::from_foreign was given a null pointer");
}
TEST_F(RuntimeDeathTest, FromForeignWrongType) {
  void *f = rcu::make_rcu_box<int>(1).into_foreign();
  EXPECT_DEATH((void)rcu::RcuBox<long>::from_foreign(f),
               "did not come from into_foreign");
  using WrongAlloc = rcu::RcuBox<int, rcu::KVmalloc>;
  EXPECT_DEATH(
      (void)WrongAlloc::borrow(f),
      "RcuBox::borrow was given a pointer that did not come from into_foreign");
  (void)rcu::RcuBox<int>::from_foreign(f);
}
TEST_F(RuntimeDeathTest, FromForeignTwice) {
  void *f = rcu::make_rcu_box<int>(1).into_foreign();
  auto owner = rcu::RcuBox<int>::from_foreign(f);
  EXPECT_DEATH((void)rcu::RcuBox<int>::from_foreign(f), "double from_foreign");
}

// ---- Pointer -------------------------------------------------------------

TEST_F(RuntimeTest, PointerEmptyAndReplace) {
  {
    rcu::Pointer<Counted> p;
    {
      rcu::Guard g;
      EXPECT_EQ(p.load(g), nullptr);
    }
    auto old = p.replace(rcu::make_rcu_box<Counted>(1));
    EXPECT_FALSE(old);
    rcu::Guard g;
    const Counted *first = p.load(g);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->value, 1);
    old = p.replace(rcu::make_rcu_box<Counted>(2));
    ASSERT_TRUE(old);
    EXPECT_EQ(old->value, 1);
    EXPECT_EQ(p.load(g)->value, 2);
    old = rcu::RcuBox<Counted>::from_foreign(std::move(old).into_foreign());
    {
      auto drop = std::move(old);
    }
    EXPECT_EQ(first->value, 1); // still protected by g
    auto taken = p.take();
    EXPECT_EQ(p.load(g), nullptr);
    EXPECT_EQ(taken->value, 2);
  }
  rcu::barrier();
  EXPECT_EQ(g_dtors, 2);
}

TEST_F(RuntimeTest, PointerDestructorDefersDrop) {
  {
    rcu::Pointer<Counted, rcu::KVmalloc> p(
        rcu::make_rcu_box<Counted, rcu::KVmalloc>(5));
  }
  rcu::barrier();
  EXPECT_EQ(g_dtors, 1);
  static_assert(!std::is_copy_constructible_v<rcu::Pointer<int>>);
  static_assert(!std::is_move_constructible_v<rcu::Pointer<int>>);
}

TEST(ResultTest, Basics) {
  rcu::Result<int, rcu::AllocError> ok(3);
  EXPECT_TRUE(ok.has_value());
  EXPECT_EQ(*ok, 3);
  rcu::Result<int, rcu::AllocError> err(rcu::AllocError{8, 8});
  EXPECT_FALSE(err);
  EXPECT_EQ(err.error().align, 8u);
  EXPECT_DEATH((void)err.value(), "Result::value\\(\\) called on an error");
}

} // namespace

int main(int argc, char **argv) {
  ::testing::InitGoogleTest(&argc, argv);
  // The call_rcu worker thread exists: re-exec instead of a bare fork().
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  return RUN_ALL_TESTS();
}
