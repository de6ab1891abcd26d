// Host tests of the fragment builder (fragment_builder.h) and the emitter (emitter.h):
// synthetic recorded traces are built into fragment code at a fixed cache address and the
// result is checked as a golden disassembly listing (isa/disasm.h) plus the BuiltFragment
// record (words, insns, exits). Every expected listing was derived by hand from the rules
// in fragment_builder.h's header comment and the PA-RISC delay-slot / nullification rules
// (isa/nullify.h, isa/semantics/branch.h); the comments say how.
//
// Trace instruction words were assembled offline with hppa-linux-gnu-as (GNU Binutils 2.40,
// .level 2.0) and disassembled with hppa-linux-gnu-objdump; the assembly is beside each word.
#include "dynamo/fragment_builder.h"

#include <gtest/gtest.h>

#include <stdint.h>
#include <stdio.h>

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "dynamo/context_layout.h"
#include "dynamo/emitter.h"
#include "dynamo/trace.h"
#include "isa/codec.h"
#include "isa/disasm.h"
#include "isa/insn.h"

namespace dynamo {
namespace {

constexpr uint32_t kCache = 0xc0100000;   // where every fragment is built
constexpr uint32_t kExit = 0xc0000400;    // dynamo_fragment_exit
constexpr uint32_t kLookup = 0xc0000800;  // dynamo_lookup
constexpr BuildOptions kInline{true, kExit, kLookup};
constexpr BuildOptions kNoInline{false, kExit, kLookup};
constexpr uint32_t kTable = 0x00200000;  // the lookup table, for the inline probe
// Inline probes of a 4096-entry table (12 index bits) and constant propagation.
constexpr BuildOptions kProbe{true, kExit, kLookup, kTable, 12, 0, true};
constexpr BuildOptions kProbeNoInline{false, kExit, kLookup, kTable, 12, 0, true};

// APP(r) = CTX_ABS(CTX_GR + 4r) = 0x1000 + 4r: APP(1) = 0x1004, APP(2) = 0x1008; the lookup's
// indirect_target slot is 0x1000 + 436 = 0x11b4.
static_assert(CTX_ABS(CTX_GR + 4) == 0x1004 && CTX_ABS(CTX_GR + 8) == 0x1008, "APP(1), APP(2)");
static_assert(CTX_ABS(CTX_INDIRECT_TARGET) == 0x11b4, "slots");

// Instruction words (hppa-linux-gnu-as; the pc-relative ones are relative, so they hold at
// the pcs the traces below put them at).
constexpr uint32_t kAddi = 0xb6730002;         // addi 1,%r19,%r19
constexpr uint32_t kNop = 0x08000240;          // nop
constexpr uint32_t kLdi = 0x34140002;          // ldi 1,%r20
constexpr uint32_t kLdoSp = 0x37de0008;        // ldo 4(%r30),%r30
constexpr uint32_t kCopy = 0x0803025c;         // copy %r3,%r28
constexpr uint32_t kAdd = 0x08a40606;          // add %r4,%r5,%r6
constexpr uint32_t kCmpclr45 = 0x08a42880;     // cmpclr,= %r4,%r5,%r0
constexpr uint32_t kCmpclr67 = 0x08e62880;     // cmpclr,= %r6,%r7,%r0
constexpr uint32_t kAddibNeBack = 0xae9f3fed;  // addib,<> -1,%r20,.-4   (at +4, to +0)
constexpr uint32_t kAddibEqNBack = 0xa69f3fef; // addib,=,n -1,%r20,.-4  (at +4, to +0)
constexpr uint32_t kCmpbEq = 0x80a42030;       // cmpb,= %r4,%r5,.+0x20
constexpr uint32_t kCmpbEqN = 0x80a42032;      // cmpb,=,n %r4,%r5,.+0x20
constexpr uint32_t kBlR2 = 0xe800a1f0;         // b,l .+0x100,%r2  (22-bit form)
constexpr uint32_t kBvR2 = 0xe840c000;         // bv %r0(%r2)
constexpr uint32_t kBvNR2 = 0xe840c002;        // bv,n %r0(%r2)
constexpr uint32_t kBvNR22 = 0xeac0c002;       // bv,n %r0(%r22)
constexpr uint32_t kExtrwNe = 0xd2c0bbdf;      // extrw,u,<> %r22,30,1,%r0
constexpr uint32_t kBbLt = 0xc4654030;         // bb,< %r5,3,.+0x20
constexpr uint32_t kMovbEq = 0xc8a42030;       // movb,= %r4,%r5,.+0x20
constexpr uint32_t kCmpibNe = 0x8cca2030;      // cmpib,<> 5,%r6,.+0x20
constexpr uint32_t kBlr = 0xe8054000;          // blr %r5,%r0
constexpr uint32_t kBN40 = 0xe8000072;         // b,n .+0x40
constexpr uint32_t kCmpclrNe20 = 0x08143880;   // cmpclr,<> %r20,%r0,%r0
constexpr uint32_t kBle = 0xe4008200;          // ble 0x100(%sr2,%r0)  (objdump: be,l 100(sr2,r0),sr0,r31)

std::unique_ptr<Trace> MakeTrace(std::initializer_list<TraceInsn> insns, TraceEnd end, uint32_t next_pc,
                                 bool next_plain = true) {
  auto t = std::make_unique<Trace>();
  *t = Trace{};
  for (const TraceInsn& i : insns) {
    t->insns[t->length++] = i;
    const isa::Cls c = isa::info(isa::decode(i.word)).cls;
    if (c == isa::Cls::kBranchCond || c == isa::Cls::kBranchUncond || c == isa::Cls::kBranchIndirect) ++t->blocks;
  }
  t->head = t->insns[0].pc;
  t->end = end;
  t->next_pc = AppPc(next_pc);
  t->next_plain = next_plain;
  return t;
}

constexpr uint32_t kCanary = 0xdeadbeef;

struct Built {
  BuildStatus status;
  std::vector<uint32_t> code;  // the whole buffer (capacity words, then canaries)
  std::unique_ptr<BuiltFragment> frag = std::make_unique<BuiltFragment>();
};

Built Build(const Trace& t, const BuildOptions& o, uint32_t capacity = 256) {
  Built b;
  b.code.assign(capacity + 16, kCanary);
  b.status = BuildFragment(t, o, CodeSpace{b.code.data(), kCache, capacity}, b.frag.get());
  return b;
}

// "+0x1c: text" per word written, disassembled at its cache address.
std::vector<std::string> Listing(const Built& b) {
  std::vector<std::string> out;
  for (uint32_t k = 0; k < b.frag->words; ++k) {
    char text[128], line[160];
    isa::disassemble_word(b.code[k], kCache + 4 * k, text, sizeof text);
    snprintf(line, sizeof line, "+0x%02x: %s", 4 * k, text);
    out.push_back(line);
  }
  return out;
}

// The expected listing from lines without offsets (numbered here).
std::vector<std::string> Numbered(std::initializer_list<std::vector<std::string>> parts) {
  std::vector<std::string> out;
  for (const auto& part : parts)
    for (const std::string& s : part) {
      char line[160];
      snprintf(line, sizeof line, "+0x%02zx: %s", 4 * out.size(), s.c_str());
      out.push_back(line);
    }
  return out;
}
std::vector<std::string> L(std::initializer_list<std::string> lines) { return lines; }

// An exit stub: stw %r2,APP(2); b,l dynamo_fragment_exit,%r2; stw %r1,APP(1); record word 0
// (which decodes as `break 0,0`). The b,l's target is absolute in the listing (printed as
// objdump does for a target without a symbol: hex, no 0x), so every stub reads the same.
const std::vector<std::string> kStub = {"stw rp,1008(r0)", "b,l c0000400,rp", "stw r1,1004(r0)", "break 0,0"};
// The lookup call's tail: save r2, b,l dynamo_lookup,%r2, r1 to APP(1) in its delay slot.
const std::vector<std::string> kLookupTail = {"stw rp,1008(r0)", "b,l c0000800,rp", "stw r1,1004(r0)"};

void ExpectExit(const BuiltFragment& f, uint32_t n, uint32_t stub, uint32_t target, ExitKind kind) {
  ASSERT_LT(n, f.exit_count);
  EXPECT_EQ(f.exits[n].stub, stub) << "exit " << n;
  EXPECT_EQ(f.exits[n].target.addr(), target) << "exit " << n;
  EXPECT_EQ(static_cast<int>(f.exits[n].kind), static_cast<int>(kind)) << "exit " << n;
}

// Every stub's words are exactly the four stub words, and nothing past the words written
// (or past the capacity) was touched.
void ExpectStubsAndBounds(const Built& b, uint32_t capacity = 256, bool exact_end = true) {
  for (uint32_t n = 0; n < b.frag->exit_count; ++n) {
    const uint32_t s = b.frag->exits[n].stub;
    ASSERT_LE(s + 4, b.frag->words);
    EXPECT_EQ(b.code[s], emit::Stw(2, 0x1008, 0));
    EXPECT_EQ(b.code[s + 1], emit::BranchLinkR2(static_cast<int32_t>(kExit - (kCache + 4 * (s + 1) + 8))));
    EXPECT_EQ(b.code[s + 2], emit::Stw(1, 0x1004, 0));
    EXPECT_EQ(b.code[s + 3], 0u);
  }
  const uint32_t end = exact_end && b.frag->words < capacity ? b.frag->words : capacity;
  for (uint32_t k = end; k < b.code.size(); ++k) EXPECT_EQ(b.code[k], kCanary) << "word " << k;
}

// a. A one-block loop: 0x10000 addi; 0x10004 addib,<> -1,r20,0x10000 (taken: the trace's
// backward end); 0x10008 nop (no ,n: it runs on both sides). The branch becomes addib,=
// (negated: the trace's side, "taken", is now the fall-through) to an exit block after the
// body, still without ,n, so the nop in its delay slot runs on both sides as it did; then
// the final stub back to the head. The block (the not-taken side, pc 0x1000c) is the bare
// stub, at word 7: disp = 7*4 - (4 + 8) = 16.
TEST(FragmentBuilder, OneBlockLoop) {
  auto t = MakeTrace({{AppPc(0x10000), kAddi, false}, {AppPc(0x10004), kAddibNeBack, false}, {AppPc(0x10008), kNop, false}},
                     TraceEnd::kBackward, 0x10000);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"addi 1,r19,r19", "addib,= -1,r20,c010001c", "nop"}), kStub, kStub}));
  EXPECT_EQ(b.frag->words, 11u);
  EXPECT_EQ(b.frag->insns, 3u);
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 3, 0x10000, ExitKind::kBranch);  // on trace: around the loop
  ExpectExit(*b.frag, 1, 7, 0x1000c, ExitKind::kBranch);  // off trace: the loop's exit
  // Only the branch at word 1 leads to the block's stub: linking may re-target it.
  EXPECT_EQ(static_cast<int>(b.frag->exits[1].branch), static_cast<int>(StubBranch::kCond));
  EXPECT_EQ(b.frag->exits[1].branch_words, 6u);
  EXPECT_EQ(static_cast<int>(b.frag->exits[0].branch), static_cast<int>(StubBranch::kNone));
  ExpectStubsAndBounds(b);
  // Same registers, so the ADDIB still decrements r20 exactly once.
  const isa::Insn br = isa::decode(b.code[1]);
  EXPECT_EQ(br.op, isa::decode(kAddibNeBack).op);
  EXPECT_EQ(br.r2, 20);
  EXPECT_EQ(br.im2, -1);
}

