// A connection tracker that caches the config it last read. Three mistakes a
// reviewer easily misses; `cmake/rcubox.sh example` runs rcu-check over this
// directory to show them. (Not built: examples/ holds the correct versions.)
#include <rcu/rcu.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>

struct Limits {
  std::uint32_t max_sessions = 1024;
  std::uint32_t idle_timeout_s = 300;
  std::string banner;
};

rcu::Pointer<Limits> g_limits{rcu::make_rcu_box<Limits>()};

class SessionTable {
public:
  bool admit(std::uint64_t id) {
    rcu::Guard g;
    const Limits *l = g_limits.load(g);
    // Bug 1: keeps a pointer into RCU data past this read-side section; the
    // next reload frees it while idle_timeout() still reads through it.
    last_limits_ = l;
    if (sessions_.size() >= l->max_sessions)
      return false;
    sessions_[id] = 0;
    return true;
  }

  std::uint32_t idle_timeout() const {
    return last_limits_ ? last_limits_->idle_timeout_s : 300;
  }

  const std::string &banner() const {
    const Limits *l;
    {
      rcu::Guard g;
      l = g_limits.load(g);
    }
    // Bug 2: the guard ended at the brace above.
    return l->banner;
  }

private:
  const Limits *last_limits_ = nullptr;
  std::unordered_map<std::uint64_t, std::uint32_t> sessions_;
};
