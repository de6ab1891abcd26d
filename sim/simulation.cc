#include "sim/simulation.h"

#include <csignal>
#include <cstdio>
#include <type_traits>

#include "dynamo/config.h"
#include "isa/operands.h"
#include "os_model/dynamo_loader.h"
#include "os_model/process.h"
#include "sim/core.h"
#include "sim/debug_trace.h"
#include "sim/fragment_dump.h"
#include "sim/gdb_stub.h"
#include "sim/inorder_model.h"
#include "sim/ooo_model.h"
#include "sim/system.h"
#include "sim/progress.h"
#include "sim/timeline.h"
#include "sim/trace_events.h"

namespace dynsim {
namespace {

// A timing model and the core's sink over it: the model, then the region charge,
// devirtualized for the model's type.
struct Timing {
  std::unique_ptr<TimingModel> model;
  std::unique_ptr<RetireSink> sink;
};

template <class Model>
Timing TimingOver(std::unique_ptr<Model> model, RegionProfiler* regions) {
  if constexpr (!std::is_same_v<Model, FunctionalTiming>) {
    regions->SplitInstructionCache(&model->icache().counters());
    regions->SplitInstructionTlb(&model->tlb().fetch_counters());
  }
  auto sink = std::make_unique<AttributedTiming<Model>>(model.get(), regions);
  return {std::move(model), std::move(sink)};
}

// The timing model `core.model` names.
Timing MakeTiming(const MachineConfig& config, RegionProfiler* regions) {
  switch (config.core.model) {
    case CoreModel::kInorder: return TimingOver(std::make_unique<InOrderModel>(config), regions);
    case CoreModel::kOoo: return TimingOver(std::make_unique<OooModel>(config), regions);
    case CoreModel::kFunctional: return TimingOver(std::make_unique<FunctionalTiming>(), regions);
  }
  return {};
}

}  // namespace

Simulation::Simulation(const RunOptions& options, std::ostream* log) : options_(options), log_(log) {
  clock_.hz = uint64_t{options.machine.clock_mhz} * 1000000;
}

Simulation::~Simulation() = default;

bool Simulation::Load(std::string* error) {
  memory_.set_limit_bytes(uint64_t{options_.machine.memory.limit_mb} << 20);
  if (!ReadElf(options_.program, &image_, error)) return false;
  if (!LoadElf(image_, &memory_, error)) return false;
  OsConfig os_config;
  os_config.random_seed = options_.machine.seed;
  os_config.fs_roots = options_.fs_roots;
  os_ = std::make_unique<GuestOs>(&memory_, &clock_, os_config, log_);
  os_->set_simulator_calls(this);
  if (!os_->Start(image_, error)) return false;
  ProcessSpec spec;
  spec.argv.push_back(options_.argv0.empty() ? options_.program : options_.argv0);
  spec.argv.insert(spec.argv.end(), options_.args.begin(), options_.args.end());
  spec.envp = options_.env;
  os_->RandomBytes(spec.random_bytes, sizeof spec.random_bytes);
  if (!SetUpProcess(image_, spec, &memory_, &state_, error)) {
    *error = options_.program + ": " + *error;
    return false;
  }
  if (options_.dynamo && !StartDynamo(error)) return false;
  core_ = std::make_unique<FunctionalCore>(&state_, &memory_, os_.get(), &clock_);
  // `functional` without profiling needs no sink: the core counts one cycle a slot itself,
  // on its fastest path.
  if (options_.machine.core.model != CoreModel::kFunctional || options_.profile ||
      (options_.debug.flags & kRetireFlags) || options_.trace_events_out || options_.fragment_dump_out) {
    std::vector<RegionGroupRule> rules = options_.region_rules;
    if (options_.dynamo) rules.push_back({"dynamo::*", "dynamo"});  // after the user's rules
    profiler_ = std::make_unique<RegionProfiler>(rules);
    profiler_->AddImage(image_);
    if (options_.dynamo) profiler_->AddImage(DynamoImageForProfile(dynamo_image_));
    Timing timing = MakeTiming(options_.machine, profiler_.get());
    model_ = std::move(timing.model);
    sink_ = std::move(timing.sink);
    core_->set_retire_sink(sink_.get());
  }
  AttachDebugEvents();
  DeclareStats();
  return true;
}

// Only the sources the flags need are attached: with no flag, the core and the OS run as
// they do without debug flags at all.
void Simulation::AttachDebugEvents() {
  if (options_.dynamo) dynamo_named_image_ = DynamoImageForProfile(dynamo_image_);
  if (options_.fragment_dump_out && options_.dynamo) {
    fragment_dump_ = std::make_unique<FragmentDumpSink>(sink_.get(), &clock_, &state_, &memory_, &dynamo_named_image_,
                                                        dynamo_counters_.addr(), options_.fragment_dump_out);
    core_->set_retire_sink(fragment_dump_.get());
  }
  RetireSink* const base = fragment_dump_ ? static_cast<RetireSink*>(fragment_dump_.get()) : sink_.get();
  DebugOptions debug = options_.debug;
  std::ostream* text = debug.flags ? (options_.debug_out ? options_.debug_out : log_) : nullptr;
  if (options_.trace_events_out) {
    if (!debug.flags) debug.flags = kTraceEventFlags;
    trace_writer_ = std::make_unique<TraceEventWriter>(options_.trace_events_out, clock_.hz);
    phase_sink_ = std::make_unique<PhaseTraceSink>(base, profiler_.get(), &clock_, trace_writer_.get());
    core_->set_retire_sink(phase_sink_.get());
  }
  if (!debug.flags) return;
  debug_log_ = std::make_unique<DebugLog>(debug, text, trace_writer_.get());
  if (debug.flags & kRetireFlags) {
    RetireSink* next = phase_sink_ ? static_cast<RetireSink*>(phase_sink_.get()) : base;
    debug_sink_ = std::make_unique<DebugTraceSink>(next, debug_log_.get(), &clock_, &state_, &memory_,
                                                   options_.dynamo ? &dynamo_named_image_ : nullptr,
                                                   dynamo_counters_.addr());
    core_->set_retire_sink(debug_sink_.get());
  }
  if (debug.flags & kOsFlags) {
    os_events_ = std::make_unique<OsDebugEvents>(debug_log_.get(), &clock_);
    os_->set_event_listener(os_events_.get());
  }
}

// --dynamo: the application's process is built as for a native run; then Dynamo's
// configuration is validated and its image loaded beside the application, and the machine
// starts in Dynamo (os_model/dynamo_loader.h).
bool Simulation::StartDynamo(std::string* error) {
  DynamoBootSpec spec;
  spec.config = dynamo::DefaultDynamoConfig();
  if (!options_.dynamo_config.empty() && !dynamo::LoadDynamoConfigFile(options_.dynamo_config, &spec.config, error))
    return false;
  spec.elf_path = options_.dynamo_elf.empty() ? FindDynamoElf() : options_.dynamo_elf;
  if (spec.elf_path.empty()) {
    *error = "cannot find Dynamo's ELF beside dynsim (build //dynamo:dynamo, or give --dynamo-elf PATH)";
    return false;
  }
  spec.icache_line_bytes = options_.machine.icache.line_bytes;
  dynamo_config_ = spec.config;
  DynamoPlacement placement;
  if (!LoadDynamo(spec, image_, &memory_, &state_, &dynamo_image_, &placement, error)) return false;
  if (!dynamo_counters_.Find(dynamo_image_, error)) return false;
  os_->SetCallsOnBehalf(placement.code_lo, placement.code_hi, placement.app_return_addr);
  return true;
}

void Simulation::DeclareStats() {
  stats_.Counter("cycles", "cycles",
                 "simulated cycles: the timing model's (core.model; functional: one per instruction slot) "
                 "plus the OS's",
                 &clock_.cycles);
  stats_.Counter("instructions", "count", "guest instructions retired (nullified ones excluded)",
                 &core_->instructions());
  stats_.Formula("ipc", "ratio", "instructions per cycle", [this] {
    return static_cast<double>(core_->instructions()) / static_cast<double>(clock_.cycles);
  });
  stats_.Formula("sim_seconds", "s", "simulated time at the configured clock", [this] {
    return static_cast<double>(clock_.cycles) / static_cast<double>(clock_.hz);
  });
  StatGroup& systemc = stats_.Group("systemc");
  systemc.Formula("seconds", "s", "SystemC time at the end of the run (equals sim_seconds to the picosecond)",
                  [this] { return systemc_seconds_; });
  systemc.Counter("timer_interrupts", "count",
                  "the OS's timer interrupts (earliest cycle an interval timer can expire), each an sc_event at its "
                  "simulated time",
                  &systemc_timer_interrupts_);
  StatGroup& core = stats_.Group("core");
  core.Counter("nullified", "count", "instructions nullified (PSW[N]) instead of executed", &core_->nullified());
  core.Counter("code_pages_decoded", "count", "code pages predecoded (first fetch or after invalidation)",
               &core_->pages_decoded());
  core.Counter("code_invalidations", "count", "predecoded pages dropped by stores to code or fic",
               &core_->code_invalidations());
  core.Counter("unaligned_emulated", "count",
               "misaligned loads and stores completed by emulation, as Linux's unaligned trap handler does",
               &core_->unaligned_emulated());
  core.Counter("idle_cycles", "cycles", "cycles the guest spent sleeping (nanosleep, sigsuspend)",
               &clock_.idle_cycles);
  StatGroup& branches = core.Group("branches");
  static const struct {
    isa::BranchKind kind;
    const char* name;
    const char* doc;
  } kKinds[] = {
      {isa::BranchKind::kConditional, "conditional", "conditional branches retired (cmpb, addib, bb, ...)"},
      {isa::BranchKind::kUnconditional, "unconditional", "direct branches without a link"},
      {isa::BranchKind::kCall, "call", "direct calls (b,l with a link register)"},
      {isa::BranchKind::kIndirect, "indirect", "indirect branches that are neither calls nor returns"},
      {isa::BranchKind::kIndirectCall, "indirect_call", "indirect calls (ble, blr and bve,l with a link)"},
      {isa::BranchKind::kReturn, "return", "returns (bv r0(rp), bve (rp))"},
      {isa::BranchKind::kSyscall, "syscall", "system calls (be,l 0x100(sr2,r0))"},
  };
  for (const auto& k : kKinds) branches.Counter(k.name, "count", k.doc, &core_->branches(k.kind));
  branches.Counter("conditional_taken", "count", "conditional branches taken", &core_->conditional_taken());
  branches.Formula("taken_fraction", "ratio", "fraction of conditional branches taken", [this] {
    return static_cast<double>(core_->conditional_taken()) /
           static_cast<double>(core_->branches(isa::BranchKind::kConditional));
  });
  if (model_) model_->RegisterStats(stats_.Group("timing"));
  if (profiler_) profiler_->RegisterStats(stats_.Group("regions"));
  stats_.Group("guest").Map("counters", "count",
                            "counters guest software reported through dynsim's simulator call "
                            "(Dynamo's fragments, links, exits, ...)",
                            &guest_counters_, DynamoCounterDoc);
  StatGroup& os = stats_.Group("os");
  os.Map("syscalls", "count", "system calls by name", &os_->syscall_counts());
  os.Map("unsupported_syscalls", "count", "system calls answered with ENOSYS (not modeled), by name",
         &os_->unsupported_counts());
  os.Map("signals_delivered", "count", "signals delivered or acted on, by name", &os_->signal_counts());
}

namespace {

// Between slices: a pending stop request ends the run; the timeline samples at its
// boundaries; the progress line refreshes; an attached gdb looks at every instruction
// boundary (slices of one instruction).
class RunObserver final : public SliceObserver {
 public:
  // How often a stop request is looked at, at the latest: about 6 ms of simulated time.
  static constexpr uint64_t kStopCheckCycles = uint64_t{1} << 20;