// a'. The same loop with close_loops: the addib keeps its condition and delay slot and is
// re-targeted to word 0 (disp = 0 - (4 + 8) = -12, target 0xc0100000), so the loop goes
// round inside the fragment; the fall-through after the nop is the one exit, to 0x1000c.
// With ,n (addib,=,n, backward): the same branch again, its delay slot copied after it,
// nullified by the hardware exactly where the original's would be.
TEST(FragmentBuilder, OneBlockLoopClosed) {
  BuildOptions closing = kInline;
  closing.close_loops = true;
  auto t = MakeTrace({{AppPc(0x10000), kAddi, false}, {AppPc(0x10004), kAddibNeBack, false}, {AppPc(0x10008), kNop, false}},
                     TraceEnd::kBackward, 0x10000);
  const Built b = Build(*t, closing);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"addi 1,r19,r19", "addib,<> -1,r20,c0100000", "nop"}), kStub}));
  EXPECT_EQ(b.frag->loops, 1u);
  ASSERT_EQ(b.frag->exit_count, 1u);
  ExpectExit(*b.frag, 0, 3, 0x1000c, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
  auto n = MakeTrace({{AppPc(0x10000), kAddi, false}, {AppPc(0x10004), kAddibEqNBack, false}, {AppPc(0x10008), kNop, false}},
                     TraceEnd::kBackward, 0x10000);
  const Built bn = Build(*n, closing);
  EXPECT_EQ(Listing(bn), Numbered({L({"addi 1,r19,r19", "addib,=,n -1,r20,c0100000", "nop"}), kStub}));
  // A trace that does not end at its head's branch is laid out as before.
  auto other = MakeTrace({{AppPc(0x10000), kAddi, false}, {AppPc(0x10004), kAddibNeBack, false}, {AppPc(0x10008), kNop, false}},
                         TraceEnd::kLength, 0x10000);
  EXPECT_EQ(Build(*other, closing).frag->loops, 0u);
}

// b. A forward conditional branch not taken on the trace, no ,n: 0x10100 cmpb,= r4,r5,
// 0x10120; 0x10104 add (delay slot, runs on both sides); 0x10108 ldi. The condition stays
// "=" (the trace fell through), without ,n, so the add stays in its delay slot for both
// sides; the exit block to 0x10120 is the bare stub. Block at word 7: disp = 28 - 12 = 16,
// target 0xc010001c.
TEST(FragmentBuilder, ForwardBranchNotTakenDelaySlotOnBothSides) {
  auto t = MakeTrace({{AppPc(0x10100), kCmpbEq, false}, {AppPc(0x10104), kAdd, false}, {AppPc(0x10108), kLdi, false}},
                     TraceEnd::kLength, 0x1010c);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"cmpb,= r4,r5,c010001c", "add r4,r5,r6", "ldi 1,r20"}), kStub, kStub}));
  EXPECT_EQ(b.frag->words, 11u);
  EXPECT_EQ(b.frag->insns, 3u);
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 3, 0x1010c, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 7, 0x10120, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// b'. The same branch taken on the trace: negated to cmpb,<>, the fall-through pc 0x10108
// is the exit; the add still runs on both sides, in the delay slot.
TEST(FragmentBuilder, ForwardBranchTakenIsNegated) {
  auto t = MakeTrace({{AppPc(0x10100), kCmpbEq, false}, {AppPc(0x10104), kAdd, false}, {AppPc(0x10120), kLdi, false}},
                     TraceEnd::kLength, 0x10124);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"cmpb,<> r4,r5,c010001c", "add r4,r5,r6", "ldi 1,r20"}), kStub, kStub}));
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 3, 0x10124, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 7, 0x10108, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// b''. cmpb,=,n forward, taken on the trace: taken forward with ,n nullifies the delay slot
// on the trace's side (recorded nullified), the not-taken side runs it. No inline copy;
// the exit block (to 0x10108) runs it first.
TEST(FragmentBuilder, ForwardBranchNTakenDelaySlotOnlyOffTrace) {
  auto t = MakeTrace({{AppPc(0x10100), kCmpbEqN, false}, {AppPc(0x10104), kAdd, true}, {AppPc(0x10120), kLdi, false}},
                     TraceEnd::kLength, 0x10124);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  // Block at word 6: disp = 24 - 8 = 16, target 0xc0100018.
  EXPECT_EQ(Listing(b), Numbered({L({"cmpb,<>,n r4,r5,c0100018", "ldi 1,r20"}), kStub, L({"add r4,r5,r6"}),
                                  kStub}));
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 2, 0x10124, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 7, 0x10108, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// c. A backward addib,=,n not taken on the trace: not taken backward with ,n nullifies the
// delay slot (recorded nullified), so no inline copy; the off-trace side (taken backward,
// to 0x10200) runs it, so the exit block has it. Condition unchanged ("=": the trace fell
// through). Block at word 7: disp = 28 - (4 + 8) = 16, target 0xc010001c.
TEST(FragmentBuilder, BackwardBranchNNotTakenNoInlineDelaySlot) {
  auto t = MakeTrace({{AppPc(0x10200), kAddi, false},
                      {AppPc(0x10204), kAddibEqNBack, false},
                      {AppPc(0x10208), kNop, true},
                      {AppPc(0x1020c), kLdi, false}},
                     TraceEnd::kLength, 0x10210);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"addi 1,r19,r19", "addib,=,n -1,r20,c010001c", "ldi 1,r20"}), kStub,
                                  L({"nop"}), kStub}));
  EXPECT_EQ(b.frag->insns, 4u);
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 3, 0x10210, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 8, 0x10200, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// A recording that contradicts the rules (the delay slot of that not-taken backward ,n
// branch recorded as executed) is not trusted: the fragment ends before the branch.
TEST(FragmentBuilder, RecordingDisagreeingWithNullificationIsCut) {
  auto t = MakeTrace({{AppPc(0x10200), kAddi, false},
                      {AppPc(0x10204), kAddibEqNBack, false},
                      {AppPc(0x10208), kNop, false},
                      {AppPc(0x1020c), kLdi, false}},
                     TraceEnd::kLength, 0x10210);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"addi 1,r19,r19"}), kStub}));
  EXPECT_EQ(b.frag->insns, 1u);
  ASSERT_EQ(b.frag->exit_count, 1u);
  ExpectExit(*b.frag, 0, 1, 0x10204, ExitKind::kBranch);
}

// d. A call: 0x10300 b,l 0x10400,%r2; 0x10304 ldo 4(sp),sp (delay slot); 0x10400 ldi. The
// branch is dropped; r2 gets the app return address (0x10300 | 3) + 8 = 0x1030b:
// ldil L%0x10000 + ldo 0x30b; then the delay slot, then the callee.
TEST(FragmentBuilder, CallLinksAppReturnAddress) {
  auto t = MakeTrace({{AppPc(0x10300), kBlR2, false}, {AppPc(0x10304), kLdoSp, false}, {AppPc(0x10400), kLdi, false}},
                     TraceEnd::kLength, 0x10404);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"ldil L%10000,rp", "ldo 30b(rp),rp", "ldo 4(sp),sp", "ldi 1,r20"}), kStub}));
  EXPECT_EQ(b.frag->words, 8u);
  EXPECT_EQ(b.frag->insns, 3u);
  ASSERT_EQ(b.frag->exit_count, 1u);
  ExpectExit(*b.frag, 0, 4, 0x10404, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// e. A return with inline_indirect: 0x10500 bv %r0(%r2); 0x10504 copy r3,ret0 (delay slot);
// 0x12340 ldi (the target seen while recording). On the trace: spill r1; r1 = r2; clear the
// privilege bits; r1 -= 0x12340 (-0x12340 = 0xfffedcc0 = L%0xfffed800 + R%0x4c0; objdump
// prints L%-12800); cmpib,<>,n 0,r1 to the miss block; restore r1; the delay slot; the
// target's code; the final stub. Miss block (word 13, disp = 52 - (20 + 8) = 24, 0xc0100034):
// r1 += 0x12340 (L%0x12000 + 0x340) back to the target; store it for the lookup; restore
// r1; the delay slot; the lookup call (Dynamo derives the inline misses from the lookups).
TEST(FragmentBuilder, ReturnInlineIndirect) {
  auto t = MakeTrace({{AppPc(0x10500), kBvR2, false}, {AppPc(0x10504), kCopy, false}, {AppPc(0x12340), kLdi, false}},
                     TraceEnd::kLength, 0x12344);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b),
            Numbered({L({"stw r1,1004(r0)", "ldo 0(rp),r1", "depwi 0,31,2,r1", "addil L%-12800,r1,r1",
                         "ldo 4c0(r1),r1", "cmpib,<>,n 0,r1,c0100034", "ldw 1004(r0),r1", "copy r3,ret0",
                         "ldi 1,r20"}),
                      kStub,
                      L({"addil L%12000,r1,r1", "ldo 340(r1),r1", "stw r1,11b4(r0)"}),
                      L({"ldw 1004(r0),r1", "copy r3,ret0"}), kLookupTail}));
  EXPECT_EQ(b.frag->words, 21u);
  EXPECT_EQ(b.frag->insns, 3u);
  ASSERT_EQ(b.frag->exit_count, 1u);  // the miss block is a lookup call, not a stub
  ExpectExit(*b.frag, 0, 9, 0x12344, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// e'. The same without inline_indirect: the fragment ends in the lookup call right after
// the target is computed (no compare, no final stub, no exits); it covers the bv and its
// delay slot only.
TEST(FragmentBuilder, ReturnWithoutInlineIndirectEndsInLookup) {
  auto t = MakeTrace({{AppPc(0x10500), kBvR2, false}, {AppPc(0x10504), kCopy, false}, {AppPc(0x12340), kLdi, false}},
                     TraceEnd::kLength, 0x12344);
  const Built b = Build(*t, kNoInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"stw r1,1004(r0)", "ldo 0(rp),r1", "depwi 0,31,2,r1", "stw r1,11b4(r0)",
                                     "ldw 1004(r0),r1", "copy r3,ret0"}),
                                  kLookupTail}));
  EXPECT_EQ(b.frag->words, 9u);
  EXPECT_EQ(b.frag->insns, 2u);
  EXPECT_EQ(b.frag->exit_count, 0u);
  ExpectStubsAndBounds(b);
}

