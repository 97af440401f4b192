//===- DepthSet.h - The read-side section depths a point may have -*- C++ -*-//
//
// The lattice of the flow-sensitive section analysis (SectionFlow.h): the set
// of read-side critical section depths a program point is reached with,
// relative to the function's entry (a caller may hold sections of its own),
// each paired with whether the path opened a section in this function. Paths
// that agree keep one exact depth; paths that disagree keep each depth, so a
// check can tell an error path that skips the unlock from a lock wrapper.
// Depths leaving the tracked range (a loop that only locks) and calls whose
// effect the model cannot know make the set Unknown, the top of the lattice.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SECTION_DEPTHSET_H
#define RCUBOX_CORE_SECTION_DEPTHSET_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include <cstdint>
#include <optional>

namespace rcubox::section {

class DepthSet {
public:
  static constexpr int MinDepth = -8;
  static constexpr int MaxDepth = 23;

  /// Unreached (the bottom of the lattice).
  DepthSet() = default;
  /// The function's entry: depth 0, nothing opened yet.
  static DepthSet entry() { return single(0, false); }
  static DepthSet single(int Depth, bool Opened) {
    DepthSet S;
    S.Bits = bit(Depth, Opened);
    return S;
  }
  static DepthSet unknown() {
    DepthSet S;
    S.Unknown = true;
    return S;
  }

  bool isUnreached() const { return !Unknown && Bits == 0; }
  bool isUnknown() const { return Unknown; }

  /// Least upper bound: the union of the paths' depths.
  void join(const DepthSet &O) {
    Unknown |= O.Unknown;
    Bits = Unknown ? 0 : Bits | O.Bits;
  }
  bool operator==(const DepthSet &O) const {
    return Unknown == O.Unknown && Bits == O.Bits;
  }
  bool operator!=(const DepthSet &O) const { return !(*this == O); }

  /// Every path's depth changed by \p Delta; opening marks the paths as
  /// having opened a section here.
  DepthSet shifted(int Delta) const {
    if (Unknown || Delta == 0)
      return *this;
    DepthSet Out;
    bool Overflow = false;
    forEach([&](int Depth, bool Opened) {
      int D = Depth + Delta;
      if (D < MinDepth || D > MaxDepth)
        Overflow = true;
      else
        Out.Bits |= bit(D, Opened || Delta > 0);
    });
    return Overflow ? unknown() : Out;
  }

  /// Calls \p F with each (depth, opened here) pair, shallowest first.
  void forEach(llvm::function_ref<void(int, bool)> F) const {
    if (Unknown)
      return;
    for (int D = MinDepth; D <= MaxDepth; ++D)
      for (bool Opened : {false, true})
        if (Bits & bit(D, Opened))
          F(D, Opened);
  }

  /// The distinct depths (ignoring who opened them); none if Unknown.
  std::optional<int> minDepth() const { return extreme(true); }
  std::optional<int> maxDepth() const { return extreme(false); }
  /// True if every path has the same depth.
  bool isExact() const {
    return !Unknown && Bits != 0 && minDepth() == maxDepth();
  }

private:
  static uint64_t bit(int Depth, bool Opened) {
    return uint64_t(1) << ((Depth - MinDepth) + (Opened ? 32 : 0));
  }
  std::optional<int> extreme(bool Min) const {
    std::optional<int> Out;
    forEach([&](int Depth, bool) {
      if (!Out || (Min ? Depth < *Out : Depth > *Out))
        Out = Depth;
    });
    return Out;
  }

  uint64_t Bits = 0;
  bool Unknown = false;
};

} // namespace rcubox::section

#endif // RCUBOX_CORE_SECTION_DEPTHSET_H
