// Over every timing workload (workloads/timing/) under the `inorder` model:
//   - the regions (functions and [os]) sum to the run's cycles and instructions;
//   - between the kN and 2kN runs only the kernel's region changes, by exactly what the
//     whole run changes: the assumption behind every differential measurement here;
//   - two runs give identical statistics (DESIGN.md, "Testing": determinism).
#include <gtest/gtest.h>

#include <numeric>

#include "tests/timing/timing_harness.h"

namespace dynsim::timing {
namespace {

struct Case {
  const char* program;
  std::vector<std::string> overrides;  // on inorder.yaml: make the kernel miss, where it can
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> kCases = {
      {"alternating_branch", {}},
      {"dcache_stride", {"dcache.size_kb=1"}},
      {"forward_taken", {"branch.predictor=static"}},
      {"icache_stride", {"icache.size_kb=1"}},
      {"indirect_jumps", {}},
      {"load_chain", {}},
      {"load_independent", {}},
      {"tlb_stride", {}},
  };
  return kCases;
}

uint64_t Sum(const std::map<std::string, uint64_t>& m) {
  return std::accumulate(m.begin(), m.end(), uint64_t{0}, [](uint64_t s, const auto& kv) { return s + kv.second; });
}

TEST(Regions, SumToTheTotalsAndOnlyTheKernelGrowsWithN) {
  for (const Case& k : Cases()) {
    SCOPED_TRACE(k.program);
    const Differential d = Measure(k.program, Inorder(k.overrides));
    for (const RunResult* r : {&d.once, &d.twice}) {
      EXPECT_EQ(Sum(r->function_cycles), r->cycles);
      EXPECT_EQ(Sum(r->function_instructions), r->instructions);
      EXPECT_EQ(r->function_cycles.count("timing_kernel"), 1u);
      EXPECT_EQ(r->function_cycles.count("main"), 1u);
    }
    EXPECT_EQ(d.FunctionCycles("timing_kernel"), d.cycles());
    EXPECT_GE(d.cycles(), kN);
    // Every other region costs the same in both runs.
    ASSERT_EQ(d.once.function_cycles.size(), d.twice.function_cycles.size());
    for (const auto& [function, cycles] : d.once.function_cycles) {
      if (function == "timing_kernel") continue;
      EXPECT_EQ(d.twice.function_cycles.at(function), cycles) << function;
      EXPECT_EQ(d.twice.function_instructions.at(function), d.once.function_instructions.at(function)) << function;
    }
  }
}

TEST(Determinism, TwoRunsGiveIdenticalStatistics) {
  for (const Case& k : Cases()) {
    SCOPED_TRACE(k.program);
    const MachineConfig c = Inorder(k.overrides);
    const RunResult a = RunProgram(k.program, kN, c), b = RunProgram(k.program, kN, c);
    EXPECT_FALSE(a.json.empty());
    EXPECT_EQ(a.json, b.json);
    // And the comparison can tell runs apart.
    EXPECT_NE(RunProgram(k.program, kTwiceN, c).json, a.json);
  }
}

}  // namespace
}  // namespace dynsim::timing
