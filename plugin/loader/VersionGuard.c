/*===- VersionGuard.c - Load a front end only into its own LLVM -----------===//
//
// rcu-lifetime.so and rcu-tidy.so are this shim, built once per front end.
// The real module (rcu-lifetime-impl.so, rcu-tidy-impl.so) is linked against
// one LLVM; loaded into a Clang of another major version it would bind to
// that Clang's classes and crash. The shim links no LLVM at all: it finds
// which libLLVM the host process runs on, and loads the real module from its
// own directory only if the major version matches. Otherwise it says so in
// one line and stops the compilation (checks that silently did not run would
// pass a CI that relies on them).
//
// Defines: RCUBOX_FRONT_END ("rcu-lifetime"), RCUBOX_IMPL ("rcu-lifetime-
// impl.so"), RCUBOX_LLVM_MAJOR (22).
//
//===----------------------------------------------------------------------===*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RCUBOX_STR2(X) #X
#define RCUBOX_STR(X) RCUBOX_STR2(X)
#define RCUBOX_LLVM_MAJOR_STR RCUBOX_STR(RCUBOX_LLVM_MAJOR)

struct HostLLVM {
  int Major;
  char Name[128];
};

/* The major version in a libLLVM file name: libLLVM.so.22.1 (LLVM 18+) or
   libLLVM-14.so.1 (older); -1 if Name is not libLLVM. */
static int llvmMajorOf(const char *Path) {
  const char *Base = strrchr(Path, '/');
  Base = Base ? Base + 1 : Path;
  const char *Rest;
  if (strncmp(Base, "libLLVM.so.", 11) == 0)
    Rest = Base + 11;
  else if (strncmp(Base, "libLLVM-", 8) == 0)
    Rest = Base + 8;
  else
    return -1;
  if (*Rest < '0' || *Rest > '9')
    return -1;
  return atoi(Rest);
}

static int findHostLLVM(struct dl_phdr_info *Info, size_t Size, void *Data) {
  (void)Size;
  struct HostLLVM *Host = Data;
  int Major = llvmMajorOf(Info->dlpi_name ? Info->dlpi_name : "");
  if (Major < 0)
    return 0;
  Host->Major = Major;
  snprintf(Host->Name, sizeof Host->Name, "%s",
           strrchr(Info->dlpi_name, '/') ? strrchr(Info->dlpi_name, '/') + 1
                                         : Info->dlpi_name);
  return 1;
}

static void refuse(const char *Why) {
  fprintf(stderr, "error: %s.so: %s\n", RCUBOX_FRONT_END, Why);
  fflush(stderr);
  _exit(1);
}

__attribute__((constructor)) static void loadImplementation(void) {
  struct HostLLVM Host = {-1, ""};
  dl_iterate_phdr(findHostLLVM, &Host);
  char Message[PATH_MAX + 512];
  if (Host.Major < 0)
    refuse("this process has no shared libLLVM, so its LLVM version cannot "
           "be checked; load it into Debian's clang-" RCUBOX_LLVM_MAJOR_STR
           " or clang-tidy-" RCUBOX_LLVM_MAJOR_STR
           ", or use rcu-check -p <build-dir>");
  if (Host.Major != RCUBOX_LLVM_MAJOR) {
    snprintf(Message, sizeof Message,
             "built for Clang %d but loaded into Clang %d (%s); build "
             "rcubox's checks for that Clang (cmake -DRCUBOX_LLVM_VERSION=<N>; "
             "supported: 19, 22) or check with rcu-check -p <build-dir>",
             RCUBOX_LLVM_MAJOR, Host.Major, Host.Name);
    refuse(Message);
  }
  Dl_info Self;
  if (!dladdr((void *)&loadImplementation, &Self) || !Self.dli_fname)
    refuse("cannot find its own location");
  char Path[PATH_MAX];
  const char *Slash = strrchr(Self.dli_fname, '/');
  int DirLength = Slash ? (int)(Slash - Self.dli_fname) : 1;
  snprintf(Path, sizeof Path, "%.*s/%s", DirLength,
           Slash ? Self.dli_fname : ".", RCUBOX_IMPL);
  if (!dlopen(Path, RTLD_NOW | RTLD_GLOBAL)) {
    snprintf(Message, sizeof Message, "cannot load %s: %s", Path, dlerror());
    refuse(Message);
  }
}
