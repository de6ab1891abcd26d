// The out-of-order model's cycle counts, derived by hand from small configs. Most tests use
// BackEnd(): the default (PA-8000) machine with free I-cache and TLB misses, so only the
// window, the widths, latencies and the D-cache count: a D-cache hit is 3 cycles, a miss
// 3 + 50 = 53. Timestamps follow the header: D (dispatch), C = max(D, operands) + latency,
// R = max(C, previous R), at most 4 a cycle; the clock is the last R.
#include "sim/ooo_model.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <vector>

namespace dynsim {
namespace {

constexpr uint32_t kCode = 0x10000;  // 32-byte aligned: a line is 8 instructions
constexpr uint32_t kData = 0x40000;

uint32_t Reg(int r) { return 1u << r; }

RetireRecord Alu(uint32_t pc, uint32_t reads = 0, uint32_t writes = 0) {
  RetireRecord r;
  r.pc = pc;
  r.cls = isa::Cls::kAlu;
  r.gr_read = reads;
  r.gr_written = writes;
  return r;
}

RetireRecord Load(uint32_t pc, uint32_t addr, uint32_t writes, uint32_t reads = 0) {
  RetireRecord r = Alu(pc, reads, writes);
  r.cls = isa::Cls::kLoad;
  r.mem_addr = addr;
  r.mem_size = 4;
  return r;
}

RetireRecord Store(uint32_t pc, uint32_t addr, uint32_t reads) {
  RetireRecord r = Alu(pc, reads);
  r.cls = isa::Cls::kStore;
  r.mem_addr = addr;
  r.mem_size = 4;
  r.is_store = true;
  return r;
}

RetireRecord Multiply(uint32_t pc) {
  RetireRecord r = Alu(pc);
  r.cls = isa::Cls::kMultiply;
  return r;
}

RetireRecord CondBranch(uint32_t pc, uint32_t target, bool taken, uint32_t reads = 0) {
  RetireRecord r = Alu(pc, reads);
  r.cls = isa::Cls::kBranchCond;
  r.branch = isa::BranchKind::kConditional;
  r.target = target;
  r.taken = taken;
  return r;
}

RetireRecord Jump(uint32_t pc, uint32_t target) {
  RetireRecord r = Alu(pc);
  r.cls = isa::Cls::kBranchUncond;
  r.branch = isa::BranchKind::kUnconditional;
  r.target = target | 3;  // the record's target carries the privilege bits
  r.taken = true;
  return r;
}

RetireRecord Nullified(RetireRecord r) {
  // As the core builds it: the class and pc stay, nothing else.
  r.nullified = true;
  r.gr_read = r.gr_written = 0;
  r.mem_size = 0;
  r.mem_addr = 0;
  r.branch = isa::BranchKind::kNone;
  r.taken = false;
  return r;
}

MachineConfig BackEnd() {
  MachineConfig c = DefaultConfig();
  c.icache.miss_penalty = 0;
  c.tlb.miss_penalty = 0;
  return c;
}

// Runs the records; checks that the answers sum to cycles() and the CPI stack sums to it.
uint64_t Feed(OooModel& m, const std::vector<RetireRecord>& records) {
  uint64_t sum = 0;
  for (const RetireRecord& r : records) sum += m.Retire(r);
  EXPECT_EQ(m.base() + m.stalls().total(), m.cycles());
  return sum;
}

uint64_t Cycles(const MachineConfig& c, const std::vector<RetireRecord>& records) {
  OooModel m(c);
  const uint64_t sum = Feed(m, records);
  EXPECT_EQ(sum, m.cycles());
  return m.cycles();
}

std::vector<RetireRecord> IndependentAlus(int n) {
  std::vector<RetireRecord> v;
  for (int i = 0; i < n; ++i) v.push_back(Alu(kCode + 4 * i, Reg(30), Reg(1 + i % 28)));
  return v;
}

TEST(OooModel, IndependentAlusAreDispatchWidthLimited) {
  // 12 independent ALUs, 4 a cycle: D = 0,0,0,0,1,...,2; C = R = D + 1: 3 cycles.
  OooModel m(BackEnd());
  std::vector<uint32_t> answers;
  for (const RetireRecord& r : IndependentAlus(12)) answers.push_back(m.Retire(r));
  EXPECT_EQ(answers, (std::vector<uint32_t>{1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0}));
  EXPECT_EQ(m.cycles(), 3u);
  EXPECT_EQ(m.base(), 3u);
  EXPECT_EQ(m.stalls().total(), 0u);
  for (uint32_t width : {1u, 2u, 3u, 5u}) {
    MachineConfig c = BackEnd();
    c.core.dispatch_width = width;
    EXPECT_EQ(Cycles(c, IndependentAlus(12)), (12u + width - 1) / width) << "width " << width;
  }
}

TEST(OooModel, DependentAlusRunOneACycle) {
  std::vector<RetireRecord> v;
  for (int i = 0; i < 12; ++i) v.push_back(Alu(kCode + 4 * i, Reg(3), Reg(3)));
  EXPECT_EQ(Cycles(BackEnd(), v), 12u);
}

// A loop body of 31 independent ALUs, the loop branch and its delay slot (33 slots, 5
// lines), warm in the I-cache, TLB and BHT (3-bit histories predict taken after 2 takens).
std::vector<RetireRecord> LoopIteration() {
  std::vector<RetireRecord> v = IndependentAlus(31);
  v.push_back(CondBranch(kCode + 4 * 31, kCode, true));
  v.push_back(Alu(kCode + 4 * 32, Reg(30), Reg(29)));
  return v;
}

TEST(OooModel, WarmLoopOfIndependentAlusReachesTheDispatchWidth) {
  MachineConfig c = DefaultConfig();  // all misses on: they are warmed away
  c.branch.btac_entries = 32;         // the target comes from the BTAC: no taken bubble
  OooModel m(c);
  const std::vector<RetireRecord> body = LoopIteration();
  for (int i = 0; i < 10; ++i) Feed(m, body);
  const uint64_t cycles0 = m.cycles(), slots0 = m.slots();
  for (int i = 0; i < 1000; ++i) Feed(m, body);
  const double ipc = double(m.slots() - slots0) / double(m.cycles() - cycles0);
  EXPECT_GE(ipc, 3.9);
  EXPECT_LE(ipc, 4.0);
}

TEST(OooModel, TakenBubbleCostsWhenTheFrontEndIsTheBottleneck) {
  // Without a BTAC, the target dispatches bubble (2) cycles after the cycle following the
  // branch's: per iteration, slots 0-31 in 8 cycles (the branch is the 4th of the 8th), the
  // delay slot in the 9th, then 2 empty cycles: 10 cycles for 33 slots (8.25 with the BTAC).
  // In the CPI stack, the delay slot's retire cycle (the 9th) is base, so the bubble's
  // share is the one cycle in which nothing retires.
  OooModel m(DefaultConfig());
  const std::vector<RetireRecord> body = LoopIteration();
  for (int i = 0; i < 10; ++i) Feed(m, body);
  const uint64_t cycles0 = m.cycles(), bubble0 = m.stalls().taken_bubble;
  for (int i = 0; i < 100; ++i) Feed(m, body);
  EXPECT_EQ(m.cycles() - cycles0, 100u * 10u);
  EXPECT_EQ(m.stalls().taken_bubble - bubble0, 100u * 1u);
}

TEST(OooModel, TakenBubbleHidesBehindABackEndStall) {
  // Jump at D=0; target fetch_ready = 0 + 1 + 2 = 3: the target retires at 4.
  const std::vector<RetireRecord> jump = {Jump(kCode, kCode + 0x100), Alu(kCode + 4), Alu(kCode + 0x100)};
  EXPECT_EQ(Cycles(BackEnd(), jump), 4u);
  // Behind a missing load (R = 53) the same bubble costs nothing.
  std::vector<RetireRecord> behind = {Load(kCode - 4, kData, Reg(5))};
  behind.insert(behind.end(), jump.begin(), jump.end());
  EXPECT_EQ(Cycles(BackEnd(), behind), 53u);
}

TEST(OooModel, PointerChaseRunsAtOneLoadPerLoadLatency) {
  // Each load reads the register the previous one wrote: C_i = C_{i-1} + 3 once the line
  // is in the cache. 8 loads per pass over one code line and one data line.
  OooModel m(BackEnd());
  std::vector<RetireRecord> pass;
  for (uint32_t i = 0; i < 8; ++i) pass.push_back(Load(kCode + 4 * i, kData + 4 * i, Reg(5), Reg(5)));
  Feed(m, pass);  // the first load misses: 53, then 7 x 3
  EXPECT_EQ(m.cycles(), 53u + 7u * 3u);
  const uint64_t cycles0 = m.cycles();
  for (int i = 0; i < 100; ++i) Feed(m, pass);
  EXPECT_EQ(m.cycles() - cycles0, 800u * 3u);  // IPC 1/3, far below the width of 4
}

TEST(OooModel, IndependentMissesOverlapDependentOnesDoNot) {
  const uint32_t a = kData, b = kData + 0x1000;  // different lines
  // Independent: both dispatch at 0 and complete at 53.
  OooModel m(BackEnd());
  Feed(m, {Load(kCode, a, Reg(5)), Load(kCode + 4, b, Reg(6))});
  EXPECT_EQ(m.cycles(), 53u);
  EXPECT_EQ(m.dcache().counters().total_misses(), 2u);
  EXPECT_EQ(m.stalls().dcache, 50u);       // one miss penalty, charged to the first load
  EXPECT_EQ(m.stalls().dependencies, 2u);  // the hit latency beyond its retire cycle
  // Dependent (the second load's address is the first's result): 53 + 53.
  OooModel d(BackEnd());
  Feed(d, {Load(kCode, a, Reg(5)), Load(kCode + 4, b, Reg(6), Reg(5))});
  EXPECT_EQ(d.cycles(), 106u);
  EXPECT_EQ(d.stalls().dcache, 100u);
}

TEST(OooModel, ReorderBufferSizeLimitsOverlap) {
  // A missing load, 20 independent ALUs, another missing load (21 slots apart).
  std::vector<RetireRecord> v = {Load(kCode, kData, Reg(5))};
  for (const RetireRecord& r : IndependentAlus(20)) v.push_back(Alu(r.pc + 4, r.gr_read, r.gr_written));
  v.push_back(Load(kCode + 4 * 21, kData + 0x1000, Reg(6)));
  // 56 entries: the second load dispatches at cycle 5 (21 / 4) and completes at 58.
  EXPECT_EQ(Cycles(BackEnd(), v), 58u);
  // 8 entries: slot 8 waits for the first load to retire at 53, so the second load cannot
  // start its miss before then: at least two miss latencies, both charged to the D-cache
  // (commit-based: each miss is at the head of the window while it waits).
  MachineConfig small = BackEnd();
  small.core.rob_entries = 8;
  OooModel m(small);
  Feed(m, v);
  EXPECT_GE(m.cycles(), 106u);
  EXPECT_EQ(m.stalls().dcache, 100u);
}

TEST(OooModel, OneEntryWindowSerializesEvenHits) {
  // Independent loads hitting one line: with 56 entries 4 a cycle; with one entry each
  // waits for the previous to retire: 3 cycles each, the 2 beyond the base cycle charged
  // to rob_full.
  std::vector<RetireRecord> v;
  for (uint32_t i = 0; i < 8; ++i) v.push_back(Load(kCode + 4 * i, kData + 4 * i, Reg(1 + i)));
  MachineConfig one = BackEnd();
  one.core.rob_entries = 1;
  OooModel m(one);
  Feed(m, v);  // warms the line
  const uint64_t cycles0 = m.cycles(), rob0 = m.stalls().rob_full;
  Feed(m, v);
  EXPECT_EQ(m.cycles() - cycles0, 8u * 3u);
  EXPECT_EQ(m.stalls().rob_full - rob0, 8u * 2u);
  OooModel wide(BackEnd());
  Feed(wide, v);
  const uint64_t wide0 = wide.cycles();
  Feed(wide, v);
  EXPECT_EQ(wide.cycles() - wide0, 2u);
}

TEST(OooModel, MispredictionCostsAtLeastThePenalty) {
  // Not taken, predicted not taken (histories start not taken): 5 slots, D = 0,0,0,0,1: 2.
  const std::vector<RetireRecord> right = {Alu(kCode), CondBranch(kCode + 4, kCode + 0x100, false), Alu(kCode + 8),
                                           Alu(kCode + 12), Alu(kCode + 16)};
  // Taken, so mispredicted: the branch completes at 1, the delay slot still dispatches at 0,
  // the target at 1 + 5 = 6 and retires at 7.
  const std::vector<RetireRecord> wrong = {Alu(kCode), CondBranch(kCode + 4, kCode + 0x100, true), Alu(kCode + 8),
                                           Alu(kCode + 0x100), Alu(kCode + 0x104)};
  EXPECT_EQ(Cycles(BackEnd(), right), 2u);
  OooModel m(BackEnd());
  std::vector<uint32_t> answers;
  for (const RetireRecord& r : wrong) answers.push_back(m.Retire(r));
  EXPECT_EQ(answers, (std::vector<uint32_t>{1, 0, 0, 6, 0}));  // the delay slot is not delayed
  EXPECT_EQ(m.cycles(), 7u);
  EXPECT_GE(m.cycles() - 2u, uint64_t(DefaultConfig().branch.mispredict_penalty));
  EXPECT_EQ(m.stalls().branch_direction, 5u);
  EXPECT_EQ(m.base() + m.stalls().total(), m.cycles());
}

TEST(OooModel, MispredictionIsChargedFromTheBranchsResolution) {
  // The branch reads a missing load's result: it completes at 54, the target dispatches at
  // 54 + 5 = 59 and retires at 60. Predicted correctly, the fall-through retires with the
  // branch at 54.
  const RetireRecord load = Load(kCode, kData, Reg(5));
  EXPECT_EQ(Cycles(BackEnd(), {load, CondBranch(kCode + 4, kCode + 0x100, true, Reg(5)), Alu(kCode + 8),
                               Alu(kCode + 0x100)}),
            60u);
  EXPECT_EQ(Cycles(BackEnd(), {load, CondBranch(kCode + 4, kCode + 0x100, false, Reg(5)), Alu(kCode + 8),
                               Alu(kCode + 12)}),
            54u);
}

TEST(OooModel, ColdFetchChargesTheItlbAndIcache) {
  OooModel m(DefaultConfig());
  EXPECT_EQ(m.Retire(Alu(kCode)), 1u + 40u + 50u);
  EXPECT_EQ(m.stalls().itlb, 40u);
  EXPECT_EQ(m.stalls().icache, 50u);
  EXPECT_EQ(m.base(), 1u);
}

TEST(OooModel, LoadOfAnInFlightLineWaitsForTheFill) {
  // The second load hits the line the first is still filling: it completes at 53 too, so
  // its user completes at 54 (not 3 + 1).
  EXPECT_EQ(Cycles(BackEnd(), {Load(kCode, kData, Reg(5)), Load(kCode + 4, kData + 4, Reg(6)),
                               Alu(kCode + 8, Reg(6), Reg(7))}),
            54u);
}

TEST(OooModel, LoadOfAJustStoredWordWaitsForTheStore) {
  // Load W (r9) and load A (r5) miss in parallel (53). The store of r5 to W starts at 53
  // and completes at 54; the load of W takes the store's data: 54 + 3 = 57; its user 58.
  const uint32_t w = kData + 0x2000;
  EXPECT_EQ(Cycles(BackEnd(), {Load(kCode, w, Reg(9)), Load(kCode + 4, kData, Reg(5)), Store(kCode + 8, w, Reg(5)),
                               Load(kCode + 12, w, Reg(7)), Alu(kCode + 16, Reg(7), Reg(8))}),
            58u);
}

TEST(OooModel, MultiplyLatencyChainsThroughTheFpRegisters) {
  EXPECT_EQ(Cycles(BackEnd(), {Multiply(kCode), Multiply(kCode + 4)}), 2u * OooModel::kMultiplyLatency);
}

TEST(OooModel, FicMakesTheLineMissAgain) {
  MachineConfig c = BackEnd();
  c.icache.miss_penalty = 50;
  auto run = [&c](bool flush) {
    OooModel m(c);
    std::vector<RetireRecord> line = IndependentAlus(8);
    Feed(m, line);
    if (flush) {
      line[7].cls = isa::Cls::kSystem;
      line[7].cache_flush = RetireRecord::CacheFlush::kInstruction;
      line[7].mem_addr = kCode;
    }
    Feed(m, line);  // a fic in the line's last slot drops the line
    Feed(m, IndependentAlus(8));
    return m.icache().counters().total_misses();
  };
  EXPECT_EQ(run(false), 1u);
  EXPECT_EQ(run(true), 2u);
}

TEST(OooModel, FdcDropsTheDataLine) {
  OooModel m(BackEnd());
  RetireRecord fdc = Alu(kCode + 4);
  fdc.cls = isa::Cls::kSystem;
  fdc.cache_flush = RetireRecord::CacheFlush::kData;
  fdc.mem_addr = kData;
  Feed(m, {Load(kCode, kData, Reg(5)), fdc, Load(kCode + 8, kData, Reg(6))});
  EXPECT_EQ(m.dcache().counters().total_misses(), 2u);
}

TEST(OooModel, NullifiedSlotsChangeNothingButSlotCounts) {
  // A nullified load that would wait for a missing load, and a nullified branch, cost what
  // a nop costs in their slots: no memory, no dependence, no prediction.
  const RetireRecord miss = Load(kCode, kData, Reg(5));
  RetireRecord nop = Alu(kCode + 4);
  nop.cls = isa::Cls::kNop;
  RetireRecord nop2 = nop;
  nop2.pc = kCode + 8;
  OooModel with_nops(BackEnd());
  Feed(with_nops, {miss, nop, nop2, Alu(kCode + 12)});
  OooModel nullified(BackEnd());
  Feed(nullified, {miss, Nullified(Load(kCode + 4, kData + 0x1000, Reg(6), Reg(5))),
                  Nullified(CondBranch(kCode + 8, kCode + 0x100, true)), Alu(kCode + 12)});
  EXPECT_EQ(nullified.cycles(), with_nops.cycles());
  EXPECT_EQ(nullified.cycles(), 53u);
  EXPECT_EQ(nullified.slots(), 4u);
  EXPECT_EQ(nullified.nullified(), 2u);
  EXPECT_EQ(nullified.dcache().counters().total_accesses(), 1u);
  EXPECT_EQ(nullified.predictor().total_predicted(), 0u);
}

// A deterministic mixed stream over the full default machine: loops over a 64 KiB code
// region, loads and stores over 2 MiB (D-cache and TLB misses), branches of every kind,
// multiplies, FP memory, nullified slots, fdc and fic.
std::vector<RetireRecord> MixedStream(int n, uint32_t data_bytes = 1u << 21) {
  std::vector<RetireRecord> v;
  uint64_t x = 12345;
  auto next = [&x] {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return uint32_t(x >> 33);
  };
  uint32_t pc = kCode;
  for (int i = 0; i < n; ++i) {
    const uint32_t k = next() % 100, ra = 1 + next() % 31, rb = 1 + next() % 31;
    const uint32_t addr = kData + (next() % data_bytes & ~3u);
    RetireRecord r;
    if (k < 45) r = Alu(pc, Reg(ra), Reg(rb));
    else if (k < 65) r = Load(pc, addr, Reg(rb), Reg(ra));
    else if (k < 72) r = Store(pc, addr, Reg(ra) | Reg(rb));
    else if (k < 74) r = Multiply(pc);
    else if (k < 76) {
      r = Load(pc, addr, 0, Reg(ra));
      r.cls = isa::Cls::kFpMem;
      r.is_store = next() % 2;
    } else if (k < 88) r = CondBranch(pc, pc + 0x40, next() % 3 == 0, Reg(ra));
    else if (k < 91) {
      r = Alu(pc, Reg(2));
      r.cls = isa::Cls::kBranchIndirect;
      r.branch = next() % 2 ? isa::BranchKind::kReturn : isa::BranchKind::kIndirect;
      r.taken = true;
      r.target = kCode + (next() % 0x4000) * 4;
    } else if (k < 93) r = Jump(pc, pc + 0x80);
    else if (k < 96) r = Nullified(Load(pc, addr, Reg(rb), Reg(ra)));
    else if (k < 97) {
      r = Alu(pc, Reg(ra));
      r.cls = isa::Cls::kSystem;
      r.cache_flush = next() % 2 ? RetireRecord::CacheFlush::kData : RetireRecord::CacheFlush::kInstruction;
      r.mem_addr = next() % 2 ? addr : pc;
    } else r = Alu(pc, Reg(ra) | Reg(rb), Reg(rb));
    v.push_back(r);
    if (r.taken && !r.nullified) {
      v.push_back(Alu(pc + 4));  // delay slot
      pc = r.target & ~3u;
    } else {
      pc += 4;
    }
    if (pc >= kCode + 0x10000) pc = kCode;
  }
  return v;
}

TEST(OooModel, CpiStackSumsToCyclesAndRunsAreDeterministic) {
  const std::vector<RetireRecord> stream = MixedStream(200000);
  OooModel a(DefaultConfig()), b(DefaultConfig());
  const uint64_t sum = Feed(a, stream);
  Feed(b, stream);
  EXPECT_EQ(sum, a.cycles());
  EXPECT_EQ(a.base() + a.stalls().total(), a.cycles());
  EXPECT_EQ(a.cycles(), b.cycles());
  EXPECT_EQ(a.base(), b.base());
  const OooModel::Stalls& s = a.stalls();
  for (uint64_t cause : {s.icache, s.itlb, s.branch_direction, s.branch_target, s.taken_bubble, s.dcache, s.dtlb,
                         s.dependencies})
    EXPECT_GT(cause, 0u);
  EXPECT_EQ(s.icache, b.stalls().icache);
  EXPECT_EQ(s.dcache, b.stalls().dcache);
  EXPECT_EQ(s.rob_full, b.stalls().rob_full);
  EXPECT_EQ(s.dependencies, b.stalls().dependencies);
  EXPECT_EQ(s.total(), b.stalls().total());
  // Some cycles retire several slots.
  EXPECT_LT(a.base(), a.slots());
}

TEST(OooModel, RegistersTheSameGroupsAsTheInorderModel) {
  MachineConfig c = DefaultConfig();
  c.l2.enabled = true;
  OooModel m(c);
  StatGroup g("core");
  m.RegisterStats(g);
  Feed(m, MixedStream(1000));
  EXPECT_EQ(g.Value("cycles"), double(m.cycles()));
  EXPECT_EQ(g.Value("slots"), double(m.slots()));
  EXPECT_DOUBLE_EQ(*g.Value("ipc"), double(m.slots()) / double(m.cycles()));
  EXPECT_EQ(g.Value("stalls.dcache"), double(m.stalls().dcache));
  for (const char* stat : {"icache.misses", "dcache.misses", "l2.misses", "tlb.misses", "branch.mispredicted"})
    EXPECT_TRUE(g.Value(stat).has_value()) << stat;
}

// A loop of 64 slots (about 25% loads, 8% stores, 12% branches, the rest ALU), run
// `iterations` times; its loads and stores stride through `data_bytes` of data.
std::vector<RetireRecord> LoopStream(int iterations, uint32_t data_bytes) {
  constexpr int kBody = 64;
  std::vector<RetireRecord> body;
  uint32_t x = 1;
  for (int i = 0; i < kBody - 2; ++i) {
    x = x * 1103515245u + 12345u;
    const uint32_t k = (x >> 16) % 100, ra = 1 + (x >> 8) % 31, rb = 1 + (x >> 3) % 31;
    const uint32_t pc = kCode + 4 * i;
    if (k < 25) body.push_back(Load(pc, 0, Reg(rb), Reg(ra)));
    else if (k < 33) body.push_back(Store(pc, 0, Reg(ra) | Reg(rb)));
    else if (k < 45) body.push_back(CondBranch(pc, pc + 8, false, Reg(ra)));
    else body.push_back(Alu(pc, Reg(ra), Reg(rb)));
  }
  body.push_back(CondBranch(kCode + 4 * (kBody - 2), kCode, true));
  body.push_back(Alu(kCode + 4 * (kBody - 1)));
  std::vector<RetireRecord> v;
  uint32_t offset = 0;
  for (int it = 0; it < iterations; ++it) {
    for (int i = 0; i < kBody; ++i) {
      RetireRecord r = body[i];
      if (r.mem_size != 0) {
        r.mem_addr = kData + (offset & (data_bytes - 1));
        offset += 36;
      }
      if (r.branch == isa::BranchKind::kConditional && i < kBody - 2) r.taken = (it + i) % 3 == 0;
      v.push_back(r);
    }
  }
  return v;
}

// Not a test: the host speed of Retire. Run with
//   bazel run //sim:ooo_model_test -- --gtest_also_run_disabled_tests --gtest_filter='*Speed*'
TEST(OooModel, DISABLED_Speed) {
  struct Case {
    const char* name;
    std::vector<RetireRecord> stream;
  };
  std::vector<Case> cases;
  cases.push_back({"loop, 64 KiB data", LoopStream(1 << 10, 1u << 16)});
  cases.push_back({"loop, 4 MiB data", LoopStream(1 << 12, 1u << 22)});
  cases.push_back({"random, 64 KiB data", MixedStream(1 << 16, 1u << 16)});
  cases.push_back({"random, 2 MiB data", MixedStream(1 << 16, 1u << 21)});
  for (Case& c : cases) {
    size_t n = 1;
    while (n * 2 <= c.stream.size()) n *= 2;
    c.stream.resize(n);  // a power of two, to index by mask
    OooModel m(DefaultConfig());
    RetireSink* volatile opaque = &m;  // as the core calls it: through the interface
    RetireSink& sink = *opaque;
    constexpr uint64_t kRecords = 100000000;
    const auto t0 = std::chrono::steady_clock::now();
    uint64_t sum = 0;
    for (uint64_t i = 0; i < kRecords; ++i) sum += sink.Retire(c.stream[i & (n - 1)]);
    const auto t1 = std::chrono::steady_clock::now();
    const double ns = std::chrono::duration<double, std::nano>(t1 - t0).count() / double(kRecords);
    std::printf("%-20s %6.2f ns/record, IPC %.3f, D-cache miss rate %.3f, TLB miss rate %.3f (sum %llu)\n", c.name,
                ns, double(m.slots()) / double(m.cycles()),
                double(m.dcache().counters().total_misses()) / double(m.dcache().counters().total_accesses()),
                double(m.tlb().counters().misses) / double(m.tlb().counters().accesses),
                static_cast<unsigned long long>(sum));
  }
}

}  // namespace
}  // namespace dynsim
