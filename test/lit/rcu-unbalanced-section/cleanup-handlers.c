// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section %s
// A section opened by a getter and closed by the cleanup handler that
// pthread_cleanup_pop(1) runs (the routine its push stored in a local): the
// pairing is seen through the handler, so no path is left open.
// expected-no-diagnostics
#include <pthread.h>
#include <stddef.h>
#include <urcu.h>

struct config {
  int verbosity;
};
struct config *current_config;

struct config *get_config(void) {
  rcu_read_lock();
  return rcu_dereference(current_config);
}

void put_config(void *conf) {
  (void)conf;
  rcu_read_unlock();
}

int should_stop(void);
int discover(void);

int reconfigure(int *out) {
  struct config *conf;

  if (should_stop())
    goto fail;
  conf = get_config();
  pthread_cleanup_push(put_config, conf);
  *out = conf->verbosity;
  pthread_cleanup_pop(1);
  if (discover())
    goto fail;
  return 0;
fail:
  return 1;
}

int read_verbosity(void) {
  struct config *conf = get_config();
  int v;

  pthread_cleanup_push(put_config, conf);
  v = conf->verbosity;
  pthread_cleanup_pop(1);
  return v;
}
