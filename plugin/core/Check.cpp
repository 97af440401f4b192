//===- Check.cpp ----------------------------------------------------------===//

#include "core/Check.h"

namespace rcubox {
Check::~Check() = default;
} // namespace rcubox
