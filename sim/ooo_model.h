// The `ooo` timing model: a PA-8000-like out-of-order approximation in the interval-
// simulation style (DESIGN.md, "Timing models"; Sniper's IntervalTimer and Eyerman et al.,
// "A mechanistic performance model for superscalar out-of-order processors", TOCS 2009).
// It consumes the functional core's retire records in program order and never touches
// architectural state.
//
// Each record gets three timestamps, computed once, in O(1), with no per-cycle loop:
// dispatch D, completion C and retirement R (cycles; the clock starts at 0). W is
// core.dispatch_width, N is core.rob_entries.
//
//   Front end. Instructions are fetched one I-cache line at a time: when a slot's pc lies
//   in a different line from the last one fetched, the line goes through the I-TLB and the
//   I-cache (through the micro-TLB when there is one). The hit latency is pipelined away; a stall s beyond it (TLB miss + cache miss)
//   sets fetch_ready = max(fetch_ready, first free dispatch cycle) + s. Branches are
//   resolved by bpred::BranchPredictor at their record and redirect the front end:
//     misprediction (direction or target):     fetch_ready = C_branch + mispredict_penalty
//     correctly predicted taken, no BTAC hit:   fetch_ready = D_branch + 1 + taken_bubble
//   (the interval model's branch resolution time plus front-end refill; a bubble, being
//   measured from dispatch, is hidden when the back end is the bottleneck). PA-RISC
//   branches are delayed: the delay slot is fetched with the branch, so the redirect
//   applies from the second slot after the branch on (our reading of the architecture).
//   fetch_ready remembers which of these causes set it last, for the CPI stack. With the
//   default width of 4, a 2-cycle bubble leaves 2 dispatch cycles empty, one of which the
//   delay slot usually fills in retirement: the CPI stack then shows 1 taken_bubble cycle.
//
//   Dispatch, in order, at most W a cycle:
//     D_i = max(D_{i-1} (+1 when W slots of that cycle are taken), fetch_ready, R_{i-N})
//   R_{i-N} is the retirement of the instruction whose reorder-buffer entry slot i reuses
//   (a ring of retire cycles; an entry freed in cycle R can be refilled in cycle R, our
//   assumption).
//
//   Execute: start E_i = max(D_i, ready of each register read), C_i = E_i + latency:
//     ALU, shift, nop, system, branch, nullified slot:   1
//     multiply (xmpyu):                                  3 (our assumption: the PA-8000's
//                                                         FMAC latency; pa8000.md gives none)
//     load:   dcache.hit_latency + D-TLB stall + D-cache stall (beyond the hit latency)
//     store:  1 (a write buffer hides its miss; it still goes through the D-TLB and D-cache,
//             write-allocate, for their counters and contents)
//   Registers written become ready at C_i, so independent long-latency loads within the
//   N-entry window overlap (memory-level parallelism: unlimited outstanding misses and no
//   memory bandwidth limit, our assumption) and dependent ones serialize. Three more
//   dependences, our approximations of what the record does not carry:
//     - FP registers: the record lists general registers only, so all FP registers are
//       one pseudo register: FP loads write it, xmpyu reads and writes it, FP stores read
//       it (captures GCC's fldw -> xmpyu -> fstw integer multiply chain, conservatively).
//     - Memory: a load from a word that a recent store wrote (a 256-entry direct-mapped
//       table of word addresses), when that store had not completed by the load's dispatch,
//       starts when the store completes and takes its data from it (store-to-load
//       forwarding: latency dcache.hit_latency + D-TLB stall, whatever the line does), so
//       values passed through the stack serialize at -O0. Sub-word stores count for their
//       word; a doubleword store counts for its first word only.
//     - In-flight lines: a load that hits a line whose fill a previous miss started (a
//       256-entry direct-mapped table of D-cache lines) completes no earlier than the fill.
//   A load or store that modifies its base (,ma/,mb) makes the base ready at its completion
//   (the record does not tell a load's target from its base): an upper bound.
//
//   Retire, in order, at most W a cycle (the retire width is the dispatch width, our
//   assumption):
//     R_i = max(C_i, R_{i-1} (+1 when W instructions retired in that cycle))
//
// Retire(r) returns R_i - R_{i-1} (>= 0), so the sum of its answers is cycles() = the cycle
// of the last retirement. Nullified slots take a dispatch slot, a reorder-buffer entry and
// a retire slot, and do nothing else (no registers, memory or prediction). fdc and fic
// (r.cache_flush, line in r.mem_addr) drop the line as in the inorder model and cost an
// ALU slot.
//
// CPI stack (commit based, sums exactly to cycles): each answer delta > 0 is one `base`
// cycle (a cycle in which something retired) plus delta - 1 stall cycles charged to why this
// instruction, the oldest in the window, retired late, in this order:
//   1. its own data access: dtlb up to its D-TLB stall, then dcache up to the rest of its
//      memory stall (a miss, or waiting for an in-flight line);
//   2. what made it start late: dependencies when it waited for an operand; otherwise what
//      bound its dispatch: the front-end cause that set fetch_ready (itlb up to that miss's
//      TLB part then icache, branch_direction, branch_target, taken_bubble), rob_full, or,
//      when only the dispatch width bound it, dependencies (which therefore also holds
//      execution latency: multiplies, load hit latency beyond a cycle).
// Stores' and fdc's costs and everything overlapped with an older instruction's wait are
// hidden, which is the point: only what delays retirement is charged.
//
// Not modelled (our simplifications): functional-unit counts and issue-port conflicts,
// fetch bandwidth beyond W, wrong-path effects on caches and predictor, `sync` serializing
// (the record does not tell it from other system instructions).
#ifndef DYNSIM_SIM_OOO_MODEL_H
#define DYNSIM_SIM_OOO_MODEL_H

