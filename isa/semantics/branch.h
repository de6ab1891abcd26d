// Semantics of branches (PA-RISC 2.0 manual, chapter 7: CMPB, CMPIB, ADDB, ADDIB, MOVB,
// MOVIB, BB, B,L, B,GATE, BLR, BV, BVE, BE, BE,L). Targets: pc-relative ones are
// IAOQ_front + disp + 8; links are IAOQ_back + 4 (so they carry the privilege bits).
#ifndef DYNSIM_ISA_SEMANTICS_BRANCH_H
#define DYNSIM_ISA_SEMANTICS_BRANCH_H

#include "isa/conditions.h"
#include "isa/inline.h"
#include "isa/insn.h"
#include "isa/nullify.h"
#include "isa/semantics/alu.h"
#include "isa/state.h"

namespace isa {

// Where a conditional branch goes when taken (also wanted when it is not, by predictors).
constexpr uint32_t cond_branch_target(const Insn& i, Ia ia) { return ia.front + 8 + static_cast<uint32_t>(i.im); }

inline Effect cond_branch(const Insn& i, Ia ia, bool taken) {
  const bool nul = cond_branch_nullifies(i.flags & kFlagN, taken, i.im);
  if (!taken) return next(nul);
  return branch(cond_branch_target(i, ia), nul);
}

template <class S>
ISA_INLINE uint32_t first_operand(S& s, const Insn& i) {
  return (info(i).props & prop::IMM) ? static_cast<uint32_t>(i.im2) : s.gr(i.r1);
}

// CMPB, CMPIB: compare (as subtraction) and branch.
template <class S>
ISA_INLINE Effect exec_cmpb(S& s, const Insn& i, Ia ia) {
  const Sum r = add_with_carry(first_operand(s, i), ~s.gr(i.r2), true);
  return cond_branch(i, ia, cond_arith(i.cond, r.res, r.carry, r.ovf));
}

// ADDB, ADDIB: r2 += operand, branch on the add condition. PSW[C/B] is not changed.
template <class S>
ISA_INLINE Effect exec_addb(S& s, const Insn& i, Ia ia) {
  const Sum r = add_with_carry(first_operand(s, i), s.gr(i.r2), false);
  write_gr(s, i.r2, r.res);
  return cond_branch(i, ia, cond_arith(i.cond, r.res, r.carry, r.ovf));
}

// MOVB, MOVIB: r2 = operand, branch on the shift/extract condition of the value.
template <class S>
ISA_INLINE Effect exec_movb(S& s, const Insn& i, Ia ia) {
  const uint32_t v = first_operand(s, i);
  write_gr(s, i.r2, v);
  return cond_branch(i, ia, cond_sed(i.cond, v));
}

// BB: branch if bit p (or SAR) of r is 1 ("<") or 0 (">=").
template <class S>
ISA_INLINE Effect exec_bb(S& s, const Insn& i, Ia ia) {
  const unsigned pos = (info(i).props & prop::SAR) ? (s.sar() & 31) : i.p;
  const bool bit = (s.gr(i.r1) >> (31 - pos)) & 1;
  return cond_branch(i, ia, (i.cond >> 1) == 0 ? bit : !bit);
}

// B,L (17- and 22-bit), B,GATE: pc-relative with link (t = r0 makes a plain branch).
template <class S>
ISA_INLINE Effect exec_bl(S& s, const Insn& i, Ia ia) {
  write_gr(s, i.op == Op::B_L22 ? 2 : i.t, ia.back + 4);
  return branch(ia.front + 8 + static_cast<uint32_t>(i.im), uncond_branch_nullifies(i.flags & kFlagN));
}

// BLR: branch to IAOQ_front + 8 + x * 8 (switch tables), with link.
template <class S>
ISA_INLINE Effect exec_blr(S& s, const Insn& i, Ia ia) {
  const uint32_t target = ia.front + 8 + (s.gr(i.r1) << 3);
  write_gr(s, i.t, ia.back + 4);
  return branch(target, uncond_branch_nullifies(i.flags & kFlagN));
}

// BV x(b): to b + x * 8; BVE (b), BVE,L (b),rp: to b.
template <class S>
ISA_INLINE Effect exec_bv(S& s, const Insn& i, Ia ia) {
  const uint32_t base = s.gr(i.r2);
  const uint32_t target = i.op == Op::BV ? base + (s.gr(i.r1) << 3) : base;
  if (i.op == Op::BVE_L) write_gr(s, 2, ia.back + 4);
  return branch(keep_privilege(target, ia.front), uncond_branch_nullifies(i.flags & kFlagN));
}

// BE, BE,L (external): to b + disp in space sr; BE,L links in r31 (and sr0). Linux's
// system-call gateway is `be,l 0x100(sr2,r0)`: the branch is architecturally ordinary; the
// dispatcher sees the queue reach the gateway page (see step.h).
template <class S>
ISA_INLINE Effect exec_be(S& s, const Insn& i, Ia ia) {
  const uint32_t target = s.gr(i.r2) + static_cast<uint32_t>(i.im);
  if (i.op == Op::BE_L) write_gr(s, 31, ia.back + 4);
  return branch(keep_privilege(target, ia.front), uncond_branch_nullifies(i.flags & kFlagN));
}

}  // namespace isa

#endif
