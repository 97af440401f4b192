// A project's own RAII read-side guard (lttng-tools' read_lock_guard) and
// its wait for a grace period, declared in .rcubox.yaml's Model key: every
// check that starts from a guard type (rcu-guard-misuse, rcu-borrow-escape,
// rcu-sync-in-read-section) judges them as it judges rcu::Guard. Nothing in
// this file mentions rcubox.
//
// Without the configuration they are ordinary classes and functions.
// RUN: %rcu_clang -Xclang -verify=plain %s
// RUN: rm -rf %t && mkdir -p %t/project/src && cp %s %t/project/src/guard.cpp
// RUN: %rcu_check %t/project/src/guard.cpp -- %compile_args 2>&1 | FileCheck %s --check-prefix=NONE
//
// Found from the source's directory upwards, in every front end.
// RUN: cp %S/Inputs/model-config/guard.rcubox.yaml %t/project/.rcubox.yaml
// RUN: %rcu_clang -Xclang -verify=cfg %t/project/src/guard.cpp
// RUN: not %rcu_check %t/project/src/guard.cpp -- %compile_args 2>&1 | FileCheck %s
//
// config=<file> / --config-file name it directly.
// RUN: %rcu_clang -Xclang -verify=cfg -fplugin-arg-rcu-lifetime-config=%S/Inputs/model-config/guard.rcubox.yaml %s
// RUN: not %rcu_check --config-file=%S/Inputs/model-config/guard.rcubox.yaml %s -- %compile_args 2>&1 | FileCheck %s
//
// A leading "::" names the same class.
// RUN: printf "Model:\n  GuardTypes: ['::lttng::urcu::read_lock_guard']\n  WaitingFunctions: [lttng::urcu::synchronize]\n" > %t/project/.rcubox.yaml
// RUN: %rcu_clang -Xclang -verify=cfg %t/project/src/guard.cpp
//
// plain-no-diagnostics

namespace lttng::urcu {
// rcu_read_lock() and rcu_read_unlock(), in a file the analysis never sees.
class read_lock_guard {
public:
  read_lock_guard();
  ~read_lock_guard();
  read_lock_guard(const read_lock_guard &) = delete;
  read_lock_guard &operator=(const read_lock_guard &) = delete;
};
void synchronize();
} // namespace lttng::urcu

struct session {
  int id;
};

// The session is valid while the caller's guard lives.
const session *find_session(const lttng::urcu::read_lock_guard &guard
                                [[clang::lifetimebound]],
                            int id);

int session_id_after_unlock(int key) {
  const session *s;
  {
    lttng::urcu::read_lock_guard guard; // cfg-note {{guard 'guard' is declared here}}
    s = find_session(guard, key); // cfg-note {{the borrow is taken from 'guard' here}}
  } // cfg-note {{the read-side critical section of 'guard' ends here}}
  return s->id; // cfg-warning {{pointer into RCU-protected data is used after}}
}

int session_id_under_lock(int key) {
  lttng::urcu::read_lock_guard guard;
  const session *s = find_session(guard, key);
  return s ? s->id : -1;
}

void discarded() {
  lttng::urcu::read_lock_guard(); // cfg-warning {{guard temporary of type 'lttng::urcu::read_lock_guard' is destroyed at the end of the statement}}
}

void wait_under_lock() {
  lttng::urcu::read_lock_guard guard; // cfg-note {{read-side critical section of 'guard' begins here}}
  lttng::urcu::synchronize(); // cfg-warning {{waiting for an RCU grace period inside the read-side critical section of 'guard' deadlocks}}
}

void wait_after_unlock() {
  {
    lttng::urcu::read_lock_guard guard;
  }
  lttng::urcu::synchronize();
}

// CHECK-DAG: guard.cpp:54:10: warning: pointer into RCU-protected data is used after{{.*}}[rcu-borrow-escape]
// CHECK-DAG: guard.cpp:64:3: warning: guard temporary of type 'lttng::urcu::read_lock_guard'{{.*}}[rcu-guard-misuse]
// CHECK-DAG: guard.cpp:69:3: warning: waiting for an RCU grace period{{.*}}[rcu-sync-in-read-section]
// CHECK: 3 warnings
// NONE-NOT: warning:
// NONE: rcu-check: 1 file checked, 0 warnings, 0 errors
