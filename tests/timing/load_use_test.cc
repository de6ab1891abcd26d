// The load-use interlock under the `inorder` model, measured on load_chain and
// load_independent (workloads/timing/) by difference (timing_harness.h): a slot that reads
// a register the slot before it loaded waits dcache.hit_latency - 1 cycles.
#include <gtest/gtest.h>

#include "tests/timing/timing_harness.h"

namespace dynsim::timing {
namespace {

// load_chain.S and load_independent.S: 8 loads + copy + the loop's 2 slots. In the chain,
// loads 2..8 and the copy each use the load before them; the first load's predecessor is
// the loop's delay slot. load_independent never reads a loaded register.
constexpr uint64_t kLoadSlots = 11, kLoads = 8, kChainLoadUses = 8;

TEST(LoadChain, EachDependentLoadWaitsForTheOneBefore) {
  const MachineConfig c = Inorder();
  ASSERT_GE(c.dcache.hit_latency, 2u);
  const uint64_t stall = c.dcache.hit_latency - 1;
  const Differential d = Measure("load_chain", c);
  // cycles per iteration = slots + load uses * (hit_latency - 1) + taken_bubble (loop branch)
  EXPECT_EQ(d.cycles(), kN * (kLoadSlots + kChainLoadUses * stall + c.branch.taken_bubble));
  EXPECT_EQ(d.Count("timing.stalls.load_use"), kN * kChainLoadUses * stall);
  EXPECT_EQ(d.Count("timing.dcache.accesses"), kN * kLoads);
  EXPECT_EQ(d.Count("timing.dcache.misses"), 0u);
  EXPECT_EQ(d.Count("timing.stalls.dcache"), 0u);
  EXPECT_EQ(d.FunctionCycles("timing_kernel"), d.cycles());
}

TEST(LoadIndependent, LoadsNobodyUsesRightAwayDoNotStall) {
  const MachineConfig c = Inorder();
  const Differential d = Measure("load_independent", c);
  EXPECT_EQ(d.cycles(), kN * (kLoadSlots + c.branch.taken_bubble));
  EXPECT_EQ(d.Count("timing.stalls.load_use"), 0u);
  EXPECT_EQ(d.Count("timing.dcache.accesses"), kN * kLoads);
}

TEST(LoadChain, CostsTheInterlocksMoreThanTheSameSlotsWithoutDependences) {
  const MachineConfig c = Inorder();
  const Differential chain = Measure("load_chain", c), independent = Measure("load_independent", c);
  EXPECT_EQ(chain.instructions(), independent.instructions());
  EXPECT_EQ(chain.cycles() - independent.cycles(), kN * kChainLoadUses * (c.dcache.hit_latency - 1));
}

// A one-cycle D-cache hit leaves nothing to interlock on.
TEST(LoadChain, AOneCycleHitNeverStalls) {
  const MachineConfig c = Inorder({"dcache.hit_latency=1"});
  const Differential d = Measure("load_chain", c);
  EXPECT_EQ(d.cycles(), kN * (kLoadSlots + c.branch.taken_bubble));
  EXPECT_EQ(d.Count("timing.stalls.load_use"), 0u);
}

// One YAML value: over a whole run (start-up and exit included), dcache.hit_latency + 1
// costs one more cycle per load-use interlock the first run counted, and nothing else
// (the hit latency itself is pipelined, and a miss costs miss_penalty beyond it).
TEST(OneYamlValue, DcacheHitLatencyPlusOneAddsOneCyclePerInterlock) {
  for (const char* name : {"load_chain", "load_independent"}) {
    SCOPED_TRACE(name);
    const MachineConfig base = Inorder();
    const uint64_t stall = base.dcache.hit_latency - 1;
    ASSERT_GT(stall, 0u);
    const RunResult a = RunProgram(name, kN, base);
    const RunResult b = RunProgram(name, kN, Inorder({"dcache.hit_latency=" + std::to_string(base.dcache.hit_latency + 1)}));
    const uint64_t interlocks = a.Count("timing.stalls.load_use") / stall;
    EXPECT_EQ(a.Count("timing.stalls.load_use"), interlocks * stall);
    EXPECT_EQ(b.cycles - a.cycles, interlocks);
    EXPECT_EQ(b.Count("timing.stalls.load_use"), interlocks * (stall + 1));
  }
}

}  // namespace
}  // namespace dynsim::timing
