// Semantics of loads and stores (PA-RISC 2.0 manual, chapter 7: LDB/LDH/LDW with long,
// short and indexed forms and their base modification, STB/STH/STW, LDCW, FLDW/FLDD,
// FSTW/FSTD, and XMPYU) and of the effective address they share with FDC/FIC.
#ifndef DYNSIM_ISA_SEMANTICS_MEMORY_H
#define DYNSIM_ISA_SEMANTICS_MEMORY_H

#include "isa/inline.h"
#include "isa/insn.h"
#include "isa/state.h"

namespace isa {

// Effective address and base-register update of one access.
struct Address {
  uint32_t addr;      // where the access happens
  uint32_t new_base;  // base + offset, written back when modify is set
  bool modify;
};

// Long (im14), long modify (ldw,m / stw,m: negative displacement modifies before,
// otherwise after), short (im5; ,mb before, ,ma after), PA 2.0's FP long forms (as the
// short ones, with a 14-bit displacement) and indexed (,s scales the index by
// the access size; ,m modifies after) addressing.
template <class S>
ISA_INLINE Address effective_address(S& s, const Insn& i, unsigned size) {
  const uint32_t base = s.gr(i.r2);
  switch (info(i).props & prop::AM_MASK) {
    case prop::AM_LONGM: {
      const uint32_t nb = base + static_cast<uint32_t>(i.im);
      return {i.im < 0 ? nb : base, nb, true};
    }
    case prop::AM_IDX: {
      const uint32_t x = s.gr(i.r1) * ((i.flags & kFlagU) ? size : 1);
      return {(i.flags & kFlagM) ? base : base + x, base + x, (i.flags & kFlagM) != 0};
    }
    case prop::AM_SHORT:
    case prop::AM_LONGS: {
      const uint32_t nb = base + static_cast<uint32_t>(i.im);
      if (!(i.flags & kFlagM)) return {nb, nb, false};
      return {(i.flags & kFlagA) ? nb : base, nb, true};
    }
    default:
      return {base + static_cast<uint32_t>(i.im), base, false};
  }
}

// Base update first, then the loaded value, so a load into its own base keeps the value.
template <class S>
ISA_INLINE Effect exec_load(S& s, const Insn& i, Ia) {
  const unsigned size = info(i).size;
  const Address a = effective_address(s, i, size);
  uint64_t v = 0;
  if (const int f = s.load(a.addr, size, &v)) return trap(Trap::kMemory, f, a.addr);
  if (a.modify) write_gr(s, i.r2, a.new_base);
  write_gr(s, i.t, static_cast<uint32_t>(v));
  return next();
}

// LDCW: load and clear word (the semaphore primitive).
template <class S>
ISA_INLINE Effect exec_ldcw(S& s, const Insn& i, Ia) {
  const Address a = effective_address(s, i, 4);
  // A misaligned semaphore raises the unaligned data reference trap, and Linux's handler
  // refuses to emulate LDCW (arch/parisc/kernel/unaligned.c): SIGBUS, never a State's
  // unaligned-access emulation. Word alignment is what qemu-hppa checks too.
  if (a.addr & 3) return trap(Trap::kUnaligned, 0, a.addr);
  uint64_t v = 0;
  if (const int f = s.load(a.addr, 4, &v)) return trap(Trap::kMemory, f, a.addr);
  if (const int f = s.store(a.addr, 4, 0)) return trap(Trap::kMemory, f, a.addr);
  if (a.modify) write_gr(s, i.r2, a.new_base);
  write_gr(s, i.t, static_cast<uint32_t>(v));
  return next();
}

// The value is read before the base is modified (stw,ma r, d(r) stores the old r).
template <class S>
ISA_INLINE Effect exec_store(S& s, const Insn& i, Ia) {
  const unsigned size = info(i).size;
  const Address a = effective_address(s, i, size);
  if (const int f = s.store(a.addr, size, s.gr(i.r1))) return trap(Trap::kMemory, f, a.addr);
  if (a.modify) write_gr(s, i.r2, a.new_base);
  return next();
}

// STBY,B stores bytes (addr & 3)..3 of r at their places in the word; STBY,E stores
// bytes 0..(addr & 3) - 1 (big-endian byte numbering). Used by memset/memcpy-like code.
template <class S>
ISA_INLINE Effect exec_stby(S& s, const Insn& i, Ia) {
  const uint32_t addr = s.gr(i.r2) + static_cast<uint32_t>(i.im), word = addr & ~3u, r = s.gr(i.r1);
  const unsigned from = i.op == Op::STBY_E ? 0 : (addr & 3), to = i.op == Op::STBY_E ? (addr & 3) : 4;
  uint64_t probe = 0;
  if (const int f = s.load(word, 4, &probe)) return trap(Trap::kMemory, f, addr);
  for (unsigned b = from; b < to; ++b)
    if (const int f = s.store(word + b, 1, (r >> (8 * (3 - b))) & 0xff)) return trap(Trap::kMemory, f, addr);
  return next();
}

// Word halves of FP registers: frNL is bits 63..32, frNR bits 31..0.
template <class S>
ISA_INLINE uint32_t fr_word(S& s, unsigned r, bool right) {
  const uint64_t v = s.fr(r);
  return static_cast<uint32_t>(right ? v : v >> 32);
}
template <class S>
ISA_INLINE void set_fr_word(S& s, unsigned r, bool right, uint32_t w) {
  const uint64_t v = s.fr(r);
  s.set_fr(r, right ? ((v & 0xffffffff00000000ull) | w) : ((v & 0xffffffffull) | (uint64_t{w} << 32)));
}

template <class S>
ISA_INLINE Effect exec_fload(S& s, const Insn& i, Ia) {
  const unsigned size = info(i).size;
  const Address a = effective_address(s, i, size);
  uint64_t v = 0;
  if (const int f = s.load(a.addr, size, &v)) return trap(Trap::kMemory, f, a.addr);
  if (a.modify) write_gr(s, i.r2, a.new_base);
  if (size == 8) s.set_fr(i.t, v);
  else set_fr_word(s, i.t, i.flags & kFlagLRT, static_cast<uint32_t>(v));
  return next();
}

template <class S>
ISA_INLINE Effect exec_fstore(S& s, const Insn& i, Ia) {
  const unsigned size = info(i).size;
  const Address a = effective_address(s, i, size);
  const uint64_t v = size == 8 ? s.fr(i.t) : fr_word(s, i.t, i.flags & kFlagLRT);
  if (const int f = s.store(a.addr, size, v)) return trap(Trap::kMemory, f, a.addr);
  if (a.modify) write_gr(s, i.r2, a.new_base);
  return next();
}

// XMPYU: unsigned 32 x 32 -> 64-bit product of two FP word halves into a double register.
template <class S>
ISA_INLINE Effect exec_xmpyu(S& s, const Insn& i, Ia) {
  const uint64_t a = fr_word(s, i.r1, i.flags & kFlagLR1), b = fr_word(s, i.r2, i.flags & kFlagLR2);
  s.set_fr(i.t, a * b);
  return next();
}

}  // namespace isa

#endif
