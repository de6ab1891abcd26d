// The FP unit on the host: x86-64 SSE arithmetic (IEEE-754 binary32/binary64, never x87:
// the x86-64 ABI passes float and double in SSE registers and GCC computes them there),
// under the rounding mode set with fesetround, exceptions read with fetestexcept. The
// operands go through volatile variables and the file is built with -frounding-math, so
// that no operation is folded at compile time or moved across the fenv calls. SSE detects
// tininess after rounding, as SoftFloat does by default (and so qemu-hppa); fma() is
// glibc's correctly rounded fused multiply-add, exceptions included.
#include <cfenv>
#include <cmath>
#include <cstring>

#include "isa/fp_unit.h"

namespace isa {
namespace fpu {
namespace {

float AsFloat(uint64_t v) {
  const uint32_t w = static_cast<uint32_t>(v);
  float f;
  std::memcpy(&f, &w, 4);
  return f;
}
double AsDouble(uint64_t v) {
  double d;
  std::memcpy(&d, &v, 8);
  return d;
}
uint64_t Bits(float f) {
  uint32_t w;
  std::memcpy(&w, &f, 4);
  return w;
}
uint64_t Bits(double d) {
  uint64_t v;
  std::memcpy(&v, &d, 8);
  return v;
}

int HostRounding(Rounding rm) {
  switch (rm) {
    case Rounding::kZero: return FE_TOWARDZERO;
    case Rounding::kUp: return FE_UPWARD;
    case Rounding::kDown: return FE_DOWNWARD;
    default: return FE_TONEAREST;
  }
}

uint8_t RaisedFlags() {
  const int e = std::fetestexcept(FE_ALL_EXCEPT);
  return static_cast<uint8_t>(((e & FE_INEXACT) ? kInexact : 0) | ((e & FE_UNDERFLOW) ? kUnderflow : 0) |
                              ((e & FE_OVERFLOW) ? kOverflow : 0) | ((e & FE_DIVBYZERO) ? kDivByZero : 0) |
                              ((e & FE_INVALID) ? kInvalid : 0));
}

// One operation in type T (float or double); the operands are T's bit patterns.
template <class T>
uint64_t Arith(Operation op, uint64_t a_bits, uint64_t b_bits, uint64_t c_bits) {
  auto as = [](uint64_t v) -> T {
    if constexpr (sizeof(T) == 4) return AsFloat(v);
    else return AsDouble(v);
  };
  volatile T a = as(a_bits), b = as(b_bits), c = as(c_bits);
  volatile T r = 0;
  switch (op) {
    case Operation::kAdd: r = a + b; break;
    case Operation::kSub: r = a - b; break;
    case Operation::kMul: r = a * b; break;
    case Operation::kDiv: r = a / b; break;
    case Operation::kFma: r = std::fma(a, b, c); break;
    case Operation::kSqrt: r = std::sqrt(a); break;
    case Operation::kRoundToInt: r = std::rint(a); break;
    case Operation::kFromS32: r = static_cast<T>(static_cast<int32_t>(a_bits)); break;
    case Operation::kFromS64: r = static_cast<T>(static_cast<int64_t>(a_bits)); break;
    case Operation::kFromU32: r = static_cast<T>(static_cast<uint32_t>(a_bits)); break;
    case Operation::kFromU64: r = static_cast<T>(a_bits); break;
    case Operation::kToOther:
      if constexpr (sizeof(T) == 4) {
        volatile double d = AsDouble(a_bits);
        r = static_cast<float>(d);
      } else {
        volatile float f = AsFloat(a_bits);
        r = static_cast<double>(f);
      }
      break;
  }
  return Bits(static_cast<T>(r));
}

}  // namespace

// fmt is the result's format (for kToOther: the target).
Result Compute(Operation op, Fmt fmt, uint64_t a, uint64_t b, uint64_t c, Rounding rm) {
  const int saved = std::fegetround();
  std::fesetround(HostRounding(rm));
  std::feclearexcept(FE_ALL_EXCEPT);
  Result r;
  r.bits = fmt == Fmt::kSgl ? Arith<float>(op, a, b, c) : Arith<double>(op, a, b, c);
  r.flags = RaisedFlags();
  std::feclearexcept(FE_ALL_EXCEPT);
  std::fesetround(saved);
  return r;
}

}  // namespace fpu
}  // namespace isa
