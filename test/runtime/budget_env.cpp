// Prints the reclamation budget in force: `budget <bytes>,<objects>`.
// The ctest cases set RCUBOX_RECLAIM_BUDGET and match the output.
#include <rcu/rcu.hpp>

#include <cstdio>

int main() {
  const rcu::ReclaimBudget b = rcu::reclaim_budget();
  std::printf("budget %zu,%zu\n", b.bytes, b.objects);
}
