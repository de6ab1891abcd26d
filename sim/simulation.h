// One simulation run: a guest program loaded into a fresh machine, executed to its end or
// to a limit, with its statistics. A run is a pure function of (binary, options): no host
// time, no host environment, no unseeded randomness reaches the guest.
#ifndef DYNSIM_SIM_SIMULATION_H
#define DYNSIM_SIM_SIMULATION_H

#include <csignal>
#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "dynamo/boot.h"
#include "machine/arch_state.h"
#include "machine/memory.h"
#include "os_model/elf_loader.h"
#include "os_model/guest_os.h"
#include "sim/config.h"
#include "sim/debug_flags.h"
#include "sim/dynamo_counters.h"
#include "sim/regions.h"
#include "sim/retire.h"
#include "sim/stats.h"
#include "sim/timing_model.h"

namespace dynsim {

class FunctionalCore;
class GdbStub;

struct RunOptions {
  std::string program;
  std::vector<std::string> args;  // after the program name
  // The guest's argv[0] (empty: `program`). Its length moves the initial stack, and so
  // alignments and cycles: a run from another directory can keep the same figures.
  std::string argv0;
  std::vector<std::string> env;   // NAME=VALUE; empty by default (deterministic)
  uint64_t max_insts = 0;         // 0: no limit
  std::vector<FsGrant> fs_roots;
  MachineConfig machine = DefaultConfig();  // the clock, the seed and the timing model
  // Charge cycles and instructions to regions even without a timing model (core.model =
  // functional); with one they always are.
  bool profile = false;
  std::vector<RegionGroupRule> region_rules;  // function -> group table (--regions FILE)
  // --dynamo: run the program under Dynamo, loaded beside it (dynamo/README.md).
  bool dynamo = false;
  std::string dynamo_config;  // Dynamo's YAML configuration; "": its defaults
  std::string dynamo_elf;     // Dynamo's guest ELF; "": the one built beside dynsim
  // Set asynchronously (a SIGINT handler) to stop the run at the next slice's end, an
  // instruction boundary; nullptr: the run cannot be interrupted.
  const volatile std::sig_atomic_t* stop_request = nullptr;
  // --debug-flags: which events to print, and where (nullptr: the log).
  DebugOptions debug;
  std::ostream* debug_out = nullptr;
  // --trace-events: the run's phases and events as a Chrome trace-event file.
  std::ostream* trace_events_out = nullptr;
  // --dump-fragments (with --dynamo): every fragment Dynamo built, at each flush and at the end.
  std::ostream* fragment_dump_out = nullptr;
};

class Timeline;
class Progress;
class DebugTraceSink;
class OsDebugEvents;
class TraceEventWriter;
class PhaseTraceSink;
class FragmentDumpSink;

enum class RunEnd {
  kExited,      // the guest called exit; status() is its status
  kKilled,      // a signal's default action; status() is 128 + signo
  kInstLimit,   // --max-insts reached
  kInterrupted, // RunOptions::stop_request was set
};

class Simulation : private SimulatorCalls {
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
  const StatGroup& stats() const { return stats_; }
  const RunOptions& options() const { return options_; }
  // Samples the run every timeline->interval() cycles (after Load, before Run).
  void set_timeline(Timeline* timeline) { timeline_ = timeline; }
  // Refreshes a progress line between slices (after Load, before Run).
  void set_progress(Progress* progress) { progress_ = progress; }
  // Serves a connected gdb (sim/gdb_stub.h) from the first instruction on (after Load,
  // before Run): while it is attached the run stops at every instruction boundary.
  void set_gdb(GdbStub* gdb) { gdb_ = gdb; }
  // Replaces the timing model with another sink for retire records (after Load, before
  // Run); tests use it to see every record.
  void set_retire_sink(RetireSink* sink);
  // The timing model core.model chose (nullptr for `functional` without profiling), and
  // the region attribution over it (nullptr likewise). Region totals are final after Run.
  const TimingModel* timing_model() const { return model_.get(); }
  const RegionProfiler* regions() const { return profiler_.get(); }
  // Simulated cycles: the timing model's, plus the OS's.
  uint64_t cycles() const { return clock_.cycles; }
  uint64_t instructions() const;
  const ElfImage& image() const { return image_; }
  // With --dynamo: Dynamo's configuration as loaded and its image; else nullptr / empty.
  const dynamo::BootConfig* dynamo_config() const { return options_.dynamo ? &dynamo_config_ : nullptr; }
  const ElfImage& dynamo_image() const { return dynamo_image_; }
  // Dynamo's counters as they stand in guest memory now (empty without Dynamo), in the
  // order of DynamoCounterDecls().
  std::vector<uint64_t> DynamoCountersNow() const { return dynamo_counters_.Read(memory_); }
  // Cycles by region group so far, as RegionProfiler::group_cycles() will be at the end
  // (empty without a profiler).
  std::map<std::string, uint64_t> GroupCyclesNow() const;

 private:
  void DeclareStats();
  void AttachDebugEvents();
  bool StartDynamo(std::string* error);
  void AnnounceRegion(const std::string& name, uint32_t lo, uint32_t hi) override;
  void ReportCounter(const std::string& name, uint64_t value) override;

  RunOptions options_;
  std::ostream* log_;
  GuestMemory memory_;
  SimClock clock_;
  ArchState state_;
  ElfImage image_;
  ElfImage dynamo_image_;  // with --dynamo
  dynamo::BootConfig dynamo_config_{};
  DynamoCounterBlock dynamo_counters_;
  Timeline* timeline_ = nullptr;
  Progress* progress_ = nullptr;
  GdbStub* gdb_ = nullptr;
  std::unique_ptr<GuestOs> os_;
  std::unique_ptr<FunctionalCore> core_;
  std::unique_ptr<TimingModel> model_;
  std::unique_ptr<RegionProfiler> profiler_;
  std::unique_ptr<RetireSink> sink_;  // model_ then profiler_, as the core sees them
  // With --debug-flags: the events' log, and their sources in front of sink_ and on the OS.
  std::unique_ptr<DebugLog> debug_log_;
  ElfImage dynamo_named_image_;  // Dynamo's symbols demangled, for the debug sink
  std::unique_ptr<DebugTraceSink> debug_sink_;
  std::unique_ptr<OsDebugEvents> os_events_;
  std::unique_ptr<TraceEventWriter> trace_writer_;
  std::unique_ptr<PhaseTraceSink> phase_sink_;
  std::unique_ptr<FragmentDumpSink> fragment_dump_;
  // What the SystemC system (sim/system.h) reported at the end of Run.
  double systemc_seconds_ = 0;
  uint64_t systemc_timer_interrupts_ = 0;
  std::map<std::string, uint64_t> guest_counters_;  // reported by guest software
  StatGroup stats_{"dynsim"};
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_SIMULATION_H
