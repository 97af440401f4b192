// The audit mode judges every complete class of a translation unit that
// includes the whole C++20 standard library: it must not crash, and a few
// known verdicts must come out right.
// RUN: %rcu_clang -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync \
// RUN:   -fplugin-arg-rcu-lifetime-rcu-send-sync.Audit=all %s | FileCheck %s
// RUN: %rcu_clang -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync \
// RUN:   -fplugin-arg-rcu-lifetime-rcu-send-sync.Audit=main %s \
// RUN:   | FileCheck --check-prefix=MAIN %s

#include <algorithm>
#include <any>
#include <array>
#include <atomic>
#include <barrier>
#include <bit>
#include <bitset>
#include <charconv>
#include <chrono>
#include <codecvt>
#include <compare>
#include <complex>
#include <concepts>
#include <condition_variable>
#include <coroutine>
#include <deque>
#include <exception>
#include <execution>
#include <filesystem>
// <format> is not shipped by g++-12's libstdc++.
#include <forward_list>
#include <fstream>
#include <functional>
#include <future>
#include <initializer_list>
#include <iomanip>
#include <ios>
#include <iosfwd>
#include <iostream>
#include <istream>
#include <iterator>
#include <latch>
#include <limits>
#include <list>
#include <locale>
#include <map>
#include <memory>
#include <memory_resource>
#include <mutex>
#include <new>
#include <numbers>
#include <numeric>
#include <optional>
#include <ostream>
#include <queue>
#include <random>
#include <ranges>
#include <ratio>
#include <regex>
#include <scoped_allocator>
#include <semaphore>
#include <set>
#include <shared_mutex>
#include <source_location>
#include <span>
#include <sstream>
#include <stack>
#include <stdexcept>
#include <stop_token>
#include <streambuf>
#include <string>
#include <string_view>
#include <syncstream>
#include <system_error>
#include <thread>
#include <tuple>
#include <type_traits>
#include <typeindex>
#include <typeinfo>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <valarray>
#include <variant>
#include <vector>
#include <version>
#include <rcu/rcu.hpp>

// Make sure these specializations are complete in the TU.
std::unique_lock<std::mutex> *lock_ptr;
int lock_size = sizeof(std::unique_lock<std::mutex>);
int vector_size = sizeof(std::vector<int *>);

struct Mine {
  std::vector<int> v;
  mutable std::mutex m;
};
struct Cached {
  mutable int hits;
};

// CHECK-DAG: rcu-send-sync-audit: 'std::mutex': Send Sync
// CHECK-DAG: rcu-send-sync-audit: 'std::unique_lock<std::mutex>': !Send Sync
// CHECK-DAG: rcu-send-sync-audit: 'std::vector<int *>': !Send !Sync
// CHECK-DAG: rcu-send-sync-audit: 'std::thread': Send Sync
// CHECK-DAG: rcu-send-sync-audit: 'rcu::Guard': !Send !Sync
// CHECK-DAG: rcu-send-sync-audit: 'Mine': Send Sync
// CHECK-DAG: rcu-send-sync-audit: 'Cached': Send !Sync

// MAIN-NOT: std::
// MAIN: rcu-send-sync-audit: 'Mine': Send Sync
// MAIN-NEXT: rcu-send-sync-audit: 'Cached': Send !Sync
// MAIN-NOT: rcu-send-sync-audit
