// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-borrow-escape %s
// C++ written directly on liburcu (as lttng-tools is): member functions and
// nullptr, the same rule as in C.
#include <urcu.h>
#include <urcu/rculfhash.h>

struct Session {
  int id;
  const char *name;
  cds_lfht_node node;
};

void log(const char *);

class Registry {
public:
  const char *first_name() {
    cds_lfht_iter iter;
    rcu_read_lock();
    cds_lfht_first(table_, &iter);
    cds_lfht_node *node = cds_lfht_iter_get_node(&iter); // expected-note {{the borrow is taken here}}
    rcu_read_unlock(); // expected-note {{'rcu_read_unlock' ends the read-side critical section here}}
    if (node == nullptr)
      return nullptr;
    Session *s = caa_container_of(node, Session, node);
    return s->name; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section it was borrowed in ended}}
  }

  int id_of_first() {
    cds_lfht_iter iter;
    rcu_read_lock();
    cds_lfht_first(table_, &iter);
    cds_lfht_node *node = cds_lfht_iter_get_node(&iter);
    int id = node ? caa_container_of(node, Session, node)->id : -1;
    rcu_read_unlock();
    return id;
  }

private:
  cds_lfht *table_ = nullptr;
};