// e''. A call and its return on one trace, with constant propagation: 0x10300 b,l to
// 0x10400 (delay slot ldo 4(sp),sp), 0x10400 bv %r0(%r2) (delay slot copy), back at
// 0x10308. The dropped call leaves rp = (0x10300 | 3) + 8 = 0x1030b, so the return's
// target is known to be the recorded 0x10308: only its delay slot remains.
TEST(FragmentBuilder, ReturnWhoseCallIsOnTheTraceFolds) {
  auto t = MakeTrace({{AppPc(0x10300), kBlR2, false},
                      {AppPc(0x10304), kLdoSp, false},
                      {AppPc(0x10400), kBvR2, false},
                      {AppPc(0x10404), kCopy, false},
                      {AppPc(0x10308), kLdi, false}},
                     TraceEnd::kLength, 0x1030c);
  const Built b = Build(*t, kProbe);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"ldil L%10000,rp", "ldo 30b(rp),rp", "ldo 4(sp),sp", "copy r3,ret0",
                                     "ldi 1,r20"}),
                                  kStub}));
  EXPECT_EQ(b.frag->folded, 1u);
  EXPECT_EQ(b.frag->inline_lookups, 0u);
  ASSERT_EQ(b.frag->exit_count, 1u);
  ExpectExit(*b.frag, 0, 5, 0x1030c, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
  // Without constant propagation the return keeps its compare (and its probe).
  const Built plain = Build(*t, BuildOptions{true, kExit, kLookup, kTable, 12, 0, false});
  EXPECT_EQ(plain.frag->folded, 0u);
  EXPECT_EQ(plain.frag->inline_lookups, 1u);
  // A register written after the call is no longer known: ldo 4(sp),rp in the delay slot.
  auto clobbered = MakeTrace({{AppPc(0x10300), kBlR2, false},
                              {AppPc(0x10304), 0x37c20008 /* ldo 4(%r30),%r2 */, false},
                              {AppPc(0x10400), kBvR2, false},
                              {AppPc(0x10404), kCopy, false},
                              {AppPc(0x10308), kLdi, false}},
                             TraceEnd::kLength, 0x1030c);
  EXPECT_EQ(Build(*clobbered, kProbe).frag->folded, 0u);
}

// e''''. Two calls from one caller, each with its return on the trace: 0x10300 b,l to
// 0x10400, 0x10400 bv %r0(%r2), back at 0x10308; 0x10308 b,l to 0x10408 (kBlR2 is
// relative), 0x10408 bv %r0(%r2), back at 0x10310. After the first return rp still holds
// its link 0x1030b, so the second link 0x10313 is one ldo 8(rp),rp (strength reduction)
// instead of ldil/ldo; without constant propagation both are ldil/ldo.
TEST(FragmentBuilder, SecondLinkIsOneLdoFromTheFirst) {
  auto t = MakeTrace({{AppPc(0x10300), kBlR2, false},
                      {AppPc(0x10304), kNop, false},
                      {AppPc(0x10400), kBvR2, false},
                      {AppPc(0x10404), kCopy, false},
                      {AppPc(0x10308), kBlR2, false},
                      {AppPc(0x1030c), kNop, false},
                      {AppPc(0x10408), kBvR2, false},
                      {AppPc(0x1040c), kCopy, false},
                      {AppPc(0x10310), kLdi, false}},
                     TraceEnd::kLength, 0x10314);
  const Built b = Build(*t, kProbe);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"ldil L%10000,rp", "ldo 30b(rp),rp", "nop", "copy r3,ret0", "ldo 8(rp),rp",
                                     "nop", "copy r3,ret0", "ldi 1,r20"}),
                                  kStub}));
  EXPECT_EQ(b.frag->folded, 2u);
  const Built plain = Build(*t, BuildOptions{true, kExit, kLookup, kTable, 12, 0, false});
  EXPECT_EQ(plain.frag->folded, 0u);
  const std::vector<std::string> listing = Listing(plain);
  EXPECT_EQ(std::count_if(listing.begin(), listing.end(),
                          [](const std::string& line) { return line.find("ldil L%10000,rp") != std::string::npos; }),
            2);
}

// e'''. A return whose target is not known, with the inline probe: the delay slot runs
// first (it leaves rp alone), then r1 = rp - 0x12340 is 0 to 3 exactly when rp is the
// target with some privilege bits: `cmpib,<<,n 3,r1` leaves the trace otherwise. The probe
// after the final stub (word 11, disp 44 - (16 + 8) = 20): spill r31 (APP(31) = 0x107c),
// r1 = (rp mod 4096) * 8 + L%table, key in r31; equal: the entry, restore, bv into the
// fragment (9 instructions); unequal (word 20 = 0x3c + 8 + 12): restore r31, rp to
// indirect_target, restore r1, a lookup exit stub.
// The inline probe of %rp (lookup.h) with a 4096-entry table; `miss`: where its cmpb goes.
std::vector<std::string> ProbeOfRp(const std::string& miss) {
  return {"stw r31,107c(r0)", "depw,z rp,28,12,r1", "addil L%200000,r1,r1", "ldw 0(r1),r31",
          "cmpb,<>,n rp,r31," + miss, "ldw 4(r1),r1", "ldw 107c(r0),r31", "bv r0(r1)", "ldw 1004(r0),r1",
          "ldw 107c(r0),r31", "stw rp,11b4(r0)", "ldw 1004(r0),r1"};
}

TEST(FragmentBuilder, ReturnProbesTheTableInline) {
  auto t = MakeTrace({{AppPc(0x10500), kBvR2, false}, {AppPc(0x10504), kCopy, false}, {AppPc(0x12340), kLdi, false}},
                     TraceEnd::kLength, 0x12344);
  const Built b = Build(*t, kProbe);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  const std::vector<std::string> probe = ProbeOfRp("c0100050");
  EXPECT_EQ(Listing(b), Numbered({L({"copy r3,ret0", "stw r1,1004(r0)", "addil L%-12800,rp,r1", "ldo 4c0(r1),r1",
                                     "cmpib,<<,n 3,r1,c010002c", "ldw 1004(r0),r1", "ldi 1,r20"}),
                                  kStub, probe, kStub}));
  EXPECT_EQ(b.frag->inline_lookups, 1u);
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 7, 0x12344, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 23, 0, ExitKind::kLookup);
  ExpectStubsAndBounds(b);
  // Without inline_indirect the fragment ends in the probe.
  const Built n = Build(*t, kProbeNoInline);
  ASSERT_EQ(n.status, BuildStatus::kOk);
  const std::vector<std::string> probe_here = ProbeOfRp("c010002c");
  EXPECT_EQ(Listing(n), Numbered({L({"copy r3,ret0", "stw r1,1004(r0)"}), probe_here, kStub}));
  EXPECT_EQ(n.frag->insns, 2u);
  // A delay slot that writes the branch's register keeps the computed-target form.
  auto writes = MakeTrace({{AppPc(0x10500), kBvR2, false}, {AppPc(0x10504), 0x37c20008, false}, {AppPc(0x12340), kLdi, false}},
                          TraceEnd::kLength, 0x12344);
  EXPECT_EQ(Build(*writes, kProbe).frag->inline_lookups, 0u);
}

