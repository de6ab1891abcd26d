// Branch predictor tests: every expected count is derived by hand in the comments from the
// rules in branch_predictor.h, never by rerunning the model.
#include "sim/branch_predictor.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "sim/config.h"

namespace dynsim {
namespace bpred {
namespace {

using isa::BranchKind;

constexpr uint32_t kUserPriv = 3;  // targets carry the privilege level in their low bits

RetireRecord Branch(BranchKind kind, uint32_t pc, bool taken, uint32_t target) {
  RetireRecord r;
  r.pc = pc;
  r.cls = kind == BranchKind::kConditional ? isa::Cls::kBranchCond : isa::Cls::kBranchUncond;
  r.branch = kind;
  r.taken = taken;
  r.target = taken ? (target | kUserPriv) : 0;
  return r;
}
RetireRecord Cond(uint32_t pc, bool taken, uint32_t target) {
  return Branch(BranchKind::kConditional, pc, taken, target);
}

BranchParams Params(DirectionKind kind) {
  BranchParams p;
  p.kind = kind;
  return p;
}

// A loop branch taken N-1 times then not taken, the loop run R times, 3-bit histories from
// 000 (newest outcome in bit 0):
//   round 1: 000 -> predict NT, T: miss (001); 001 -> NT, T: miss (011); 011 -> T, hit; ...
//            111 -> T, then the exit NT: miss (110).
//   later rounds: 110 -> T hit (101) -> T hit (011) -> T hit (111) ... exit: miss (110).
// So with N-1 >= 2: 2 warm-up misses + 1 per exit = 2 + R.
TEST(BranchPredictor, LoopBranchUnderMajorityVote) {
  const uint32_t kN = 10, kR = 100, pc = 0x10100, top = 0x10000;
  BranchPredictor bp(Params(DirectionKind::kBht));
  uint64_t cycles = 0;
  for (uint32_t round = 0; round < kR; ++round)
    for (uint32_t i = 0; i < kN; ++i) cycles += bp.Resolve(Cond(pc, i + 1 < kN, top)).cycles;
  const uint64_t misses = 2 + kR;
  EXPECT_EQ(bp.predicted(BranchKind::kConditional), kN * kR);
  EXPECT_EQ(bp.mispredicted(BranchKind::kConditional), misses);
  EXPECT_EQ(bp.penalty_direction(), misses * 5);
  // Taken branches: (N-1)*R, of which the 2 warm-up ones were mispredicted; the rest pay the
  // 2-cycle bubble (no BTAC).
  const uint64_t bubbles = (kN - 1) * kR - 2;
  EXPECT_EQ(bp.penalty_taken_bubble(), bubbles * 2);
  EXPECT_EQ(bp.penalty_target(), 0u);
  EXPECT_EQ(cycles, misses * 5 + bubbles * 2);
  EXPECT_EQ(cycles, bp.penalty_total());
}

// The exit of a 2-iteration loop (T, NT, T, NT, ...) is the alternating case below; a
// 3-iteration loop (T, T, NT): round 1 misses T, T (000 -> 001 -> 011) and the exit
// (011 -> T, NT: 110); after that 110 -> T hit (101) -> T hit (011) -> exit miss (110).
TEST(BranchPredictor, ShortLoopStillMissesOnlyTheExit) {
  BranchPredictor bp(Params(DirectionKind::kBht));
  for (int round = 0; round < 50; ++round) {
    bp.Resolve(Cond(0x2000, true, 0x1f00));
    bp.Resolve(Cond(0x2000, true, 0x1f00));
    bp.Resolve(Cond(0x2000, false, 0));
  }
  EXPECT_EQ(bp.mispredicted(BranchKind::kConditional), 2u + 50u);
}

// Alternating T, NT, T, NT, ... from 000:
//   T:  000 -> NT miss (001);  NT: 001 -> NT hit (010);  T: 010 -> NT miss (101);
//   NT: 101 -> T miss (010);   T: 010 -> NT miss (101);  ...
// From the third outcome on, the history alternates 010/101 and its majority is always the
// outcome two back, the opposite of the next one: every prediction is wrong. For 2M outcomes:
// 2M - 1 misses.
TEST(BranchPredictor, AlternatingBranchAlwaysMissesInSteadyState) {
  const uint32_t kM = 500;
  BranchPredictor bp(Params(DirectionKind::kBht));
  for (uint32_t i = 0; i < 2 * kM; ++i) bp.Resolve(Cond(0x3000, i % 2 == 0, 0x2000));
  EXPECT_EQ(bp.mispredicted(BranchKind::kConditional), 2 * kM - 1);
  // The only correct prediction is the second outcome, not taken: no bubble at all.
  EXPECT_EQ(bp.penalty_taken_bubble(), 0u);
  EXPECT_EQ(bp.penalty_direction(), (2 * kM - 1) * 5);
}

// Two branches 256 words apart share BHT entry (pc >> 2) mod 256. A always taken and B never
// taken, interleaved, feed that entry T, NT, T, NT: the alternating pattern above, so 2M - 1
// misses in 2M. A colleague one word away (own entry) makes them independent: A misses its
// two warm-up outcomes (000 -> 001 -> 011), B never misses (000 predicts NT).
TEST(BranchPredictor, AliasingBranchesInterfereInTheSharedEntry) {
  const uint32_t kM = 200, a = 0x40000;
  {
    BranchPredictor bp(Params(DirectionKind::kBht));
    const uint32_t b = a + 256 * 4;
    for (uint32_t i = 0; i < kM; ++i) {
      bp.Resolve(Cond(a, true, a - 0x40));
      bp.Resolve(Cond(b, false, 0));
    }
    EXPECT_EQ(bp.mispredicted(BranchKind::kConditional), 2 * kM - 1);
  }
  {
    BranchPredictor bp(Params(DirectionKind::kBht));
    const uint32_t b = a + 4;
    for (uint32_t i = 0; i < kM; ++i) {
      bp.Resolve(Cond(a, true, a - 0x40));
      bp.Resolve(Cond(b, false, 0));
    }
    EXPECT_EQ(bp.mispredicted(BranchKind::kConditional), 2u);
  }
  {  // A smaller table: 16 entries, so 16 words (64 bytes) apart alias.
    BranchParams p = Params(DirectionKind::kBht);
    p.bht_entries = 16;
    BranchPredictor bp(p);
    for (uint32_t i = 0; i < kM; ++i) {
      bp.Resolve(Cond(a, true, a - 0x40));
      bp.Resolve(Cond(a + 64, false, 0));
    }
    EXPECT_EQ(bp.mispredicted(BranchKind::kConditional), 2 * kM - 1);
  }
}

// With a 1-bit history the "majority" is the last outcome: a loop of N misses twice per
// round after the first (the exit, and the re-entry), once in round 1 plus the exit.
TEST(BranchPredictor, OneBitHistoryPredictsTheLastOutcome) {
  BranchParams p = Params(DirectionKind::kBht);
  p.history_bits = 1;
  BranchPredictor bp(p);
  const uint32_t kN = 5, kR = 10;
  for (uint32_t round = 0; round < kR; ++round)
    for (uint32_t i = 0; i < kN; ++i) bp.Resolve(Cond(0x5000, i + 1 < kN, 0x4f00));
  // Round 1: first T misses (0), exit misses. Later rounds: re-entry T misses, exit misses.
  EXPECT_EQ(bp.mispredicted(BranchKind::kConditional), 2 * kR);
}

// Static: backward taken, forward not taken, decided by target vs pc.
TEST(BranchPredictor, StaticBackwardTakenForwardNotTaken) {
  BranchPredictor bp(Params(DirectionKind::kStatic));
  const uint32_t pc = 0x8000;
  // Backward, taken: predicted taken, correct, bubble.
  EXPECT_EQ(bp.Resolve(Cond(pc, true, pc - 0x100)).cycles, 2u);
  // A branch to itself counts as backward.
  EXPECT_EQ(bp.Resolve(Cond(pc, true, pc)).cycles, 2u);
  // Forward, taken: predicted not taken: direction miss.
  BranchResult fwd = bp.Resolve(Cond(pc, true, pc + 0x100));
  EXPECT_EQ(fwd.cycles, 5u);
  EXPECT_EQ(fwd.cause, PenaltyCause::kDirection);
  // Backward, not taken, with its target in the record: predicted taken: miss.
  RetireRecord back_nt = Cond(pc, false, 0);
  back_nt.target = (pc - 0x40) | kUserPriv;
  EXPECT_EQ(bp.Resolve(back_nt).cycles, 5u);
  // Forward, not taken, target in the record: correct, free.
  RetireRecord fwd_nt = Cond(pc, false, 0);
  fwd_nt.target = (pc + 0x40) | kUserPriv;
  EXPECT_EQ(bp.Resolve(fwd_nt).cycles, 0u);
  EXPECT_EQ(bp.static_unknown_target(), 0u);
  // Not taken without a target (what the core records today): assumed forward, counted.
  EXPECT_EQ(bp.Resolve(Cond(pc, false, 0)).cycles, 0u);
  EXPECT_EQ(bp.static_unknown_target(), 1u);
  EXPECT_EQ(bp.mispredicted(BranchKind::kConditional), 2u);
  EXPECT_EQ(bp.penalty_direction(), 10u);
  EXPECT_EQ(bp.penalty_taken_bubble(), 4u);

  // The loop of the BHT test under static: backward, so only the R exits miss (their
  // targets recorded), and no warm-up.
  BranchPredictor loop(Params(DirectionKind::kStatic));
  for (int round = 0; round < 20; ++round)
    for (int i = 0; i < 8; ++i) {
      RetireRecord r = Cond(0x9000, i < 7, 0x8f00);
      r.target = 0x8f00 | kUserPriv;
      loop.Resolve(r);
    }
  EXPECT_EQ(loop.mispredicted(BranchKind::kConditional), 20u);
  EXPECT_EQ(loop.penalty_taken_bubble(), 20u * 7u * 2u);
}

// Perfect: no cycles for anything, even indirect branches and syscalls.
TEST(BranchPredictor, PerfectCostsNothing) {
  BranchPredictor bp(Params(DirectionKind::kPerfect));
  uint64_t cycles = 0;
  for (uint32_t i = 0; i < 1000; ++i) {
    cycles += bp.Resolve(Cond(0x1000 + 8 * (i % 7), i % 3 == 0, 0x2000)).cycles;
    cycles += bp.Resolve(Branch(BranchKind::kIndirect, 0x3000, true, 0x4000 + 4 * i)).cycles;
    cycles += bp.Resolve(Branch(BranchKind::kCall, 0x3100, true, 0x5000)).cycles;
    cycles += bp.Resolve(Branch(BranchKind::kReturn, 0x5010, true, 0x3108)).cycles;
    cycles += bp.Resolve(Branch(BranchKind::kSyscall, 0x3200, false, 0)).cycles;
  }
  EXPECT_EQ(cycles, 0u);
  EXPECT_EQ(bp.total_predicted(), 5000u);
  EXPECT_EQ(bp.total_mispredicted(), 0u);
  EXPECT_EQ(bp.penalty_total(), 0u);
}

// Always-mispredict (the default): N indirect branches of any indirect kind cost N x 5,
// whatever their targets, and a BTAC changes nothing.
TEST(BranchPredictor, IndirectBranchesAlwaysMispredictByDefault) {
  for (uint32_t btac : {0u, 32u}) {
    BranchParams p;
    p.btac_entries = btac;
    BranchPredictor bp(p);
    const uint32_t kN = 300;
    uint64_t cycles = 0;
    for (uint32_t i = 0; i < kN; ++i) {
      const BranchKind kind = i % 3 == 0 ? BranchKind::kIndirect
                              : i % 3 == 1 ? BranchKind::kIndirectCall
                                           : BranchKind::kReturn;
      BranchResult r = bp.Resolve(Branch(kind, 0x6000, true, 0x7000));
      EXPECT_EQ(r.cause, PenaltyCause::kTarget);
      cycles += r.cycles;
    }
    EXPECT_EQ(cycles, kN * 5);
    EXPECT_EQ(bp.penalty_target(), kN * 5);
    EXPECT_EQ(bp.mispredicted(BranchKind::kIndirect), kN / 3);
    EXPECT_EQ(bp.mispredicted(BranchKind::kIndirectCall), kN / 3);
    EXPECT_EQ(bp.mispredicted(BranchKind::kReturn), kN / 3);
    EXPECT_EQ(bp.btac_hits(), 0u);
  }
}

// Syscalls cost the penalty in every mode but perfect.
TEST(BranchPredictor, SyscallsAlwaysFlush) {
  BranchParams p;
  p.indirect = IndirectKind::kBtb;
  BranchPredictor bp(p);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(bp.Resolve(Branch(BranchKind::kSyscall, 0x1000, false, 0)).cycles, 5u);
  EXPECT_EQ(bp.mispredicted(BranchKind::kSyscall), 7u);
  EXPECT_EQ(bp.penalty_target(), 35u);
}

// BTB + return stack: K call/return pairs. Each call pushes pc + 8, so every return, the
// first included, is predicted. No BTAC: every correctly predicted taken branch (the K calls,
// the K returns) pays the 2-cycle bubble.
TEST(BranchPredictor, ReturnStackPredictsReturns) {
  BranchParams p;
  p.indirect = IndirectKind::kBtb;
  BranchPredictor bp(p);
  const uint32_t kK = 100, fn = 0x20000;
  uint64_t cycles = 0;
  for (uint32_t i = 0; i < kK; ++i) {
    const uint32_t site = 0x10000 + 0x40 * (i % 2);  // two call sites, alternating
    cycles += bp.Resolve(Branch(BranchKind::kCall, site, true, fn)).cycles;
    cycles += bp.Resolve(Branch(BranchKind::kReturn, fn + 0x10, true, site + 8)).cycles;
  }
  EXPECT_EQ(bp.mispredicted(BranchKind::kReturn), 0u);
  EXPECT_EQ(bp.ras_hits(), kK);
  EXPECT_EQ(cycles, 2u * kK * 2u);
}

// Without a return stack returns go through the BTB, which remembers the last target: one
// call site: the first return misses, the rest hit. Two alternating sites: every return
// goes back somewhere other than last time: all K miss.
TEST(BranchPredictor, BtbAloneLearnsOneReturnTarget) {
  BranchParams p;
  p.indirect = IndirectKind::kBtb;
  p.ras_entries = 0;
  const uint32_t kK = 100, fn = 0x20000;
  {
    BranchPredictor bp(p);
    for (uint32_t i = 0; i < kK; ++i) {
      bp.Resolve(Branch(BranchKind::kCall, 0x10000, true, fn));
      bp.Resolve(Branch(BranchKind::kReturn, fn + 0x10, true, 0x10008));
    }
    EXPECT_EQ(bp.mispredicted(BranchKind::kReturn), 1u);
    EXPECT_EQ(bp.btb_hits(), kK - 1);
    // Bubbles: K calls + (K - 1) predicted returns; one miss.
    EXPECT_EQ(bp.penalty_total(), (2 * kK - 1) * 2 + 5);
  }
  {
    BranchPredictor bp(p);
    for (uint32_t i = 0; i < kK; ++i) {
      const uint32_t site = 0x10000 + 0x40 * (i % 2);
      bp.Resolve(Branch(BranchKind::kCall, site, true, fn));
      bp.Resolve(Branch(BranchKind::kReturn, fn + 0x10, true, site + 8));
    }
    EXPECT_EQ(bp.mispredicted(BranchKind::kReturn), kK);
  }
}

// A 2-entry stack and calls nested 3 deep: the third push overwrites the outermost return
// address; returns c and b are predicted, the outermost finds the stack empty.
TEST(BranchPredictor, ReturnStackOverflowLosesTheOldestEntry) {
  BranchParams p;
  p.indirect = IndirectKind::kBtb;
  p.ras_entries = 2;
  BranchPredictor bp(p);
  bp.Resolve(Branch(BranchKind::kCall, 0x1000, true, 0x2000));
  bp.Resolve(Branch(BranchKind::kIndirectCall, 0x2000, true, 0x3000));  // pushes too
  bp.Resolve(Branch(BranchKind::kCall, 0x3000, true, 0x4000));
  EXPECT_EQ(bp.Resolve(Branch(BranchKind::kReturn, 0x4010, true, 0x3008)).cause, PenaltyCause::kTakenBubble);
  EXPECT_EQ(bp.Resolve(Branch(BranchKind::kReturn, 0x3010, true, 0x2008)).cause, PenaltyCause::kTakenBubble);
  EXPECT_EQ(bp.Resolve(Branch(BranchKind::kReturn, 0x2010, true, 0x1008)).cause, PenaltyCause::kTarget);
  EXPECT_EQ(bp.ras_hits(), 2u);
  EXPECT_EQ(bp.ras_misses(), 1u);
  // The indirect call went through the BTB (cold): one miss.
  EXPECT_EQ(bp.mispredicted(BranchKind::kIndirectCall), 1u);
}

// A BTB learns a monomorphic indirect jump after one miss; a jump cycling over two targets
// misses every time.
TEST(BranchPredictor, BtbPredictsRepeatedIndirectTargets) {
  BranchParams p;
  p.indirect = IndirectKind::kBtb;
  BranchPredictor bp(p);
  for (int i = 0; i < 50; ++i) bp.Resolve(Branch(BranchKind::kIndirect, 0x1000, true, 0x9000));
  EXPECT_EQ(bp.mispredicted(BranchKind::kIndirect), 1u);
  for (int i = 0; i < 50; ++i) bp.Resolve(Branch(BranchKind::kIndirect, 0x1100, true, 0x9000 + 0x100 * (i % 2)));
  EXPECT_EQ(bp.mispredicted(BranchKind::kIndirect), 1u + 50u);
}

// The taken bubble: charged once per correctly predicted taken branch without a BTAC hit.
TEST(BranchPredictor, TakenBubbleAndBtac) {
  const uint32_t kK = 64;
  {  // No BTAC: every unconditional branch pays 2.
    BranchPredictor bp(BranchParams{});
    uint64_t cycles = 0;
    for (uint32_t i = 0; i < kK; ++i) cycles += bp.Resolve(Branch(BranchKind::kUnconditional, 0x100, true, 0x800)).cycles;
    EXPECT_EQ(cycles, 2 * kK);
    EXPECT_EQ(bp.btac_misses(), 0u);  // no BTAC, nothing looked up
  }
  {  // BTAC: the first is a cold miss, then every lookup hits.
    BranchParams p;
    p.btac_entries = 4;
    BranchPredictor bp(p);
    uint64_t cycles = 0;
    for (uint32_t i = 0; i < kK; ++i) cycles += bp.Resolve(Branch(BranchKind::kUnconditional, 0x100, true, 0x800)).cycles;
    EXPECT_EQ(cycles, 2u);
    EXPECT_EQ(bp.btac_hits(), kK - 1);
    EXPECT_EQ(bp.btac_misses(), 1u);
  }
  {  // An always-taken conditional with a BTAC: the two warm-up misses (2 x 5) install its
     // entry, so every correct prediction after them hits.
    BranchParams p;
    p.btac_entries = 4;
    BranchPredictor bp(p);
    uint64_t cycles = 0;
    for (uint32_t i = 0; i < kK; ++i) cycles += bp.Resolve(Cond(0x200, true, 0x100)).cycles;
    EXPECT_EQ(cycles, 10u);
    EXPECT_EQ(bp.btac_hits(), kK - 2);
    EXPECT_EQ(bp.penalty_taken_bubble(), 0u);
  }
  {  // LRU capacity: three branches in rotation thrash a 2-entry BTAC (each lookup finds its
     // entry evicted), and fit a 3-entry one after three cold misses.
    for (uint32_t entries : {2u, 3u}) {
      BranchParams p;
      p.btac_entries = entries;
      BranchPredictor bp(p);
      for (uint32_t i = 0; i < 3 * kK; ++i)
        bp.Resolve(Branch(BranchKind::kUnconditional, 0x100 + 0x10 * (i % 3), true, 0x800));
      const uint64_t misses = entries == 2 ? 3 * kK : 3;
      EXPECT_EQ(bp.btac_misses(), misses) << entries;
      EXPECT_EQ(bp.penalty_taken_bubble(), misses * 2) << entries;
    }
  }
  {  // A stale target is a miss: a return to two alternating call sites, each predicted by
     // the return stack, finds its BTAC entry holding the other site every time.
    BranchParams p;
    p.btac_entries = 8;
    p.indirect = IndirectKind::kBtb;
    BranchPredictor bp(p);
    for (uint32_t i = 0; i < kK; ++i) {
      const uint32_t site = 0x10000 + 0x40 * (i % 2);
      bp.Resolve(Branch(BranchKind::kCall, site, true, 0x20000));
      bp.Resolve(Branch(BranchKind::kReturn, 0x20010, true, site + 8));
    }
    // Calls: two cold misses, then hits. Returns: every lookup finds the other site's target.
    EXPECT_EQ(bp.btac_misses(), 2u + kK);
    EXPECT_EQ(bp.btac_hits(), kK - 2);
    EXPECT_EQ(bp.penalty_taken_bubble(), (2u + kK) * 2u);
  }
}

// Nullified slots and non-branches are free and uncounted; taken bubble and penalty values
// come from the parameters.
TEST(BranchPredictor, NonBranchesAndParameters) {
  BranchParams p;
  p.mispredict_penalty = 11;
  p.taken_bubble = 3;
  BranchPredictor bp(p);
  RetireRecord alu;
  alu.pc = 0x100;
  EXPECT_EQ(bp.Resolve(alu).cycles, 0u);
  RetireRecord nullified = Cond(0x104, false, 0);
  nullified.nullified = true;
  EXPECT_EQ(bp.Resolve(nullified).cycles, 0u);
  EXPECT_EQ(bp.total_predicted(), 0u);
  EXPECT_EQ(bp.Resolve(Branch(BranchKind::kIndirect, 0x108, true, 0x400)).cycles, 11u);
  EXPECT_EQ(bp.Resolve(Branch(BranchKind::kCall, 0x10c, true, 0x400)).cycles, 3u);
}

TEST(BranchPredictor, StatsNameKindsCausesAndRates) {
  BranchPredictor bp(BranchParams{});
  for (int i = 0; i < 4; ++i) bp.Resolve(Cond(0x100, true, 0x80));  // miss, miss, bubble, bubble
  bp.Resolve(Branch(BranchKind::kReturn, 0x200, true, 0x300));     // miss (target)
  StatGroup root("branch_predictor");
  bp.RegisterStats(root);
  std::ostringstream out;
  root.WriteText(out);
  const std::string text = out.str();
  auto has = [&](const std::string& line_start) {
    return text.find(line_start) != std::string::npos;
  };
  EXPECT_TRUE(has("branch_predictor.branches")) << text;
  EXPECT_TRUE(has("branch_predictor.mispredict_rate")) << text;
  EXPECT_TRUE(has("branch_predictor.conditional.mispredicted")) << text;
  EXPECT_TRUE(has("branch_predictor.penalty_cycles.taken_bubble")) << text;
  EXPECT_TRUE(has("branch_predictor.btac.hits")) << text;
  std::ostringstream json;
  root.WriteJson(json);
  const std::string j = json.str();
  EXPECT_NE(j.find("\"branches\": 5"), std::string::npos) << j;
  EXPECT_NE(j.find("\"mispredicted\": 3"), std::string::npos) << j;
  EXPECT_NE(j.find("\"mispredict_rate\": 0.6"), std::string::npos) << j;
  EXPECT_NE(j.find("\"direction\": 10"), std::string::npos) << j;
  EXPECT_NE(j.find("\"target\": 5"), std::string::npos) << j;
  EXPECT_NE(j.find("\"taken_bubble\": 4"), std::string::npos) << j;
  EXPECT_NE(j.find("\"total\": 19"), std::string::npos) << j;
}

// The default machine config gives the PA-8000 defaults; every choice maps across.
TEST(BranchPredictor, ParamsFromConfig) {
  MachineConfig c = DefaultConfig();
  BranchParams p = ParamsFromConfig(c.branch);
  BranchParams d;
  EXPECT_EQ(p.kind, d.kind);
  EXPECT_EQ(p.bht_entries, d.bht_entries);
  EXPECT_EQ(p.history_bits, d.history_bits);
  EXPECT_EQ(p.mispredict_penalty, d.mispredict_penalty);
  EXPECT_EQ(p.taken_bubble, d.taken_bubble);
  EXPECT_EQ(p.btac_entries, d.btac_entries);
  EXPECT_EQ(p.indirect, d.indirect);
  c.branch.predictor = dynsim::BranchPredictor::kStatic;
  EXPECT_EQ(ParamsFromConfig(c.branch).kind, DirectionKind::kStatic);
  c.branch.predictor = dynsim::BranchPredictor::kPerfect;
  EXPECT_EQ(ParamsFromConfig(c.branch).kind, DirectionKind::kPerfect);
  c.branch.indirect = IndirectPolicy::kBtb;
  c.branch.btb_entries = 64;
  c.branch.ras_entries = 4;
  c.branch.btac_entries = 32;
  p = ParamsFromConfig(c.branch);
  EXPECT_EQ(p.indirect, IndirectKind::kBtb);
  EXPECT_EQ(p.btb_entries, 64u);
  EXPECT_EQ(p.ras_entries, 4u);
  EXPECT_EQ(p.btac_entries, 32u);
}

// Same trace, same counts: nothing depends on anything but the records.
TEST(BranchPredictor, Deterministic) {
  auto run = [] {
    BranchParams p;
    p.btac_entries = 8;
    p.indirect = IndirectKind::kBtb;
    BranchPredictor bp(p);
    uint64_t cycles = 0, x = 12345;
    for (int i = 0; i < 5000; ++i) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      const uint32_t pc = 0x1000 + 4 * static_cast<uint32_t>((x >> 40) % 512);
      cycles += bp.Resolve(Cond(pc, (x >> 20) & 1, pc - 0x40)).cycles;
    }
    return cycles;
  };
  EXPECT_EQ(run(), run());
}

}  // namespace
}  // namespace bpred
}  // namespace dynsim
