// Semantics of the arithmetic and logical instructions (PA-RISC 2.0 manual, chapter 7:
// ADD, SHLADD, ADDI, SUB, SUBI, CMPCLR, CMPICLR, AND, ANDCM, OR, XOR, UXOR, UADDCM, DCOR,
// DS, LDIL, ADDIL, LDO). Conditions nullify the next instruction, or trap with ,tc.
#ifndef DYNSIM_ISA_SEMANTICS_ALU_H
#define DYNSIM_ISA_SEMANTICS_ALU_H

#include "isa/conditions.h"
#include "isa/inline.h"
#include "isa/insn.h"
#include "isa/nullify.h"
#include "isa/state.h"

namespace isa {

// a + b + cin with everything the conditions and PSW[C/B] need. The carry out of the
// word: the sum wrapped below a, or b + cin is 2^32 (then res == a).
struct Sum {
  uint32_t res;
  bool carry, ovf;
  uint32_t carries;  // carry_vector(): PSW[C/B] is nibble_carries() of it
};
constexpr Sum add_with_carry(uint32_t a, uint32_t b, bool cin) {
  const uint32_t res = a + b + (cin ? 1u : 0u);
  const bool carry = res < a || (cin && res == a);
  return {res, carry, ((~(a ^ b) & (a ^ res)) >> 31) != 0, carry_vector(a, b, res, carry)};
}

// Commits an arithmetic result: ,tsv traps on overflow, ,tc traps when the condition
// holds, otherwise the condition nullifies the next instruction.
template <class S>
ISA_INLINE Effect commit_arith(S& s, const Insn& i, const Sum& r, bool cond, bool write_cb) {
  const uint32_t p = info(i).props;
  if ((p & prop::TSV) && r.ovf) return trap(Trap::kOverflow);
  if ((p & prop::TC) && cond) return trap(Trap::kCondition);
  write_gr(s, i.t, r.res);
  if (write_cb) s.set_carries(r.carries);
  return next(!(p & prop::TC) && cond_nullifies(cond));
}

// ADD, ADD,L, ADD,C, ADD,TSV, SHLADD, ADDI, ADDI,TC.
template <class S>
ISA_INLINE Effect exec_add(S& s, const Insn& i, Ia) {
  const uint32_t p = info(i).props;
  const uint32_t a = (p & prop::IMM) ? static_cast<uint32_t>(i.im) : s.gr(i.r1) << i.p;
  const Sum r = add_with_carry(a, s.gr(i.r2), (p & prop::RD_CB) && (s.cb() & 0x80));
  return commit_arith(s, i, r, cond_arith(i.cond, r.res, r.carry, r.ovf), p & prop::WR_CB);
}

// SUB, SUB,B, SUB,TSV, SUB,TC, SUBI: r1 + ~r2 + (borrow ? C : 1).
template <class S>
ISA_INLINE Effect exec_sub(S& s, const Insn& i, Ia) {
  const uint32_t p = info(i).props;
  const uint32_t a = (p & prop::IMM) ? static_cast<uint32_t>(i.im) : s.gr(i.r1);
  const bool cin = (p & prop::RD_CB) ? (s.cb() & 0x80) != 0 : true;
  const Sum r = add_with_carry(a, ~s.gr(i.r2), cin);
  return commit_arith(s, i, r, cond_arith(i.cond, r.res, r.carry, r.ovf), true);
}

// CMPCLR, CMPICLR: compare, clear t, nullify the next instruction if the condition holds.
template <class S>
ISA_INLINE Effect exec_cmpclr(S& s, const Insn& i, Ia) {
  const uint32_t a = (info(i).props & prop::IMM) ? static_cast<uint32_t>(i.im) : s.gr(i.r1);
  const Sum r = add_with_carry(a, ~s.gr(i.r2), true);
  write_gr(s, i.t, 0);
  return next(cond_nullifies(cond_arith(i.cond, r.res, r.carry, r.ovf)));
}

// AND, ANDCM, OR (and its aliases COPY, NOP), XOR, UXOR.
template <class S>
ISA_INLINE Effect exec_logical(S& s, const Insn& i, Ia) {
  const uint32_t a = s.gr(i.r1), b = s.gr(i.r2);
  uint32_t res = a | b;
  if (i.op == Op::AND) res = a & b;
  else if (i.op == Op::ANDCM) res = a & ~b;
  else if (i.op == Op::XOR || i.op == Op::UXOR) res = a ^ b;
  const bool cond = info(i).cond == kCondUxor ? cond_unit(i.cond, res, 0) : cond_logical(i.cond, res);
  write_gr(s, i.t, res);
  return next(cond_nullifies(cond));
}

// UADDCM (unit add complement): r1 + ~r2, unit conditions on the carries; ,tc traps.
template <class S>
ISA_INLINE Effect exec_uaddcm(S& s, const Insn& i, Ia) {
  const uint32_t a = s.gr(i.r1), b = ~s.gr(i.r2);
  const uint64_t wide = uint64_t{a} + b;
  const uint32_t res = static_cast<uint32_t>(wide);
  const bool cond = cond_unit(i.cond, res, carry_vector(a, b, res, (wide >> 32) != 0));
  if ((info(i).props & prop::TC) && cond) return trap(Trap::kCondition);
  write_gr(s, i.t, res);
  return next(!(info(i).props & prop::TC) && cond_nullifies(cond));
}

// DCOR, DCOR,I (decimal correct): subtract 6 from every digit without a carry (DCOR) or
// add 6 to every digit with one (DCOR,I), per PSW[C/B].
template <class S>
ISA_INLINE Effect exec_dcor(S& s, const Insn& i, Ia) {
  const bool inverse = info(i).props & prop::NEG;
  uint32_t sixes = 0;
  for (unsigned k = 0; k < 8; ++k)
    if (((s.cb() >> k) & 1) == (inverse ? 1 : 0)) sixes |= 6u << (4 * k);
  const uint32_t res = inverse ? s.gr(i.r2) + sixes : s.gr(i.r2) - sixes;
  const bool cond = cond_unit(i.cond, res, 0);
  write_gr(s, i.t, res);
  return next(cond_nullifies(cond));
}

// DS (divide step), as the millicode ($$divU, $$remI ...) relies on: shift r1 left by one
// taking in PSW[C/B]'s word carry; add r2 if PSW[V] is clear, else subtract it (as
// + ~r2 + 1); the carry out becomes the new C/B and V = carry XOR r2's sign bit.
template <class S>
ISA_INLINE Effect exec_ds(S& s, const Insn& i, Ia) {
  const bool v = s.psw_v();
  const uint32_t a = (s.gr(i.r1) << 1) | ((s.cb() >> 7) & 1);
  const uint32_t b = v ? ~s.gr(i.r2) : s.gr(i.r2);
  const Sum r = add_with_carry(a, b, v);
  const bool new_v = r.carry != ((s.gr(i.r2) >> 31) != 0);
  write_gr(s, i.t, r.res);
  s.set_carries(r.carries);
  s.set_psw_v(new_v);
  return next();
}

template <class S>
ISA_INLINE Effect exec_ldil(S& s, const Insn& i, Ia) {
  write_gr(s, i.t, static_cast<uint32_t>(i.im));
  return next();
}
// ADDIL: gr1 = r + (im21 << 11).
template <class S>
ISA_INLINE Effect exec_addil(S& s, const Insn& i, Ia) {
  write_gr(s, 1, s.gr(i.r2) + static_cast<uint32_t>(i.im));
  return next();
}
template <class S>
ISA_INLINE Effect exec_ldo(S& s, const Insn& i, Ia) {
  write_gr(s, i.t, s.gr(i.r2) + static_cast<uint32_t>(i.im));
  return next();
}

}  // namespace isa

#endif
