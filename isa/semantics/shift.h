// Semantics of SHRPW, EXTRW and DEPW/DEPWI, fixed and SAR-variable forms (PA-RISC 2.0
// manual, chapter 7). Positions use the manual's numbering: bit 0 is the msb, and a field
// "at p" has its rightmost bit at p.
#ifndef DYNSIM_ISA_SEMANTICS_SHIFT_H
#define DYNSIM_ISA_SEMANTICS_SHIFT_H

#include "isa/conditions.h"
#include "isa/inline.h"
#include "isa/insn.h"
#include "isa/nullify.h"
#include "isa/state.h"

namespace isa {

template <class S>
ISA_INLINE unsigned position(S& s, const Insn& i) {
  return (info(i).props & prop::SAR) ? (s.sar() & 31) : i.p;
}

// SHRPW: the 64-bit pair r1:r2 shifted right by sa (SAR form: sa = SAR).
template <class S>
ISA_INLINE Effect exec_shrpw(S& s, const Insn& i, Ia) {
  const uint64_t pair = (uint64_t{s.gr(i.r1)} << 32) | s.gr(i.r2);
  const uint32_t res = static_cast<uint32_t>(pair >> position(s, i));
  write_gr(s, i.t, res);
  return next(cond_nullifies(cond_sed(i.cond, res)));
}

// EXTRW,U / EXTRW,S: len bits ending at position p, zero- or sign-extended.
template <class S>
ISA_INLINE Effect exec_extrw(S& s, const Insn& i, Ia) {
  const unsigned shift = 31 - position(s, i);
  const bool sign = info(i).props & prop::SIGNED;
  const uint32_t src = s.gr(i.r2);
  uint32_t v = sign ? static_cast<uint32_t>(static_cast<int32_t>(src) >> shift) : src >> shift;
  if (i.len < 32) {
    const uint32_t mask = (1u << i.len) - 1;
    v &= mask;
    if (sign && (v >> (i.len - 1)) & 1) v |= ~mask;
  }
  write_gr(s, i.t, v);
  return next(cond_nullifies(cond_sed(i.cond, v)));
}

// DEPW / DEPW,Z / DEPWI / DEPWI,Z: put the low len bits of r (or im5) into t so that they
// end at position p; ,z clears the rest of t, otherwise it is kept.
template <class S>
ISA_INLINE Effect exec_depw(S& s, const Insn& i, Ia) {
  const uint32_t p = info(i).props;
  const unsigned shift = 31 - position(s, i);
  const uint32_t val = (p & prop::IMM) ? static_cast<uint32_t>(i.im2) : s.gr(i.r1);
  const uint32_t mask = (i.len >= 32 ? ~0u : (1u << i.len) - 1) << shift;
  const uint32_t field = (val << shift) & mask;
  const uint32_t res = (p & prop::ZERO) ? field : ((s.gr(i.t) & ~mask) | field);
  write_gr(s, i.t, res);
  return next(cond_nullifies(cond_sed(i.cond, res)));
}

}  // namespace isa

#endif
