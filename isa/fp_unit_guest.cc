// The FP unit inside a guest program (Dynamo's interpreter): each operation is the PA-RISC
// instruction itself, run on the guest's FPU with the wanted rounding mode and all traps
// disabled, and the exceptions it raised read back from the status register (PA-RISC 2.0
// manual, chapter 8, "Status Register"). Under dynsim that FPU is the simulated one, so
// the interpreter gets exactly the results native execution gets. The guest's own status
// register is saved and restored around the operation.
//
// The operands travel through memory: fr4, fr5 and fr6 take a, b and c, fr7 the result
// (singles in the right halves, the low words of the 64-bit slots); fr0 is the status.
// Instructions PA-RISC 1.1 lacks are written as .word with the encoding hppa-linux-gnu-as
// gives them at .level 2.0 (so the file builds at either -march).
#include "isa/fp_unit.h"

namespace isa {
namespace fpu {
namespace {

struct Block {
  uint64_t status;  // the status word in the high half (fr0L)
  uint64_t a, b, c, r;
  uint64_t saved;   // the guest's own fr0
};

// Each slot by its own address register: PA-RISC 1.1's FP short displacements reach only
// -16..15.
#define FP_UNIT_RUN(INSN)                                                                  \
  asm volatile("fstd %%fr0,0(%5)\n\t"                                                     \
               "fldd 0(%0),%%fr0\n\t"                                                     \
               "fldd 0(%1),%%fr4\n\t"                                                     \
               "fldd 0(%2),%%fr5\n\t"                                                     \
               "fldd 0(%3),%%fr6\n\t" INSN "\n\t"                                        \
               "fstd %%fr7,0(%4)\n\t"                                                     \
               "fstd %%fr0,0(%0)\n\t"                                                     \
               "fldd 0(%5),%%fr0"                                                         \
               :                                                                          \
               : "r"(&blk.status), "r"(&blk.a), "r"(&blk.b), "r"(&blk.c), "r"(&blk.r),    \
                 "r"(&blk.saved)                                                          \
               : "memory", "fr4", "fr5", "fr6", "fr7")

void RunSingle(Operation op, Block& blk) {
  switch (op) {
    case Operation::kAdd: FP_UNIT_RUN("fadd,sgl %%fr4R,%%fr5R,%%fr7R"); break;
    case Operation::kSub: FP_UNIT_RUN("fsub,sgl %%fr4R,%%fr5R,%%fr7R"); break;
    case Operation::kMul: FP_UNIT_RUN("fmpy,sgl %%fr4R,%%fr5R,%%fr7R"); break;
    case Operation::kDiv: FP_UNIT_RUN("fdiv,sgl %%fr4R,%%fr5R,%%fr7R"); break;
    case Operation::kFma: FP_UNIT_RUN(".word 0xb88535c7"); break;  // fmpyfadd,sgl %fr4R,%fr5R,%fr6R,%fr7R
    case Operation::kSqrt: FP_UNIT_RUN("fsqrt,sgl %%fr4R,%%fr7R"); break;
    case Operation::kRoundToInt: FP_UNIT_RUN("frnd,sgl %%fr4R,%%fr7R"); break;
    case Operation::kToOther: FP_UNIT_RUN("fcnvff,dbl,sgl %%fr4,%%fr7R"); break;
    case Operation::kFromS32: FP_UNIT_RUN("fcnvxf,sgl,sgl %%fr4R,%%fr7R"); break;
    case Operation::kFromS64: FP_UNIT_RUN("fcnvxf,dbl,sgl %%fr4,%%fr7R"); break;
    case Operation::kFromU32: FP_UNIT_RUN(".word 0x388282c7"); break;  // fcnv,uw,sgl %fr4R,%fr7R
    case Operation::kFromU64: FP_UNIT_RUN(".word 0x38828a47"); break;  // fcnv,udw,sgl %fr4,%fr7R
  }
}

void RunDouble(Operation op, Block& blk) {
  switch (op) {
    case Operation::kAdd: FP_UNIT_RUN("fadd,dbl %%fr4,%%fr5,%%fr7"); break;
    case Operation::kSub: FP_UNIT_RUN("fsub,dbl %%fr4,%%fr5,%%fr7"); break;
    case Operation::kMul: FP_UNIT_RUN("fmpy,dbl %%fr4,%%fr5,%%fr7"); break;
    case Operation::kDiv: FP_UNIT_RUN("fdiv,dbl %%fr4,%%fr5,%%fr7"); break;
    case Operation::kFma: FP_UNIT_RUN(".word 0xb8852c07"); break;  // fmpyfadd,dbl %fr4,%fr5,%fr6,%fr7
    case Operation::kSqrt: FP_UNIT_RUN("fsqrt,dbl %%fr4,%%fr7"); break;
    case Operation::kRoundToInt: FP_UNIT_RUN("frnd,dbl %%fr4,%%fr7"); break;
    case Operation::kToOther: FP_UNIT_RUN("fcnvff,sgl,dbl %%fr4R,%%fr7"); break;
    case Operation::kFromS32: FP_UNIT_RUN("fcnvxf,sgl,dbl %%fr4R,%%fr7"); break;
    case Operation::kFromS64: FP_UNIT_RUN("fcnvxf,dbl,dbl %%fr4,%%fr7"); break;
    case Operation::kFromU32: FP_UNIT_RUN(".word 0x3882a287"); break;  // fcnv,uw,dbl %fr4R,%fr7
    case Operation::kFromU64: FP_UNIT_RUN(".word 0x3082aa07"); break;  // fcnv,udw,dbl %fr4,%fr7
  }
}

#undef FP_UNIT_RUN

}  // namespace

Result Compute(Operation op, Fmt fmt, uint64_t a, uint64_t b, uint64_t c, Rounding rm) {
  Block blk{static_cast<uint64_t>(static_cast<uint32_t>(rm) << 9) << 32, a, b, c, 0, 0};
  if (fmt == Fmt::kSgl) RunSingle(op, blk);
  else RunDouble(op, blk);
  Result r;
  r.bits = fmt == Fmt::kSgl ? static_cast<uint32_t>(blk.r) : blk.r;
  r.flags = static_cast<uint8_t>((blk.status >> (32 + 27)) & 31);
  return r;
}

}  // namespace fpu
}  // namespace isa
