// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-sync-in-read-section %s
// C++ on liburcu, several flavours in one program (each flavour's own
// names), and QSBR, whose synchronize_rcu takes the caller offline.
#include <urcu/urcu-bp.h>
#include <urcu/urcu-mb.h>
#include <urcu/urcu-qsbr.h>

namespace store {
void reload() { urcu_mb_synchronize_rcu(); } // expected-note {{'store::reload' calls 'urcu_mb_synchronize_rcu' here}}
} // namespace store

struct Cache {
  void refresh() {
    urcu_bp_read_lock(); // expected-note {{read-side critical section opened here}}
    store::reload(); // expected-warning {{waiting for an RCU grace period inside a read-side critical section deadlocks}}
    urcu_bp_read_unlock();
  }
  void refresh_ok() {
    urcu_bp_read_lock();
    urcu_bp_read_unlock();
    store::reload();
  }
};

void qsbr_reader() {
  urcu_qsbr_read_lock();
  urcu_qsbr_synchronize_rcu();
  urcu_qsbr_read_unlock();
}
