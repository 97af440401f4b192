// The library table: owners and containers follow their elements, shared
// owners need Send and Sync, lock guards are bound to their thread, type
// erasure is neither.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <filesystem>
#include <locale>
#include <regex>
#include <source_location>
#include <stop_token>
#include <system_error>
#include <typeindex>
#include <valarray>
#include <any>
#include <array>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>
#include <rcu/rcu.hpp>

struct Node;
struct Cell { // #ss_cell
  mutable int value; // #ss_cell_value
};

// Silent: every library type below is Send and Sync with these arguments.
struct Everything {
  std::atomic<int> a;
  std::atomic_flag flag;
  std::mutex m;
  std::shared_mutex sm;
  std::recursive_mutex rm;
  std::condition_variable cv;
  std::once_flag once;
  std::unique_ptr<int> up;
  std::shared_ptr<const int> sp;
  std::weak_ptr<int> wp;
  std::vector<int> v;
  std::deque<long> d;
  std::list<char> l;
  std::array<int, 3> arr;
  std::map<int, std::string> map;
  std::set<int> set;
  std::unordered_map<std::string, int> umap;
  std::unordered_set<int> uset;
  std::optional<int> opt;
  std::variant<int, double> var;
  std::tuple<int, char, bool> tup;
  std::pair<int, int> pair;
  std::string s;
  std::thread t;
  std::thread::id id;
};
rcu::Pointer<Everything> *everything;

struct RawInVector { // #ss_riv
  std::vector<Node *> nodes; // #ss_riv_nodes
};
// expected-warning@+3 {{'rcu::RcuBox<RawInVector>' requires 'RawInVector' to be Send}}
// expected-note@#ss_riv_nodes {{'RawInVector' is not Send because field 'nodes' of type 'std::vector<Node *>' is not Send}}
// expected-note@#ss_riv_nodes {{'std::vector<Node *>' is not Send because its template argument 'Node *' is a raw pointer}}
rcu::RcuBox<RawInVector> *raw_in_vector; // expected-note@#ss_riv {{once you have checked}}

struct SharedCell { // #ss_shared
  std::shared_ptr<Cell> cell; // #ss_shared_cell
};
// Arc<T> is Send only if T is Send and Sync.
// expected-warning@+4 {{'rcu::RcuBox<SharedCell>' requires 'SharedCell' to be Send}}
// expected-note@#ss_shared_cell {{'SharedCell' is not Send because field 'cell' of type 'std::shared_ptr<Cell>' is not Send}}
// expected-note@#ss_shared_cell {{'std::shared_ptr<Cell>' is not Send because its template argument 'Cell' is not Sync}}
// expected-note@#ss_cell_value {{'Cell' is not Sync because 'mutable int value' allows unsynchronised mutation}}
rcu::RcuBox<SharedCell> *shared_cell; // expected-note@#ss_shared {{once you have checked}}

struct UniqueCell {
  std::unique_ptr<Cell> cell; // Box<T> is Send if T is.
};
rcu::RcuBox<UniqueCell> *unique_cell; // silent

struct Guarded { // #ss_guarded
  std::lock_guard<std::mutex> lock; // #ss_guarded_lock
};
// expected-warning@+4 {{'rcu::RcuBox<Guarded>' requires 'Guarded' to be Send}}
// expected-note@#ss_guarded_lock {{'Guarded' is not Send because field 'lock' of type 'std::lock_guard<std::mutex>' is not Send}}
// expected-note@#ss_guarded_lock {{'std::lock_guard<std::mutex>' is bound to the thread that locked it}}
// expected-note@#ss_guarded {{once you have checked}}
rcu::RcuBox<Guarded> *guarded;

struct SharedLocked { // #ss_shlock
  std::shared_lock<std::shared_mutex> lock; // #ss_shlock_lock
};
// expected-warning@+4 {{'rcu::RcuBox<SharedLocked>' requires 'SharedLocked' to be Send}}
// expected-note@#ss_shlock_lock {{field 'lock' of type 'std::shared_lock<std::shared_mutex>' is not Send}}
// expected-note@#ss_shlock_lock {{'std::shared_lock<std::shared_mutex>' is bound to the thread that locked it}}
// expected-note@#ss_shlock {{once you have checked}}
rcu::RcuBox<SharedLocked> *shared_locked;

