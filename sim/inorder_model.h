// The `inorder` timing model: a scalar in-order pipeline for teaching and for checking
// each penalty analytically (DESIGN.md, "Timing models"). It consumes the functional
// core's retire records and never touches architectural state.
//
// Cycles, per retire slot (nullified slots included, since they occupy the pipeline):
//   1                         issue
//   + I-TLB and I-cache stall when the slot's pc lies in a different cache line from the
//     previous slot's (one fetch per line): the access's cycles beyond the hit latency,
//     which the pipeline hides
//   + D-TLB and D-cache stall for a load or store, likewise beyond the hit latency
//   + load-use interlock: dcache.hit_latency - 1 when the slot reads a register the
//     previous slot loaded (a load's written registers: its target, and its base if it
//     modifies it; counting the base too makes this an upper bound for ,ma/,mb forms)
//   + the branch predictor's cost (misprediction penalty, or the taken bubble)
// Every stall is counted by cause, so the causes sum with the slots to the total.
#ifndef DYNSIM_SIM_INORDER_MODEL_H
#define DYNSIM_SIM_INORDER_MODEL_H

#include <cstdint>
#include <memory>

#include "sim/branch_predictor.h"
#include "sim/cache.h"
#include "sim/config.h"
#include "sim/retire.h"
#include "sim/timing_model.h"
#include "sim/stats.h"
#include "sim/tlb.h"

namespace dynsim {

class InOrderModel final : public TimingModel {
 public:
  explicit InOrderModel(const MachineConfig& config);
  InOrderModel(const InOrderModel&) = delete;
  InOrderModel& operator=(const InOrderModel&) = delete;

  // The slot's cycles: the issue cycle plus its stalls.
  uint32_t Retire(const RetireRecord& r) override;

  uint64_t cycles() const override { return cycles_; }
  uint64_t slots() const { return slots_; }

  // Stall cycles by cause; together with slots() they sum to cycles().
  struct Stalls {
    uint64_t icache = 0, itlb = 0, dcache = 0, dtlb = 0, load_use = 0;
    uint64_t branch_direction = 0, branch_target = 0, taken_bubble = 0;
    uint64_t fp = 0;
  };
  const Stalls& stalls() const { return stalls_; }
  const Cache& icache() const { return icache_; }
  const Tlb& tlb() const { return tlb_; }

  // An FP operation occupies the pipeline for its PA-8000 latency (A. Kumar, "The HP
  // PA-8000 RISC CPU", IEEE Micro 17(2), 1997: FMAC 3 cycles; divide and square root 17
  // single, 31 double): the scalar pipeline has no FP overlap, so each costs latency - 1
  // stall cycles after its issue cycle.
  static constexpr uint32_t kFpLatency = 3, kFpDivSglLatency = 17, kFpDivDblLatency = 31;

  // cycles, slots, CPI, stalls by cause, and the caches', TLB's and predictor's counters.
  void RegisterStats(StatGroup& group) const override;

 private:
  // Each returns the stall cycles it adds.
  uint32_t Fetch(uint32_t pc);
  uint32_t Data(const RetireRecord& r);
  uint32_t Branch(const RetireRecord& r);
  void Flush(const RetireRecord& r);

  std::unique_ptr<Cache> l2_;  // before the primaries, which point at it
  Cache icache_, dcache_;
  Tlb tlb_;
  bpred::BranchPredictor predictor_;
  uint32_t load_use_stall_;
  uint32_t line_shift_;
  uint32_t last_fetch_line_ = ~0u;
  uint32_t loaded_regs_ = 0;  // registers the previous slot loaded (bit r = gr r)
  uint64_t cycles_ = 0;
  uint64_t slots_ = 0;
  Stalls stalls_;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_INORDER_MODEL_H
