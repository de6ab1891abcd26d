// The in-order model's cycle counts, derived by hand from the default (PA-8000) machine:
// a fetch from a new line costs its I-TLB miss (40) and I-cache miss (50 beyond the 2-cycle
// hit), a data access likewise (40 + 50), a load-use interlock dcache.hit_latency - 1 = 2,
// a misprediction 5, a correctly predicted taken branch 2 (no BTAC). The BHT's 3-bit
// histories start all not-taken, so a loop branch mispredicts its first two iterations.
#include "sim/inorder_model.h"

#include <gtest/gtest.h>

namespace dynsim {
namespace {

constexpr uint32_t kCode = 0x10000;

RetireRecord Alu(uint32_t pc, uint32_t reads = 0, uint32_t writes = 0) {
  RetireRecord r;
  r.pc = pc;
  r.cls = isa::Cls::kAlu;
  r.gr_read = reads;
  r.gr_written = writes;
  return r;
}

RetireRecord Load(uint32_t pc, uint32_t addr, uint32_t writes) {
  RetireRecord r = Alu(pc, 0, writes);
  r.cls = isa::Cls::kLoad;
  r.mem_addr = addr;
  r.mem_size = 4;
  return r;
}

RetireRecord CondBranch(uint32_t pc, uint32_t target, bool taken) {
  RetireRecord r = Alu(pc);
  r.cls = isa::Cls::kBranchCond;
  r.branch = isa::BranchKind::kConditional;
  r.target = target;
  r.taken = taken;
  return r;
}

uint64_t StallSum(const InOrderModel& m) {
  const auto& s = m.stalls();
  return s.icache + s.itlb + s.dcache + s.dtlb + s.load_use + s.branch_direction + s.branch_target +
         s.taken_bubble;
}

TEST(InOrderModel, StraightLineCodePaysOneFetchMissPerLine) {
  InOrderModel m(DefaultConfig());
  for (int pass = 0; pass < 2; ++pass)
    for (uint32_t i = 0; i < 8; ++i) m.Retire(Alu(kCode + 4 * i));  // one 32-byte line
  EXPECT_EQ(m.stalls().itlb, 40u);
  EXPECT_EQ(m.stalls().icache, 50u);
  EXPECT_EQ(m.cycles(), 16u + 90u);
  EXPECT_EQ(m.cycles(), m.slots() + StallSum(m));
}

TEST(InOrderModel, DependentLoadPaysTheInterlockIndependentDoesNot) {
  InOrderModel m(DefaultConfig());
  m.Retire(Load(kCode, 0x20000, 1u << 5));          // loads r5
  m.Retire(Alu(kCode + 4, 1u << 5, 1u << 6));       // uses r5 at once: 2-cycle interlock
  m.Retire(Load(kCode + 8, 0x20004, 1u << 7));      // loads r7 (same line: D-cache hit)
  m.Retire(Alu(kCode + 12, 1u << 5, 1u << 8));      // does not use r7: no interlock
  EXPECT_EQ(m.stalls().load_use, 2u);
  EXPECT_EQ(m.stalls().dtlb, 40u);
  EXPECT_EQ(m.stalls().dcache, 50u);
  EXPECT_EQ(m.cycles(), 4u + 90u + 90u + 2u);
}

TEST(InOrderModel, LoopBranchMispredictsItsFirstTwoIterations) {
  InOrderModel m(DefaultConfig());
  for (int i = 0; i < 10; ++i) m.Retire(CondBranch(kCode + 0x40, kCode, true));
  EXPECT_EQ(m.stalls().branch_direction, 2u * 5u);
  EXPECT_EQ(m.stalls().taken_bubble, 8u * 2u);
  EXPECT_EQ(m.cycles(), 10u + 90u + 10u + 16u);
}

// A 4 KiB direct-mapped I-cache with 32-byte lines holds 128 lines. Fetching 129
// consecutive lines twice: the first pass misses all 129; in the second, line 0 and line
// 128 (4 KiB apart, the same set) evict each other, so exactly 2 more misses. The 129
// lines span 2 pages: 2 I-TLB misses. Raising the miss penalty by 10 adds 10 per miss.
uint64_t IcacheStallFor(uint32_t miss_penalty, uint64_t* itlb) {
  MachineConfig c = DefaultConfig();
  c.icache.size_kb = 4;
  c.icache.miss_penalty = miss_penalty;
  InOrderModel m(c);
  for (int pass = 0; pass < 2; ++pass)
    for (uint32_t line = 0; line < 129; ++line) m.Retire(Alu(kCode + 32 * line));
  *itlb = m.stalls().itlb;
  EXPECT_EQ(m.cycles(), m.slots() + StallSum(m));
  return m.stalls().icache;
}

TEST(InOrderModel, IcacheConflictMissesFollowTheGeometry) {
  uint64_t itlb = 0;
  EXPECT_EQ(IcacheStallFor(50, &itlb), (129u + 2u) * 50u);
  EXPECT_EQ(itlb, 2u * 40u);
  EXPECT_EQ(IcacheStallFor(60, &itlb) - IcacheStallFor(50, &itlb), (129u + 2u) * 10u);
}

TEST(InOrderModel, NullifiedSlotsTakeACycleAndNothingElse) {
  InOrderModel m(DefaultConfig());
  m.Retire(Load(kCode, 0x20000, 1u << 5));
  RetireRecord skipped = Alu(kCode + 4, 1u << 5);
  skipped.nullified = true;
  m.Retire(skipped);  // would interlock on r5, but it is nullified
  EXPECT_EQ(m.stalls().load_use, 0u);
  EXPECT_EQ(m.slots(), 2u);
  EXPECT_EQ(m.cycles(), 2u + 90u + 90u);
}

}  // namespace
}  // namespace dynsim