struct Scoped { // #ss_scoped
  std::scoped_lock<std::mutex> lock; // #ss_scoped_lock
};
// Lock guards are Sync (like MutexGuard): only boxing's Send fails.
// expected-warning@+4 {{'rcu::RcuBox<Scoped>' requires 'Scoped' to be Send}}
// expected-note@#ss_scoped_lock {{field 'lock' of type 'std::scoped_lock<std::mutex>' is not Send}}
// expected-note@#ss_scoped_lock {{'std::scoped_lock<std::mutex>' is bound to the thread that locked it}}
// expected-note@#ss_scoped {{once you have checked}}
rcu::RcuBox<Scoped> *scoped;

struct Handler { // #ss_handler
  std::function<void()> on_change; // #ss_handler_fn
};
// expected-warning@+4 {{'rcu::RcuBox<Handler>' requires 'Handler' to be Send}}
// expected-note@#ss_handler_fn {{'Handler' is not Send because field 'on_change' of type 'std::function<void ()>' is not Send}}
// expected-note@#ss_handler_fn {{'std::function<void ()>' erases the type of the object it stores, which may hold anything}}
// expected-note@#ss_handler {{once you have checked}}
rcu::RcuBox<Handler> *handler;

struct Anything { // #ss_anything
  std::any value; // #ss_anything_value
};
// expected-warning@+4 {{'rcu::RcuBox<Anything>' requires 'Anything' to be Send}}
// expected-note@#ss_anything_value {{field 'value' of type 'std::any' is not Send}}
// expected-note@#ss_anything_value {{'std::any' erases the type of the object it stores}}
// expected-note@#ss_anything {{once you have checked}}
rcu::RcuBox<Anything> *anything;

struct Nested { // #ss_nested
  std::map<int, std::optional<std::tuple<int, Cell>>> deep; // #ss_nested_deep
};
// Nesting: Send holds (Cell is Send), Sync does not.
// expected-warning@+5 {{'rcu::Pointer<Nested>' requires 'Nested' to be Sync: readers on many threads share it}}
// expected-note@#ss_nested_deep {{'Nested' is not Sync because field 'deep' of type 'std::map<int, std::optional<std::tuple<int, Cell>>>' is not Sync}}
// expected-note@#ss_nested_deep {{'std::map<int, std::optional<std::tuple<int, Cell>>>' is not Sync because its template argument 'std::optional<std::tuple<int, Cell>>' is not Sync}}
// expected-note@#ss_nested_deep {{'std::optional<std::tuple<int, Cell>>' is not Sync because its template argument 'std::tuple<int, Cell>' is not Sync}}
// expected-note@#ss_nested_deep {{'std::tuple<int, Cell>' is not Sync because its template argument 'Cell' is not Sync}}
rcu::Pointer<Nested> *nested; // expected-note@#ss_cell_value {{'Cell' is not Sync}} expected-note@#ss_nested {{may be shared between threads, mark it RCU_SYNC}}

// Value types whose internal pointers refer to static or immutable shared
// state are Send and Sync; a valarray follows its elements.
struct Settings {
  std::filesystem::path root;
  std::error_code last_error;
  std::error_condition condition;
  std::type_index kind = typeid(int);
  std::source_location where;
  std::stop_source stop;
  std::stop_token token;
  std::locale locale;
  std::regex pattern;
  std::valarray<double> weights;
};
rcu::Pointer<Settings> *settings; // silent

struct Offsets { // #ss_offsets
  std::valarray<int *> slots; // #ss_offsets_slots
};
// expected-warning@+4 {{'rcu::RcuBox<Offsets>' requires 'Offsets' to be Send}}
// expected-note@#ss_offsets_slots {{'Offsets' is not Send because field 'slots' of type 'std::valarray<int *>' is not Send}}
// expected-note@#ss_offsets_slots {{'std::valarray<int *>' is not Send because its template argument 'int *' is a raw pointer}}
// expected-note@#ss_offsets {{once you have checked}}
rcu::RcuBox<Offsets> *offsets;
