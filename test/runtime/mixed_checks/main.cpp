// Translation units built with and without RCUBOX_DEBUG_CHECKS in one
// program: each keeps its own behaviour (the ABI-tagged variants), in
// whatever order they are linked. The pointer comes from another box type,
// which only the checked build notices.
// SPDX-License-Identifier: MIT
#include <csignal>
#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

#include <rcu/rcu.hpp>

int borrow_checked(void *p);
int borrow_unchecked(void *p);

int main() {
  void *p = rcu::make_rcu_box<int, rcu::Vmalloc>(42).into_foreign();
  std::printf("unchecked: %d\n", borrow_unchecked(p));
  std::fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    std::printf("checked: %d\n", borrow_checked(p)); // must abort
    std::fflush(stdout);
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  bool aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
  std::printf("checked: %s\n", aborted ? "aborted" : "did not abort");
  rcu::RcuBox<int, rcu::Vmalloc>::from_foreign(p);
  return aborted ? 0 : 1;
}
