// REQUIRES: clang-tidy
// Check options: .rcubox.yaml next to the file, overridden by clang-tidy's
// CheckOptions (from --config or a .clang-tidy file), spelled the same.
// RUN: rm -rf %t && mkdir -p %t/project && cp %s %t/project/options.cpp
// RUN: printf 'CheckOptions:\n  rcu-send-sync.Audit: main\n' > %t/project/.rcubox.yaml
// RUN: %rcu_tidy --checks='-*,rcu-send-sync' %t/project/options.cpp -- %compile_args 2>&1 | FileCheck %s --check-prefix=YAML
// RUN: printf "Checks: '-*,rcu-*'\nCheckOptions:\n  rcu-send-sync.Audit: all\n" > %t/project/.clang-tidy
// RUN: %rcu_tidy %t/project/options.cpp -- %compile_args 2>&1 | FileCheck %s --check-prefix=TIDY
// RUN: %rcu_tidy --config="{Checks: '-*,rcu-*', CheckOptions: {rcu-send-sync.Audit: ''}}" %t/project/options.cpp -- %compile_args 2>&1 | FileCheck %s --check-prefix=OFF --allow-empty
// RUN: %rcu_tidy --checks='-*,rcu-send-sync' --dump-config %t/project/options.cpp -- %compile_args | FileCheck %s --check-prefix=DUMP
// RUN: printf 'Checks: rcu-typo\n' > %t/project/.rcubox.yaml
// RUN: %rcu_tidy --checks='-*,rcu-send-sync' %t/project/options.cpp -- %compile_args 2>&1 | FileCheck %s --check-prefix=BAD
#include <rcu/rcu.hpp>

struct Mine {
  int x;
};

// YAML: rcu-send-sync-audit: 'Mine': Send Sync
// YAML-NOT: rcu-send-sync-audit: 'std::
// TIDY-DAG: rcu-send-sync-audit: 'Mine': Send Sync
// TIDY-DAG: rcu-send-sync-audit: 'std::
// OFF-NOT: rcu-send-sync-audit
// DUMP: rcu-send-sync.Audit: all
// BAD: .rcubox.yaml:1:9: Checks: 'rcu-typo' selects no check (checks: rcu-borrow-escape, rcu-guard-misuse, rcu-send-sync, rcu-sync-in-read-section, rcu-unbalanced-section)