// The same return with one chain slot (indirect_chains.h): the miss block starts with
// kChainSlotWords = 5 no-ops (words 11-15) that the compare skips, to the probe at word 16
// (0xc0100040); the probe's miss is 9 words on (cmpb at 20 to 25, 0xc0100064), its target
// store (the learning path, word 26) then its lookup stub at 28. The site is recorded for
// the fragment cache to fill.
TEST(FragmentBuilder, ReturnLeavesAnEmptyChainSlotBeforeItsProbe) {
  auto t = MakeTrace({{AppPc(0x10500), kBvR2, false}, {AppPc(0x10504), kCopy, false}, {AppPc(0x12340), kLdi, false}},
                     TraceEnd::kLength, 0x12344);
  constexpr BuildOptions kChain{true, kExit, kLookup, kTable, 12, 0, true, false, false, false, nullptr, nullptr, 1};
  const Built b = Build(*t, kChain);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  const std::vector<std::string> slot(5, "ldi 0,r0");
  const std::vector<std::string> probe = ProbeOfRp("c0100064");
  EXPECT_EQ(Listing(b), Numbered({L({"copy r3,ret0", "stw r1,1004(r0)", "addil L%-12800,rp,r1", "ldo 4c0(r1),r1",
                                     "cmpib,<<,n 3,r1,c0100040", "ldw 1004(r0),r1", "ldi 1,r20"}),
                                  kStub, slot, probe, kStub}));
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 1, 28, 0, ExitKind::kLookup);
  ASSERT_EQ(b.frag->chain_site_count, 1u);
  const BuiltChainSite& site = b.frag->chain_sites[0];
  EXPECT_EQ(site.compare, 4u);
  EXPECT_EQ(site.word, 11u);
  EXPECT_EQ(site.slots, 1u);
  EXPECT_EQ(site.probe, 16u);
  EXPECT_EQ(site.learn, 26u);
  EXPECT_EQ(site.exit, 1u);
  EXPECT_EQ(site.reg, 2u);
  ExpectStubsAndBounds(b);
  // Without chain slots nothing is recorded (and the listing is ReturnProbesTheTableInline's).
  EXPECT_EQ(Build(*t, kProbe).frag->chain_site_count, 0u);
}

// f. $$dyncall's `extrw,u,<> r22,30,1,r0 ; bv,n r0(r22)`, the trace having seen the bv run
// (bit 30 clear) to 0x20000 (its ,n delay slot recorded nullified). Split: the extrw takes
// the negated condition (",="; it now nullifies exactly when the original would not), then
// b,n to an exit to 0x10608 (where the app goes when the original nullifies the bv); when
// the bv runs, the b,n is nullified and the bv's code follows. -0x20000 is L%-0x20000 +
// R%0. Blocks after the final stub at word 10: the split exit at 14 (b,n disp = 56 -
// (4 + 8) = 44, 0xc0100038), the miss block at 18 (disp = 72 - (28 + 8) = 36, 0xc0100048).
TEST(FragmentBuilder, NullifierBeforeBranchThatRan) {
  auto t = MakeTrace({{AppPc(0x10600), kExtrwNe, false},
                      {AppPc(0x10604), kBvNR22, false},
                      {AppPc(0x10608), kLdi, true},
                      {AppPc(0x20000), kLdi, false}},
                     TraceEnd::kLength, 0x20004);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b),
            Numbered({L({"extrw,u,= r22,30,1,r0", "b,l,n c0100038,r0", "stw r1,1004(r0)", "ldo 0(r22),r1",
                         "depwi 0,31,2,r1", "addil L%-20000,r1,r1", "ldo 0(r1),r1", "cmpib,<>,n 0,r1,c0100048",
                         "ldw 1004(r0),r1", "ldi 1,r20"}),
                      kStub, kStub, L({"addil L%20000,r1,r1", "ldo 0(r1),r1", "stw r1,11b4(r0)"}),
                      L({"ldw 1004(r0),r1"}), kLookupTail}));
  EXPECT_EQ(b.frag->words, 25u);
  EXPECT_EQ(b.frag->insns, 4u);
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 10, 0x20004, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 14, 0x10608, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// f'. The same pair, the trace having seen the bv nullified (bit 30 set): the extrw keeps
// its condition (it nullifies the b,n exactly when it nullified the bv), the b,n goes to an
// exit to the bv itself (0x10604, plain queue: the bv runs there), and the trace goes on at
// 0x10608. Block at word 7: disp = 28 - (4 + 8) = 16, 0xc010001c.
TEST(FragmentBuilder, NullifierBeforeBranchThatWasNullified) {
  auto t = MakeTrace({{AppPc(0x10600), kExtrwNe, false}, {AppPc(0x10604), kBvNR22, true}, {AppPc(0x10608), kLdi, false}},
                     TraceEnd::kLength, 0x1060c);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"extrw,u,<> r22,30,1,r0", "b,l,n c010001c,r0", "ldi 1,r20"}), kStub,
                                  kStub}));
  EXPECT_EQ(b.frag->words, 11u);
  EXPECT_EQ(b.frag->insns, 3u);
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 3, 0x1060c, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 7, 0x10604, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// A nullifier in a kept delay slot guards the branch after it: 0x10900 cmpb,=,n r4,r5,
// 0x10920 not taken (forward not taken with ,n: its delay slot runs on the trace, not on
// the taken side); 0x10904 cmpclr,= r6,r7,r0 (its delay slot: may nullify the next);
// 0x10908 bv,n r0(r2), seen running, to 0x20000. The bv's code is preceded by b,n over an
// exit to 0x1090c (where the app goes if the cmpclr nullifies the bv): b,n at word 2 jumps
// 12 bytes past the stub at 3..6 to word 7. Final stub at 15; the cond exit block at 19
// (disp = 76 - 8 = 68, 0xc010004c; no delay slot: the taken side nullifies it), the miss
// block at 23 (disp = 92 - (48 + 8) = 36, 0xc010005c).
TEST(FragmentBuilder, NullifyingDelaySlotGuardsNextBranch) {
  auto t = MakeTrace({{AppPc(0x10900), kCmpbEqN, false},
                      {AppPc(0x10904), kCmpclr67, false},
                      {AppPc(0x10908), kBvNR2, false},
                      {AppPc(0x1090c), kNop, true},
                      {AppPc(0x20000), kLdi, false}},
                     TraceEnd::kLength, 0x20004);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b),
            Numbered({L({"cmpb,=,n r4,r5,c010004c", "cmpclr,= r6,r7,r0", "b,l,n c010001c,r0"}), kStub,
                      L({"stw r1,1004(r0)", "ldo 0(rp),r1", "depwi 0,31,2,r1", "addil L%-20000,r1,r1",
                         "ldo 0(r1),r1", "cmpib,<>,n 0,r1,c010005c", "ldw 1004(r0),r1", "ldi 1,r20"}),
                      kStub, kStub, L({"addil L%20000,r1,r1", "ldo 0(r1),r1", "stw r1,11b4(r0)"}),
                      L({"ldw 1004(r0),r1"}), kLookupTail}));
  EXPECT_EQ(b.frag->words, 30u);
  EXPECT_EQ(b.frag->insns, 5u);
  ASSERT_EQ(b.frag->exit_count, 3u);
  ExpectExit(*b.frag, 0, 3, 0x1090c, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 15, 0x20004, ExitKind::kBranch);
  ExpectExit(*b.frag, 2, 19, 0x10920, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// A trace ending right after a nullifier: the next instruction (0x10808) may be nullified,
// so the end is two exits: b,n over an exit to 0x1080c (the one a nullified b,n falls
// into) to an exit to 0x10808. b,n at word 2: target word 2 + 2 + 3 = 7 (0xc010001c).
TEST(FragmentBuilder, TraceEndingAfterNullifierExitsTwoWays) {
  auto t = MakeTrace({{AppPc(0x10800), kAddi, false}, {AppPc(0x10804), kCmpclr45, false}}, TraceEnd::kLength, 0x10808);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"addi 1,r19,r19", "cmpclr,= r4,r5,r0", "b,l,n c010001c,r0"}), kStub,
                                  kStub}));
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 3, 0x1080c, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 7, 0x10808, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// The other conditional branch families, each taken forward on the trace (no ,n, so the
// nop delay slot runs on both sides): BB pairs "<" with ">=", MOVB's extract conditions
// pair c with c ^ 4 ("=" with "<>"), CMPIB flips f ("<>" to "="). Layout as in b'.
TEST(FragmentBuilder, TakenBranchFamiliesAreNegated) {
  const struct {
    uint32_t word;
    const char* negated;
  } cases[] = {
      {kBbLt, "bb,>= r5,3,c010001c"},
      {kMovbEq, "movb,<> r4,r5,c010001c"},
      {kCmpibNe, "cmpib,= 5,r6,c010001c"},
  };
  for (const auto& c : cases) {
    auto t = MakeTrace({{AppPc(0x11000), c.word, false}, {AppPc(0x11004), kNop, false}, {AppPc(0x11020), kLdi, false}},
                       TraceEnd::kLength, 0x11024);
    const Built b = Build(*t, kInline);
    ASSERT_EQ(b.status, BuildStatus::kOk) << c.negated;
    EXPECT_EQ(Listing(b), Numbered({L({c.negated, "nop", "ldi 1,r20"}), kStub, kStub}));
    ASSERT_EQ(b.frag->exit_count, 2u);
    ExpectExit(*b.frag, 0, 3, 0x11024, ExitKind::kBranch);
    ExpectExit(*b.frag, 1, 7, 0x11008, ExitKind::kBranch);
  }
}

// A switch: 0x11100 blr r5,r0 (to 0x11108 + 8*r5), 0x11104 nop, recorded going to 0x11118,
// so r5 was 2: the compare is cmpib,<>,n 2,r5 to the miss block at word 7 (disp = 28 - 8 =
// 20, 0xc010001c), the nop runs after it as the delay slot. The miss block spills r1 and
// computes the target: r1 = r5*8 + L%/R% of (0x11100 | 3) + 8 = 0x1110b (L%0x11000 +
// 0x10b), privilege bits cleared: 0x11108 + 8*r5; then the lookup call with its own copy
// of the delay slot.
TEST(FragmentBuilder, BlrSwitchComparesItsIndex) {
  auto t = MakeTrace({{AppPc(0x11100), kBlr, false}, {AppPc(0x11104), kNop, false}, {AppPc(0x11118), kLdi, false}},
                     TraceEnd::kLength, 0x1111c);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b),
            Numbered({L({"cmpib,<>,n 2,r5,c010001c", "nop", "ldi 1,r20"}), kStub,
                      L({"stw r1,1004(r0)", "shladd,l r5,3,r0,r1", "addil L%11000,r1,r1", "ldo 10b(r1),r1",
                         "depwi 0,31,2,r1", "stw r1,11b4(r0)", "ldw 1004(r0),r1", "nop"}),
                      kLookupTail}));
  EXPECT_EQ(b.frag->words, 18u);
  ASSERT_EQ(b.frag->exit_count, 1u);
  ExpectExit(*b.frag, 0, 3, 0x1111c, ExitKind::kBranch);
}

