#include "tests/timing/timing_harness.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

namespace dynsim::timing {
namespace {

std::map<std::string, std::string>& Programs() {
  static std::map<std::string, std::string> programs;
  return programs;
}

std::string Basename(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

const std::string& Program(const std::string& name) {
  static const std::string kMissing;
  auto it = Programs().find(name);
  if (it == Programs().end()) {
    ADD_FAILURE() << "no guest program " << name << " among the test's arguments (see BUILD)";
    return kMissing;
  }
  return it->second;
}

MachineConfig Machine(const std::string& file, const std::vector<std::string>& overrides) {
  MachineConfig config = DefaultConfig();
  std::string error;
  EXPECT_TRUE(LoadConfigFile("configs/machines/" + file, &config, &error)) << error;
  EXPECT_TRUE(ApplyOverrides(overrides, &config, &error)) << error;
  return config;
}

MachineConfig Inorder(const std::vector<std::string>& overrides) { return Machine("inorder.yaml", overrides); }

const std::vector<std::string>& StatPaths() {
  static const std::vector<std::string> kPaths = {
      "cycles",
      "instructions",
      "core.nullified",
      "timing.cycles",
      "timing.slots",
      "timing.stalls.icache",
      "timing.stalls.itlb",
      "timing.stalls.dcache",
      "timing.stalls.dtlb",
      "timing.stalls.load_use",
      "timing.stalls.branch_direction",
      "timing.stalls.branch_target",
      "timing.stalls.taken_bubble",
      "timing.icache.accesses",
      "timing.icache.misses",
      "timing.dcache.accesses",
      "timing.dcache.misses",
      "timing.tlb.misses",
      "timing.branch.branches",
      "timing.branch.mispredicted",
      "timing.branch.static_unknown_target",
      "timing.branch.conditional.predicted",
      "timing.branch.conditional.mispredicted",
      "timing.branch.indirect.predicted",
      "timing.branch.indirect.mispredicted",
      "timing.branch.return.mispredicted",
      "timing.branch.syscall.mispredicted",
      "timing.branch.penalty_cycles.direction",
      "timing.branch.penalty_cycles.target",
      "timing.branch.penalty_cycles.taken_bubble",
      "timing.branch.btac.hits",
      "timing.branch.btac.misses",
      "timing.branch.btb.hits",
      "timing.branch.btb.misses",
  };
  return kPaths;
}

double RunResult::Stat(const std::string& path) const {
  auto it = stats.find(path);
  if (it == stats.end()) {
    ADD_FAILURE() << "the run declared no statistic " << path;
    return 0;
  }
  return it->second;
}

RunResult RunProgram(const std::string& name, uint32_t n, const MachineConfig& machine) {
  RunOptions options;
  options.program = Program(name);
  options.args = {std::to_string(n)};
  options.machine = machine;
  std::ostringstream log;
  Simulation sim(options, &log);
  RunResult result;
  std::string error;
  if (!sim.Load(&error)) {
    ADD_FAILURE() << name << ": " << error;
    return result;
  }
  result.end = sim.Run();
  result.status = sim.status();
  EXPECT_EQ(result.end, RunEnd::kExited) << name << " " << n << ": " << sim.EndMessage(result.end) << "\n"
                                         << log.str();
  EXPECT_EQ(result.status, 0) << name << " " << n << ": " << sim.EndMessage(result.end);
  std::fflush(stdout);  // the guest's "NAME: ok" line, before gtest's own output
  result.cycles = sim.cycles();
  result.instructions = sim.instructions();
  for (const std::string& path : StatPaths()) {
    if (auto v = sim.stats().Value(path)) result.stats[path] = *v;
  }
  if (const RegionProfiler* regions = sim.regions()) {
    result.function_cycles = regions->function_cycles();
    result.function_instructions = regions->function_instructions();
  }
  std::ostringstream json;
  sim.stats().WriteJson(json);
  result.json = json.str();
  return result;
}

uint64_t Differential::Count(const std::string& path) const {
  const double a = once.Stat(path), b = twice.Stat(path);
  EXPECT_GE(b, a) << path << " fell when the kernel ran longer";
  EXPECT_EQ(b - a, static_cast<double>(static_cast<uint64_t>(b - a))) << path << " is not a count";
  return static_cast<uint64_t>(b - a);
}

uint64_t Differential::FunctionCycles(const std::string& function) const {
  auto a = once.function_cycles.find(function), b = twice.function_cycles.find(function);
  if (a == once.function_cycles.end() || b == twice.function_cycles.end()) {
    ADD_FAILURE() << "no region " << function;
    return 0;
  }
  EXPECT_GE(b->second, a->second) << function;
  return b->second - a->second;
}

Differential Measure(const std::string& name, const MachineConfig& machine) {
  Differential d;
  d.once = RunProgram(name, kN, machine);
  d.twice = RunProgram(name, kTwiceN, machine);
  return d;
}

}  // namespace dynsim::timing

// main(): the test's arguments are the guest programs; each is known by its file name.
int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s GUEST_PROGRAM... [gtest options]\n", argv[0]);
    return 2;
  }
  for (int i = 1; i < argc; ++i) dynsim::timing::Programs()[dynsim::timing::Basename(argv[i])] = argv[i];
  return RUN_ALL_TESTS();
}
