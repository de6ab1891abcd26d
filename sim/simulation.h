// One simulation run: a guest program loaded into a fresh machine, executed to its end or
// to a limit, with its statistics. A run is a pure function of (binary, options): no host
// time, no host environment, no unseeded randomness reaches the guest.
#ifndef DYNSIM_SIM_SIMULATION_H
#define DYNSIM_SIM_SIMULATION_H

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "os_model/elf_loader.h"
#include "os_model/guest_os.h"
#include "sim/config.h"
#include "sim/arch_state.h"
#include "sim/memory.h"
#include "sim/retire.h"
#include "sim/stats.h"

namespace dynsim {

class FunctionalCore;

struct RunOptions {
  std::string program;
  std::vector<std::string> args;  // after the program name
  std::vector<std::string> env;   // NAME=VALUE; empty by default (deterministic)
  uint64_t max_insts = 0;         // 0: no limit
  std::vector<FsGrant> fs_roots;
  MachineConfig machine = DefaultConfig();  // the clock and the seed come from here
};

enum class RunEnd {
  kExited,      // the guest called exit; status() is its status
  kKilled,      // a signal's default action; status() is 128 + signo
  kInstLimit,   // --max-insts reached
};

class Simulation {
 public:
  // `log` gets the simulator's diagnostics (never the guest's output).
  Simulation(const RunOptions& options, std::ostream* log);
  ~Simulation();

  // Loads the program and builds the process; false with a one-line error on bad input.
  bool Load(std::string* error);
  RunEnd Run();
  int status() const;
  // A one-line description of how the run ended ("killed by SIGSEGV at pc 0x10234").
  std::string EndMessage(RunEnd end) const;

  StatGroup& stats() { return stats_; }
  // Attaches a timing model's sink for retire records (after Load, before Run).
  void set_retire_sink(RetireSink* sink);
  uint64_t instructions() const;
  const ElfImage& image() const { return image_; }

 private:
  void DeclareStats();

  RunOptions options_;
  std::ostream* log_;
  GuestMemory memory_;
  SimClock clock_;
  ArchState state_;
  ElfImage image_;
  std::unique_ptr<GuestOs> os_;
  std::unique_ptr<FunctionalCore> core_;
  StatGroup stats_{"dynsim"};
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_SIMULATION_H
