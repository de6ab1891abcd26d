// step(): one instruction through the instruction address queue, the single place that
// applies nullification and advances IAOQ (PA-RISC 2.0 manual, chapter 4: "the IA queue",
// "nullification"). A simulator core or an interpreter fetches and decodes the word at
// (iaoq_front & ~3), then calls step():
//   1. if PSW[N] is set, the instruction is nullified: clear N, advance, nothing else;
//   2. otherwise execute it; a trap leaves the queue unchanged (nothing committed);
//   3. advance: front <- back; back <- branch target, or back + 4; N <- "nullify next".
// The Linux system-call gateway is an address, not an instruction: when the queue's front
// reaches page zero's gateway entries (0x100 syscall, 0xb0 light-weight syscall, 0xe0 set
// thread pointer) step() reports kGateway after the branch's delay slot has executed;
// the caller performs the call and resumes with gateway_return().
#ifndef DYNSIM_ISA_STEP_H
#define DYNSIM_ISA_STEP_H

#include "isa/execute.h"
#include "isa/inline.h"
#include "isa/insn.h"
#include "isa/state.h"

namespace isa {

struct StepResult {
  enum Kind : uint8_t { kRetired, kNullified, kTrap, kGateway } kind = kRetired;
  Effect effect;  // what the instruction did (kTrap: why)
};

constexpr uint32_t kGatewayPageEnd = 0x1000;
constexpr bool is_gateway(uint32_t iaoq) { return (iaoq & ~3u) < kGatewayPageEnd; }

// kReportGateway false: never kGateway, for a caller that checks the front itself where
// it fetches (Dynamo's interpreter, whose decode cache never holds page zero).
// kMayBeNullified false: the caller has found PSW[N] clear (and steps a nullified
// instruction through the generic instantiation), so rule 1 need not be tested.
template <class S, bool kReportGateway = true, bool kMayBeNullified = true>
ISA_INLINE StepResult step(S& s, const Insn& i) {
  StepResult r;
  const Ia ia{s.iaoq_front(), s.iaoq_back()};
  if (kMayBeNullified && s.psw_n()) {
    s.set_psw_n(false);
    s.set_iaoq(ia.back, ia.back + 4);
    r.kind = StepResult::kNullified;
  } else {
    r.effect = execute(s, i, ia);
    if (r.effect.kind == Effect::kTrap) {
      r.kind = StepResult::kTrap;
      return r;
    }
    s.set_iaoq(ia.back, r.effect.kind == Effect::kBranch ? r.effect.target : ia.back + 4);
    s.set_psw_n(r.effect.nullify);
  }
  if (kReportGateway && is_gateway(s.iaoq_front()) && !s.psw_n()) r.kind = StepResult::kGateway;
  return r;
}

// After the caller has carried out the gateway's work, return as the gateway code would:
// to the link the branch left in r31, in user mode.
template <class S>
ISA_INLINE void gateway_return(S& s) {
  const uint32_t ret = s.gr(31) | 3u;
  s.set_iaoq(ret, ret + 4);
  s.set_psw_n(false);
}

}  // namespace isa

#endif
