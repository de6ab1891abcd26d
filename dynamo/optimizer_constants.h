// Constant propagation over a trace, the first of the optimizer's conservative passes
// (paper section 4: constant propagation and folding). It follows the fragment builder's
// single forward walk over the trace and knows, before each trace instruction, which
// general registers hold a value fixed at build time: what LDIL, LDI, LDO and ADDIL compute
// from known operands, what COPY copies (copy propagation), and the links the builder writes for the branches it drops (a dropped
// `b,l` leaves `(pc | 3) + 8` in its link register, PA-RISC 2.0 manual, "B,L").
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

#include "isa/insn.h"

namespace dynamo {

class KnownValues {
 public:
  // Nothing is known (a fragment's entry: any path may reach it).
  void Clear() { known_ = 0; }
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
    value_[r] = value;
  }
  void Forget(uint32_t registers) { known_ &= ~registers; }

  // The effect of `in` executing; `surely_runs` is false when it may be nullified.
  void Apply(const isa::Insn& in, bool surely_runs);

 private:
  uint32_t known_ = 0;  // bit r: value_[r] holds gr r
  uint32_t value_[32];
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_OPTIMIZER_CONSTANTS_H
