// The unit tests again with the read path as calls into liburcu-memb.so
// (RCUBOX_URCU_INLINE=0), linked against a runtime built in the default mode:
// the two modes must work alone and mixed in one program.
#undef RCUBOX_URCU_INLINE
#define RCUBOX_URCU_INLINE 0
#include "unit_test.cpp"
