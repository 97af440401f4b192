// The rows of the library table added with the audit against the standard's
// thread-safety guarantees: reference_wrapper is Rust's &T, futures follow
// their value, the C++20 primitives synchronise themselves (and may be
// `mutable`), and arrays of self-synchronising elements may be `mutable`.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <array>
#include <atomic>
#include <barrier>
#include <exception>
#include <functional>
#include <future>
#include <initializer_list>
#include <latch>
#include <semaphore>
#include <stop_token>
#include <rcu/rcu.hpp>

struct Limits {
  int max_conns;
};
struct Memo { // #lt_memo
  mutable int last; // #lt_memo_last
};

// std::reference_wrapper<T> is &T: Send and Sync iff T is Sync, const or not.
struct Route {
  std::reference_wrapper<const Limits> limits;
  std::reference_wrapper<Limits> editable;
};
rcu::Pointer<Route> *route; // silent
struct MemoRef { // #lt_memoref
  std::reference_wrapper<Memo> memo; // #lt_memoref_memo
};
// expected-warning@+4 {{'rcu::RcuBox<MemoRef>' requires 'MemoRef' to be Send}}
// expected-note@#lt_memoref_memo {{'MemoRef' is not Send because field 'memo' of type 'std::reference_wrapper<Memo>' is not Send}}
// expected-note@#lt_memoref_memo {{'std::reference_wrapper<Memo>' is not Send because the referenced type 'Memo' is not Sync}}
// expected-note@#lt_memo_last {{'Memo' is not Sync because 'mutable int last'}} expected-note@#lt_memoref {{once you have checked}}
rcu::RcuBox<MemoRef> *memo_ref;

// Exceptions are made to cross threads; a future owns the value it will
// receive, a shared_future shares it (Arc).
struct Outcome {
  std::exception_ptr error;
  std::future<Limits> pending;
  std::shared_future<Limits> shared;
  std::promise<int> reply;
};
rcu::Pointer<Outcome> *outcome; // silent
struct Deferred { // #lt_deferred
  std::shared_future<Memo> result; // #lt_deferred_result
};
// expected-warning@+4 {{'rcu::RcuBox<Deferred>' requires 'Deferred' to be Send}}
// expected-note@#lt_deferred_result {{'Deferred' is not Send because field 'result' of type 'std::shared_future<Memo>' is not Send}}
// expected-note@#lt_deferred_result {{'std::shared_future<Memo>' is not Send because its template argument 'Memo' is not Sync}}
// expected-note@#lt_memo_last {{'Memo' is not Sync}} expected-note@#lt_deferred {{once you have checked}}
rcu::RcuBox<Deferred> *deferred;
struct Pending { // #lt_pending
  std::future<Limits *> next; // #lt_pending_next
};
// expected-warning@+3 {{'rcu::RcuBox<Pending>' requires 'Pending' to be Send}}
// expected-note@#lt_pending_next {{'std::future<Limits *>' is not Send because its template argument 'Limits *' is a raw pointer}}
// expected-note@#lt_pending_next {{field 'next'}} expected-note@#lt_pending {{once you have checked}}
rcu::RcuBox<Pending> *pending;
struct Job { // #lt_job
  std::packaged_task<int()> task; // #lt_job_task
};
// expected-warning@+3 {{'rcu::RcuBox<Job>' requires 'Job' to be Send}}
// expected-note@#lt_job_task {{'std::packaged_task<int ()>' erases the type of the object it stores}}
// expected-note@#lt_job_task {{field 'task'}} expected-note@#lt_job {{once you have checked}}
rcu::RcuBox<Job> *job;

// The C++20 primitives synchronise every operation, so `mutable` is fine.
struct Phases {
  mutable std::counting_semaphore<8> slots{8};
  mutable std::binary_semaphore ready{0};
  mutable std::latch started{4};
  mutable std::barrier<> rounds{4};
  mutable std::stop_source stop;
  std::stop_token token;
};
rcu::Pointer<Phases> *phases; // silent

// Arrays of Sync elements are Sync; `mutable` only if each element
// synchronises itself.
struct Shards {
  std::array<Limits, 4> limits;
  Limits plain[4];
  mutable std::array<std::atomic<long>, 16> hits;
  mutable std::atomic<long> misses[16];
  mutable std::array<std::array<std::atomic<int>, 2>, 2> grid;
};
rcu::Pointer<Shards> *shards; // silent
struct Scratch { // #lt_scratch
  mutable std::array<int, 8> buffer; // #lt_scratch_buffer
};
// expected-warning@+3 {{'rcu::Pointer<Scratch>' requires 'Scratch' to be Sync}}
// expected-note@#lt_scratch_buffer {{'Scratch' is not Sync because 'mutable std::array<int, 8> buffer' allows unsynchronised mutation through a shared reference}}
// expected-note@#lt_scratch {{once you have checked}}
rcu::Pointer<Scratch> *scratch;

// A `mutable` member of a class made only of synchronising members is one.
struct Stats {
  std::atomic<long> hits;
  std::atomic<long> misses;
  const int shard;
};
struct StatsHolder {
  mutable Stats stats;
  mutable Stats per_shard[2];
};
rcu::Pointer<StatsHolder> *stats_holder; // silent
struct LooseStats { // #lt_loose
  std::atomic<long> hits;
  long misses;
};
struct LooseHolder { // #lt_looseh
  mutable LooseStats stats; // #lt_looseh_stats
};
// expected-warning@+3 {{'rcu::Pointer<LooseHolder>' requires 'LooseHolder' to be Sync}}
// expected-note@#lt_looseh_stats {{'LooseHolder' is not Sync because 'mutable LooseStats stats' allows unsynchronised mutation}}
// expected-note@#lt_looseh {{once you have checked}}
rcu::Pointer<LooseHolder> *loose;
// A value type is not a primitive: assigning a mutable token races.
struct TokenCache { // #lt_tokc
  mutable std::stop_token token; // #lt_tokc_token
};
// expected-warning@+3 {{'rcu::Pointer<TokenCache>' requires 'TokenCache' to be Sync}}
// expected-note@#lt_tokc_token {{'mutable std::stop_token token' allows unsynchronised mutation}}
// expected-note@#lt_tokc {{once you have checked}}
rcu::Pointer<TokenCache> *token_cache;

// An initializer_list is a borrow of const elements.
struct Defaults { // #lt_defaults
  std::initializer_list<Memo> seeds; // #lt_defaults_seeds
};
// expected-warning@+3 {{'rcu::RcuBox<Defaults>' requires 'Defaults' to be Send}}
// expected-note@#lt_defaults_seeds {{'std::initializer_list<Memo>' is not Send because the referenced type 'Memo' is not Sync}}
// expected-note@#lt_defaults_seeds {{field 'seeds'}} expected-note@#lt_memo_last {{'Memo' is not Sync}} expected-note@#lt_defaults {{once you have checked}}
rcu::RcuBox<Defaults> *defaults;
