// Raw pointers are judged by what they let every holder do: `const T *` is
// Rust's &T (Send and Sync iff T is Sync, and Send for Send), `T *` also
// needs T to synchronise its own mutation; `void *`, incomplete pointees and
// member pointers stay raw.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <atomic>
#include <cstdint>
#include <mutex>
#include <rcu/rcu.hpp>
#include <string>
#include <vector>

struct Tier {
  const char *name;
  int max_rps;
};
constexpr Tier kTiers[] = {{"free", 10}, {"pro", 100}};

struct Counters {
  std::atomic<std::uint64_t> hits{0};
  std::atomic<std::uint64_t> misses{0};
  const int shard = 0;
};

struct Block {
  const std::vector<std::string> records;
  mutable std::atomic<int> refs{1};
};

// Silent: pointers to constants, to atomics, to structs of atomics and
// constants, to a vouched class, and string literals.
struct Limits {
  const Tier *tier = &kTiers[0];
  std::atomic<int> *shared_budget = nullptr;
  Counters *counters = nullptr;
  Block *block = nullptr;
  const char *label = "default";
  std::atomic<const Tier *> current{&kTiers[1]};
};
rcu::Pointer<Limits> *limits;

class RCU_SYNC RCU_SEND Journal {
public:
  void append(std::string line);

private:
  std::mutex mu_;
  std::vector<std::string> lines_;
};
struct Sink {
  Journal *journal = nullptr;
};
rcu::Pointer<Sink> *sink;

// Reported: a pointer through which readers may change a plain value.
struct Budget { // #ss_budget
  int *remaining; // #ss_budget_remaining
};
// expected-warning@+3 {{'rcu::Pointer<Budget>' requires 'Budget' to be Send}}
// expected-note@#ss_budget_remaining {{'Budget' is not Send because field 'remaining' has raw pointer type 'int *', through which 'int' can be changed without synchronisation}}
// expected-note@#ss_budget {{once you have checked}}
rcu::Pointer<Budget> *budget;
// expected-note@-1 {{'Budget' is not Sync for the same reason}}

// Reported: a pointer to a struct with one plain counter among atomics.
struct Stats {
  std::atomic<long> hits;
  long misses; // changed through the pointer without synchronisation
};
struct Probe { // #ss_probe
  Stats *stats; // #ss_probe_stats
};
// expected-warning@+3 {{'rcu::Pointer<Probe>' requires 'Probe' to be Send}}
// expected-note@#ss_probe_stats {{'Probe' is not Send because field 'stats' has raw pointer type 'Stats *', through which 'Stats' can be changed without synchronisation}}
// expected-note@#ss_probe {{once you have checked}}
rcu::Pointer<Probe> *probe;
// expected-note@-1 {{'Probe' is not Sync for the same reason}}

// Reported: a pointer to const of a type that is not Sync.
struct Memo { // #ss_memo
  mutable std::vector<int> cache; // #ss_memo_cache
};
struct View { // #ss_view
  const Memo *memo; // #ss_view_memo
};
// expected-warning@+5 {{'rcu::Pointer<View>' requires 'View' to be Send}}
// expected-note@#ss_view_memo {{'View' is not Send because field 'memo' of type 'const Memo *' is not Send}}
// expected-note@#ss_view_memo {{'const Memo *' is not Send because the referenced type 'const Memo' is not Sync}}
// expected-note@#ss_memo_cache {{'const Memo' is not Sync because 'mutable std::vector<int> cache' allows unsynchronised mutation through a shared reference}}
// expected-note@#ss_view {{once you have checked}}
rcu::Pointer<View> *view;
// expected-note@-1 {{'View' is not Sync for the same reason}}

// Reported: type-erased and incomplete pointees stay raw pointers.
struct Opaque;
struct Handle { // #ss_handle
  void *ctx; // #ss_handle_ctx
};
// expected-warning@+3 {{'rcu::RcuBox<Handle>' requires 'Handle' to be Send}}
// expected-note@#ss_handle_ctx {{'Handle' is not Send because field 'ctx' has raw pointer type 'void *'}}
// expected-note@#ss_handle {{once you have checked}}
rcu::RcuBox<Handle> *handle;
struct Wrapper { // #ss_wrapper
  const Opaque *impl; // #ss_wrapper_impl
};
// expected-warning@+3 {{'rcu::RcuBox<Wrapper>' requires 'Wrapper' to be Send}}
// expected-note@#ss_wrapper_impl {{'Wrapper' is not Send because field 'impl' has raw pointer type 'const Opaque *'}}
// expected-note@#ss_wrapper {{once you have checked}}
rcu::RcuBox<Wrapper> *wrapper;
