// Branch costs under the `inorder` model, measured on the branch kernels of
// workloads/timing/ by difference (timing_harness.h): kN more iterations cost kN times the
// kernel's cycles per iteration, each a formula over the config's `branch` group.
//
// Every kernel loops with `addib,>` back to its head and `addi` in the delay slot (2 slots,
// kernel.h): a backward conditional branch, taken once warm, which a BHT or the static rule
// predicts correctly, so it costs branch.taken_bubble (0 with a BTAC hit or a perfect
// predictor).
#include <gtest/gtest.h>

#include "tests/timing/timing_harness.h"

namespace dynsim::timing {
namespace {

// indirect_jumps.S: 4 x (bv + nop) + the loop's 2 slots.
constexpr uint64_t kIndirectSlots = 10, kIndirectJumps = 4;
// alternating_branch.S: subi + cmpib + nop + the loop's 2.
constexpr uint64_t kAlternatingSlots = 5;
// forward_taken.S: 4 x (cmpb + nop) + the loop's 2; 4 forward taken branches.
constexpr uint64_t kForwardSlots = 10, kForwardBranches = 4;

TEST(IndirectJumps, AlwaysMispredictedCostThePenaltyEach) {
  const MachineConfig c = Inorder();
  ASSERT_EQ(c.branch.indirect, IndirectPolicy::kAlwaysMispredict);
  const uint64_t p = c.branch.mispredict_penalty, bubble = c.branch.taken_bubble;
  const Differential d = Measure("indirect_jumps", c);
  // cycles per iteration = slots + jumps * mispredict_penalty + taken_bubble (loop branch)
  EXPECT_EQ(d.cycles(), kN * (kIndirectSlots + kIndirectJumps * p + bubble));
  EXPECT_EQ(d.instructions(), kN * kIndirectSlots);
  EXPECT_EQ(d.Count("timing.slots"), kN * kIndirectSlots);
  EXPECT_EQ(d.Count("timing.branch.indirect.predicted"), kN * kIndirectJumps);
  EXPECT_EQ(d.Count("timing.branch.indirect.mispredicted"), kN * kIndirectJumps);
  EXPECT_EQ(d.Count("timing.branch.mispredicted"), kN * kIndirectJumps);
  EXPECT_EQ(d.Count("timing.stalls.branch_target"), kN * kIndirectJumps * p);
  EXPECT_EQ(d.Count("timing.branch.penalty_cycles.target"), kN * kIndirectJumps * p);
  EXPECT_EQ(d.Count("timing.stalls.branch_direction"), 0u);
  EXPECT_EQ(d.Count("timing.stalls.taken_bubble"), kN * bubble);
  EXPECT_EQ(d.FunctionCycles("timing_kernel"), d.cycles());
}

TEST(IndirectJumps, TheBtbLearnsFixedTargets) {
  const MachineConfig c = Inorder({"branch.indirect=btb"});
  const uint64_t bubble = c.branch.taken_bubble;
  ASSERT_EQ(c.branch.btac_entries, 0u);
  const Differential d = Measure("indirect_jumps", c);
  // Every jump and the loop branch are correctly predicted taken: one bubble each.
  EXPECT_EQ(d.cycles(), kN * (kIndirectSlots + (kIndirectJumps + 1) * bubble));
  EXPECT_EQ(d.Count("timing.branch.btb.hits"), kN * kIndirectJumps);
  EXPECT_EQ(d.Count("timing.branch.btb.misses"), 0u);
  EXPECT_EQ(d.Count("timing.branch.mispredicted"), 0u);
  EXPECT_EQ(d.Count("timing.stalls.taken_bubble"), kN * (kIndirectJumps + 1) * bubble);
}

TEST(IndirectJumps, APerfectPredictorChargesNothing) {
  const MachineConfig c = Machine("perfect-branches.yaml", {"core.model=inorder"});
  ASSERT_EQ(c.branch.predictor, BranchPredictor::kPerfect);
  const Differential d = Measure("indirect_jumps", c);
  EXPECT_EQ(d.cycles(), kN * kIndirectSlots);
  EXPECT_EQ(d.Count("timing.branch.penalty_cycles.target") + d.Count("timing.stalls.taken_bubble"), 0u);
}

TEST(AlternatingBranch, AThreeBitMajorityVoteIsAlwaysWrong) {
  const MachineConfig c = Inorder();
  ASSERT_EQ(c.branch.predictor, BranchPredictor::kBht);
  ASSERT_EQ(c.branch.history_bits, 3u);  // any odd width votes against an alternating branch
  const uint64_t p = c.branch.mispredict_penalty, bubble = c.branch.taken_bubble;
  const Differential d = Measure("alternating_branch", c);
  // cycles per iteration = slots + mispredict_penalty + taken_bubble (loop branch)
  EXPECT_EQ(d.cycles(), kN * (kAlternatingSlots + p + bubble));
  EXPECT_EQ(d.Count("timing.branch.conditional.predicted"), 2 * kN);  // cmpib and addib
  EXPECT_EQ(d.Count("timing.branch.conditional.mispredicted"), kN);
  EXPECT_EQ(d.Count("timing.stalls.branch_direction"), kN * p);
  EXPECT_EQ(d.Count("timing.stalls.taken_bubble"), kN * bubble);
}

TEST(AlternatingBranch, StaticPredictionMissesTheTakenHalf) {
  const MachineConfig c = Inorder({"branch.predictor=static"});
  const uint64_t p = c.branch.mispredict_penalty, bubble = c.branch.taken_bubble;
  static_assert(kN % 2 == 0, "the branch is taken on every second iteration");
  const Differential d = Measure("alternating_branch", c);
  // Forward, so predicted not taken: wrong on the kN/2 iterations that take it.
  EXPECT_EQ(d.cycles(), kN * (kAlternatingSlots + bubble) + kN / 2 * p);
  EXPECT_EQ(d.Count("timing.branch.conditional.mispredicted"), kN / 2);
  EXPECT_EQ(d.Count("timing.stalls.branch_direction"), kN / 2 * p);
  // The core gives not-taken conditional branches their target too, so the static rule
  // never has to guess a direction.
  EXPECT_EQ(d.Count("timing.branch.static_unknown_target"), 0u);
}

TEST(ForwardTaken, StaticPredictionMispredictsEveryForwardTakenBranch) {
  const MachineConfig c = Inorder({"branch.predictor=static"});
  const uint64_t p = c.branch.mispredict_penalty, bubble = c.branch.taken_bubble;
  const Differential d = Measure("forward_taken", c);
  // cycles per iteration = slots + forward branches * mispredict_penalty + taken_bubble
  EXPECT_EQ(d.cycles(), kN * (kForwardSlots + kForwardBranches * p + bubble));
  EXPECT_EQ(d.Count("timing.branch.conditional.mispredicted"), kN * kForwardBranches);
  EXPECT_EQ(d.Count("timing.stalls.branch_direction"), kN * kForwardBranches * p);
  EXPECT_EQ(d.Count("timing.stalls.taken_bubble"), kN * bubble);
}

TEST(ForwardTaken, TheBhtLearnsThemAndEachTakenBranchPaysTheBubble) {
  const MachineConfig c = Inorder();
  const uint64_t bubble = c.branch.taken_bubble;
  const Differential d = Measure("forward_taken", c);
  EXPECT_EQ(d.cycles(), kN * (kForwardSlots + (kForwardBranches + 1) * bubble));
  EXPECT_EQ(d.Count("timing.branch.mispredicted"), 0u);
}

// Five taken branches per iteration, in a cycle: a fully associative LRU BTAC holds them
// all once it has five entries, and with fewer it evicts each one before its next use.
TEST(ForwardTaken, ABtacHidesTheBubbleWhenItHoldsTheWholeLoop) {
  constexpr uint32_t kTakenPerIteration = kForwardBranches + 1;
  for (uint32_t entries : {kTakenPerIteration - 1, kTakenPerIteration, kTakenPerIteration + 3}) {
    SCOPED_TRACE("btac_entries " + std::to_string(entries));
    const MachineConfig c = Inorder({"branch.btac_entries=" + std::to_string(entries)});
    const uint64_t bubble = c.branch.taken_bubble;
    const bool fits = c.branch.btac_entries >= kTakenPerIteration;
    const Differential d = Measure("forward_taken", c);
    EXPECT_EQ(d.cycles(), kN * (kForwardSlots + (fits ? 0 : kTakenPerIteration * bubble)));
    EXPECT_EQ(d.Count("timing.branch.btac.hits"), fits ? kN * kTakenPerIteration : 0);
    EXPECT_EQ(d.Count("timing.branch.btac.misses"), fits ? 0 : kN * kTakenPerIteration);
  }
}

// One YAML value, one more cycle per event: a whole run (start-up and exit included) with
// mispredict_penalty + 1 costs exactly one cycle more per misprediction the first run
// counted, and with taken_bubble + 1 one more per bubble it charged.
TEST(OneYamlValue, MispredictPenaltyPlusOneAddsOneCyclePerMisprediction) {
  // Each kernel under a predictor that gets it wrong every iteration.
  const struct {
    const char* program;
    std::vector<std::string> overrides;
  } kCases[] = {
      {"indirect_jumps", {}},
      {"alternating_branch", {}},
      {"forward_taken", {"branch.predictor=static"}},
  };
  for (const auto& k : kCases) {
    SCOPED_TRACE(k.program);
    const MachineConfig base = Inorder(k.overrides);
    std::vector<std::string> plus_one = k.overrides;
    plus_one.push_back("branch.mispredict_penalty=" + std::to_string(base.branch.mispredict_penalty + 1));
    const RunResult a = RunProgram(k.program, kN, base);
    const RunResult b = RunProgram(k.program, kN, Inorder(plus_one));
    const uint64_t mispredictions = a.Count("timing.branch.mispredicted");
    EXPECT_GE(mispredictions, kN);
    EXPECT_EQ(b.cycles - a.cycles, mispredictions);
    EXPECT_EQ(b.Count("timing.branch.mispredicted"), mispredictions);
  }
}

TEST(OneYamlValue, TakenBubblePlusOneAddsOneCyclePerBubble) {
  const MachineConfig base = Inorder();
  const uint64_t bubble = base.branch.taken_bubble;
  ASSERT_GT(bubble, 0u);
  const RunResult a = RunProgram("forward_taken", kN, base);
  const RunResult b = RunProgram("forward_taken", kN, Inorder({"branch.taken_bubble=" + std::to_string(bubble + 1)}));
  const uint64_t bubbles = a.Count("timing.stalls.taken_bubble") / bubble;
  EXPECT_EQ(a.Count("timing.stalls.taken_bubble"), bubbles * bubble);
  EXPECT_GE(bubbles, kN * (kForwardBranches + 1));
  EXPECT_EQ(b.cycles - a.cycles, bubbles);
}

}  // namespace
}  // namespace dynsim::timing
