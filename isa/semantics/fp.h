// Floating-point operations (PA-RISC 2.0 manual, chapter 8 "Floating-Point Coprocessor" and
// chapter 9 "Floating-Point Instruction Set"). The status register is the left half of fr0:
//   bits (lsb = 0)  0..4 enables I U O Z V, 6 T, 9..10 RM, 11..21 CQ (compare queue, CQ0 at
//   21), 26 C (compare bit), 27..31 flags I U O Z V.
// Each operation reads its rounding mode there, raises exceptions through the sticky flags,
// or traps (SIGFPE, nothing committed) when an exception it raises is enabled. NaNs follow
// the manual: a NaN whose fraction's most significant bit is 1 is signalling (chapter 8,
// "NaNs"), so the quiet bit of x86 and most other machines is PA-RISC's signalling bit; a
// signalling NaN operand raises invalid and gives the default NaN, like an invalid operation;
// a quiet one propagates. The arithmetic on non-NaN values is fp_unit.h's.
//
// Which operation and formats a pattern has comes from its MATCH word (the sub, fmt, sf and
// df fields of the class 0..3 formats, formats.def), so one handler serves all of a class.
#ifndef DYNSIM_ISA_SEMANTICS_FP_H
#define DYNSIM_ISA_SEMANTICS_FP_H

#include "isa/fp_unit.h"
#include "isa/inline.h"
#include "isa/insn.h"
#include "isa/semantics/memory.h"
#include "isa/state.h"