#include <cstdint>
#include <memory>

#include "sim/branch_predictor.h"
#include "sim/cache.h"
#include "sim/config.h"
#include "sim/retire.h"
#include "sim/stats.h"
#include "sim/timing_model.h"
#include "sim/tlb.h"

namespace dynsim {

class OooModel final : public TimingModel {
 public:
  // Integer multiply (xmpyu) latency in cycles. Our assumption (see top).
  static constexpr uint32_t kMultiplyLatency = 3;
  // FP latencies of the PA-8000 (A. Kumar, "The HP PA-8000 RISC CPU", IEEE Micro 17(2),
  // 1997): two fully pipelined FMAC units, 3 cycles for add, subtract, multiply,
  // multiply-add, conversions and compares; two divide/square-root units, not pipelined,
  // 17 cycles single and 31 double. Every FP register is one pseudo register here (as for
  // the FP loads), so dependent and independent FP operations alike wait for the last one.
  static constexpr uint32_t kFpLatency = 3;
  static constexpr uint32_t kFpDivSglLatency = 17, kFpDivDblLatency = 31;
  static constexpr uint32_t kFpDivUnits = 2;

  explicit OooModel(const MachineConfig& config);
  OooModel(const OooModel&) = delete;
  OooModel& operator=(const OooModel&) = delete;

  // The advance of the retire frontier: R of this slot minus R of the previous one.
  uint32_t Retire(const RetireRecord& r) override;

  uint64_t cycles() const override { return cycles_; }
  uint64_t slots() const { return slots_; }
  uint64_t nullified() const { return nullified_; }

  // The CPI stack: base + every stall below == cycles().
  struct Stalls {
    uint64_t icache = 0, itlb = 0, branch_direction = 0, branch_target = 0, taken_bubble = 0;
    uint64_t dcache = 0, dtlb = 0, rob_full = 0, dependencies = 0;
    uint64_t total() const {
      return icache + itlb + branch_direction + branch_target + taken_bubble + dcache + dtlb + rob_full +
             dependencies;
    }
  };
  uint64_t base() const { return base_; }
  Stalls stalls() const;

  const Cache& icache() const { return icache_; }
  const Cache& dcache() const { return dcache_; }
  const Tlb& tlb() const { return tlb_; }
  const bpred::BranchPredictor& predictor() const { return predictor_; }

  // cycles, slots, IPC, the CPI stack, and the caches', TLB's and predictor's counters
  // (same group names as InOrderModel, so tools read both alike).
  void RegisterStats(StatGroup& group) const override;

 private:
  // The CPI stack's stall causes: indexes of stall_. A slot's "late start" cause is one of
  // kDependencies, kRobFull, or kFrontEnd (then fetch_cause_ says which front-end cause).
  enum Stall : uint32_t {
    kIcache, kItlb, kBranchDirection, kBranchTarget, kTakenBubble, kDcache, kDtlb, kRobFull, kDependencies,
    kNumStalls,
    kFrontEnd = kNumStalls,
  };
  // Entries of reg_ready_ beyond the 32 general registers: the pseudo register standing
  // for every FP register, an entry that stays 0 (read in place of an absent operand) and
  // one that absorbs the write of an absent result.
  static constexpr uint32_t kFpReg = 32, kZeroReg = 33, kSinkReg = 34;
  uint64_t FpExecute(const RetireRecord& r, uint64_t dispatch, uint64_t ready, uint32_t* cause);
  static constexpr uint32_t kTableBits = 8;  // forwarding and in-flight-line tables
  static constexpr uint32_t kMaxRobEntries = 4096;  // the schema's limit for core.rob_entries
  static constexpr uint32_t kNoLine = ~0u;         // no line number (pc >> line shift) is this
  static constexpr uint32_t kTableMask = (1u << kTableBits) - 1;

