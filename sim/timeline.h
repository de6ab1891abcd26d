// Statistics over time (`dynsim run --interval CYCLES --timeline FILE`): one row per
// interval of simulated cycles with what happened in it: cycles, instructions, IPC,
// I-cache and D-cache misses, branch mispredictions, cycles by region group, and Dynamo's
// counters as they changed. Every value except the interval's bounds and IPC is a
// difference over the interval, so a column sums to the run's total in the stats file.
//
// A row is taken at the first instruction boundary at or after each multiple of the
// interval (start_cycle and end_cycle say exactly where), plus one for the partial
// interval at the end. Sampling only reads the simulation, so the rows and the run are
// deterministic and a run with a timeline has the results of one without.
//
// Formats, by the file's extension: ".csv" is CSV with a header (the group columns are
// the groups that ever had cycles, so the file is written at the end); anything else is
// JSON lines, one object per interval written as it ends, with only the groups and Dynamo
// counters that changed.
#ifndef DYNSIM_SIM_TIMELINE_H
#define DYNSIM_SIM_TIMELINE_H

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/stats.h"

namespace dynsim {

class Simulation;

class Timeline {
 public:
  enum class Format { kJsonLines, kCsv };
  // CSV for a path ending in ".csv", else JSON lines.
  static Format FormatFor(const std::string& path);

  // Samples `sim` every `interval` cycles (> 0) into `out`.
  Timeline(const Simulation* sim, uint64_t interval, std::ostream* out, Format format);

  uint64_t next_boundary() const { return next_boundary_; }
  // One row: the interval since the previous row (none if no cycle passed).
  void Sample();
  // Writes what is still buffered (the CSV file). Call once, after the run.
  void Finish();

 private:
  // The run's cumulative values at one point.
  struct Totals {
    uint64_t cycles = 0, instructions = 0;
    std::optional<double> icache_misses, dcache_misses, branch_mispredictions;
    std::map<std::string, uint64_t> group_cycles;
    std::vector<uint64_t> dynamo_counters;
  };
  Totals Now() const;
  Json Row(const Totals& now) const;
  void WriteCsv();

  const Simulation* sim_;
  uint64_t interval_;
  std::ostream* out_;
  Format format_;
  uint64_t next_boundary_;
  uint64_t rows_ = 0;
  Totals last_;
  std::vector<Json> csv_rows_;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_TIMELINE_H