// The index out of cmpib's reach (recorded going to 0x11108 + 8*16 = 0x11188): the target
// computed into r1 and compared, as for any other indirect branch. r1 = 0x11108 + 8*r5 as
// above; then -0x11188 = 0xfffeee78 = L%0xfffee800 (objdump: L%-11800) + 0x678. Miss block
// at word 15 (disp = 60 - (28 + 8) = 24, 0xc010003c): + 0x11188 (L%0x11000 + 0x188).
TEST(FragmentBuilder, BlrSwitchFarIndexComputesItsTarget) {
  auto t = MakeTrace({{AppPc(0x11100), kBlr, false}, {AppPc(0x11104), kNop, false}, {AppPc(0x11188), kLdi, false}},
                     TraceEnd::kLength, 0x1118c);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b),
            Numbered({L({"stw r1,1004(r0)", "shladd,l r5,3,r0,r1", "addil L%11000,r1,r1", "ldo 10b(r1),r1",
                         "depwi 0,31,2,r1", "addil L%-11800,r1,r1", "ldo 678(r1),r1", "cmpib,<>,n 0,r1,c010003c",
                         "ldw 1004(r0),r1", "nop", "ldi 1,r20"}),
                      kStub, L({"addil L%11000,r1,r1", "ldo 188(r1),r1", "stw r1,11b4(r0)"}),
                      L({"ldw 1004(r0),r1", "nop"}), kLookupTail}));
  EXPECT_EQ(b.frag->words, 23u);
  ASSERT_EQ(b.frag->exit_count, 1u);
  ExpectExit(*b.frag, 0, 11, 0x1118c, ExitKind::kBranch);
}

// A plain b,n (17-bit B,L with r0): dropped, and so is its delay slot (always nullified).
TEST(FragmentBuilder, PlainBranchNDropped) {
  auto t = MakeTrace({{AppPc(0x11200), kBN40, false}, {AppPc(0x11204), kAdd, true}, {AppPc(0x11240), kLdi, false}},
                     TraceEnd::kLength, 0x11244);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"ldi 1,r20"}), kStub}));
  EXPECT_EQ(b.frag->insns, 3u);
  ASSERT_EQ(b.frag->exit_count, 1u);
  ExpectExit(*b.frag, 0, 1, 0x11244, ExitKind::kBranch);
}

// A nullifier before a system call, the trace having seen the call run (r20 == 0): split
// with the negated condition; the b,n leads to an exit to 0x11308 (the call nullified
// after all); the body then stops before the ble with a kStop exit. b,n at word 1 to the
// block at word 6: disp = 24 - 12 = 12, 0xc0100018.
TEST(FragmentBuilder, NullifierBeforeSystemCallThatRan) {
  auto t = MakeTrace({{AppPc(0x11300), kCmpclrNe20, false}, {AppPc(0x11304), kBle, false}, {AppPc(0x11308), kLdi, false}},
                     TraceEnd::kGateway, 0x100);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"cmpclr,= r20,r0,r0", "b,l,n c0100018,r0"}), kStub, kStub}));
  EXPECT_EQ(b.frag->insns, 1u);
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 2, 0x11304, ExitKind::kStop);
  ExpectExit(*b.frag, 1, 6, 0x11308, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// ... and having seen it nullified (r20 != 0): the condition stays, the b,n leads to a
// kStop exit to the ble (it runs there), the trace goes on at 0x11308. Block at word 7:
// disp = 28 - 12 = 16, 0xc010001c.
TEST(FragmentBuilder, NullifierBeforeSystemCallThatWasNullified) {
  auto t = MakeTrace({{AppPc(0x11300), kCmpclrNe20, false}, {AppPc(0x11304), kBle, true}, {AppPc(0x11308), kLdi, false}},
                     TraceEnd::kLength, 0x1130c);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"cmpclr,<> r20,r0,r0", "b,l,n c010001c,r0", "ldi 1,r20"}), kStub, kStub}));
  EXPECT_EQ(b.frag->insns, 3u);
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 3, 0x1130c, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 7, 0x11304, ExitKind::kStop);
  ExpectStubsAndBounds(b);
}

// Two conditions in a row before a branch (the shape of $$divI's power-of-two test): the
// trace saw 0x11400 cmpclr,= r4,r5,r0 nullify 0x11404 cmpclr,<> r20,r0,r0, so the b,n at
// 0x11408 ran. The split is at the first, which keeps its condition: it nullifies the b,n
// to the exit to 0x11404 (the second runs there) exactly when it nullified the second; the
// b,n is dropped with its delay slot and the trace goes on at 0x11448. b,n at word 1 to the
// block at word 7: disp = 28 - (4 + 8) = 16, 0xc010001c.
TEST(FragmentBuilder, ChainedNullifiersSplitAtTheFirst) {
  auto t = MakeTrace({{AppPc(0x11400), kCmpclr45, false},
                      {AppPc(0x11404), kCmpclrNe20, true},
                      {AppPc(0x11408), kBN40, false},
                      {AppPc(0x1140c), kAdd, true},
                      {AppPc(0x11448), kLdi, false}},
                     TraceEnd::kLength, 0x1144c);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"cmpclr,= r4,r5,r0", "b,l,n c010001c,r0", "ldi 1,r20"}), kStub, kStub}));
  EXPECT_EQ(b.frag->words, 11u);
  EXPECT_EQ(b.frag->insns, 5u);
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 3, 0x1144c, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 7, 0x11404, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// ... and having seen both run (r4 != r5, r20 != 0: the b,n nullified). The first takes
// the negated condition over a b,n to an exit to the b,n (0x11408, where the app goes when
// the first nullifies the second); then the second splits as a lone nullifier, keeping
// its condition, over a b,n to an exit to the b,n too (it runs there when the second does
// not nullify it). Blocks at words 9 and 13: disps 36 - 12 = 24 (0xc0100024) and
// 52 - 20 = 32 (0xc0100034).
TEST(FragmentBuilder, ChainedNullifiersThatBothRan) {
  auto t = MakeTrace({{AppPc(0x11400), kCmpclr45, false},
                      {AppPc(0x11404), kCmpclrNe20, false},
                      {AppPc(0x11408), kBN40, true},
                      {AppPc(0x1140c), kLdi, false}},
                     TraceEnd::kLength, 0x11410);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"cmpclr,<> r4,r5,r0", "b,l,n c0100024,r0", "cmpclr,<> r20,r0,r0",
                                     "b,l,n c0100034,r0", "ldi 1,r20"}),
                                  kStub, kStub, kStub}));
  EXPECT_EQ(b.frag->words, 17u);
  EXPECT_EQ(b.frag->insns, 4u);
  ASSERT_EQ(b.frag->exit_count, 3u);
  ExpectExit(*b.frag, 0, 5, 0x11410, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 9, 0x11408, ExitKind::kBranch);
  ExpectExit(*b.frag, 2, 13, 0x11408, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// An exit block out of its branch's reach: the fragment is rebuilt shorter. Trace: 512
// pairs `cmpb,= r4,r5,.+0x20` (not taken) and `nop`, the k-th at 0x12000 + 8k, then it
// stops (next 0x12000 + 8*512). Each pair is 2 body words (cmpb,= and the nop in its delay
// slot, which runs on both sides) and a 4-word exit block (a bare stub to pc + 0x20). First
// attempt: body 1024 + final stub 4 = 1028 words; the k-th cmpb (word 2k) reaches its block
// (word 1028 + 4k) with disp 4*(1028 + 4k) - (8k + 8) = 4104 + 8k, at most 8188 up to
// k = 510, so k = 511 is out of reach: rebuilt with the first 2*511 = 1022 instructions,
// ending at word 1022 with an exit to 0x12000 + 8*511 = 0x12ff8; blocks from 1026, so
// 1026 + 4*511 = 3070 words, the k-th stub at 1026 + 4k.
TEST(FragmentBuilder, ExitBlockOutOfReachRebuildsShorter) {
  auto t = std::make_unique<Trace>();
  *t = Trace{};
  for (uint32_t k = 0; k < 512; ++k) {
    t->insns[t->length++] = TraceInsn{AppPc(0x12000 + 8 * k), kCmpbEq, false};
    t->insns[t->length++] = TraceInsn{AppPc(0x12004 + 8 * k), kNop, false};
  }
  t->head = AppPc(0x12000);
  t->end = TraceEnd::kLength;
  t->next_pc = AppPc(0x12000 + 8 * 512);
  t->next_plain = true;
  const Built b = Build(*t, kInline, 8192);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(b.frag->insns, 1022u);
  EXPECT_EQ(b.frag->words, 3070u);
  ASSERT_EQ(b.frag->exit_count, 512u);
  ExpectExit(*b.frag, 0, 1022, 0x12ff8, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 1026, 0x12020, ExitKind::kBranch);
  ExpectExit(*b.frag, 511, 1026 + 4 * 510, 0x12020 + 8 * 510, ExitKind::kBranch);
  const std::vector<std::string> list = Listing(b);
  EXPECT_EQ(list[0], "+0x00: cmpb,= r4,r5,c0101008");      // 0xc0100000 + 1026*4
  EXPECT_EQ(list[1020], "+0xff0: cmpb,= r4,r5,c0102fe8");  // 0xc0100000 + (1026 + 4*510)*4
  EXPECT_EQ(list[3069], "+0x2ff4: break 0,0");             // the last stub's record word
  // (The first attempt wrote further into the space; only the capacity bounds the writes.)
  ExpectStubsAndBounds(b, 8192, /*exact_end=*/false);
}

// A kept delay slot that may nullify what follows ends the trace: 0x13100 cmpb,=,n r4,r5,
// 0x13120 not taken (forward not taken with ,n: the delay slot runs on the trace, not on
// the taken side), 0x13104 cmpclr,= r6,r7,r0. The end is two-way (b,n at word 2 over an exit
// to 0x1310c, to an exit to 0x13108); the cond block at word 11 (disp = 44 - 8 = 36,
// 0xc010002c) has no delay slot.
TEST(FragmentBuilder, NullifyingDelaySlotAtTraceEnd) {
  auto t = MakeTrace({{AppPc(0x13100), kCmpbEqN, false}, {AppPc(0x13104), kCmpclr67, false}}, TraceEnd::kLength, 0x13108);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"cmpb,=,n r4,r5,c010002c", "cmpclr,= r6,r7,r0", "b,l,n c010001c,r0"}), kStub,
                                  kStub, kStub}));
  EXPECT_EQ(b.frag->insns, 2u);
  ASSERT_EQ(b.frag->exit_count, 3u);
  ExpectExit(*b.frag, 0, 3, 0x1310c, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 7, 0x13108, ExitKind::kBranch);
  ExpectExit(*b.frag, 2, 11, 0x13120, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// A delay slot that may nullify the next instruction, on the off-trace side only: libgcc's
// $$divI, 0x1863c `cmpib,>>=,n 15,r25,0x18764` taken (forward with ,n: the delay slot
// 0x18640 `add,>= r0,r26,ret1` is nullified on the trace and runs on the fall-through
// side), then 0x18764 ldi. The branch is negated (`cmpib,<<,n`) to the exit block at word
// 6 (disp = 24 - 8 = 16, 0xc0100018), which runs the delay slot's copy and then guards
// against it as a nullifier before code: `b,n` at word 7 over a stub to 0x18648 (where the
// application goes when the add nullifies 0x18644) to word 12, a stub to 0x18644.
TEST(FragmentBuilder, NullifyingDelaySlotOffTraceRunsInItsExitBlock) {
  auto t = MakeTrace({{AppPc(0x1863c), 0x8f3e8242, false},   // cmpib,>>=,n 15,%r25,.+0x128
                      {AppPc(0x18640), 0x0b40561d, true},    // add,>= %r0,%r26,%r29
                      {AppPc(0x18764), kLdi, false}},
                     TraceEnd::kLength, 0x18768);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"cmpib,<<,n f,r25,c0100018", "ldi 1,r20"}), kStub,
                                  L({"add,>= r0,r26,ret1", "b,l,n c0100030,r0"}), kStub, kStub}));
  EXPECT_EQ(b.frag->insns, 3u);
  ASSERT_EQ(b.frag->exit_count, 3u);
  ExpectExit(*b.frag, 0, 2, 0x18768, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 8, 0x18648, ExitKind::kBranch);
  ExpectExit(*b.frag, 2, 12, 0x18644, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// A branch in a delay slot is left to the interpreter: the fragment ends before the first
// branch (0x13200), with a plain exit to it.
TEST(FragmentBuilder, BranchInDelaySlotCuts) {
  auto t = MakeTrace({{AppPc(0x131fc), kAddi, false}, {AppPc(0x13200), kCmpbEq, false}, {AppPc(0x13204), kBN40, false},
                      {AppPc(0x13244), kLdi, false}},
                     TraceEnd::kLength, 0x13248);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"addi 1,r19,r19"}), kStub}));
  EXPECT_EQ(b.frag->insns, 1u);
  ASSERT_EQ(b.frag->exit_count, 1u);
  ExpectExit(*b.frag, 0, 1, 0x13200, ExitKind::kBranch);
}

