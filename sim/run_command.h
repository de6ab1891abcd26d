// `dynsim run [OPTIONS] PROGRAM [ARGS...]`: the command line of a run (every value
// checked, every output file opened, before the run starts), the run, and what it writes:
// the stats files, the summaries, the timeline, the debug and trace-event files. Guest
// stdin, stdout and stderr pass through; the exit status is the guest's (128 + signal
// number if a signal killed it; 124 at --max-insts; 130 or 143 if SIGINT or SIGTERM
// stopped the run, whose stats are still written).
#ifndef DYNSIM_SIM_RUN_COMMAND_H
#define DYNSIM_SIM_RUN_COMMAND_H

#include <string>
#include <vector>

#include "sim/config.h"

namespace dynsim {

// A usage error: a bad command line or configuration, before anything ran.
constexpr int kUsageError = 2;
// A stop at --max-insts: 8 bits cannot keep it apart from every guest status, so it is
// what timeout(1) uses for "limit reached".
constexpr int kLimitStatus = 124;

// The machine configuration: the schema's defaults (the PA-8000), then --config FILE,
// then each --set KEY=VALUE in order. False with a one-line error on any mistake.
bool LoadMachine(const std::string& config_path, const std::vector<std::string>& sets, MachineConfig* machine,
                 std::string* error);

// `dynsim run`, with the whole argv ("dynsim", "run", ...); returns the exit status.
int RunCommandMain(int argc, char** argv);

}  // namespace dynsim

#endif  // DYNSIM_SIM_RUN_COMMAND_H