namespace isa {
namespace fp {

using fpu::Fmt;
using fpu::Result;

constexpr uint32_t kStatusC = 1u << 26;
constexpr uint32_t kStatusCq = 0x7ffu << 11;
constexpr uint32_t kStatusCq0 = 1u << 21;

struct Layout {
  uint64_t sign, exp, frac, signalling, default_nan;
  unsigned frac_bits, bias;
};
// The default NaN is the one the manual's IEEE implementation returns for an invalid
// operation: exponent all ones, sign 0, fraction's second bit set (the first would make it
// signalling).
constexpr Layout kSgl{0x80000000u, 0x7f800000u, 0x7fffffu, 0x400000u, 0x7fa00000u, 23, 127};
constexpr Layout kDbl{1ull << 63, 0x7ffull << 52, (1ull << 52) - 1, 1ull << 51, 0x7ff4000000000000ull, 52, 1023};
constexpr const Layout& layout(Fmt f) { return f == Fmt::kSgl ? kSgl : kDbl; }

constexpr bool is_nan(Fmt f, uint64_t x) {
  return (x & layout(f).exp) == layout(f).exp && (x & layout(f).frac) != 0;
}
constexpr bool is_snan(Fmt f, uint64_t x) { return is_nan(f, x) && (x & layout(f).signalling); }
constexpr bool is_inf(Fmt f, uint64_t x) { return (x & ~layout(f).sign) == layout(f).exp; }
constexpr bool is_zero(Fmt f, uint64_t x) { return (x & ~layout(f).sign) == 0; }

// A signalling NaN made quiet: its signalling bit cleared and the next one set, so that the
// fraction stays non-zero (as qemu-hppa's SoftFloat does; the manual leaves the choice of
// quiet NaN to the implementation).
constexpr uint64_t quieted(Fmt f, uint64_t snan) {
  return (snan & ~layout(f).signalling) | (layout(f).signalling >> 1);
}

// A NaN operand as the result: a signalling one quieted; invalid if any was signalling.
constexpr Result propagate(Fmt f, uint64_t nan, bool any_snan) {
  return Result{is_snan(f, nan) ? quieted(f, nan) : nan, static_cast<uint8_t>(any_snan ? fpu::kInvalid : 0)};
}

// NaN operands of a two-operand operation: the first signalling one, else the first quiet.
constexpr bool nan_of_two(Fmt f, uint64_t a, uint64_t b, Result* r) {
  if (!is_nan(f, a) && !is_nan(f, b)) return false;
  const bool sa = is_snan(f, a), sb = is_snan(f, b);
  *r = propagate(f, sa ? a : sb ? b : is_nan(f, a) ? a : b, sa || sb);
  return true;
}

// The unit's own NaN (an invalid operation on non-NaN operands) becomes the default NaN.
inline Result arith(fpu::Operation op, Fmt f, uint64_t a, uint64_t b, uint64_t c, fpu::Rounding rm) {
  Result r = fpu::Compute(op, f, a, b, c, rm);
  if (is_nan(f, r.bits)) r.bits = layout(f).default_nan;
  return r;
}

// A two-operand operation: NaN operands propagate, other operands go to the unit.
ISA_NOINLINE Result binary(fpu::Operation op, Fmt f, uint64_t a, uint64_t b, fpu::Rounding rm) {
  Result r;
  if (!nan_of_two(f, a, b, &r)) r = arith(op, f, a, b, 0, rm);
  return r;
}

template <class S>
ISA_INLINE uint32_t status(const S& s) { return static_cast<uint32_t>(s.fr(0) >> 32); }
template <class S>
ISA_INLINE void set_status(S& s, uint32_t w) { s.set_fr(0, (s.fr(0) & 0xffffffffull) | (uint64_t{w} << 32)); }
template <class S>
ISA_INLINE fpu::Rounding rounding(const S& s) { return static_cast<fpu::Rounding>((status(s) >> 9) & 3); }

// FP source operands: fr0 (its left half for a single) reads as +0 (chapter 8, "Floating-
// Point Registers": fr0 holds the status, not an operand).
template <class S>
ISA_INLINE uint64_t read(const S& s, Fmt f, unsigned r, bool right) {
  if (f == Fmt::kDbl) return r ? s.fr(r) : 0;
  return (r == 0 && !right) ? 0 : fr_word(s, r, right);
}
template <class S>
ISA_INLINE void write(S& s, Fmt f, unsigned r, bool right, uint64_t v) {
  if (f == Fmt::kDbl) s.set_fr(r, v);
  else set_fr_word(s, r, right, static_cast<uint32_t>(v));
}

// The exceptions an operation raised: a trap if one is enabled (nothing committed), else
// the sticky flags; the caller writes the result when this says kNext.
template <class S>
ISA_INLINE Effect raise(S& s, uint8_t flags) {
  const uint32_t st = status(s), trapping = flags & st & 31u;
  if (trapping) return trap(Trap::kFloatingPoint, static_cast<int>(trapping));
  if (flags) set_status(s, st | (uint32_t{flags} << 27));
  return next();
}

constexpr Fmt fmt_bit(uint32_t match, unsigned lsb) { return ((match >> lsb) & 1) ? Fmt::kDbl : Fmt::kSgl; }

// Float to integer in integer arithmetic (FCNV to w, dw, uw, udw): round the magnitude in
// the mode, then saturate with invalid (and no inexact) outside the target's range; NaNs
// give the largest positive value (what qemu-hppa's SoftFloat returns; the manual leaves
// the result of an untrapped invalid conversion undefined).
struct IntTarget {
  bool is_signed, wide;
};

constexpr uint64_t saturate(IntTarget t, bool negative) {
  const unsigned bits = t.wide ? 64 : 32;
  const uint64_t umax = t.wide ? ~0ull : 0xffffffffull;
  if (!t.is_signed) return negative ? 0 : umax;
  const uint64_t smax = (1ull << (bits - 1)) - 1;
  return negative ? (smax + 1) : smax;
}

// |x| as an integer rounded in the mode; false if it does not fit in 64 bits.
constexpr bool round_magnitude(Fmt f, uint64_t x, fpu::Rounding rm, uint64_t* out, bool* inexact) {
  const Layout& l = layout(f);
  const bool negative = x & l.sign;
  const unsigned e = static_cast<unsigned>((x & l.exp) >> l.frac_bits);
  const uint64_t mant = (x & l.frac) | (e ? (l.frac + 1) : 0);
  const int shift = static_cast<int>(e ? e : 1) - static_cast<int>(l.bias + l.frac_bits);
  *inexact = false;
  if (shift >= 0) {
    if (mant && shift + (64 - __builtin_clzll(mant)) > 64) return false;
    *out = mant << shift;
    return true;
  }
  const unsigned drop = static_cast<unsigned>(-shift);
  const uint64_t whole = drop >= 64 ? 0 : mant >> drop;
  const uint64_t rest = drop >= 64 ? mant : mant & ((1ull << drop) - 1);
  const uint64_t half = drop > 64 ? 0 : 1ull << (drop - 1);
  *inexact = rest != 0;
  bool up = false;
  switch (rm) {
    case fpu::Rounding::kNearest: up = drop <= 64 && (rest > half || (rest == half && (whole & 1))); break;
    case fpu::Rounding::kZero: break;
    case fpu::Rounding::kUp: up = *inexact && !negative; break;
    case fpu::Rounding::kDown: up = *inexact && negative; break;
  }
  *out = whole + (up ? 1 : 0);
  return true;
}

ISA_NOINLINE Result to_int(Fmt f, uint64_t x, IntTarget t, fpu::Rounding rm) {
  const bool negative = (x & layout(f).sign) != 0;
  if (is_nan(f, x)) return Result{saturate(t, false), fpu::kInvalid};
  uint64_t mag = 0;
  bool inexact = false;
  const bool fits = !is_inf(f, x) && round_magnitude(f, x, rm, &mag, &inexact);
  const uint64_t limit = t.is_signed ? (t.wide ? (1ull << 63) : (1ull << 31)) - (negative ? 0 : 1)
                                     : (negative ? 0 : (t.wide ? ~0ull : 0xffffffffull));
  if (!fits || mag > limit) return Result{saturate(t, negative), fpu::kInvalid};
  uint64_t v = negative ? 0 - mag : mag;
  if (!t.wide) v &= 0xffffffffull;
  return Result{v, static_cast<uint8_t>(inexact ? fpu::kInexact : 0)};
}

}  // namespace fp

// FCPY, FABS, FNEG, FNEGABS (sign-bit operations, no exceptions), FSQRT, FRND.
template <class S>
ISA_INLINE Effect exec_fp_unary(S& s, const Insn& i, Ia) {
  const uint32_t m = info(i).match, sub = (m >> 13) & 7;
  const fp::Fmt f = fp::fmt_bit(m, 11);
  const uint64_t sign = fp::layout(f).sign, a = fp::read(s, f, i.r1, i.flags & kFlagLR1);
  fp::Result r{a, 0};
  switch (sub) {
    case 3: r.bits = a & ~sign; break;
    case 6: r.bits = a ^ sign; break;
    case 7: r.bits = a | sign; break;
    case 4:
    case 5:
      if (fp::is_nan(f, a)) r = fp::propagate(f, a, fp::is_snan(f, a));
      else r = fp::arith(sub == 4 ? fpu::Operation::kSqrt : fpu::Operation::kRoundToInt, f, a, 0, 0, fp::rounding(s));
      break;
    default: break;  // 2: FCPY
  }
  const Effect e = fp::raise(s, r.flags);
  if (e.kind == Effect::kNext) fp::write(s, f, i.t, i.flags & kFlagLRT, r.bits);
  return e;
}

namespace fp {

// FCNV's quiet NaN from one format to the other: the sign and the fraction's leading bits.
// A double NaN whose leading 23 fraction bits are 0 has no single with those bits that is a
// NaN; it gives the default NaN (a NaN stays a NaN: chapter 9, FCNV; qemu-hppa 7.2 returns
// infinity there, see docs/floating-point.md).
constexpr uint64_t convert_nan(Fmt to, uint64_t x) {
  if (to == Fmt::kDbl)
    return (x & kSgl.sign ? kDbl.sign : 0) | kDbl.exp | ((x & kSgl.frac) << 29);
  const uint64_t frac = (x & kDbl.frac) >> 29;
  return frac ? ((x & kDbl.sign ? kSgl.sign : 0) | kSgl.exp | frac) : kSgl.default_nan;
}

ISA_NOINLINE Result convert(uint32_t sub, Fmt sf, Fmt df, uint64_t a, fpu::Rounding rm) {
  using Op = fpu::Operation;
  switch (sub) {
    case 0:
      if (!is_nan(sf, a)) return arith(Op::kToOther, df, a, 0, 0, rm);
      if (is_snan(sf, a)) return Result{convert_nan(df, quieted(sf, a)), fpu::kInvalid};
      return Result{convert_nan(df, a), 0};
    case 1: return arith(sf == Fmt::kSgl ? Op::kFromS32 : Op::kFromS64, df, a, 0, 0, rm);
    case 5: return arith(sf == Fmt::kSgl ? Op::kFromU32 : Op::kFromU64, df, a, 0, 0, rm);
    default: {
      const bool truncate = sub == 3 || sub == 7;
      return to_int(sf, a, IntTarget{sub < 4, df == Fmt::kDbl}, truncate ? fpu::Rounding::kZero : rm);
    }
  }
}

}  // namespace fp

// FCNV: sub 0 float-float, 1 int-float, 2 float-int, 3 the same truncating, 5 unsigned
// int-float, 6 float-unsigned int, 7 the same truncating; sf and df name the source and
// target formats (for integers: sgl = word, dbl = doubleword).
template <class S>
ISA_INLINE Effect exec_fp_cnv(S& s, const Insn& i, Ia) {
  const uint32_t m = info(i).match, sub = (m >> 15) & 7;
  const fp::Fmt sf = fp::fmt_bit(m, 11), df = fp::fmt_bit(m, 13);
  const fp::Result r = fp::convert(sub, sf, df, fp::read(s, sf, i.r1, i.flags & kFlagLR1), fp::rounding(s));
  const Effect e = fp::raise(s, r.flags);
  if (e.kind == Effect::kNext) fp::write(s, df, i.t, i.flags & kFlagLRT, r.bits);
  return e;
}

namespace fp {

enum Relation : unsigned { kUnordered = 1, kEqual = 2, kLess = 3, kGreater = 4 };  // bit of c

constexpr Relation relation(Fmt f, uint64_t a, uint64_t b) {
  if (is_nan(f, a) || is_nan(f, b)) return kUnordered;
  if (is_zero(f, a) && is_zero(f, b)) return kEqual;
  const uint64_t sign = layout(f).sign, all = (sign << 1) - 1;
  // Sign-magnitude to an order-preserving unsigned key (within the format's width).
  const uint64_t ka = ((a & sign) ? ~a : a | sign) & all, kb = ((b & sign) ? ~b : b | sign) & all;
  return ka == kb ? kEqual : ka < kb ? kLess : kGreater;
}

}  // namespace fp

// FCMP: C <- the condition's bit for the relation; the old C moves into the compare queue.
// Conditions with c's low bit set raise invalid for any unordered operand (the others only
// for signalling NaNs), as in qemu-hppa.
template <class S>
ISA_INLINE Effect exec_fp_cmp(S& s, const Insn& i, Ia) {
  const fp::Fmt f = fp::fmt_bit(info(i).match, 11);
  const uint64_t a = fp::read(s, f, i.r1, i.flags & kFlagLR1), b = fp::read(s, f, i.r2, i.flags & kFlagLR2);
  const unsigned c = static_cast<unsigned>(i.im2) & 31;
  const fp::Relation rel = fp::relation(f, a, b);
  const bool invalid = fp::is_snan(f, a) || fp::is_snan(f, b) || ((c & 1) && rel == fp::kUnordered);
  const Effect e = fp::raise(s, invalid ? fpu::kInvalid : 0);
  if (e.kind != Effect::kNext) return e;
  uint32_t st = fp::status(s);
  st = (st & ~fp::kStatusCq) | ((st >> 1) & fp::kStatusCq);
  st = (st & ~fp::kStatusCq0) | ((st & fp::kStatusC) ? fp::kStatusCq0 : 0);
  st = (st & ~fp::kStatusC) | (((c >> rel) & 1) ? fp::kStatusC : 0);
  fp::set_status(s, st);
  return e;
}

// FTEST: nullify the next instruction when C is 1; the queue forms (acc, rej, acc8 ...)
// test C with the newest CQ bits as qemu-hppa does: acc nullifies when they are all 0, rej
// when no other status bit is set beside them.
template <class S>
ISA_INLINE Effect exec_fp_test(S& s, const Insn& i, Ia) {
  const uint32_t st = fp::status(s);
  uint32_t mask = 0;
  bool reject = false;
  switch (info(i).match & 31) {
    case 0: return next((st & fp::kStatusC) != 0);
    case 2: reject = true; [[fallthrough]];
    case 1: mask = 0x43ff800; break;
    case 6: reject = true; [[fallthrough]];
    case 5: mask = 0x43f8000; break;
    case 9: mask = 0x43e0000; break;
    case 13: mask = 0x4380000; break;
    default: mask = 0x4200000; break;  // 17: acc2
  }
  return next(reject ? (st | mask) == mask : (st & mask) == 0);
}

// FADD, FSUB, FMPY, FDIV.
template <class S>
ISA_INLINE Effect exec_fp_arith(S& s, const Insn& i, Ia) {
  constexpr fpu::Operation kOps[4] = {fpu::Operation::kAdd, fpu::Operation::kSub, fpu::Operation::kMul,
                                      fpu::Operation::kDiv};
  const uint32_t m = info(i).match;
  const fp::Fmt f = fp::fmt_bit(m, 11);
  const uint64_t a = fp::read(s, f, i.r1, i.flags & kFlagLR1), b = fp::read(s, f, i.r2, i.flags & kFlagLR2);
  const fp::Result r = fp::binary(kOps[(m >> 13) & 3], f, a, b, fp::rounding(s));
  const Effect e = fp::raise(s, r.flags);
  if (e.kind == Effect::kNext) fp::write(s, f, i.t, i.flags & kFlagLRT, r.bits);
  return e;
}

namespace fp {

// a * b + c rounded once; NaN operands: the first NaN of a, b, c, quieted (qemu-hppa's
// choice; the manual leaves it to the implementation), invalid if any is signalling;
// 0 * inf is invalid even with a quiet NaN addend.
ISA_NOINLINE Result fused(Fmt f, uint64_t a, uint64_t b, uint64_t c, bool negate, fpu::Rounding rm) {
  const bool inf_zero = (is_inf(f, a) && is_zero(f, b)) || (is_zero(f, a) && is_inf(f, b));
  if (is_nan(f, a) || is_nan(f, b) || is_nan(f, c)) {
    const bool sa = is_snan(f, a), sb = is_snan(f, b), sc = is_snan(f, c);
    const uint64_t pick = is_nan(f, a) ? a : is_nan(f, b) ? b : c;
    Result r = propagate(f, pick, sa || sb || sc);
    if (inf_zero) r.flags = fpu::kInvalid;
    return r;
  }
  return arith(fpu::Operation::kFma, f, negate ? a ^ layout(f).sign : a, b, c, rm);
}

}  // namespace fp

// FMPYFADD / FMPYNFADD.
template <class S>
ISA_INLINE Effect exec_fp_fma(S& s, const Insn& i, Ia) {
  const uint32_t m = info(i).match;
  const fp::Fmt f = fp::fmt_bit(m, 11);
  const uint64_t a = fp::read(s, f, i.r1, i.flags & kFlagLR1), b = fp::read(s, f, i.r2, i.flags & kFlagLR2),
                 c = fp::read(s, f, i.len, i.flags & kFlagLRA);
  const fp::Result r = fp::fused(f, a, b, c, (m >> 5) & 1, fp::rounding(s));
  const Effect e = fp::raise(s, r.flags);
  if (e.kind == Effect::kNext) fp::write(s, f, i.t, i.flags & kFlagLRT, r.bits);
  return e;
}

namespace fp {

// FMPYADD's register fields: singles are fr16..fr31 by the low four bits, bit 4 the half.
struct MpyAddReg {
  unsigned r;
  bool right;
};
constexpr MpyAddReg mpyadd_reg(Fmt f, unsigned field) {
  return f == Fmt::kDbl ? MpyAddReg{field, false} : MpyAddReg{16 + (field & 15), (field & 16) != 0};
}

}  // namespace fp

// FMPYADD / FMPYSUB: tm <- rm1 * rm2 and ta <- ta + ra (ta - ra), both or neither.
template <class S>
ISA_INLINE Effect exec_fp_mpyadd(S& s, const Insn& i, Ia) {
  const uint32_t m = info(i).match;
  const fp::Fmt f = (m >> 5) & 1 ? fp::Fmt::kSgl : fp::Fmt::kDbl;
  const fp::MpyAddReg m1 = fp::mpyadd_reg(f, i.r1), m2 = fp::mpyadd_reg(f, i.r2), tm = fp::mpyadd_reg(f, i.t),
                      ra = fp::mpyadd_reg(f, i.len), ta = fp::mpyadd_reg(f, i.sr);
  const fpu::Rounding rm = fp::rounding(s);
  const fp::Result p = fp::binary(fpu::Operation::kMul, f, fp::read(s, f, m1.r, m1.right), fp::read(s, f, m2.r, m2.right), rm);
  const fp::Result q = fp::binary(major_of(m) == 0x26 ? fpu::Operation::kSub : fpu::Operation::kAdd, f,
                              fp::read(s, f, ta.r, ta.right), fp::read(s, f, ra.r, ra.right), rm);
  const Effect e = fp::raise(s, static_cast<uint8_t>(p.flags | q.flags));
  if (e.kind != Effect::kNext) return e;
  fp::write(s, f, tm.r, tm.right, p.bits);
  fp::write(s, f, ta.r, ta.right, q.bits);
  return e;
}

}  // namespace isa

#endif
