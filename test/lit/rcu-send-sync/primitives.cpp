// Primitive types are Send and Sync; raw pointers only as far as what they
// let their holders do with the pointee (see pointers.cpp).
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s

#include <cstddef>
#include <rcu/rcu.hpp>

enum class Color { Red, Green };
using Callback = void (*)(int);

struct Plain {
  int i;
  double d;
  bool b;
  char c;
  Color color;
  std::nullptr_t null;
  Callback fn;
  unsigned bits : 3;
  long arr[4];
};

// Silent: arithmetic, enums, bool, nullptr_t, function pointers, bitfields
// and arrays of them.
rcu::RcuBox<int> *boxed_int;
rcu::Pointer<Plain> *plain;
rcu::Pointer<Color> *color;
rcu::Pointer<Callback> *callback;

// expected-warning@+2 {{'rcu::RcuBox<int *>' requires 'int *' to be Send: RCU may destroy it on another thread}}
// expected-note@+1 {{once you have checked that 'int *' may be sent to another thread, wrap it in a class marked RCU_SEND to vouch for it}}
rcu::RcuBox<int *> *boxed_ptr;
// expected-note@-1 {{'int *' is a raw pointer through which 'int' can be changed without synchronisation, so it is neither Send nor Sync}}

struct Member { // #ss_member_decl
  int Plain::*field; // #ss_member_ptr
};
// expected-warning@+3 {{'rcu::RcuBox<Member>' requires 'Member' to be Send}}
// expected-note@#ss_member_ptr {{'Member' is not Send because field 'field' has raw pointer type 'int Plain::*'}}
// expected-note@#ss_member_decl {{once you have checked that 'Member' may be sent to another thread, mark it RCU_SEND to vouch for it}}
rcu::RcuBox<Member> *member;