// A branch in the delay slot of a forward `,n` branch (the shape of $$divI_14's
// `cmpb,<,n` over `b,l`): the delay slot runs only on the fall-through side. Seen falling
// through: 0x13300 cmpb,=,n r4,r5,0x13320 keeps its condition to an exit block to 0x13320
// (word 6: disp = 24 - 8 = 16, 0xc0100018); the b,n at 0x13304 is the next unit, dropped
// with its delay slot; the trace goes on at 0x13344.
TEST(FragmentBuilder, BranchInForwardNDelaySlotFallingThroughIsTheNextUnit) {
  auto t = MakeTrace({{AppPc(0x13300), kCmpbEqN, false},
                      {AppPc(0x13304), kBN40, false},
                      {AppPc(0x13308), kAdd, true},
                      {AppPc(0x13344), kLdi, false}},
                     TraceEnd::kLength, 0x13348);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"cmpb,=,n r4,r5,c0100018", "ldi 1,r20"}), kStub, kStub}));
  EXPECT_EQ(b.frag->insns, 4u);
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 2, 0x13348, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 6, 0x13320, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// ... seen taken (the b,n nullified): the branch is negated to an exit to the delay slot's
// own pc, 0x13304, where the fall-through side's queue is plain; the trace goes on at
// 0x13320.
TEST(FragmentBuilder, BranchInForwardNDelaySlotTakenExitsToTheDelaySlot) {
  auto t = MakeTrace({{AppPc(0x13300), kCmpbEqN, false}, {AppPc(0x13304), kBN40, true}, {AppPc(0x13320), kLdi, false}},
                     TraceEnd::kLength, 0x13324);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"cmpb,<>,n r4,r5,c0100018", "ldi 1,r20"}), kStub, kStub}));
  EXPECT_EQ(b.frag->insns, 3u);
  ASSERT_EQ(b.frag->exit_count, 2u);
  ExpectExit(*b.frag, 0, 2, 0x13324, ExitKind::kBranch);
  ExpectExit(*b.frag, 1, 6, 0x13304, ExitKind::kBranch);
  ExpectStubsAndBounds(b);
}

// A trace that stops between a branch and its delay slot (queue not plain): the fragment
// ends before the branch.
TEST(FragmentBuilder, TraceEndingBeforeDelaySlotCutsBeforeBranch) {
  auto t = MakeTrace({{AppPc(0x13300), kAddi, false}, {AppPc(0x13304), kBvR2, false}}, TraceEnd::kLength, 0x13308,
                     /*next_plain=*/false);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"addi 1,r19,r19"}), kStub}));
  EXPECT_EQ(b.frag->insns, 1u);
  ASSERT_EQ(b.frag->exit_count, 1u);
  ExpectExit(*b.frag, 0, 1, 0x13304, ExitKind::kBranch);
}

// The builder keeps state in static storage: a build does not depend on the one before.
TEST(FragmentBuilder, BuildsAreIndependent) {
  auto a = MakeTrace({{AppPc(0x10600), kExtrwNe, false},
                      {AppPc(0x10604), kBvNR22, false},
                      {AppPc(0x10608), kLdi, true},
                      {AppPc(0x20000), kLdi, false}},
                     TraceEnd::kLength, 0x20004);
  auto c = MakeTrace({{AppPc(0x10000), kAddi, false}, {AppPc(0x10004), kAddibNeBack, false}, {AppPc(0x10008), kNop, false}},
                     TraceEnd::kBackward, 0x10000);
  const Built first = Build(*a, kInline);
  const Built other = Build(*c, kInline);
  const Built again = Build(*a, kInline);
  ASSERT_EQ(first.status, BuildStatus::kOk);
  ASSERT_EQ(again.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(first), Listing(again));
  EXPECT_EQ(first.frag->exit_count, again.frag->exit_count);
  EXPECT_EQ(Build(*MakeTrace({}, TraceEnd::kLength, 0), kInline).status, BuildStatus::kEmpty);
}

// g. A trace ending at a system call: 0x10700 ldo; 0x10704 ble 0x100(sr2,r0); 0x10708 ldi
// (its delay slot). The fragment stops before the ble with a kStop exit to it.
TEST(FragmentBuilder, SystemCallStops) {
  auto t = MakeTrace({{AppPc(0x10700), kLdoSp, false}, {AppPc(0x10704), kBle, false}, {AppPc(0x10708), kLdi, false}},
                     TraceEnd::kGateway, 0x100);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(Listing(b), Numbered({L({"ldo 4(sp),sp"}), kStub}));
  EXPECT_EQ(b.frag->words, 5u);
  EXPECT_EQ(b.frag->insns, 1u);
  ASSERT_EQ(b.frag->exit_count, 1u);
  ExpectExit(*b.frag, 0, 1, 0x10704, ExitKind::kStop);
  ExpectStubsAndBounds(b);
}

TEST(FragmentBuilder, TraceStartingWithSystemCallIsEmpty) {
  auto t = MakeTrace({{AppPc(0x10704), kBle, false}, {AppPc(0x10708), kLdi, false}}, TraceEnd::kGateway, 0x100);
  const Built b = Build(*t, kInline);
  EXPECT_EQ(b.status, BuildStatus::kEmpty);
}

// h. A head recorded nullified cannot start a fragment.
TEST(FragmentBuilder, NullifiedHeadIsEmpty) {
  auto t = MakeTrace({{AppPc(0x10000), kAddi, true}, {AppPc(0x10004), kLdi, false}}, TraceEnd::kLength, 0x10008);
  const Built b = Build(*t, kInline);
  EXPECT_EQ(b.status, BuildStatus::kEmpty);
}

// h'. Too small a space: kNoSpace, and nothing written past the capacity (the loop of a.
// needs 11 words).
TEST(FragmentBuilder, TinyCapacityIsNoSpace) {
  auto t = MakeTrace({{AppPc(0x10000), kAddi, false}, {AppPc(0x10004), kAddibNeBack, false}, {AppPc(0x10008), kNop, false}},
                     TraceEnd::kBackward, 0x10000);
  for (uint32_t cap : {0u, 1u, 4u, 10u}) {
    const Built b = Build(*t, kInline, cap);
    EXPECT_EQ(b.status, BuildStatus::kNoSpace) << cap;
    for (uint32_t k = cap; k < b.code.size(); ++k) EXPECT_EQ(b.code[k], kCanary) << cap << " word " << k;
  }
  EXPECT_EQ(Build(*t, kInline, 11).status, BuildStatus::kOk);
}

