// Constant propagation over a trace, the first of the optimizer's conservative passes
// (paper section 4: constant propagation and folding). It follows the fragment builder's
// single forward walk over the trace and knows, before each trace instruction, which
// general registers hold a value fixed at build time: what LDIL, LDI, LDO and ADDIL compute
// from known operands, what COPY copies (copy propagation), the links the builder writes
// for the branches it drops (a dropped `b,l` leaves `(pc | 3) + 8` in its link register,
// PA-RISC 2.0 manual, "B,L"), and a word loaded from a stack slot the trace stored a known
// value in (optimizer_stack_slots.h). For the last it also knows which registers hold the
// fragment's entry stack pointer plus a constant (the stack pointer itself, frame
// pointers copied from it).
//
// The builder folds with it: an indirect branch whose target register is known to hold the
// target the trace recorded needs no compare at all (a return whose call is on the trace
// costs nothing, paper section 4.2). Nothing is rewritten: every register keeps the value
// the original code gives it at every point, so a signal or fault anywhere in the fragment
// sees the original program's registers (the property signal rectification relies on).
//
// Conservative by construction: an instruction that may not execute (the one before it may
// nullify it) or whose effect is not modelled forgets every register it may write.
#ifndef DYNSIM_DYNAMO_OPTIMIZER_CONSTANTS_H
#define DYNSIM_DYNAMO_OPTIMIZER_CONSTANTS_H

#include <stdint.h>

#include "dynamo/optimizer_stack_slots.h"
#include "isa/insn.h"

namespace dynamo {

class KnownValues {
 public:
  static constexpr unsigned kStackPointer = 30;

  // Nothing is known (a fragment's entry: any path may reach it) but that the stack
  // pointer is the entry stack pointer.
  void Clear() {
    known_ = 0;
    bounded_ = 0;
    stack_ = 1u << kStackPointer;
    value_[kStackPointer] = 0;
    slots_.Clear();
  }
  bool Known(unsigned r, uint32_t* value) const {
    if (r == 0) {
      *value = 0;
      return true;
    }
    if (!((known_ >> r) & 1)) return false;
    *value = value_[r];
    return true;
  }
  void Set(unsigned r, uint32_t value) {
    if (r == 0) return;
    known_ |= 1u << r;
    stack_ &= ~(1u << r);
    bounded_ &= ~(1u << r);
    value_[r] = value;
  }
  // gr r holds at most *max (unsigned): a known value, or an unsigned field extract's
  // all-ones (a switch's index needs no bounds check against a table that long). False
  // leaves *max alone.
  bool UpperBound(unsigned r, uint32_t* max) const {
    if (Known(r, max)) return true;
    if (!((bounded_ >> r) & 1)) return false;
    *max = value_[r];
    return true;
  }
  // gr r holds the entry stack pointer plus *offset.
  bool StackOffset(unsigned r, int32_t* offset) const {
    if (!((stack_ >> r) & 1)) return false;
    *offset = static_cast<int32_t>(value_[r]);
    return true;
  }
  void SetStackOffset(unsigned r, int32_t offset) {
    if (r == 0) return;
    stack_ |= 1u << r;
    known_ &= ~(1u << r);
    bounded_ &= ~(1u << r);
    value_[r] = static_cast<uint32_t>(offset);
  }
  void Forget(uint32_t registers) {
    known_ &= ~registers;
    stack_ &= ~registers;
    bounded_ &= ~registers;
  }
  // A register known to hold a value within LDO's reach of `value` (`preferred` first, then
  // the lowest): *reg and value - *reg's value in *disp. Strength reduction of a
  // constant's two instructions (ldil, ldo) to one ldo from that register.
  bool Near(uint32_t value, unsigned preferred, unsigned* reg, int32_t* disp) const;
  // Whether loads from the trace's stack slots are known (off: no slot is recorded), and
  // whether a store through a pointer not derived from the stack pointer is assumed to
  // leave them alone (the aggressive class) instead of forgetting them all.
  void FollowStackSlots(bool on, bool private_slots) {
    follow_slots_ = on;
    private_slots_ = private_slots;
  }

  // The effect of `in` executing; `surely_runs` is false when it may be nullified.
  void Apply(const isa::Insn& in, bool surely_runs);

 private:
  // Where a load or store of `in` goes, as an entry-sp offset, and its base register's new
  // offset; false unless its base is stack-relative and its index (if any) known.
  bool StackAccess(const isa::Insn& in, int32_t* at, int32_t* new_base, bool* modifies) const;
  // The memory half of Apply (`on_stack`: `in` accesses entry-sp offset `at`): slots
  // overwritten or recorded, a loaded word looked up. True with *loaded set when `in`
  // loads a known word.
  bool ApplyMemory(const isa::Insn& in, bool surely_runs, bool on_stack, int32_t at, uint32_t* loaded);

  uint32_t known_ = 0;  // bit r: value_[r] holds gr r
  uint32_t stack_ = 0;  // bit r: gr r holds the entry stack pointer + value_[r]
  uint32_t bounded_ = 0;  // bit r: gr r holds at most value_[r], unsigned
  uint32_t value_[32];
  StackSlots slots_;
  bool follow_slots_ = true, private_slots_ = false;
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_OPTIMIZER_CONSTANTS_H
