// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -Xclang -plugin-arg-rcu-lifetime -Xclang checks=-rcu-send-sync -I %inputs %s
// A class built from a borrowed pointer and a length keeps the borrow only if
// its constructor keeps the pointer; one that copies the bytes owns them.
#include "routes.h"
#include <cstring>
#include <utility>

// Move-only and owning: the constructor copies from the pointer.
class Bytes {
public:
  Bytes() = default;
  Bytes(const char *p, size_t n) : data_(new char[n]), size_(n) {
    std::memcpy(data_, p, n);
  }
  Bytes(Bytes &&o) noexcept : data_(std::exchange(o.data_, nullptr)), size_(o.size_) {}
  Bytes &operator=(Bytes &&o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    return *this;
  }
  Bytes(const Bytes &) = delete;
  ~Bytes() { delete[] data_; }

private:
  char *data_ = nullptr;
  size_t size_ = 0;
};

// Copies element by element through the pointer, with pointer arithmetic.
class Hops {
public:
  Hops(const int *first, const int *last) : n_(last - first), v_(new int[n_]) {
    for (const int *p = first; p != last; ++p)
      v_[p - first] = *p;
  }
  Hops(Hops &&) = default;
  Hops &operator=(Hops &&) = default;

private:
  long n_;
  int *v_;
};

// A view: its constructor keeps the pointer.
class Chars {
public:
  Chars() = default;
  Chars(const char *p, size_t n) : p_(p), n_(n) {}

private:
  const char *p_ = nullptr;
  size_t n_ = 0;
};

// Keeps the end of the range, computed from the pointer.
class Tail {
public:
  Tail() = default;
  Tail(const char *p, size_t n) { end_ = p + n; }

private:
  const char *end_ = nullptr;
};

// Keeps the pointer through a member function of its own.
class Deferred {
public:
  Deferred() = default;
  Deferred(const char *p) { set(p); }

private:
  void set(const char *p) { p_ = p; }
  const char *p_ = nullptr;
};

class Service {
public:
  void keep_bytes(const RoutePtr &ptr) {
    rcu::Guard g;
    const Route *r = ptr.load(g);
    bytes_ = Bytes(r->name.data(), r->name.size());
    Bytes local(r->label.data(), r->label.size());
    bytes_ = std::move(local);
  }
  void keep_hops(const RoutePtr &ptr) {
    rcu::Guard g;
    const Route *r = ptr.load(g);
    hops_ = Hops(r->hops.data(), r->hops.data() + r->hops.size());
  }
  void keep_chars(const RoutePtr &ptr) {
    rcu::Guard g;
    const Route *r = ptr.load(g);
    chars_ = Chars(r->name.data(), r->name.size()); // expected-warning {{escapes the read-side critical section of 'g': stored in member 'chars_'}}
  }
  void keep_tail(const RoutePtr &ptr) {
    rcu::Guard g;
    const Route *r = ptr.load(g);
    tail_ = Tail(r->name.data(), r->name.size()); // expected-warning {{stored in member 'tail_'}}
  }
  void keep_deferred(const RoutePtr &ptr) {
    rcu::Guard g;
    deferred_ = Deferred(ptr.load(g)->name.c_str()); // expected-warning {{stored in member 'deferred_'}}
  }

private:
  Bytes bytes_;
  Hops hops_{nullptr, nullptr};
  Chars chars_;
  Tail tail_;
  Deferred deferred_;
};

Bytes copy_out(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  return Bytes(r->name.data(), r->name.size());
}

Chars view_out(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  return Chars(r->name.data(), r->name.size()); // expected-warning {{returning a value holding a pointer into RCU-protected data that outlives the read-side critical section of 'g'}}
}
