// Nullification rules, in one place (PA-RISC 2.0 manual, chapter 4 "Control Flow" and the
// branch descriptions of chapter 7).
#ifndef DYNSIM_ISA_NULLIFY_H
#define DYNSIM_ISA_NULLIFY_H

#include <stdint.h>

namespace isa {

// Conditional branches with ,n: the delay slot is nullified if the branch is taken with a
// non-negative (forward) displacement, or not taken with a negative (backward) one; so a
// backward loop branch executes its delay slot only while it loops.
constexpr bool cond_branch_nullifies(bool n, bool taken, int32_t disp) {
  return n && (taken ? disp >= 0 : disp < 0);
}
// Unconditional branches with ,n always nullify the delay slot.
constexpr bool uncond_branch_nullifies(bool n) { return n; }
// Non-branch instructions with a condition nullify the next instruction when it holds.
constexpr bool cond_nullifies(bool cond_holds) { return cond_holds; }

// Privilege rule for branch targets: a branch may lower privilege (numerically raise the
// level in the low two bits) but never raise it, so user code stays at level 3.
constexpr uint32_t keep_privilege(uint32_t target, uint32_t front) {
  const uint32_t cur = front & 3, want = target & 3;
  return (target & ~3u) | (want > cur ? want : cur);
}

static_assert(cond_branch_nullifies(true, true, 8) && !cond_branch_nullifies(true, true, -8),
              "taken forward nullifies, taken backward does not");
static_assert(cond_branch_nullifies(true, false, -8) && !cond_branch_nullifies(true, false, 8),
              "not taken backward nullifies, not taken forward does not");

}  // namespace isa

#endif
