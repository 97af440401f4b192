// One configuration for every front end: .rcubox.yaml, looked up from the
// source file's directory upwards, then the front end's own overrides.
// RUN: rm -rf %t && mkdir -p %t/project/src && cp %s %t/project/src/config.cpp
//
// No file: every check, warnings.
// RUN: %rcu_clang -I %inputs %t/project/src/config.cpp 2>&1 | FileCheck %s --check-prefix=BOTH
//
// A file above the source selects checks and makes findings errors.
// RUN: printf "Checks: '-*,rcu-send-sync'\nWarningsAsErrors: 'rcu-send-sync'\n" > %t/project/.rcubox.yaml
// RUN: not %rcu_clang -I %inputs %t/project/src/config.cpp 2>&1 | FileCheck %s --check-prefix=YAML
// RUN: not %rcu_check %t/project/src/config.cpp -- %compile_args -I %inputs 2>&1 | FileCheck %s --check-prefix=YAML
//
// The front end's arguments come last and win.
// RUN: %rcu_clang -I %inputs %t/project/src/config.cpp -fplugin-arg-rcu-lifetime-checks=rcu-borrow-escape -fplugin-arg-rcu-lifetime-warnings-as-errors=-rcu-send-sync 2>&1 | FileCheck %s --check-prefix=BOTH
// RUN: %expect_exit 1 %rcu_check --checks=rcu-borrow-escape --warnings-as-errors=-rcu-send-sync %t/project/src/config.cpp -- %compile_args -I %inputs
//
// config=<file> / --config-file replace the lookup.
// RUN: printf "Checks: '-*,rcu-borrow-escape'\n" > %t/other.yaml
// RUN: %rcu_clang -I %inputs %t/project/src/config.cpp -fplugin-arg-rcu-lifetime-config=%t/other.yaml 2>&1 | FileCheck %s --check-prefix=BORROW
// RUN: not %rcu_check --config-file=%t/other.yaml %t/project/src/config.cpp -- %compile_args -I %inputs 2>&1 | FileCheck %s --check-prefix=BORROW
//
// Mistakes say what exists, where.
// RUN: printf "Checks: '*'\nWarningAsErrors: '*'\n" > %t/project/.rcubox.yaml
// RUN: not %rcu_clang -I %inputs %t/project/src/config.cpp 2>&1 | FileCheck %s --check-prefix=BAD-KEY
// RUN: not %rcu_check %t/project/src/config.cpp -- %compile_args -I %inputs 2>&1 | FileCheck %s --check-prefix=BAD-KEY
// RUN: printf "CheckOptions:\n  rcu-send-sync.Audti: all\n" > %t/project/.rcubox.yaml
// RUN: not %rcu_clang -I %inputs %t/project/src/config.cpp 2>&1 | FileCheck %s --check-prefix=BAD-OPTION
// RUN: printf "Checks: [a, b\n" > %t/project/.rcubox.yaml
// RUN: not %rcu_clang -I %inputs %t/project/src/config.cpp 2>&1 | FileCheck %s --check-prefix=BAD-YAML
// RUN: not %rcu_clang -I %inputs %t/project/src/config.cpp -fplugin-arg-rcu-lifetime-config=%t/missing.yaml 2>&1 | FileCheck %s --check-prefix=MISSING
#include "routes.h"

struct Counter {
  mutable int hits = 0;
};
rcu::Pointer<Counter> g_counter;

int reported(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  return p->key;
}

// BOTH-DAG: warning: 'rcu::Pointer<Counter>' requires 'Counter' to be Sync{{.*}}[rcu-send-sync]
// BOTH-DAG: warning: pointer into RCU-protected data is used after{{.*}}[rcu-borrow-escape]
// YAML: error: 'rcu::Pointer<Counter>' requires 'Counter' to be Sync{{.*}}[rcu-send-sync]
// YAML-NOT: rcu-borrow-escape
// BORROW: warning: pointer into RCU-protected data is used after{{.*}}[rcu-borrow-escape]
// BORROW-NOT: rcu-send-sync
// BAD-KEY: .rcubox.yaml:2:1: unknown key 'WarningAsErrors' (keys: Checks, WarningsAsErrors, CheckOptions, Model)
// BAD-OPTION: .rcubox.yaml:2:3: unknown check option 'rcu-send-sync.Audti' (options: rcu-send-sync.Audit)
// BAD-YAML: .rcubox.yaml:{{[0-9]+}}:{{[0-9]+}}: {{.+}}
// MISSING: error: rcu-lifetime plugin: cannot read configuration '{{.*}}missing.yaml': No such file or directory
