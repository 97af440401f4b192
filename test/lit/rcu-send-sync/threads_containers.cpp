// Moving an RCU container to another thread needs its value Send and Sync;
// users' own containers declare requirements with the same annotations.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <future>
#include <optional>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>
#include <rcu/rcu.hpp>

struct Stats { // #ss_stats
  int count;
  mutable int reads; // #ss_stats_reads
};
struct Plain {
  int x;
};

void consume(rcu::RcuBox<Stats>);

void spawn(rcu::RcuBox<Stats> stats, rcu::RcuBox<Stats> other,
           rcu::RcuBox<Stats> third, rcu::RcuBox<Plain> plain) {
  // Boxing Stats is fine (it is Send) but a box moved to a thread is Send
  // only if Stats is also Sync.
  // expected-warning@+3 {{moving 'rcu::RcuBox<Stats>' to another thread requires 'Stats' to be Send and Sync: the new thread owns it while readers may still share it}}
  // expected-note@#ss_stats_reads {{'Stats' is not Sync because 'mutable int reads'}}
  // expected-note@#ss_stats {{once you have checked that 'Stats' may be shared between threads, mark it RCU_SYNC}}
  std::thread t(consume, std::move(stats));
  // expected-warning@+3 {{moving 'rcu::RcuBox<Stats>' to another thread requires 'Stats' to be Send and Sync}}
  // expected-note@#ss_stats_reads {{'Stats' is not Sync}}
  // expected-note@#ss_stats {{once you have checked}}
  std::jthread j([box = std::move(other)] { (void)box; });
  // expected-warning@+3 {{moving 'rcu::RcuBox<Stats>' to another thread requires 'Stats' to be Send and Sync}}
  // expected-note@#ss_stats_reads {{'Stats' is not Sync}}
  // expected-note@#ss_stats {{once you have checked}}
  auto f = std::async(std::launch::async, consume, std::move(third));
  std::thread ok([p = std::move(plain)] { (void)p; }); // silent
  t.join();
  ok.join();
}

void share_by_reference(const rcu::RcuBox<Stats> &stats, const rcu::RcuBox<Plain> &plain) {
  // expected-warning@+3 {{sharing 'rcu::RcuBox<Stats>' with another thread requires 'Stats' to be Send and Sync: the other thread reads it concurrently}}
  // expected-note@#ss_stats_reads {{'Stats' is not Sync}}
  // expected-note@#ss_stats {{once you have checked}}
  std::thread t([&stats] { (void)stats; });
  std::thread ok([&plain] { (void)plain; }); // silent
  t.join();
  ok.join();
}

// A box inside another object moves with it: through fields, bases and the
// element types of library containers.
struct Job { // #ss_job
  int id;
  rcu::RcuBox<Stats> stats; // #ss_job_stats
};
struct PriorityJob : Job {}; // #ss_priority_base
struct PlainJob {
  rcu::RcuBox<Plain> plain;
  const Job *parent; // a pointer moves no box
};
void run_job(Job);

void spawn_holders(Job job, PriorityJob urgent, std::vector<rcu::RcuBox<Stats>> boxes,
                   PlainJob plain, std::optional<Job> maybe,
                   std::tuple<int, rcu::RcuBox<Stats>> tagged) {
  // expected-warning@+4 {{moving 'rcu::RcuBox<Stats>' to another thread requires 'Stats' to be Send and Sync}}
  // expected-note@#ss_job_stats {{'Job' holds it in field 'stats'}}
  // expected-note@#ss_stats_reads {{'Stats' is not Sync}}
  // expected-note@#ss_stats {{once you have checked}}
  std::thread t(run_job, std::move(job));
  // expected-warning@+5 {{moving 'rcu::RcuBox<Stats>' to another thread requires 'Stats' to be Send and Sync}}
  // expected-note@#ss_priority_base {{'PriorityJob' holds it in a base class}}
  // expected-note@#ss_job_stats {{'Job' holds it in field 'stats'}}
  // expected-note@#ss_stats_reads {{'Stats' is not Sync}}
  // expected-note@#ss_stats {{once you have checked}}
  std::jthread u([j = std::move(urgent)] { (void)j; });
  // expected-warning@+4 {{moving 'rcu::RcuBox<Stats>' to another thread requires 'Stats' to be Send and Sync}}
  // expected-note@+3 {{'std::vector<rcu::RcuBox<Stats>>' holds it}}
  // expected-note@#ss_stats_reads {{'Stats' is not Sync}}
  // expected-note@#ss_stats {{once you have checked}}
  std::jthread v([b = std::move(boxes)] { (void)b; });
  // expected-warning@+5 {{moving 'rcu::RcuBox<Stats>' to another thread requires 'Stats' to be Send and Sync}}
  // expected-note@+4 {{'std::optional<Job>' holds it}}
  // expected-note@#ss_job_stats {{'Job' holds it in field 'stats'}}
  // expected-note@#ss_stats_reads {{'Stats' is not Sync}}
  // expected-note@#ss_stats {{once you have checked}}
  std::jthread w([m = std::move(maybe)] { (void)m; });
  // expected-warning@+4 {{moving 'rcu::RcuBox<Stats>' to another thread requires 'Stats' to be Send and Sync}}
  // expected-note@+3 {{'std::tuple<int, rcu::RcuBox<Stats>>' holds it}}
  // expected-note@#ss_stats_reads {{'Stats' is not Sync}}
  // expected-note@#ss_stats {{once you have checked}}
  std::jthread x([m = std::move(tagged)] { (void)m; });
  std::jthread ok([p = std::move(plain)] { (void)p; }); // silent
  t.join();
}

// A user's own RCU container, found by its annotation.
template <class K, class V> class RCU_REQUIRES_SEND_SYNC(1) RcuMap {
public:
  V *find(const K &) const;
};
struct Device;
struct Entry { // #ss_entry
  Device *dev; // #ss_entry_dev
};
// expected-warning@+4 {{'RcuMap<int, Entry>' requires 'Entry' to be Send and Sync}}
// expected-note@#ss_entry_dev {{'Entry' is not Send because field 'dev' has raw pointer type 'Device *'}}
// expected-note@+2 {{'Entry' is not Sync for the same reason}}
// expected-note@#ss_entry {{mark it RCU_SEND and RCU_SYNC}}
RcuMap<int, Entry> *entries;
RcuMap<Entry *, int> *keyed_by_pointer; // silent: only argument 1 is required
RcuMap<int, Plain> *plain_map;          // silent

template <class T> struct RCU_REQUIRES_SEND(0) Owned { // #ss_owned
  T *value;
};
Owned<Stats> *owned_stats; // silent: Send only
// A container of containers is Send and Sync only if its value is both.
// expected-warning@+3 {{'Owned<Owned<Stats>>' requires 'Owned<Stats>' to be Send}}
// expected-note@+2 {{'Owned<Stats>' is not Send because its template argument 'Stats' is not Sync}}
// expected-note@#ss_stats_reads {{'Stats' is not Sync}}
Owned<Owned<Stats>> *nested_owned; // expected-note@#ss_owned {{once you have checked that 'Owned<Stats>' may be sent to another thread}}
