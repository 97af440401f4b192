// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-guard-misuse %s
// A read-side critical section belongs to the thread that began it: a guard
// captured by reference by, or passed to, a callable run on another thread
// is ended or relied on by a thread that never began it.
#include <functional>
#include <future>
#include <pthread.h>
#include <rcu/guard.hpp>
#include <thread>

void use(int);
void read_under(const rcu::Guard &g);

void explicit_reference_capture() {
  rcu::Guard g;
  std::thread t([&g] { read_under(g); }); // expected-warning {{guard 'g' is shared with another thread: the lambda run by 'std::thread' captures it by reference; a read-side critical section belongs to the thread that began it}} expected-note {{'std::thread' starts the other thread here}}
  t.join();
}

void default_reference_capture() {
  rcu::Guard g;
  std::thread t([&] { // expected-note {{'std::thread' starts the other thread here}}
    use(1);
    read_under(g); // expected-warning {{guard 'g' is shared with another thread: the lambda run by 'std::thread' captures it by reference}}
  });
  t.join();
}

void pointer_capture() {
  rcu::Guard g;
  rcu::Guard *p = &g;
  std::jthread t([p] { read_under(*p); }); // expected-warning {{'p', a pointer to a guard, is shared with another thread: the lambda run by 'std::jthread' captures it;}} expected-note {{'std::jthread' starts the other thread here}}
}

void address_init_capture() {
  rcu::Guard g;
  std::thread t([p = &g] { read_under(*p); }); // expected-warning {{guard 'g' is shared with another thread: the lambda run by 'std::thread' captures its address}} expected-note {{'std::thread' starts the other thread here}}
  t.join();
}

void reference_init_capture() {
  rcu::Guard g;
  std::thread t([&r = g] { read_under(r); }); // expected-warning {{guard 'g' is shared with another thread: the lambda run by 'std::thread' captures it by reference}} expected-note {{'std::thread' starts the other thread here}}
  t.join();
}

void std_ref_argument() {
  rcu::Guard g;
  std::thread t(read_under, std::cref(g)); // expected-warning {{guard 'g' is shared with another thread: it is passed by reference to 'std::thread'}} expected-note {{'std::thread' starts the other thread here}}
  t.join();
}

void async_capture() {
  rcu::Guard g;
  auto done = std::async(std::launch::async, [&] { read_under(g); }); // expected-warning {{guard 'g' is shared with another thread: the lambda run by 'std::async' captures it by reference}} expected-note {{'std::async' starts the other thread here}}
  done.wait();
}

void stored_lambda() {
  rcu::Guard g;
  auto body = [&g] { read_under(g); }; // expected-warning {{guard 'g' is shared with another thread: the lambda run by 'std::thread' captures it by reference}}
  std::thread t(body); // expected-note {{'std::thread' starts the other thread here}}
  t.join();
}

void guard_parameter_shared(const rcu::Guard &g) {
  std::thread t([&] { read_under(g); }); // expected-warning {{guard 'g' is shared with another thread}} expected-note {{'std::thread' starts the other thread here}}
  t.join();
}

void *reader_thread(void *guard);

void pthread_address() {
  rcu::Guard g;
  pthread_t thread;
  pthread_create(&thread, nullptr, reader_thread, &g); // expected-warning {{guard 'g' is shared with another thread: its address is passed to 'pthread_create'}} expected-note {{'pthread_create' starts the other thread here}}
  pthread_join(thread, nullptr);
}

// A thread that takes its own guard, or shares nothing guard-like: silent.
void guard_inside_thread_body() {
  std::thread t([] {
    rcu::Guard g;
    read_under(g);
  });
  t.join();
}

void reference_capture_without_guard_use() {
  rcu::Guard g;
  int counter = 0;
  std::thread t([&] { ++counter; });
  t.join();
  read_under(g);
}

void lambda_under_guard_called_here() {
  rcu::Guard g;
  auto body = [&g] { read_under(g); };
  body();
}

void thread_started_under_guard() {
  rcu::Guard g;
  read_under(g);
  std::thread t([] {
    rcu::Guard own;
    read_under(own);
  });
  t.join();
}
