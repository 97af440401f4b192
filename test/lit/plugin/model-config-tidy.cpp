// REQUIRES: clang-tidy
// The clang-tidy module reads .rcubox.yaml's Model key too: the cases of
// model-config-guard.cpp and model-config-sections.c, through clang-tidy.
// RUN: rm -rf %t && mkdir -p %t/cxx/src %t/c/src
// RUN: cp %S/model-config-guard.cpp %t/cxx/src/guard.cpp
// RUN: cp %S/model-config-sections.c %t/c/src/sections.c
// RUN: %rcu_tidy --checks='-*,rcu-*' %t/cxx/src/guard.cpp -- %compile_args 2>&1 | FileCheck %s --check-prefix=NONE --allow-empty
// RUN: cp %S/Inputs/model-config/guard.rcubox.yaml %t/cxx/.rcubox.yaml
// RUN: cp %S/Inputs/model-config/sections.rcubox.yaml %t/c/.rcubox.yaml
// RUN: %rcu_tidy --checks='-*,rcu-*' %t/cxx/src/guard.cpp -- %compile_args 2>&1 | FileCheck %s --check-prefix=GUARD
// RUN: %rcu_tidy --checks='-*,rcu-*' %t/c/src/sections.c -- %c_compile_args 2>&1 | FileCheck %s --check-prefix=SECTIONS
//
// NONE-NOT: warning:
// GUARD-DAG: guard.cpp:54:10: warning: pointer into RCU-protected data is used after{{.*}}[rcu-borrow-escape]
// GUARD-DAG: guard.cpp:64:3: warning: guard temporary of type 'lttng::urcu::read_lock_guard'{{.*}}[rcu-guard-misuse]
// GUARD-DAG: guard.cpp:69:3: warning: waiting for an RCU grace period{{.*}}[rcu-sync-in-read-section]
// SECTIONS-DAG: sections.c:34:5: warning: returning with an RCU read-side critical section still open{{.*}}[rcu-unbalanced-section]
// SECTIONS-DAG: sections.c:56:3: warning: 'my_rcu_read_unlock' called with no RCU read-side critical section open{{.*}}[rcu-unbalanced-section]
// SECTIONS-DAG: sections.c:61:3: warning: waiting for an RCU grace period inside a read-side critical section deadlocks [rcu-sync-in-read-section]
