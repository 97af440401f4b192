// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -Xclang -plugin-arg-rcu-lifetime -Xclang checks=-rcu-send-sync -I %inputs %s
// A pointer value read out of RCU data (an element's `ops`, pointing to a
// static table) is not a borrow of the guard, wherever the element sits; a
// pointer to the element itself is.
#include "routes.h"
#include <array>

struct Ops {
  int (*run)(int);
};
extern const Ops kFastOps;
struct Slot {
  const Ops *ops;
  int weight;
};
struct Table {
  Slot c_slots[4];
  std::array<Slot, 4> a_slots;
  std::vector<Slot> v_slots;
  Slot grid[2][2];
};
using TablePtr = rcu::Pointer<Table>;

const Ops *g_ops;

class Dispatcher {
public:
  void from_c_array(const TablePtr &t, int i) {
    rcu::Guard g;
    ops_ = t.load(g)->c_slots[i].ops;
    g_ops = t.load(g)->c_slots[i].ops;
  }
  void from_std_array(const TablePtr &t, int i) {
    rcu::Guard g;
    ops_ = t.load(g)->a_slots[i].ops;
  }
  void from_vector(const TablePtr &t, int i) {
    rcu::Guard g;
    ops_ = t.load(g)->v_slots[i].ops;
  }
  void from_2d_array(const TablePtr &t) {
    rcu::Guard g;
    ops_ = t.load(g)->grid[1][0].ops;
  }
  void through_a_local(const TablePtr &t) {
    rcu::Guard g;
    const Slot &s = t.load(g)->c_slots[0];
    ops_ = s.ops;
  }

  void element_c_array(const TablePtr &t, int i) {
    rcu::Guard g;
    slot_ = &t.load(g)->c_slots[i]; // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'slot_'}}
  }
  void element_std_array(const TablePtr &t, int i) {
    rcu::Guard g;
    slot_ = &t.load(g)->a_slots[i]; // expected-warning {{stored in member 'slot_'}}
  }
  void element_2d_array(const TablePtr &t) {
    rcu::Guard g;
    slot_ = &t.load(g)->grid[1][1]; // expected-warning {{stored in member 'slot_'}}
  }
  void decayed_array(const TablePtr &t) {
    rcu::Guard g;
    slot_ = t.load(g)->c_slots + 1; // expected-warning {{stored in member 'slot_'}}
  }

private:
  const Ops *ops_ = nullptr;
  const Slot *slot_ = nullptr;
};

// A local array of borrows still holds them, element by element.
int local_array_of_borrows(const TablePtr &t) {
  const Slot *picked[2];
  {
    rcu::Guard g;
    picked[0] = &t.load(g)->c_slots[0];
    picked[1] = &t.load(g)->c_slots[1];
  }
  return picked[1]->weight; // expected-warning {{used after the read-side critical section of 'g' ended}}
}
