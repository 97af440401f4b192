// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section %s
// C++ written directly on liburcu (as lttng-tools is): member functions,
// templates, exceptions of control flow, RAII wrappers of the project's own.
#include <urcu.h>
#include <urcu/rculfhash.h>

struct Session {
  int id;
  cds_lfht_node node;
};

class Registry {
public:
  int find(int id) {
    cds_lfht_iter iter;
    rcu_read_lock(); // expected-note {{read-side critical section opened here}}
    cds_lfht_first(table_, &iter);
    cds_lfht_node *node = cds_lfht_iter_get_node(&iter);
    if (node == nullptr) // expected-note {{taking the true branch}}
      return -1; // expected-warning {{returning with an RCU read-side critical section still open; other paths out of 'find' close it}}
    int found = caa_container_of(node, Session, node)->id;
    rcu_read_unlock();
    return found == id ? found : -1;
  }

private:
  cds_lfht *table_ = nullptr;
};

/* A project's own scoped wrapper (lttng::urcu::read_lock_guard): the
   constructor opens, the destructor closes; neither is judged alone, and
   code using it is balanced. */
class ReadLockGuard {
public:
  ReadLockGuard() { rcu_read_lock(); }
  ~ReadLockGuard() { rcu_read_unlock(); }
  ReadLockGuard(const ReadLockGuard &) = delete;
  ReadLockGuard &operator=(const ReadLockGuard &) = delete;
};

int with_guard(int v) {
  ReadLockGuard guard;
  if (v < 0)
    return -1;
  return v;
}

template <typename T> T locked_read(const T *p, bool fail) {
  rcu_read_lock(); // expected-note {{read-side critical section opened here}}
  if (fail) // expected-note {{taking the true branch}}
    return T(); // expected-warning {{returning with an RCU read-side critical section still open; other paths out of 'locked_read' close it}}
  T v = *p;
  rcu_read_unlock();
  return v;
}

int instantiate(const int *p, const long *q) {
  return locked_read(p, false) + int(locked_read(q, true));
}

int with_lambda(int v) {
  auto inner = [](int x) {
    rcu_read_lock();
    rcu_read_unlock();
    return x;
  };
  rcu_read_lock();
  int r = inner(v);
  rcu_read_unlock();
  return r;
}
