// Mistakes in .rcubox.yaml's Model key say what exists, where, in every
// front end, and stop the analysis rather than run with half a model.
// RUN: rm -rf %t && mkdir -p %t/project && echo 'void f(void);' > %t/project/t.c
//
// RUN: printf "Model:\n  GuardType: [g]\n" > %t/project/.rcubox.yaml
// RUN: not %rcu_c_clang %t/project/t.c 2>&1 | FileCheck %s --check-prefix=KEY
// RUN: not %rcu_check %t/project/t.c -- %c_compile_args 2>&1 | FileCheck %s --check-prefix=KEY
// KEY: .rcubox.yaml:2:3: unknown key 'Model.GuardType' (keys: GuardTypes, SectionFunctions, BorrowingFunctions, WaitingFunctions)
//
// RUN: printf "Model: [a]\n" > %t/project/.rcubox.yaml
// RUN: not %rcu_c_clang %t/project/t.c 2>&1 | FileCheck %s --check-prefix=NOT-MAP
// NOT-MAP: .rcubox.yaml:1:9: Model: expected a mapping with keys GuardTypes, SectionFunctions, BorrowingFunctions, WaitingFunctions
//
// RUN: printf "Model:\n  WaitingFunctions: my_synchronize\n" > %t/project/.rcubox.yaml
// RUN: not %rcu_c_clang %t/project/t.c 2>&1 | FileCheck %s --check-prefix=NOT-LIST
// NOT-LIST: .rcubox.yaml:2:21: Model.WaitingFunctions: expected a list of names
//
// RUN: printf "Model:\n  GuardTypes: ['lttng::urcu::read_lock_guard<int>']\n" > %t/project/.rcubox.yaml
// RUN: not %rcu_c_clang %t/project/t.c 2>&1 | FileCheck %s --check-prefix=NAME
// NAME: .rcubox.yaml:2:16: Model.GuardTypes: 'lttng::urcu::read_lock_guard<int>' is not a C function or fully qualified C++ name
//
// RUN: printf "Model:\n  SectionFunctions: [my_lock]\n" > %t/project/.rcubox.yaml
// RUN: not %rcu_c_clang %t/project/t.c 2>&1 | FileCheck %s --check-prefix=PAIR-SHAPE
// PAIR-SHAPE: .rcubox.yaml:2:22: Model.SectionFunctions: expected a list of {Begin: <function>, End: <function>}
//
// RUN: printf "Model:\n  SectionFunctions:\n    - {Begin: my_lock}\n" > %t/project/.rcubox.yaml
// RUN: not %rcu_c_clang %t/project/t.c 2>&1 | FileCheck %s --check-prefix=HALF
// HALF: .rcubox.yaml:3:8: Model.SectionFunctions: each entry needs both Begin and End
//
// RUN: printf "Model:\n  SectionFunctions:\n    - {Begin: my_lock, Finish: my_unlock}\n" > %t/project/.rcubox.yaml
// RUN: not %rcu_c_clang %t/project/t.c 2>&1 | FileCheck %s --check-prefix=PAIR-KEY
// PAIR-KEY: .rcubox.yaml:3:24: unknown key 'Finish' in Model.SectionFunctions (keys: Begin, End)
//
// RUN: printf "Model:\n  SectionFunctions: [{Begin: my_lock, End: my_unlock}]\n  WaitingFunctions: [my_lock]\n" > %t/project/.rcubox.yaml
// RUN: not %rcu_c_clang %t/project/t.c 2>&1 | FileCheck %s --check-prefix=TWICE
// RUN: not %rcu_check --config-file=%t/project/.rcubox.yaml %t/project/t.c -- %c_compile_args 2>&1 | FileCheck %s --check-prefix=TWICE
// TWICE: .rcubox.yaml:3:22: Model: 'my_lock' is already declared as a section's Begin
