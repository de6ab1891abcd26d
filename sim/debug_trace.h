// The event sources of the debug flags (sim/debug_flags.h), attached only when a flag
// needs them:
//   - DebugTraceSink sits in front of the core's retire sink and sees every retired
//     instruction: Exec and Mem lines, and Dynamo's events. It recognizes those by the
//     entry pc of the Dynamo function that starts each, found in Dynamo's symbols, when
//     the function's arguments tell more (Interpreter::Record: the trace's head;
//     FragmentCache::Add: its length), and otherwise by Dynamo's store to the counter
//     that counts the event (counters.links for a link): a counter is bumped exactly
//     once per event even where the compiler inlined the function that bumps it.
//     Watching from the host costs the guest nothing, so a run's cycles are the same
//     with flags as without.
//   - OsDebugEvents listens to the OS: Syscall and Signal lines.
#ifndef DYNSIM_SIM_DEBUG_TRACE_H
#define DYNSIM_SIM_DEBUG_TRACE_H

#include <cstdint>
#include <string>
#include <vector>

#include "machine/arch_state.h"
#include "machine/memory.h"
#include "os_model/elf_loader.h"
#include "os_model/guest_os.h"
#include "sim/debug_flags.h"
#include "sim/retire.h"

namespace dynsim {

class DebugTraceSink final : public RetireSink {
 public:
  // `inner` is the sink the core had (the timing model). `dynamo` is Dynamo's image with
  // demangled names (DynamoImageForProfile) and `counters_addr` its counter block, or
  // nullptr and 0 without Dynamo.
  DebugTraceSink(RetireSink* inner, DebugLog* log, const SimClock* clock, const ArchState* state,
                 const GuestMemory* memory, const ElfImage* dynamo, uint32_t counters_addr);
  uint32_t Retire(const RetireRecord& r) override;

 private:
  enum class Probe { kTraceStart, kFragmentAdd };
  struct DynamoEntry {
    uint32_t pc;
    DebugFlag flag;
    Probe probe;
  };
  void Exec(const RetireRecord& r, uint64_t cycle);
  void DynamoEvent(const DynamoEntry& e, uint64_t cycle);
  void CounterEvent(uint32_t index, uint64_t cycle);
  uint32_t Word(uint32_t addr) const;

  RetireSink* inner_;
  DebugLog* log_;
  const SimClock* clock_;
  const ArchState* state_;
  const GuestMemory* memory_;
  bool exec_, mem_;
  std::vector<DynamoEntry> dynamo_entries_;  // sorted by pc, only the flags that are on
  uint32_t dynamo_lo_ = 0, dynamo_hi_ = 0;   // the entries' pc range, a quick filter
  // The counter block, and the flag of each counter's event (none: kCount).
  uint32_t counters_addr_ = 0, counters_end_ = 0;
  std::vector<uint32_t> counter_flag_;  // DebugFlag, or UINT32_MAX for no event
};

class OsDebugEvents final : public OsEventListener {
 public:
  OsDebugEvents(DebugLog* log, const SimClock* clock) : log_(log), clock_(clock) {}
  void OnSyscall(uint32_t nr, const uint32_t args[6], int64_t result) override;
  void OnSignal(int signo, const ArchState& state) override;

 private:
  DebugLog* log_;
  const SimClock* clock_;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_DEBUG_TRACE_H
