// A specialization named only in declarations is never instantiated, so it
// has no members of its own; it is judged by its template's members with
// the arguments substituted, without Sema (so every front end agrees).
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <vector>
#include <rcu/rcu.hpp>

struct Backend;
struct Weight {
  int value;
};

template <class T> struct Slot { // #un_slot
  T value; // #un_slot_value
  unsigned generation;
};
// expected-warning@+3 {{'rcu::RcuBox<Slot<Backend *>>' requires 'Slot<Backend *>' to be Send: RCU may destroy it on another thread}}
// expected-note@#un_slot_value {{'Slot<Backend *>' is not Send because field 'value' has raw pointer type 'Backend *'}}
// expected-note@#un_slot {{once you have checked that 'Slot<Backend *>' may be sent to another thread, mark it RCU_SEND}}
rcu::RcuBox<Slot<Backend *>> *backend_slot;
rcu::Pointer<Slot<Weight>> *weight_slot; // silent

// cv-qualified, reference and array forms of the parameter.
template <class T, unsigned N> struct Ring { // #un_ring
  const T entries[N]; // #un_ring_entries
};
// expected-warning@+4 {{'rcu::RcuBox<Ring<Backend *, 8>>' requires 'Ring<Backend *, 8>' to be Send}}
// expected-note@#un_ring_entries {{'Ring<Backend *, 8>' is not Send because field 'entries' of type 'Backend *const[8]' is not Send}}
// expected-note@#un_ring_entries {{'Backend *const[8]' is not Send because its element type 'Backend *const' is a raw pointer}}
// expected-note@#un_ring {{once you have checked}}
rcu::RcuBox<Ring<Backend *, 8>> *backend_ring;
rcu::RcuBox<Ring<Weight, 8>> *weight_ring; // silent
template <class T> struct View { // #un_view
  T &target; // #un_view_target
};
struct Tally { // #un_tally
  mutable int hits; // #un_tally_hits
};
// T& is Send iff T is Send; Sync needs T: Sync.
// expected-warning@+4 {{'rcu::Pointer<View<Tally>>' requires 'View<Tally>' to be Sync}}
// expected-note@#un_view_target {{'View<Tally>' is not Sync because field 'target' of type 'Tally &' is not Sync}}
// expected-note@#un_view_target {{'Tally &' is not Sync because the referenced type 'Tally' is not Sync}}
// expected-note@#un_tally_hits {{'mutable int hits'}} expected-note@#un_view {{once you have checked}}
rcu::Pointer<View<Tally>> *tally_view;
rcu::Pointer<View<const Weight>> *weight_view; // silent

// A mutable member of the parameter's type.
template <class T> struct Memo { // #un_memo
  mutable T last; // #un_memo_last
};
// expected-warning@+3 {{'rcu::Pointer<Memo<int>>' requires 'Memo<int>' to be Sync}}
// expected-note@#un_memo_last {{'Memo<int>' is not Sync because 'mutable int last' allows unsynchronised mutation}}
// expected-note@#un_memo {{once you have checked}}
rcu::Pointer<Memo<int>> *memo;
rcu::RcuBox<Memo<int>> *boxed_memo; // silent: boxing needs only Send

// A link to the template itself is a raw pointer whatever it points to.
template <class T> struct Chain { // #un_chain
  T payload;
  Chain *next; // #un_chain_next
};
// expected-warning@+3 {{'rcu::RcuBox<Chain<Weight>>' requires 'Chain<Weight>' to be Send}}
// expected-note@#un_chain_next {{'Chain<Weight>' is not Send because field 'next' has raw pointer type 'Chain<Weight> *'}}
// expected-note@#un_chain {{once you have checked}}
rcu::RcuBox<Chain<Weight>> *chain;

// Another template's specialization is judged when it exists in the TU.
template <class T> struct Pool { // #un_pool
  std::vector<T> members; // #un_pool_members
};
std::vector<Backend *> all_backends;
// expected-warning@+4 {{'rcu::RcuBox<Pool<Backend *>>' requires 'Pool<Backend *>' to be Send}}
// expected-note@#un_pool_members {{'Pool<Backend *>' is not Send because field 'members' of type 'std::vector<Backend *>' is not Send}}
// expected-note@#un_pool_members {{its template argument 'Backend *' is a raw pointer}}
// expected-note@#un_pool {{once you have checked}}
rcu::RcuBox<Pool<Backend *>> *backend_pool;
std::vector<Weight> all_weights;
rcu::RcuBox<Pool<Weight>> *weight_pool; // silent

// Not judged: choosing among partial specializations needs deduction, and an
// explicit specialization declared without a body has no members.
template <class T> struct Tagged {
  T value;
};
template <class T> struct Tagged<T *> {
  int id;
};
rcu::RcuBox<Tagged<Backend *>> *tagged; // silent
template <> struct Slot<char>;
rcu::RcuBox<Slot<char>> *declared_only; // silent

// Forms that need Sema to rebuild are not judged, and nothing crashes:
// packs, template template parameters, members of member templates,
// dependent bounds that name no parameter.
template <class... Ts> struct Bundle {
  int count;
  Backend *(*factories[sizeof...(Ts)])();
};
rcu::RcuBox<Bundle<Backend *, int>> *bundle; // silent: function pointers
template <template <class> class C, class T> struct Adapter {
  C<T> inner;
};
rcu::RcuBox<Adapter<Slot, Backend *>> *adapter; // silent: Slot<Backend *> is rebuilt only if it exists
template <class T> struct Outer {
  template <class U> struct Inner {
    T t;
    U u;
  };
};
rcu::RcuBox<Outer<int>::Inner<Weight>> *inner; // silent
template <class T> struct Sized {
  T values[sizeof(T) + 1];
};
rcu::Pointer<Sized<Weight>> *sized; // silent
