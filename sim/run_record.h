// The provenance of a run, for the `run` section of the stats file: which program (and its
// SHA-256) ran with which arguments and environment, on which machine configuration (its
// `name` and every parameter), under which Dynamo configuration, with which dynsim build
// and command line, and how the run ended. With it a stats file says how to reproduce
// itself.
#ifndef DYNSIM_SIM_RUN_RECORD_H
#define DYNSIM_SIM_RUN_RECORD_H

#include <cstdint>
#include <string>
#include <vector>

#include "dynamo/boot.h"
#include "sim/config.h"
#include "sim/simulation.h"
#include "sim/stats.h"

namespace dynsim {

// What the command line knew that the simulation does not.
struct RunRecord {
  std::vector<std::string> command_line;  // argv, whole
  std::string machine_file;               // --config, "" for the built-in PA-8000
  std::vector<std::string> overrides;     // --set, in order
  RunEnd end = RunEnd::kExited;
  int exit_status = 0;     // dynsim's own exit status
  std::string end_message;  // Simulation::EndMessage
};

// Every machine parameter, nested as in the YAML files (icache.size_kb under "icache"), in
// schema order; enums by their choice name.
Json MachineConfigJson(const MachineConfig& config);
// Every Dynamo parameter, in schema order; choices by name, switches as booleans.
Json DynamoConfigJson(const dynamo::BootConfig& config);
// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(const std::vector<uint8_t>& bytes);

// The `run` section.
Json RunSection(const Simulation& sim, const RunRecord& record);
// The whole stats document: "sim" (the simulation's results, a pure function of the
// inputs), "descriptions" (each statistic's meaning), then what differs between runs of
// the same inputs: "host" (wall-clock time) and "run" (the command line names output
// files). Tools that compare two runs cut the file at "host".
Json StatsDocument(const Simulation& sim, const RunRecord& record, double host_seconds);

}  // namespace dynsim

#endif  // DYNSIM_SIM_RUN_RECORD_H
