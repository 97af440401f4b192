// The analysis is skipped for a translation unit that cannot declare an
// rcu:: marker (it never spells `annotate`), so it must still run when the
// marker is spelled `__annotate__`, or comes from a precompiled header.
// RUN: %rcu_verify -DSPELLED_UNDERSCORED %s
// RUN: %clangxx -std=c++20 -I %rcu_include -x c++-header %inputs/prefilter/pch.h -o %t.pch
// RUN: %rcu_verify -DFROM_PCH -include-pch %t.pch %s

#ifdef SPELLED_UNDERSCORED
struct __attribute__((__annotate__("rcu::guard"))) Section {
  Section();
  ~Section();
};
__attribute__((__annotate__("rcu::waits_for_grace_period"))) void quiesce();

void underscored() {
  Section s; // expected-note {{read-side critical section of 's' begins here}}
  quiesce(); // expected-warning {{read-side critical section of 's' deadlocks}}
}
#endif

#ifdef FROM_PCH
void from_pch() {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  rcu::synchronize(); // expected-warning {{read-side critical section of 'g' deadlocks}}
}
#endif