  // A load's or store's completion, and the part of its latency the CPI stack charges to
  // the D-TLB and to the D-cache.
  struct MemResult {
    uint64_t complete;
    uint32_t tlb_stall;    // D-TLB miss cycles
    uint32_t cache_stall;  // further cycles beyond dcache.hit_latency: a miss, an in-flight line
  };

  // The first cycle with a free dispatch slot, ignoring the front end and the window.
  uint64_t NextDispatchSlot() const { return dispatch_count_ < width_ ? dispatch_cycle_ : dispatch_cycle_ + 1; }
  void FrontEnd(uint32_t pc);
  void FetchLine(uint32_t pc);
  // `forwarded`: a load whose word a store still in flight supplies.
  MemResult Memory(const RetireRecord& r, uint64_t start, bool forwarded);
  void Redirect(const bpred::BranchResult& b, uint64_t dispatch, uint64_t complete);
  void ApplyRedirect();
  void Flush(const RetireRecord& r);
  uint64_t Dispatch(uint32_t* cause);
  uint64_t Ready(uint64_t mask) const;
  void Write(uint64_t mask, uint64_t cycle);
  uint32_t Commit(uint64_t complete, uint32_t cause, uint32_t dtlb, uint32_t dcache);
  uint32_t Charge(uint64_t delta, uint32_t cause, uint32_t dtlb, uint32_t dcache);

  std::unique_ptr<Cache> l2_;  // before the primaries, which point at it
  Cache icache_, dcache_;
  Tlb tlb_;
  bpred::BranchPredictor predictor_;
  const uint32_t width_;
  const uint32_t rob_entries_;
  const uint32_t rob_mask_;  // ring capacity - 1; capacity: a power of two >= rob_entries_
                             // (rob_entries_ is clamped to 1..kMaxRobEntries)
  const uint32_t iline_shift_, dline_shift_;
  const uint32_t tlb_hit_, icache_hit_, dcache_hit_;

  // Front end. The fast path compares a slot's line with fetch_key_: the line last fetched
  // (fetched_line_), or kNoLine while a redirect waits, so that those slots take FrontEnd.
  uint32_t fetch_key_ = kNoLine;
  uint32_t fetched_line_ = kNoLine;
  // The first cycle the next slot can dispatch as far as the front end goes. It is the sum
  // of a part set by fetch_cause_ and, on top, the last line's I-TLB stall and I-cache
  // stall (itlb_part_, icache_part_; both 0 after a redirect), for the CPI stack.
  uint64_t fetch_ready_ = 0;
  Stall fetch_cause_ = kIcache;  // kIcache, kBranchDirection, kBranchTarget or kTakenBubble
  uint32_t itlb_part_ = 0, icache_part_ = 0;
  // A branch's redirect, waiting for its delay slot to pass: applied when the countdown
  // reaches 0 (it starts at 2: the delay slot, then the slot the redirect delays).
  uint32_t redirect_countdown_ = 0;
  uint64_t redirect_ready_ = 0;
  Stall redirect_cause_ = kIcache;

  // Dispatch and retire frontiers: the cycle of the last dispatch (retirement: cycles_) and
  // how many slots it used.
  uint64_t dispatch_cycle_ = 0;
  uint32_t dispatch_count_ = 0;
  uint32_t retire_count_ = 0;
  uint64_t cycles_ = 0;  // the retire frontier: the cycle of the last retirement
  uint64_t slots_ = 0;
  uint64_t nullified_ = 0;
  uint64_t base_ = 0;
  uint64_t stall_[kNumStalls] = {};

  // Cycle each general register (0-31) and the FP pseudo register becomes ready.
  uint64_t reg_ready_[kSinkReg + 1] = {};
  uint64_t fp_div_free_[kFpDivUnits] = {};  // when each divide/square-root unit is free
  // Store-to-load forwarding: word address (addr >> 2) of a recent store and its completion.
  uint32_t store_word_[1u << kTableBits] = {};
  uint64_t store_done_[1u << kTableBits] = {};
  // In-flight D-cache lines: line number of a recent miss and when its fill completes.
  uint32_t fill_line_[1u << kTableBits] = {};
  uint64_t fill_done_[1u << kTableBits] = {};
  // rob_[i & rob_mask_] = retire cycle of slot i (slot numbers count from 0, so slots_ is
  // the next slot's; before the first slots, 0: free). Only rob_mask_ + 1 entries are used.
  uint64_t rob_[kMaxRobEntries] = {};
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_OOO_MODEL_H
