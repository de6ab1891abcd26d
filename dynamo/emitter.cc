#include "dynamo/emitter.h"

#include "isa/codec.h"
#if defined(__hppa__)
#include "dynamo/machine.h"
#endif

namespace dynamo::emit {
namespace {

isa::Insn Make(isa::Op op) {
  isa::Insn i{};
  i.op = op;
  return i;
}

// cmpib,COND,n imm, r, .+8+disp; `cond` is c << 1 | f (conditions.h).
uint32_t CmpibN(uint8_t cond, int32_t imm, unsigned r, int32_t disp, bool nullify = true) {
  isa::Insn i = Make(isa::Op::CMPIB);
  i.im2 = static_cast<int16_t>(imm);
  i.r2 = static_cast<uint8_t>(r);
  i.cond = cond;
  i.flags = nullify ? isa::kFlagN : 0;
  i.im = disp;
  return isa::encode(i);
}

}  // namespace

uint32_t Stw(unsigned source, int32_t disp, unsigned base) {
  isa::Insn i = Make(isa::Op::STW);
  i.r1 = static_cast<uint8_t>(source);
  i.r2 = static_cast<uint8_t>(base);
  i.im = disp;
  return isa::encode(i);
}

uint32_t Ldw(int32_t disp, unsigned base, unsigned target) {
  isa::Insn i = Make(isa::Op::LDW);
  i.r2 = static_cast<uint8_t>(base);
  i.t = static_cast<uint8_t>(target);
  i.im = disp;
  return isa::encode(i);
}

uint32_t Ldo(int32_t disp, unsigned base, unsigned target) {
  isa::Insn i = Make(isa::Op::LDO);
  i.r2 = static_cast<uint8_t>(base);
  i.t = static_cast<uint8_t>(target);
  i.im = disp;
  return isa::encode(i);
}

uint32_t Ldil(uint32_t value, unsigned target) {
  isa::Insn i = Make(isa::Op::LDIL);
  i.t = static_cast<uint8_t>(target);
  i.im = static_cast<int32_t>(LeftPart(value));
  return isa::encode(i);
}

uint32_t Addil(uint32_t value, unsigned base) {
  isa::Insn i = Make(isa::Op::ADDIL);
  i.r2 = static_cast<uint8_t>(base);
  i.im = static_cast<int32_t>(LeftPart(value));
  return isa::encode(i);
}

uint32_t ShladdL(unsigned x, unsigned shift, unsigned base, unsigned target) {
  isa::Insn i = Make(isa::Op::SHLADD_L);
  i.r1 = static_cast<uint8_t>(x);
  i.r2 = static_cast<uint8_t>(base);
  i.t = static_cast<uint8_t>(target);
  i.p = static_cast<uint8_t>(shift);
  return isa::encode(i);
}

uint32_t LdwIndexScaled(unsigned index, unsigned base, unsigned target) {
  isa::Insn i = Make(isa::Op::LDW_X);
  i.r1 = static_cast<uint8_t>(index);
  i.r2 = static_cast<uint8_t>(base);
  i.t = static_cast<uint8_t>(target);
  i.flags = isa::kFlagU;
  return isa::encode(i);
}

uint32_t CmpiclrGreaterUnsigned(int32_t imm, unsigned r) {
  isa::Insn i = Make(isa::Op::CMPICLR);
  i.im = imm;
  i.r2 = static_cast<uint8_t>(r);
  i.cond = 11;  // ">>" (c = 5, f = 1; conditions.h)
  return isa::encode(i);
}

uint32_t ClearLow2(unsigned target) {
  isa::Insn i = Make(isa::Op::DEPWI);
  i.t = static_cast<uint8_t>(target);
  i.im2 = 0;
  i.p = 31;
  i.len = 2;
  return isa::encode(i);
}

uint32_t CmpibNotEqualN(int32_t imm, unsigned r, int32_t disp) {
  return CmpibN((1 << 1) | 1, imm, r, disp);  // c = 1 ("="), f = 1: "<>"
}

uint32_t CmpibLessUnsignedN(int32_t imm, unsigned r, int32_t disp) {
  return CmpibN(4 << 1, imm, r, disp);  // c = 4 ("<<"), f = 0
}

uint32_t CmpibGreaterEqualUnsigned(int32_t imm, unsigned r, int32_t disp) {
  return CmpibN((4 << 1) | 1, imm, r, disp, false);  // c = 4 ("<<"), f = 1: ">>="
}

uint32_t CmpbNotEqualN(unsigned a, unsigned b, int32_t disp) {
  isa::Insn i = Make(isa::Op::CMPB);
  i.r1 = static_cast<uint8_t>(a);
  i.r2 = static_cast<uint8_t>(b);
  i.cond = (1 << 1) | 1;  // c = 1 ("="), f = 1: "<>"
  i.flags = isa::kFlagN;
  i.im = disp;
  return isa::encode(i);
}

uint32_t DepwZ(unsigned source, unsigned pos, unsigned len, unsigned target) {
  isa::Insn i = Make(isa::Op::DEPW_Z);
  i.r1 = static_cast<uint8_t>(source);
  i.t = static_cast<uint8_t>(target);
  i.p = static_cast<uint8_t>(pos);
  i.len = static_cast<uint8_t>(len);
  return isa::encode(i);
}

uint32_t Bv(unsigned base) {
  isa::Insn i = Make(isa::Op::BV);
  i.r2 = static_cast<uint8_t>(base);
  return isa::encode(i);
}

uint32_t BranchN(int32_t disp) {
  isa::Insn i = Make(isa::Op::B_L);
  i.t = 0;
  i.flags = isa::kFlagN;
  i.im = disp;
  return isa::encode(i);
}

uint32_t Branch(int32_t disp) {
  isa::Insn i = Make(isa::Op::B_L);
  i.t = 0;
  i.im = disp;
  return isa::encode(i);
}

uint32_t Nop() { return Ldo(0, 0, 0); }

uint32_t BranchLinkR2(int32_t disp) {
  isa::Insn i = Make(isa::Op::B_L22);
  i.im = disp;
  return isa::encode(i);
}

uint32_t WithDisplacement(isa::Insn insn, int32_t disp) {
  insn.im = disp;
  return isa::encode(insn);
}

void PublishCode(uint32_t addr, uint32_t bytes, uint32_t line_bytes) {
#if defined(__hppa__)
  const uint32_t start = addr & ~(line_bytes - 1), end = addr + bytes;
  for (uint32_t a = start; a < end; a += line_bytes) machine::FlushDataLine(a);
  machine::Sync();
  for (uint32_t a = start; a < end; a += line_bytes) machine::FlushInstructionLine(a);
  machine::Sync();
#else
  (void)addr, (void)bytes, (void)line_bytes;  // the host's tests only look at the words
#endif
}

}  // namespace dynamo::emit
