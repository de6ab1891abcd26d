// Debug flags, gem5 style (`dynsim run --debug-flags=Exec,Syscall`): each names one kind
// of event, printed one line per event with the cycle it happened at,
//   "      123456: Syscall: write(1, 0x4000a0, 6) = 6".
// A flag that is off costs nothing: the event sources are only attached when their flag
// is on (a retire sink in front of the timing model, a listener on the OS), so a run
// without flags runs the code it ran before flags existed.
#ifndef DYNSIM_SIM_DEBUG_FLAGS_H
#define DYNSIM_SIM_DEBUG_FLAGS_H

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace dynsim {

enum class DebugFlag : uint32_t {
  kExec,      // every instruction
  kSyscall,   // every system call
  kSignal,    // every signal delivered
  kMem,       // every load and store
  kTrace,     // Dynamo starts recording a trace
  kFragment,  // Dynamo adds a fragment to its cache
  kLink,      // Dynamo links an exit to a fragment
  kLookup,    // fragment code looks up an indirect branch's target
  kFlush,     // Dynamo flushes its fragment cache
  kBailout,   // Dynamo hands the application to native execution
};

struct DebugFlagDecl {
  DebugFlag flag;
  const char* name;
  const char* doc;
};

// Every flag, in the order of the enum (and of --debug-flags=help).
const std::vector<DebugFlagDecl>& DebugFlagDecls();
// "Exec,Syscall" -> a mask of (1 << flag); false with one line naming an unknown flag.
bool ParseDebugFlags(const std::string& list, uint32_t* mask, std::string* error);
// The --debug-flags=help text: each flag and what it prints.
std::string DebugFlagsHelp();

constexpr uint32_t FlagBit(DebugFlag f) { return uint32_t{1} << static_cast<uint32_t>(f); }
// The flags whose events come from retired instructions (Exec, Mem and Dynamo's).
constexpr uint32_t kRetireFlags = FlagBit(DebugFlag::kExec) | FlagBit(DebugFlag::kMem) |
                                  FlagBit(DebugFlag::kTrace) | FlagBit(DebugFlag::kFragment) |
                                  FlagBit(DebugFlag::kLink) | FlagBit(DebugFlag::kLookup) |
                                  FlagBit(DebugFlag::kFlush) | FlagBit(DebugFlag::kBailout);
// The flags whose events come from the OS.
constexpr uint32_t kOsFlags = FlagBit(DebugFlag::kSyscall) | FlagBit(DebugFlag::kSignal);
// The events a --trace-events file shows when no --debug-flags are given: all but the
// ones of every instruction (Exec, Mem) or of every lookup miss.
constexpr uint32_t kTraceEventFlags = FlagBit(DebugFlag::kSyscall) | FlagBit(DebugFlag::kSignal) |
                                      FlagBit(DebugFlag::kTrace) | FlagBit(DebugFlag::kFragment) |
                                      FlagBit(DebugFlag::kLink) | FlagBit(DebugFlag::kFlush) |
                                      FlagBit(DebugFlag::kBailout);

class TraceEventWriter;

struct DebugOptions {
  uint32_t flags = 0;             // FlagBit()s
  uint64_t start = 0;             // first cycle printed
  uint64_t end = UINT64_MAX;      // no event at or after this cycle is printed
};

// Where the events go: a line for each event inside [start, end) to `out`, and an instant
// event to `trace` (sim/trace_events.h); either may be nullptr.
class DebugLog {
 public:
  DebugLog(const DebugOptions& options, std::ostream* out, TraceEventWriter* trace = nullptr)
      : options_(options), out_(out), trace_(trace) {}
  bool on(DebugFlag f) const { return (options_.flags & FlagBit(f)) != 0; }
  bool InWindow(uint64_t cycle) const { return cycle >= options_.start && cycle < options_.end; }
  // "%12llu: FLAG: text"
  void Line(DebugFlag f, uint64_t cycle, const std::string& text);

 private:
  DebugOptions options_;
  std::ostream* out_;
  TraceEventWriter* trace_;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_DEBUG_FLAGS_H
