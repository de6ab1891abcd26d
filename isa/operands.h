// Operand metadata for the timing models and Dynamo, derived from the PROPS and CLASS
// columns of insns.def: registers read and written, memory size, whether the instruction
// may nullify its successor, and what kind of control transfer a branch is.
#ifndef DYNSIM_ISA_OPERANDS_H
#define DYNSIM_ISA_OPERANDS_H

#include <stdint.h>

#include "isa/insn.h"

namespace isa {

struct Operands {
  uint32_t gr_read = 0, gr_written = 0;  // bit r = general register r (gr0 never listed)
  uint32_t fr_read = 0, fr_written = 0;  // bit r = FP register r
  bool reads_sar = false, writes_sar = false, reads_cb = false, writes_cb = false;
  uint8_t mem_size = 0;                  // bytes accessed (0: none)
  bool may_nullify_next = false;
};

namespace detail {
constexpr uint32_t bit(unsigned r) { return r ? (1u << r) : 0u; }
}  // namespace detail

// FP operations read and write the status register (fr0) besides their operands; FMPYFADD
// reads its addend, FMPYADD its two add operands and writes ta (semantics/fp.h).
constexpr void add_fp_implicit(const Insn& i, Operands& o) {
  const Sem sem = info(i).sem;
  if (sem < Sem::FpUnary) return;
  o.fr_read |= 1u;
  if (sem != Sem::FpTest) o.fr_written |= 1u;
  if (sem == Sem::FpFma) o.fr_read |= 1u << i.len;
  if (sem == Sem::FpMpyAdd) {
    const bool single = (info(i).match >> 5) & 1;
    auto reg = [&](unsigned field) { return single ? 16 + (field & 15) : field; };
    o.fr_read = 1u | (1u << reg(i.r1)) | (1u << reg(i.r2)) | (1u << reg(i.len)) | (1u << reg(i.sr));
    o.fr_written = 1u | (1u << reg(i.t)) | (1u << reg(i.sr));
  }
}

constexpr Operands operands(const Insn& i) {
  using namespace prop;
  const uint32_t p = info(i).props;
  Operands o;
  auto add = [&](bool fp, bool write, unsigned r) {
    uint32_t& set = fp ? (write ? o.fr_written : o.fr_read) : (write ? o.gr_written : o.gr_read);
    set |= fp ? (1u << r) : detail::bit(r);
  };
  if (p & RD_R1) add(p & FP_R1, false, i.r1);
  if (p & RD_R2) add(p & FP_R2, false, i.r2);
  if (p & RD_T) add(p & FP_T, false, i.t);
  if (p & WR_T) add(p & FP_T, true, i.t);
  if (p & WR_R2) add(false, true, i.r2);
  if ((i.flags & kFlagM) || (p & AM_MASK) == AM_LONGM) o.gr_written |= detail::bit(i.r2);
  if (p & WR_GR1) o.gr_written |= detail::bit(1);
  if (p & WR_RP) o.gr_written |= detail::bit(2);
  if (p & WR_R31) o.gr_written |= detail::bit(31);
  o.reads_sar = p & RD_SAR;
  o.writes_sar = p & WR_SAR;
  o.reads_cb = p & RD_CB;
  o.writes_cb = p & WR_CB;
  add_fp_implicit(i, o);
  o.mem_size = info(i).size;
  o.may_nullify_next = (p & NULLIFY) || ((i.cond != 0 || info(i).cond == kCondBb) && !(p & TC));
  return o;
}

// Whether words of class `c` are branches (conditional, unconditional or indirect).
constexpr bool is_branch(Cls c) {
  return c == Cls::kBranchCond || c == Cls::kBranchUncond || c == Cls::kBranchIndirect;
}

enum class BranchKind : uint8_t {
  kNone, kConditional, kUnconditional, kCall, kIndirect, kIndirectCall, kReturn, kSyscall,
};

// Calls link into a register (b,l with t != r0, be,l, bve,l, blr with t != r0); returns are
// bv r0(rp) and bve (rp); `be,l 0x100(sr2,r0)` is the Linux system call.
constexpr BranchKind branch_kind(const Insn& i) {
  switch (i.op) {
    case Op::B_L: case Op::B_GATE: return i.t ? BranchKind::kCall : BranchKind::kUnconditional;
    case Op::B_L22: return BranchKind::kCall;
    case Op::BLR: return i.t ? BranchKind::kIndirectCall : BranchKind::kIndirect;
    case Op::BV: return (i.r2 == 2 && i.r1 == 0) ? BranchKind::kReturn : BranchKind::kIndirect;
    case Op::BVE: return i.r2 == 2 ? BranchKind::kReturn : BranchKind::kIndirect;
    case Op::BVE_L: return BranchKind::kIndirectCall;
    case Op::BE: return BranchKind::kIndirect;
    case Op::BE_L:
      return (i.r2 == 0 && i.im == 0x100 && i.sr == 2) ? BranchKind::kSyscall : BranchKind::kIndirectCall;
    default: return info(i).cls == Cls::kBranchCond ? BranchKind::kConditional : BranchKind::kNone;
  }
}

}  // namespace isa

#endif