  RunObserver(const volatile std::sig_atomic_t* stop_request, Timeline* timeline, Progress* progress,
              const SimClock* clock, GdbStub* gdb, const FunctionalCore* core)
      : stop_request_(stop_request), timeline_(timeline), progress_(progress), clock_(clock), gdb_(gdb), core_(core) {}
  uint64_t NextStop() const override {
    if (gdb_ && gdb_->attached()) return clock_->cycles + 1;
    uint64_t next = stop_request_ || progress_ ? clock_->cycles + kStopCheckCycles : UINT64_MAX;
    if (timeline_) next = std::min(next, timeline_->next_boundary());
    return next;
  }
  uint64_t NextInstStop() const override {
    return gdb_ && gdb_->attached() ? core_->instructions() + 1 : UINT64_MAX;
  }
  bool AtSliceEnd(uint64_t cycles) override {
    if (timeline_ && cycles >= timeline_->next_boundary()) timeline_->Sample();
    if (progress_) progress_->Tick();
    if (gdb_ && gdb_->attached() && !gdb_->AtBoundary()) return false;  // gdb killed it
    return !(stop_request_ && *stop_request_);
  }

 private:
  const volatile std::sig_atomic_t* stop_request_;
  Timeline* timeline_;
  Progress* progress_;
  const SimClock* clock_;
  GdbStub* gdb_;
  const FunctionalCore* core_;
};

}  // namespace

RunEnd Simulation::Run() {
  // The machine runs as a SystemC model (sim/system.h), in a kernel of its own; the core
  // does the work in slices between quantum boundaries and timer events.
  SystemParts parts{&memory_, os_.get(), core_.get(), &state_, &clock_};
  RunObserver observer(options_.stop_request, timeline_, progress_, &clock_, gdb_, core_.get());
  const bool observed = options_.stop_request || timeline_ || progress_ || gdb_;
  SystemRun run;
  if (gdb_) gdb_->Attach(&state_, &memory_);
  if (gdb_ && !gdb_->Start())
    run.interrupted = true;  // gdb killed the guest before its first instruction
  else
    run = RunSystem(parts, options_.machine.quantum_cycles, options_.max_insts, log_, observed ? &observer : nullptr);
  if (gdb_) {  // how the run ended, for gdb
    if (run.interrupted)
      gdb_->ReportEnd(0, SIGKILL);
    else if (run.stop == CoreStop::kKilled)
      gdb_->ReportEnd(os_->exit_status(), os_->killed_by());
    else if (run.stop == CoreStop::kInstLimit)
      gdb_->ReportEnd(124, 0);  // dynsim's status for --max-insts
    else
      gdb_->ReportEnd(os_->exit_status(), 0);
  }
  systemc_seconds_ = run.systemc_seconds;
  systemc_timer_interrupts_ += run.timer_interrupts;
  CoreStop stop = run.stop;
  if (timeline_) timeline_->Sample();  // the last, partial interval
  if (progress_) progress_->Finish();
  if (phase_sink_) phase_sink_->Finish();
  if (fragment_dump_) fragment_dump_->Finish();
  if (trace_writer_) trace_writer_->Finish();
  if (profiler_) profiler_->Finish(clock_.cycles);
  if (run.interrupted) return RunEnd::kInterrupted;
  switch (stop) {
    case CoreStop::kCycleLimit:  // no cycle limit was given
    case CoreStop::kExited: return RunEnd::kExited;
    case CoreStop::kKilled: return RunEnd::kKilled;
    case CoreStop::kInstLimit: return RunEnd::kInstLimit;
  }
  return RunEnd::kExited;
}

void Simulation::AnnounceRegion(const std::string& name, uint32_t lo, uint32_t hi) {
  if (profiler_) profiler_->AnnounceRange(name, lo, hi);
}

void Simulation::ReportCounter(const std::string& name, uint64_t value) { guest_counters_[name] = value; }

std::map<std::string, uint64_t> Simulation::GroupCyclesNow() const {
  return profiler_ ? profiler_->GroupCyclesSoFar(clock_.cycles) : std::map<std::string, uint64_t>{};
}

void Simulation::set_retire_sink(RetireSink* sink) { core_->set_retire_sink(sink); }

int Simulation::status() const { return os_->exit_status(); }

uint64_t Simulation::instructions() const { return core_ ? core_->instructions() : 0; }

std::string Simulation::EndMessage(RunEnd end) const {
  char buf[160];
  switch (end) {
    case RunEnd::kExited:
      std::snprintf(buf, sizeof buf, "guest exited with status %d", os_->exit_status());
      break;
    case RunEnd::kKilled:
      std::snprintf(buf, sizeof buf, "guest killed by %s at pc 0x%x", SignalName(os_->killed_by()),
                    os_->killed_at_pc());
      break;
    case RunEnd::kInstLimit:
      std::snprintf(buf, sizeof buf, "stopped at the instruction limit (--max-insts %llu) at pc 0x%x",
                    static_cast<unsigned long long>(options_.max_insts), state_.pc());
      break;
    case RunEnd::kInterrupted:
      std::snprintf(buf, sizeof buf, "interrupted at pc 0x%x after %llu instructions", state_.pc(),
                    static_cast<unsigned long long>(instructions()));
      break;
  }
  return buf;
}

}  // namespace dynsim
