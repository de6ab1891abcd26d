// The decoded instruction (isa::Insn), its opcode enumeration and the per-pattern static
// information derived from insns.def. Freestanding: usable by the host simulator and by
// guest Dynamo alike.
#ifndef DYNSIM_ISA_INSN_H
#define DYNSIM_ISA_INSN_H

#include <stdint.h>

namespace isa {

// One enumerator per table pattern, in table order; kIllegal for words no pattern matches.
enum class Op : uint16_t {
#define ISA_INSN(ID, ...) ID,
#include "isa/insns.def"
#undef ISA_INSN
  kIllegal,
};
constexpr unsigned kNumOps = static_cast<unsigned>(Op::kIllegal);

enum class Format : uint8_t {
#define ISA_FORMAT(NAME, ...) NAME,
#include "isa/formats.def"
#undef ISA_FORMAT
};
constexpr unsigned kNumFormats = 0
#define ISA_FORMAT(NAME, ...) +1
#include "isa/formats.def"
#undef ISA_FORMAT
    ;

// Instruction classes for the timing models and Dynamo. Whether a branch is a call or a
// return depends on its registers: see branch_kind() in operands.h.
enum class Cls : uint8_t {
  kIllegal, kNop, kAlu, kShift, kLoad, kStore, kFpMem, kMultiply,
  kBranchCond, kBranchUncond, kBranchIndirect, kSystem,
  kFpOp,      // FP add, subtract, multiply, fused multiply-add, convert, compare, round
  kFpDivSgl,  // FP divide and square root, single precision
  kFpDivDbl,  // FP divide and square root, double precision
};

// Which condition table interprets the 4-bit condition (c << 1 | f); see conditions.h.
enum CondTab : uint8_t { kCondNone, kCondCmp, kCondAdd, kCondLog, kCondUnit, kCondSed, kCondBb, kCondUxor,
                        kCondAddb };

// Semantic handler families (semantics/*.h); several patterns share one.
enum class Sem : uint8_t {
  Illegal, Break, Sync, Mfsp, Mfctl, Mtsar, CacheFlush, Logical, Sub, Ds, Add, Cmpclr,
  Uaddcm, Dcor, Load, Ldcw, Store, Ldil, Addil, Ldo, Fload, Fstore, Xmpyu, Cmpb, Addb, Bb,
  Movb, Shrpw, Extrw, Depw, Be, Bl, Blr, Bv, Probe, Stby,
  FpUnary, FpCnv, FpCmp, FpTest, FpArith, FpFma, FpMpyAdd,  // semantics/fp.h
};

// Operand roles and variant bits of a pattern (the PROPS column of insns.def).
namespace prop {
enum : uint32_t {
  RD_R1 = 1u << 0, RD_R2 = 1u << 1, RD_T = 1u << 2,     // general (or FP) registers read
  WR_T = 1u << 3, WR_R2 = 1u << 4,                      // registers written
  WR_GR1 = 1u << 5, WR_RP = 1u << 6, WR_R31 = 1u << 7,  // implicit targets gr1, gr2, gr31
  RD_SAR = 1u << 8, WR_SAR = 1u << 9, RD_CB = 1u << 10, WR_CB = 1u << 11,
  RD_V = 1u << 12, WR_V = 1u << 13,
  FP_R1 = 1u << 14, FP_R2 = 1u << 15, FP_T = 1u << 16,  // those slots name FP registers
  TSV = 1u << 17, TC = 1u << 18, SIGNED = 1u << 19, ZERO = 1u << 20, NEG = 1u << 21,
  IMM = 1u << 22, SAR = 1u << 23, LINK = 1u << 24, GATE = 1u << 25, IFLUSH = 1u << 26,
  NULLIFY = 1u << 27,  // may nullify the next instruction (besides through {c})
  AM_LONG = 1u << 28, AM_LONGM = 2u << 28, AM_IDX = 3u << 28, AM_SHORT = 4u << 28,
  AM_LONGS = 5u << 28,  // PA 2.0 long displacement with the short forms' ,ma/,mb flags
  AM_MASK = 7u << 28,
};
}  // namespace prop

// Flag bits of Insn::flags.
enum : uint8_t {
  kFlagN = 1,    // ,n: nullify
  kFlagM = 2,    // modify base register
  kFlagA = 4,    // short forms: modify before (,mb) rather than after (,ma)
  kFlagU = 8,    // indexed forms: scale the index by the access size (,s)
  kFlagLR1 = 16, kFlagLR2 = 32, kFlagLRT = 64,  // FP operand is the right half (frNR)
  kFlagLRA = 128,                               // the same for FMPYFADD's addend ra
};

// A decoded instruction: 16 bytes, trivially copyable, cheap to keep in a predecoded cache.
// Slots are named after the manual's fields; which ones a pattern uses is in formats.def.
struct Insn {
  Op op;
  uint8_t r1;     // r1 / x (index) / r (store source); FP register number for FP forms
  uint8_t r2;     // r2 / b (base) / r (immediate forms' source); cr number for mfctl
  uint8_t t;      // target register (source of FP stores)
  uint8_t cond;   // c << 1 | f, interpreted through the pattern's CondTab
  uint8_t sr;     // space register number (decoded through assemble_3); FMPYADD's ta
  uint8_t flags;  // kFlag*
  uint8_t p;      // bit position / shift amount as written in assembly; FCMP/FTEST's y
  uint8_t len;    // field length 1..32 (extract / deposit); FMPYFADD's and FMPYADD's ra
  int16_t im2;    // second immediate (im5 of cmpib/addib/movib/depwi, im5 of break);
                  // FCMP's and FTEST's 5-bit condition c
  int32_t im;     // sign-extended immediate or byte displacement
};
static_assert(sizeof(Insn) == 16, "Insn stays compact");

struct Info {
  const char* name;    // enumerator name, e.g. "LDW_M"
  const char* syntax;  // disassembly template
  Format format;
  uint32_t match, mask;
  Sem sem;
  Cls cls;
  CondTab cond;
  uint8_t size;
  uint32_t props;
};

namespace detail {
using namespace prop;
constexpr Info kInfo[kNumOps + 1] = {
#define ISA_INSN(ID, SYNTAX, FORMAT, MATCH, MASK, SEM, CLASS, COND, SIZE, PROPS) \
  {#ID, SYNTAX, Format::FORMAT, MATCH, MASK, Sem::SEM, Cls::CLASS, COND, SIZE, PROPS},
#include "isa/insns.def"
#undef ISA_INSN
    {"ILLEGAL", "", Format::SYS_NONE, 0, 0, Sem::Illegal, Cls::kIllegal, kCondNone, 0, 0},
};
}  // namespace detail

constexpr const Info& info(Op op) { return detail::kInfo[static_cast<unsigned>(op)]; }
constexpr const Info& info(const Insn& i) { return info(i.op); }
constexpr uint8_t major_of(uint32_t match) { return static_cast<uint8_t>(match >> 26); }

}  // namespace isa

#endif
