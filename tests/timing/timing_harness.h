// Shared by the timing tests: runs a timing micro workload (workloads/timing/) under a
// machine config and keeps what the tests compare, and measures one kernel iteration by
// difference.
//
// The method: every timing program runs the same code before and after its kernel for
// any count with the same number of digits (workloads/timing/driver.c), and its kernel
// reaches the same steady state after the same warm-up. So for N = kN and 2 * kN,
//   cycles(2N) - cycles(N) = kN * (the kernel's cycles per iteration, once warm),
// exactly, and likewise for every counter. The tests state each kernel's cost per
// iteration as a formula over MachineConfig fields and compare it with that difference.
#ifndef DYNSIM_TESTS_TIMING_TIMING_HARNESS_H
#define DYNSIM_TESTS_TIMING_TIMING_HARNESS_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/config.h"
#include "sim/simulation.h"

namespace dynsim::timing {

// The iteration counts of the two runs: the same number of digits (driver.c).
constexpr uint32_t kN = 1000;
constexpr uint32_t kTwiceN = 2 * kN;

// The path of the guest program NAME (workloads/timing/NAME), from the test's arguments.
const std::string& Program(const std::string& name);

// configs/machines/FILE with `overrides` ("key=value") applied; fails the test on error.
MachineConfig Machine(const std::string& file, const std::vector<std::string>& overrides = {});
// inorder.yaml with `overrides`.
MachineConfig Inorder(const std::vector<std::string>& overrides = {});

// What one run leaves for the tests to compare.
struct RunResult {
  RunEnd end = RunEnd::kExited;
  int status = -1;
  uint64_t cycles = 0;
  uint64_t instructions = 0;
  std::map<std::string, double> stats;  // every path of kStatPaths the run declares
  std::map<std::string, uint64_t> function_cycles, function_instructions;  // regions
  std::string json;  // the whole stats tree, as `dynsim run --stats` writes it

  // The statistic at `path` (one of StatPaths()); fails the test and returns 0 if the run
  // did not declare it.
  double Stat(const std::string& path) const;
  // Stat as an integer count.
  uint64_t Count(const std::string& path) const { return static_cast<uint64_t>(Stat(path)); }
};

// The statistic paths RunResult keeps (relative to the root group).
const std::vector<std::string>& StatPaths();

// Runs program NAME with argument `n` under `machine`; expects it to exit with status 0.
RunResult RunProgram(const std::string& name, uint32_t n, const MachineConfig& machine);

// The runs at kN and kTwiceN under one machine, and their differences: what kN more
// iterations of the kernel cost.
struct Differential {
  RunResult once, twice;
  uint64_t cycles() const { return twice.cycles - once.cycles; }
  uint64_t instructions() const { return twice.instructions - once.instructions; }
  // twice.Stat(path) - once.Stat(path), which must be a non-negative integer.
  uint64_t Count(const std::string& path) const;
  // The difference in a region's (function's) cycles.
  uint64_t FunctionCycles(const std::string& function) const;
};

Differential Measure(const std::string& name, const MachineConfig& machine);

}  // namespace dynsim::timing

#endif  // DYNSIM_TESTS_TIMING_TIMING_HARNESS_H
