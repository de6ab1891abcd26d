// The emitter: the few instruction words Dynamo generates itself, encoded with the shared
// isa/ encoder (isa::encode; the same table the simulator decodes with), and publishing new
// code to instruction fetch the PA-RISC way (PA-RISC 2.0 manual, "Cache Maintenance": the
// data cache line is flushed with FDC, SYNC orders it, the instruction cache line is
// flushed with FIC, SYNC again). Everything but PublishCode is plain C++ over isa/, so the
// host's tests (//dynamo:fragment_builder_test) link it too.
#ifndef DYNSIM_DYNAMO_EMITTER_H
#define DYNSIM_DYNAMO_EMITTER_H

#include <stdint.h>

#include "isa/insn.h"

namespace dynamo::emit {

// The split of a 32-bit constant PA-RISC assemblers call L% and R%: LDIL/ADDIL take the
// high 21 bits, LDO adds the low 11 (always non-negative).
constexpr uint32_t LeftPart(uint32_t v) { return v & ~0x7ffu; }
constexpr int32_t RightPart(uint32_t v) { return static_cast<int32_t>(v & 0x7ffu); }

uint32_t Stw(unsigned source, int32_t disp, unsigned base);   // stw source, disp(base)
uint32_t Ldw(int32_t disp, unsigned base, unsigned target);   // ldw disp(base), target
uint32_t Ldo(int32_t disp, unsigned base, unsigned target);   // ldo disp(base), target
uint32_t Ldil(uint32_t value, unsigned target);               // ldil L%value, target
uint32_t Addil(uint32_t value, unsigned base);                // addil L%value, base (into r1)
uint32_t ShladdL(unsigned x, unsigned shift, unsigned base, unsigned target);  // shladd,l
uint32_t ClearLow2(unsigned target);                          // depwi 0,31,2,target
uint32_t LdwIndexScaled(unsigned index, unsigned base, unsigned target);  // ldw,s index(base),target
// cmpiclr,>> imm,r,%r0: nullifies the next instruction when imm > r, unsigned.
uint32_t CmpiclrGreaterUnsigned(int32_t imm, unsigned r);
// cmpib,<>,n imm, r, .+8+disp
uint32_t CmpibNotEqualN(int32_t imm, unsigned r, int32_t disp);
// cmpib,<<,n imm, r, .+8+disp: taken when imm < r, unsigned
uint32_t CmpibLessUnsignedN(int32_t imm, unsigned r, int32_t disp);
// cmpib,>>= imm, r, .+8+disp: taken when imm >= r, unsigned; no ,n: the delay slot runs
// either way
uint32_t CmpibGreaterEqualUnsigned(int32_t imm, unsigned r, int32_t disp);
// cmpb,<>,n a, b, .+8+disp
uint32_t CmpbNotEqualN(unsigned a, unsigned b, int32_t disp);
// depw,z source, pos, len, target: (source & (2^len - 1)) << (31 - pos)
uint32_t DepwZ(unsigned source, unsigned pos, unsigned len, unsigned target);
// bv %r0(base)
uint32_t Bv(unsigned base);
// b,n .+8+disp (17-bit displacement, no link)
uint32_t BranchN(int32_t disp);
// b .+8+disp (17-bit displacement, no link; the delay slot runs)
uint32_t Branch(int32_t disp);
// ldo 0(%r0),%r0: writes nothing
uint32_t Nop();
// b,l .+8+disp, %r2 (22-bit displacement)
uint32_t BranchLinkR2(int32_t disp);

// Displacement ranges (bytes) of the branch forms: 12-, 17- and 22-bit word displacements.
constexpr bool FitsCondBranch(int32_t disp) { return disp >= -8192 && disp <= 8188; }
constexpr bool FitsBranch17(int32_t disp) { return disp >= -262144 && disp <= 262140; }
constexpr bool FitsBranch22(int32_t disp) { return disp >= -8388608 && disp <= 8388604; }
// The range of LDO's 14-bit displacement.
constexpr bool FitsLdo(int32_t disp) { return disp >= -8192 && disp <= 8191; }

// `insn` with its byte displacement set (a conditional branch re-targeted), encoded.
uint32_t WithDisplacement(isa::Insn insn, int32_t disp);

// Makes [addr, addr + bytes) of newly written code visible to instruction fetch: FDC of
// every line, SYNC, FIC of every line, SYNC. `line_bytes`: the machine's cache line.
void PublishCode(uint32_t addr, uint32_t bytes, uint32_t line_bytes);

}  // namespace dynamo::emit

#endif  // DYNSIM_DYNAMO_EMITTER_H
