// The floating-point unit the FP semantics (semantics/fp.h) use for the arithmetic itself:
// IEEE-754 add, subtract, multiply, divide, square root, round to integer, fused
// multiply-add and the conversions that round, in one of the four rounding modes, with the
// exceptions each raised. Everything PA-RISC-specific stays in semantics/fp.h: NaN
// operands never reach the unit (the semantics choose and quiet them), a NaN the unit
// returns is replaced by PA-RISC's default NaN, the status register, enables and traps.
//
// Two implementations, one interface (docs/floating-point.md says why):
//   fp_unit_host.cc   the simulator: the host's SSE arithmetic under <cfenv>
//   fp_unit_guest.cc  Dynamo, a guest program: the same PA-RISC instruction on the
//                     guest's own FPU, i.e. on the simulated one
// Freestanding: no library types in the interface.
#ifndef DYNSIM_ISA_FP_UNIT_H
#define DYNSIM_ISA_FP_UNIT_H

#include <stdint.h>

namespace isa {
namespace fpu {

// Exception bits in the order of the PA-RISC status register's enable bits (PA-RISC 2.0
// manual, chapter 8, "Status Register": I U O Z V from the least significant end).
enum Flag : uint8_t { kInexact = 1, kUnderflow = 2, kOverflow = 4, kDivByZero = 8, kInvalid = 16 };

// The status register's RM field.
enum class Rounding : uint8_t { kNearest = 0, kZero = 1, kUp = 2, kDown = 3 };

enum class Fmt : uint8_t { kSgl, kDbl };

enum class Operation : uint8_t {
  kAdd, kSub, kMul, kDiv, kFma,  // a op b; kFma: a * b + c, rounded once
  kSqrt, kRoundToInt,            // of a
  kToOther,                      // a converted to the other format (sgl <-> dbl)
  kFromS32, kFromS64, kFromU32, kFromU64,  // the integer a to the format
};

// A single is the low 32 bits of a value, a double all 64.
struct Result {
  uint64_t bits;
  uint8_t flags;  // Flag bits raised
};

Result Compute(Operation op, Fmt fmt, uint64_t a, uint64_t b, uint64_t c, Rounding rm);

}  // namespace fpu
}  // namespace isa

#endif