// i. The emitter's words against hppa-linux-gnu-as (binutils, .level 2.0), and
// decode/encode round trips. For the branches, gas's `.+N` is a displacement of N - 8.
TEST(Emitter, MatchesGnuAs) {
  struct Case {
    uint32_t got, want;
    const char* gas;
  };
  const Case cases[] = {
      {emit::Stw(2, 0x1008, 0), 0x68022010, "stw %r2,0x1008(%r0)"},
      {emit::Stw(1, 0x1004, 0), 0x68012008, "stw %r1,0x1004(%r0)"},
      {emit::Stw(1, 0x11b4, 0), 0x68012368, "stw %r1,0x11b4(%r0)"},
      {emit::Stw(3, -64, 30), 0x6bc33f81, "stw %r3,-64(%r30)"},
      {emit::Ldw(0x1004, 0, 1), 0x48012008, "ldw 0x1004(%r0),%r1"},
      {emit::Ldw(0x11c4, 0, 1), 0x48012388, "ldw 0x11c4(%r0),%r1"},
      {emit::Ldw(-0x100, 30, 5), 0x4bc53e01, "ldw -0x100(%r30),%r5"},
      {emit::Ldo(0x123, 1, 1), 0x34210246, "ldo 0x123(%r1),%r1"},
      {emit::Ldo(1, 1, 1), 0x34210002, "ldo 1(%r1),%r1"},
      {emit::Ldo(0, 22, 1), 0x36c10000, "ldo 0(%r22),%r1"},
      {emit::Ldo(0x7ff, 2, 2), 0x34420ffe, "ldo 0x7ff(%r2),%r2"},
      {emit::Ldo(-1, 1, 1), 0x34213fff, "ldo -1(%r1),%r1"},
      {emit::Ldil(0x12345800, 2), 0x20427246, "ldil L%0x12345800,%r2"},
      {emit::Ldil(0x12345abc, 2), 0x20427246, "ldil L%0x12345800,%r2 (low 11 bits dropped)"},
      {emit::Ldil(0x1030b, 2), 0x20480000, "ldil L%0x10000,%r2"},
      {emit::Ldil(0xffffffff, 31), 0x23ffffff, "ldil L%0xfffff800,%r31"},
      {emit::Addil(0xedcba800, 1), 0x283d9db9, "addil L%0xedcba800,%r1"},
      {emit::Addil(0x10000, 1), 0x28280000, "addil L%0x10000,%r1"},
      {emit::Addil(0xfffe0000, 1), 0x2830cfff, "addil L%0xfffe0000,%r1"},
      {emit::ShladdL(5, 3, 6, 1), 0x08c50ac1, "shladd,l %r5,3,%r6,%r1"},
      {emit::ShladdL(7, 3, 0, 1), 0x08070ac1, "shladd,l %r7,3,%r0,%r1"},
      {emit::ClearLow2(1), 0xd4201c1e, "depwi 0,31,2,%r1"},
      {emit::ClearLow2(5), 0xd4a01c1e, "depwi 0,31,2,%r5"},
      {emit::LdwIndexScaled(31, 1, 1), 0x0c3f2081, "ldw,s %r31(%r1),%r1"},
      {emit::LdwIndexScaled(5, 1, 1), 0x0c252081, "ldw,s %r5(%r1),%r1"},
      {emit::CmpiclrGreaterUnsigned(256, 31), 0x93e0b200, "cmpiclr,>> 256,%r31,%r0"},
      {emit::CmpiclrGreaterUnsigned(4, 5), 0x90a0b008, "cmpiclr,>> 4,%r5,%r0"},
      {emit::CmpibNotEqualN(0, 1, 0x38), 0x8c202072, "cmpib,<>,n 0,%r1,.+0x40"},
      {emit::CmpibNotEqualN(0, 1, -0x48), 0x8c203f77, "cmpib,<>,n 0,%r1,.-0x40"},
      {emit::CmpibNotEqualN(-16, 7, 8188), 0x8ce13ffe, "cmpib,<>,n -16,%r7,.+8+8188"},
      {emit::CmpibLessUnsignedN(3, 1, 0x38), 0x84268072, "cmpib,<<,n 3,%r1,.+0x40"},
      {emit::CmpibLessUnsignedN(3, 1, -0x48), 0x84269f77, "cmpib,<<,n 3,%r1,.-0x40"},
      {emit::CmpibGreaterEqualUnsigned(3, 1, 0x38), 0x8c268070, "cmpib,>>= 3,%r1,.+0x40"},
      {emit::CmpibGreaterEqualUnsigned(3, 1, -0x48), 0x8c269f75, "cmpib,>>= 3,%r1,.-0x40"},
      {emit::Branch(8), 0xe8000010, "b .+0x10"},
      {emit::Branch(-262144), 0xe8000001, "b .+8-262144"},
      {emit::Nop(), 0x34000000, "ldo 0(%r0),%r0"},
      {emit::CmpbNotEqualN(2, 31, 12), 0x8be2201a, "cmpb,<>,n %r2,%r31,.+20"},
      {emit::DepwZ(2, 28, 12, 1), 0xd4220874, "depw,z %r2,28,12,%r1"},
      {emit::DepwZ(31, 28, 16, 1), 0xd43f0870, "depw,z %r31,28,16,%r1"},
      {emit::Bv(1), 0xe820c000, "bv %r0(%r1)"},
      {emit::Addil(0xfffee000, 2), 0x2857cfff, "addil L%-0x12000,%r2"},
      {emit::BranchN(8), 0xe8000012, "b,n .+0x10"},
      {emit::BranchN(-8), 0xe81f1ff7, "b,n ."},
      {emit::BranchN(262140), 0xe81f1ffe, "b,n .+8+262140"},
      {emit::BranchN(-262144), 0xe8000003, "b,n .+8-262144"},
      {emit::BranchLinkR2(-0x1008), 0xebffbff1, "b,l .-0x1000,%r2"},
      {emit::BranchLinkR2(0xf8), 0xe800a1f0, "b,l .+0x100,%r2"},
      {emit::BranchLinkR2(-0x100018), 0xeb7fbfd5, "b,l .+8-0x100018,%r2"},
      {emit::BranchLinkR2(8388604), 0xebffbffc, "b,l .+8+8388604,%r2"},
      {emit::BranchLinkR2(-8388608), 0xe800a001, "b,l .+8-8388608,%r2"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.got, c.want) << c.gas << std::hex << ": got 0x" << c.got << ", gas 0x" << c.want;
    EXPECT_NE(isa::decode(c.want).op, isa::Op::kIllegal) << c.gas;
    EXPECT_EQ(isa::encode(isa::decode(c.want)), c.want) << c.gas;
  }
  // For displacements that fit 5 bits gas picks the short (major 3) forms; the emitter
  // always writes the 14-bit forms, which objdump spells the same (gas: stw %r3,-4(%r30)
  // = 0x0fc31299, ldw -8(%r30),%r5 = 0x0fd11085).
  char mine[64], theirs[64];
  isa::disassemble_word(emit::Stw(3, -4, 30), 0, mine, sizeof mine);
  isa::disassemble_word(0x0fc31299, 0, theirs, sizeof theirs);
  EXPECT_STREQ(mine, theirs);
  EXPECT_STREQ(mine, "stw r3,-4(sp)");
  isa::disassemble_word(emit::Ldw(-8, 30, 5), 0, mine, sizeof mine);
  isa::disassemble_word(0x0fd11085, 0, theirs, sizeof theirs);
  EXPECT_STREQ(mine, theirs);
  EXPECT_STREQ(mine, "ldw -8(sp),r5");
  // The displacement ranges are those gas accepts at the limits above.
  EXPECT_TRUE(emit::FitsCondBranch(8188) && emit::FitsCondBranch(-8192));
  EXPECT_FALSE(emit::FitsCondBranch(8192) || emit::FitsCondBranch(-8196));
  EXPECT_TRUE(emit::FitsBranch17(262140) && emit::FitsBranch17(-262144));
  EXPECT_FALSE(emit::FitsBranch17(262144));
  EXPECT_TRUE(emit::FitsBranch22(8388604) && emit::FitsBranch22(-8388608));
  EXPECT_FALSE(emit::FitsBranch22(8388608));
  // WithDisplacement re-targets a branch and keeps the rest: cmpb,=,n r4,r5,.+0x20.
  EXPECT_EQ(emit::WithDisplacement(isa::decode(kCmpbEqN), 0x18), kCmpbEqN);
  // LeftPart + RightPart rebuild the value (RightPart never negative).
  for (uint32_t v : {0u, 0x7ffu, 0x800u, 0x1030bu, 0xfffedcc0u, 0xffffffffu}) {
    EXPECT_EQ(emit::LeftPart(v) + static_cast<uint32_t>(emit::RightPart(v)), v);
    EXPECT_GE(emit::RightPart(v), 0);
  }
}

// The trace words this file uses decode to what their comments say (a check on the
// hand-copied gas output) and round-trip.
TEST(Emitter, TraceWordsRoundTrip) {
  for (uint32_t w : {kBbLt, kMovbEq, kCmpibNe, kBlr, kBN40, kCmpclrNe20, kAddi, kNop, kLdi, kLdoSp, kCopy, kAdd, kCmpclr45, kCmpclr67, kAddibNeBack, kAddibEqNBack,
                     kCmpbEq, kCmpbEqN, kBlR2, kBvR2, kBvNR2, kBvNR22, kExtrwNe, kBle}) {
    EXPECT_NE(isa::decode(w).op, isa::Op::kIllegal) << std::hex << w;
    EXPECT_EQ(isa::encode(isa::decode(w)), w) << std::hex << w;
  }
  char buf[96];
  isa::disassemble_word(kBle, 0x10704, buf, sizeof buf);
  EXPECT_STREQ(buf, "be,l 100(sr2,r0),sr0,r31");
  isa::disassemble_word(kBvNR2, 0, buf, sizeof buf);
  EXPECT_STREQ(buf, "bv,n r0(rp)");
}

constexpr uint32_t kFtest = 0x30002420;  // ftest: nullifies the next instruction when C is 1

