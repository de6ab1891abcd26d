// The functional core: executes guest instructions against ArchState and GuestMemory with
// the shared isa/ semantics, and hands the OS model syscalls, faults and signals.
//
// Predecoded-instruction cache: a code page is decoded once, on first fetch, into an array
// of isa::Insn (decode once, run many times). What the model guarantees about code that
// the guest writes: a store to a page that holds predecoded code drops that page's
// decoded copy before the store completes (GuestMemory's code watch), and so does `fic`
// and any change that removes execute permission; so the next fetch always sees memory as
// it is. This is stronger than PA-RISC requires (software must `fdc`, `sync`, `fic`,
// `sync` before running new code), so every correct program runs correctly here.
//
// The instruction address queue and nullification are isa::step()'s (the one place that
// applies the PA-RISC rules); a nullified instruction occupies its slot in the queue,
// takes a cycle, and is counted in `nullified`, not in `instructions`. Without a timing
// model, a run of straight-line words (they cannot branch, nullify, or read the queue, the
// clock or the code) skips step's bookkeeping between them: the queue after each is the
// one before plus 4 by those rules, so it is set once, where the run ends or traps.
#ifndef DYNSIM_SIM_CORE_H
#define DYNSIM_SIM_CORE_H

#include <cstdint>
#include <memory>
#include <vector>

#include "isa/operands.h"
#include "isa/step.h"
#include "sim/retire.h"

#include "isa/insn.h"
#include "machine/arch_state.h"
#include "machine/memory.h"
#include "os_model/guest_os.h"

namespace dynsim {

enum class CoreStop { kExited, kKilled, kInstLimit, kCycleLimit };

template <bool kObserve>
class CoreStateT;

// A predecoded instruction: the decoded fields and the step function specialized for its
// pattern (see core.cc), so dispatch is one indirect call with no table lookups.
// The step function returns only what happened (isa::StepResult::Kind, one byte, so it
// travels in a register); a trap's details are left in the CoreState.
struct Predecoded {
  isa::StepResult::Kind (*step)(CoreStateT<false>& s, isa::Insn insn);
  // The same, also filling in the retire record (used when a timing model listens).
  isa::StepResult::Kind (*observed_step)(CoreStateT<true>& s, isa::Insn insn);
  // For a straight-line word (see core.cc: it neither branches, nor nullifies, nor reads
  // the queue or the clock), its semantics alone, given its address; else null.
  isa::Effect::Kind (*straight)(CoreStateT<false>& s, isa::Insn insn, uint32_t front);
  isa::Insn insn;
  // How many straight-line words start here, this one included, up to the page's end.
  uint32_t straight_run;
};

class FunctionalCore {
 public:
  FunctionalCore(ArchState* state, GuestMemory* memory, GuestOs* os, SimClock* clock);
  ~FunctionalCore();

  // Runs until the guest exits or is killed, or instructions() reaches `max_insts` (0: no
  // limit; counted from the start of the run, not of this call), or the clock reaches `cycle_limit` (checked at instruction boundaries,
  // so the clock may pass it by the last slot's cycles). Call again to continue.
  CoreStop Run(uint64_t max_insts, uint64_t cycle_limit = UINT64_MAX);

  // Counters (the stats bind to these).
  const uint64_t& instructions() const { return instructions_; }
  const uint64_t& nullified() const { return nullified_; }
  const uint64_t& pages_decoded() const { return pages_decoded_; }
  const uint64_t& code_invalidations() const { return code_invalidations_; }
  // Retired branches by kind (isa::BranchKind), and conditional branches taken.
  const uint64_t& branches(isa::BranchKind kind) const { return branches_[static_cast<unsigned>(kind)]; }
  const uint64_t& conditional_taken() const { return conditional_taken_; }
  // Misaligned loads and stores completed by emulation (as Linux's trap handler does).
  const uint64_t& unaligned_emulated() const { return unaligned_emulated_; }
  void CountUnaligned() { ++unaligned_emulated_; }
  void CountBranch(isa::BranchKind kind, bool taken) {
    ++branches_[static_cast<unsigned>(kind)];
    if (kind == isa::BranchKind::kConditional && taken) ++conditional_taken_;
  }

  // Drops the decoded copy of the page holding `addr` (fic, code writes).
  void InvalidateCode(GuestAddr addr);

  // Sends a RetireRecord per instruction slot to `sink` (nullptr: none, the fast path).
  void set_retire_sink(RetireSink* sink) { sink_ = sink; }

 private:
  struct CodePage {
    Predecoded insns[GuestMemory::kPageSize / 4];
  };
  // The predecoded instruction at pc, or nullptr if fetch fails (WhyFetchFails says why).
  const Predecoded* Fetch(GuestAddr pc) {
    CodePage* code = pages_[pc >> GuestMemory::kPageBits].get();
    if (__builtin_expect(code != nullptr, 1)) return &code->insns[(pc & GuestMemory::kPageMask) >> 2];
    return FetchSlow(pc);
  }
  const Predecoded* FetchSlow(GuestAddr pc);
  MemFault WhyFetchFails(GuestAddr pc) const;
  CodePage* DecodePage(uint32_t page);
  template <bool kObserve>
  CoreStop RunLoop(uint64_t max_insts, uint64_t cycle_limit);
  template <bool kObserve>
  bool RunSlots(CoreStateT<kObserve>& cs, uint64_t attention, uint64_t allowed);
  // Runs up to `n` straight-line words from `decoded` (at queue front `front`).
  struct StraightResult {
    uint32_t slots;  // slots run (a trapping one included)
    bool trapped;
  };
  StraightResult RunStraight(CoreStateT<false>& cs, const Predecoded* decoded, uint32_t n, uint32_t front);

  ArchState* state_;
  GuestMemory* memory_;
  GuestOs* os_;
  SimClock* clock_;
  RetireSink* sink_ = nullptr;
  std::vector<std::unique_ptr<CodePage>> pages_;  // by page number; null: not decoded
  uint64_t instructions_ = 0;
  uint64_t nullified_ = 0;
  uint64_t pages_decoded_ = 0;
  uint64_t code_invalidations_ = 0;
  uint64_t branches_[8] = {};
  uint64_t conditional_taken_ = 0;
  uint64_t unaligned_emulated_ = 0;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_CORE_H
