// dlclose of a library holding its own rcubox runtime while a thread it
// registered lives on: when the thread exits, its thread-exit cleanup must
// not run unloaded code (it used to die with SIGSEGV in
// __nptl_deallocate_tsd).
//
//   rcubox_dlclose_test LIBRARY
#include <atomic>
#include <cstdio>
#include <thread>

#include <dlfcn.h>

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    std::fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  auto use = reinterpret_cast<int (*)()>(dlsym(lib, "rcubox_dl_use"));
  if (!use)
    return 1;
  std::atomic<int> used{0};
  std::atomic<bool> exit_now{false};
  std::thread worker([&] {
    used = use();
    while (!exit_now)
      std::this_thread::yield();
  }); // the thread exits after the unload
  while (used == 0)
    std::this_thread::yield();
  if (dlclose(lib) != 0) {
    std::fprintf(stderr, "dlclose: %s\n", dlerror());
    return 1;
  }
  exit_now = true;
  worker.join();
  std::printf("dlclose: worker used %d and exited after the unload\n",
              used.load());
  return 0;
}