// FTEST before a branch the trace saw run: FTEST has no negated form, so it stays and
// nullifies a `b,n .+8` over the split exit's `b,n`: C = 0 (as on the trace) jumps over
// the exit into the bv's code, C = 1 falls into the exit to 0x10608 (where the app goes
// when FTEST nullifies the bv).
TEST(FragmentBuilder, FtestBeforeBranchThatRanJumpsOverTheExit) {
  auto t = MakeTrace({{AppPc(0x10600), kFtest, false},
                      {AppPc(0x10604), kBvNR22, false},
                      {AppPc(0x10608), kLdi, true},
                      {AppPc(0x20000), kLdi, false}},
                     TraceEnd::kLength, 0x20004);
  const Built b = Build(*t, kInline);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  EXPECT_EQ(b.code[0], kFtest);
  EXPECT_EQ(b.code[1], emit::BranchN(0));
  EXPECT_EQ(isa::decode(b.code[2]).op, isa::Op::B_L);  // the split exit's b,n
  EXPECT_EQ(b.frag->insns, 4u);
  bool exits_to_next = false;
  for (uint32_t k = 0; k < b.frag->exit_count; ++k) exits_to_next |= b.frag->exits[k].target.addr() == 0x10608;
  EXPECT_TRUE(exits_to_next);
  ExpectStubsAndBounds(b);
}

// A switch (m88ksim's opcode dispatch): `ldil L%0x1b800,r19; ldo 0x1e8(r19),r19;
// ldw,s r31(r19),r19; bv,n r0(r19)`, the table at 0x1b9e8 (constant propagation knows
// r19 before the load), read-only with 4 entries (the callback). The fragment ends at the
// bv (4 instructions): the load stays (r19 is the application's), then r1 spilled,
// `cmpiclr,>> 4,r31,r0` over a `b,n` to the probe (word 11, after the body: 0xc010002c),
// the table's address (word 27 = 0xc010006c: L% -0x3ff00000, R% 0x6c), the indexed load
// of the entry into r1, `bv r0(r1)` restoring r1 in its delay slot. The probe of r19 is
// ReturnProbesTheTableInline's with r19 for rp (12 words, its lookup stub at word 23);
// the table's 4 words hold the probe's address until the fragment cache fills them.
uint32_t FourEntries(uint32_t, uint32_t) { return 4; }
// m88ksim's switch from 0x10600, after `lead` at 0x105fc unless it is kNop.
std::unique_ptr<Trace> SwitchTrace(uint32_t lead = kNop) {
  auto t = MakeTrace({{AppPc(0x105fc), lead, false},
                      {AppPc(0x10600), 0x226d3000, false},   // ldil L%0x1b800,%r19
                      {AppPc(0x10604), 0x367303d0, false},   // ldo 0x1e8(%r19),%r19
                      {AppPc(0x10608), 0x0e7f2093, false},   // ldw,s %r31(%r19),%r19
                      {AppPc(0x1060c), 0xea60c002, false},   // bv,n %r0(%r19)
                      {AppPc(0x10610), kNop, true},
                      {AppPc(0x10700), kLdi, false}},
                     TraceEnd::kLength, 0x10704);
  if (lead == kNop) {
    for (uint32_t k = 1; k < t->length; ++k) t->insns[k - 1] = t->insns[k];
    --t->length;
    t->head = t->insns[0].pc;
  }
  return t;
}
// One translated table of the application's table at 0x1b9e8: where it is, how many of its
// words are translated and how many it has, and where its probe starts.
void ExpectOneTable(const BuiltFragment& f, uint32_t word, uint32_t entries, uint32_t words, uint32_t probe) {
  ASSERT_EQ(f.jump_table_count, 1u);
  EXPECT_EQ(f.jump_tables[0].word, word);
  EXPECT_EQ(f.jump_tables[0].entries, entries);
  EXPECT_EQ(f.jump_tables[0].words, words);
  EXPECT_EQ(f.jump_tables[0].table.addr(), 0x1b9e8u);
  EXPECT_EQ(f.jump_tables[0].probe, probe);
}
// The inline probe of r19, its miss going to `miss`.
std::vector<std::string> ProbeOfR19(const std::string& miss) {
  return {"stw r31,107c(r0)", "depw,z r19,28,12,r1", "addil L%200000,r1,r1", "ldw 0(r1),r31",
          "cmpb,<>,n r19,r31," + miss, "ldw 4(r1),r1", "ldw 107c(r0),r31", "bv r0(r1)",
          "ldw 1004(r0),r1", "ldw 107c(r0),r31", "stw r19,11b4(r0)", "ldw 1004(r0),r1"};
}
uint32_t NoEntries(uint32_t, uint32_t) { return 0; }
bool SteadyAt1060c(uint32_t branch_pc) { return branch_pc != 0x1060c; }

TEST(FragmentBuilder, SwitchEndsInATranslatedJumpTable) {
  auto t = SwitchTrace();
  BuildOptions tables = kProbe;
  tables.jump_table_entries = &FourEntries;
  const Built b = Build(*t, tables);
  ASSERT_EQ(b.status, BuildStatus::kOk);
  const std::vector<std::string> probe = ProbeOfR19("c0100050");
  std::vector<std::string> listing = Listing(b);
  ASSERT_EQ(listing.size(), 31u);
  for (uint32_t k = 27; k < 31; ++k) EXPECT_EQ(b.code[k], 0xc010002cu) << k;
  listing.resize(27);
  EXPECT_EQ(listing, Numbered({L({"ldil L%1b800,r19", "ldo 1e8(r19),r19", "ldw,s r31(r19),r19", "stw r1,1004(r0)",
                                  "cmpiclr,>> 4,r31,r0", "b,l,n c010002c,r0", "addil L%-3ff00000,r0,r1",
                                  "ldo 6c(r1),r1", "ldw,s r31(r1),r1", "bv r0(r1)", "ldw 1004(r0),r1"}),
                               probe, kStub}));
  EXPECT_EQ(b.frag->insns, 5u);
  EXPECT_EQ(b.frag->words, 31u);
  ASSERT_EQ(b.frag->exit_count, 1u);
  ExpectExit(*b.frag, 0, 23, 0, ExitKind::kLookup);
  ExpectOneTable(*b.frag, 27, 4, 4, 11);
  // No table (not read-only, or no code addresses in it): the inline compare, as before.
  tables.jump_table_entries = &NoEntries;
  const Built n = Build(*t, tables);
  EXPECT_EQ(n.frag->jump_table_count, 0u);
  EXPECT_EQ(n.frag->inline_lookups, 1u);
  EXPECT_EQ(n.frag->insns, 6u);
  // A switch whose bv kept its target while interpreted: the inline compare, asked about
  // the bv's own pc.
  tables.jump_table_entries = &FourEntries;
  tables.switch_varies = &SteadyAt1060c;
  const Built steady = Build(*t, tables);
  EXPECT_EQ(steady.frag->jump_table_count, 0u);
  EXPECT_EQ(steady.frag->inline_lookups, 1u);
  EXPECT_EQ(steady.frag->insns, 6u);
  tables.switch_varies = nullptr;
  // The load into another register than the branch's: no switch.
  auto other = MakeTrace({{AppPc(0x10600), 0x226d3000, false},
                          {AppPc(0x10604), 0x367303d0, false},
                          {AppPc(0x10608), 0x0e7f2094, false},   // ldw,s %r31(%r19),%r20
                          {AppPc(0x1060c), 0xea60c002, false},
                          {AppPc(0x10610), kNop, true},
                          {AppPc(0x10700), kLdi, false}},
                         TraceEnd::kLength, 0x10704);
  EXPECT_EQ(Build(*other, tables).frag->jump_table_count, 0u);
}

// The index an unsigned extract of 3 bits (at most 7): no bounds check, and the table
// grows to 8 words, the 4 past the translated ones the probe for good. The probe and the
// lookup stub move up a word (probe at word 10 = 0xc0100028, its miss at 0xc010004c, the
// stub at 22), the table is at word 26 (0xc0100068). A 2-bit index (at most 3) keeps 4
// words at the same place.
TEST(FragmentBuilder, SwitchOnAnExtractedIndexNeedsNoBoundsCheck) {
  BuildOptions tables = kProbe;
  tables.jump_table_entries = &FourEntries;
  const Built b = Build(*SwitchTrace(0xd29f1bfd), tables);  // extrw,u r20,31,3,r31
  ASSERT_EQ(b.status, BuildStatus::kOk);
  const std::vector<std::string> probe = ProbeOfR19("c010004c");
  std::vector<std::string> listing = Listing(b);
  ASSERT_EQ(listing.size(), 34u);
  for (uint32_t k = 26; k < 34; ++k) EXPECT_EQ(b.code[k], 0xc0100028u) << k;
  listing.resize(26);
  EXPECT_EQ(listing, Numbered({L({"extrw,u r20,31,3,r31", "ldil L%1b800,r19", "ldo 1e8(r19),r19",
                                  "ldw,s r31(r19),r19", "stw r1,1004(r0)", "addil L%-3ff00000,r0,r1",
                                  "ldo 68(r1),r1", "ldw,s r31(r1),r1", "bv r0(r1)", "ldw 1004(r0),r1"}),
                               probe, kStub}));
  EXPECT_EQ(b.frag->insns, 6u);
  ASSERT_EQ(b.frag->exit_count, 1u);
  ExpectExit(*b.frag, 0, 22, 0, ExitKind::kLookup);
  ExpectOneTable(*b.frag, 26, 4, 8, 10);
  const Built two = Build(*SwitchTrace(0xd29f1bfe), tables);  // extrw,u r20,31,2,r31
  ASSERT_EQ(two.status, BuildStatus::kOk);
  EXPECT_EQ(two.frag->words, 30u);
  ExpectOneTable(*two.frag, 26, 4, 4, 10);
  EXPECT_EQ(Listing(two)[4], "+0x10: stw r1,1004(r0)");
  EXPECT_EQ(Listing(two)[5], "+0x14: addil L%-3ff00000,r0,r1");
}

}  // namespace
}  // namespace dynamo
