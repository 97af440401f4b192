// A `mutable` member that its class protects with its own mutex keeps the
// class Sync, as Rust's Mutex<T> does: when it is marked GUARDED_BY (Clang's
// -Wthread-safety checks the locking), or when every use in the class's
// member functions holds a scoped lock on a mutex member of the object.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <map>
#include <mutex>
#include <rcu/rcu.hpp>
#include <shared_mutex>
#include <string>
#include <vector>

// Silent: every use holds a lock_guard on mu_, including an out-of-line one.
class AccessLog {
public:
  void write(const std::string &line) const {
    std::lock_guard<std::mutex> lock(mu_);
    lines_.push_back(line);
  }
  std::size_t size() const;

private:
  mutable std::mutex mu_;
  mutable std::vector<std::string> lines_;
};
std::size_t AccessLog::size() const {
  std::scoped_lock lock(mu_);
  return lines_.size();
}
struct Tenant {
  std::string name;
  AccessLog log;
};
rcu::Pointer<Tenant> *tenant;

// Silent: a reader-writer lock, nested scopes, unique_lock and shared_lock.
class Resolver {
public:
  int lookup(const std::string &host) const {
    {
      std::shared_lock lock(this->mu_);
      if (auto it = memo_.find(host); it != memo_.end())
        return it->second;
    }
    std::unique_lock lock(mu_);
    int addr = static_cast<int>(host.size());
    if (addr > 0) {
      memo_[host] = addr;
    }
    return addr;
  }

private:
  mutable std::shared_mutex mu_;
  mutable std::map<std::string, int> memo_;
};
rcu::Pointer<Resolver> *resolver;

// Silent: GUARDED_BY, whose locking -Wthread-safety checks.
class Counters {
public:
  void bump() const;

private:
  mutable std::mutex mu_;
  mutable std::vector<int> hits_ __attribute__((guarded_by(mu_)));
};
rcu::Pointer<Counters> *counters;

// Reported: one use is not under the lock.
class Memo { // #ss_memo
public:
  int get(int k) const {
    std::lock_guard<std::mutex> lock(mu_);
    return cache_[k];
  }
  void clear_fast() const { cache_.clear(); }

private:
  mutable std::mutex mu_;
  mutable std::map<int, int> cache_; // #ss_memo_cache
};
// expected-warning@+3 {{'rcu::Pointer<Memo>' requires 'Memo' to be Sync}}
// expected-note@#ss_memo_cache {{'Memo' is not Sync because 'mutable std::map<int, int> cache_' allows unsynchronised mutation through a shared reference}}
// expected-note@#ss_memo {{once you have checked}}
rcu::Pointer<Memo> *memo;

// Reported: the lock is taken after the use, in the same block.
class LateLock { // #ss_late
public:
  void note(int v) const {
    seen_.push_back(v);
    std::lock_guard<std::mutex> lock(mu_);
  }

private:
  mutable std::mutex mu_;
  mutable std::vector<int> seen_; // #ss_late_seen
};
// expected-warning@+3 {{'rcu::Pointer<LateLock>' requires 'LateLock' to be Sync}}
// expected-note@#ss_late_seen {{'mutable std::vector<int> seen_' allows unsynchronised mutation}}
// expected-note@#ss_late {{once you have checked}}
rcu::Pointer<LateLock> *late;

// Reported: a lambda's body may run after the lock is released.
class Deferred { // #ss_deferred
public:
  auto later() const {
    std::lock_guard<std::mutex> lock(mu_);
    return [this] { ++count_; };
  }

private:
  mutable std::mutex mu_;
  mutable int count_ = 0; // #ss_deferred_count
};
// expected-warning@+3 {{'rcu::Pointer<Deferred>' requires 'Deferred' to be Sync}}
// expected-note@#ss_deferred_count {{'mutable int count_' allows unsynchronised mutation}}
// expected-note@#ss_deferred {{once you have checked}}
rcu::Pointer<Deferred> *deferred;

// Reported: a lock on another object's mutex does not protect this one.
std::mutex global_mu;
class ForeignLock { // #ss_foreign
public:
  void add(int v) const {
    std::lock_guard<std::mutex> lock(global_mu);
    items_.push_back(v);
  }

private:
  mutable std::mutex mu_;
  mutable std::vector<int> items_; // #ss_foreign_items
};
// expected-warning@+3 {{'rcu::Pointer<ForeignLock>' requires 'ForeignLock' to be Sync}}
// expected-note@#ss_foreign_items {{'mutable std::vector<int> items_' allows unsynchronised mutation}}
// expected-note@#ss_foreign {{once you have checked}}
rcu::Pointer<ForeignLock> *foreign;

// Reported: no member function shows the locking (declared only).
class Unseen { // #ss_unseen
public:
  void add(int v) const;

private:
  mutable std::mutex mu_;
  mutable std::vector<int> items_; // #ss_unseen_items
};
// expected-warning@+3 {{'rcu::Pointer<Unseen>' requires 'Unseen' to be Sync}}
// expected-note@#ss_unseen_items {{'mutable std::vector<int> items_' allows unsynchronised mutation}}
// expected-note@#ss_unseen {{once you have checked}}
rcu::Pointer<Unseen> *unseen;
