// The interpreter: executes application instructions one at a time on the app context with
// the shared isa/ semantics (isa::step, the one place that applies the PA-RISC rules for
// the instruction address queue, delay slots and nullification), until something needs
// the dispatcher: a system call, a trap, a hot trace head or a fragment's head.
//
// Application memory is Dynamo's own address space: loads and stores are plain accesses,
// after a PROBEI,R so that an access that would fault is reported as a trap instead of
// faulting inside Dynamo (the dispatcher then lets the hardware raise it natively, with
// the application's exact state).
#ifndef DYNSIM_DYNAMO_INTERPRETER_H
#define DYNSIM_DYNAMO_INTERPRETER_H

#include <stdint.h>

#include "dynamo/app_pc.h"
#include "dynamo/context.h"
#include "dynamo/counters.h"
#include "dynamo/fragment_cache.h"
#include "dynamo/monitor.h"
#include "isa/insn.h"
#include "isa/state.h"

namespace dynamo {

class AppState;  // the isa/state.h State over the app context (interpreter.cc)

// What one interpreted instruction slot did (the first four are isa::StepResult::Kind's).
enum class Event : uint8_t { kRetired, kNullified, kTrap, kGateway, kBackwardTaken };
// One instruction form's step, specialized at compile time (see interpreter.cc).
using StepFn = Event (*)(AppState& s, const isa::Insn& insn);

// Decode once, run many times: a direct-mapped table from app pc to the decoded
// instruction and its specialized step function.
// Invariants: an entry whose `iaoq` is an app pc with the user privilege level (pc | 3,
// the queue value the application runs it with) holds the decoding of the word at that pc
// as of the last fill or flush; `iaoq` == kEmpty (1: address 0, which holds no
// application code, at privilege 1) or 0 (the zero-initialized cache: no queue value has
// privilege 0 at address 0 either) marks a free entry. The application's `fic` empties the entries
// of the flushed line, which is all PA-RISC promises about code that changes (software
// must fdc, sync, fic, sync before running written code).
class DecodeCache {
 public:
  // 1 MiB of entries, the PA-8000's D-cache. Measured at train on vortex and perl: half that
  // costs 5% and 3% more interpreter cycles (refills of conflicting entries), a quarter 20%;
  // twice that, 1% more.
  static constexpr uint32_t kEntries = 1u << 15;
  static constexpr uint32_t kEmpty = 1;
  // 32 bytes, so that indexing is one shift.
  struct Entry {
    uint32_t iaoq;
    StepFn step;
    isa::Insn insn;
    const void* label;  // Interpreter::Run's code for the instruction's form (interpreter.cc)
    uint32_t pad;
  };
  static_assert(sizeof(Entry) == 32, "a power of two");

  static constexpr uint32_t kUserPrivilege = 3;
  void Clear();
  // The entry the queue value `iaoq` maps to; it holds that instruction iff
  // entry.iaoq == iaoq (a queue value at another privilege level never hits).
  const Entry& Slot(uint32_t iaoq) const { return entries_[Index(iaoq)]; }
  // Decodes the instruction at `pc` into its entry; nullptr if it cannot be read.
  const Entry* Fill(AppPc pc);
  // Empties the entry holding queue value `iaoq`, if it does.
  void Forget(uint32_t iaoq);
  // Empties the entries of the `line_bytes`-byte line holding `addr`.
  void FlushLine(uint32_t addr, uint32_t line_bytes);
  // Interpreter::Run's step labels, indexed by instruction form, which Fill stores in each
  // entry; a new table empties the cache.
  void SetLabels(const void* const* labels);

 private:
  static uint32_t Index(uint32_t pc) { return (pc >> 2) & (kEntries - 1); }
  Entry entries_[kEntries];
  const void* const* labels_;  // null until SetLabels (the cache is static, zero-initialized)
  bool filled_;                // any entry filled since the start (zero-initialized: none)
};

// Why Interpreter::Run returned.
enum class InterpStop : uint8_t {
  kGateway,     // the queue's front reached the gateway page (the branch and its delay slot ran)
  kTrap,        // the instruction at the front traps; nothing of it was committed
  kFetchFault,  // the instruction at the front cannot be read
  kTraceHead,   // the monitor stopped at a trace-head candidate: the backward branch retired,
                // its delay slot is at the front and the candidate at the back
  kSignal,      // a signal arrived (signals.h): a backward branch retired, deliver it
  kFragmentHead,  // the front is a fragment's head with a plain queue (back = front + 4,
                  // PSW[N] clear), reached by a taken backward branch: enter the cache
};

class Interpreter {
 public:
  // `icache_line_bytes`: how much code one application `fic` flushes (the machine's line).
  // `fragments` hears of the application's FICs (FragmentCache::InvalidateLine).
  Interpreter(AppContext* ctx, DecodeCache* cache, Monitor* monitor, FragmentCache* fragments, Counters* counters,
              uint32_t icache_line_bytes)
      : ctx_(ctx),
        cache_(cache),
        monitor_(monitor),
        fragments_(fragments),
        counters_(counters),
        line_bytes_(icache_line_bytes) {}

  // Interprets from the context's IAOQ until a stop; the context is then exactly the
  // application's state before the instruction at iaoq_front.
  InterpStop Run();
  // After kTrap: why the instruction at the context's front traps (its Effect).
  isa::Effect TrapEffect();

  // Called after Run stopped with kTraceHead (the backward branch's delay slot at the
  // front, `head` at the back): interprets exactly as Run does, and records every
  // instruction from `head` on (from the one after it if the delay slot nullifies `head`:
  // trace->head says which) into `trace` until the trace ends (Trace::end): after the
  // delay slot of a backward taken branch, of a taken branch to a fragment's head in
  // `cache`, or of the branch that ends the `max_blocks`th block; at a system call
  // (returns kGateway); or at kMaxTraceInsns instructions. A trap or fetch fault returns
  // as in Run with trace->end == kAbandoned. Returns kTraceHead when the trace ended
  // without a stop of Run's kinds.
  InterpStop Record(AppPc head, uint32_t max_blocks, const FragmentCache& cache, Trace* trace);

  // trace_through_calls: a direct call (b,l with a link) is neither a backward branch nor
  // a trace end, so callees are recorded into their callers' traces (where the optimizer
  // folds their returns) instead of becoming fragments that return to many callers.
  static void SetTraceThroughCalls(bool on);

 private:
  // The monitor's decision at a taken backward branch, out of Run's flattened loop.
  HeadAction AtBackwardBranch(AppPc target);

  AppContext* ctx_;
  DecodeCache* cache_;
  Monitor* monitor_;
  FragmentCache* fragments_;
  Counters* counters_;
  uint32_t line_bytes_;
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_INTERPRETER_H
