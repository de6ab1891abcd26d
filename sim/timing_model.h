// The interface every timing model implements (DESIGN decision 5): it consumes the
// functional core's retire records, answers how many cycles each slot adds to the
// simulated clock, and never changes architectural state. `core.model` in the machine
// YAML picks one: `functional` (one cycle a slot), `inorder` or `ooo`.
#ifndef DYNSIM_SIM_TIMING_MODEL_H
#define DYNSIM_SIM_TIMING_MODEL_H

#include <cstdint>

#include "sim/cache.h"
#include "sim/config.h"
#include "sim/retire.h"
#include "sim/stats.h"
#include "sim/tlb.h"

namespace dynsim {

class TimingModel : public RetireSink {
 public:
  // Cycles charged so far: the sum of what Retire returned.
  virtual uint64_t cycles() const = 0;
  // The model's own counters (caches, TLB, predictor, stalls), under `group`.
  virtual void RegisterStats(StatGroup& group) const = 0;
};

// No timing: every slot of the instruction queue takes one cycle, as the functional core
// counts without a sink. Used when region attribution is wanted without a pipeline model.
class FunctionalTiming final : public TimingModel {
 public:
  uint32_t Retire(const RetireRecord&) override {
    ++cycles_;
    return 1;
  }
  uint64_t cycles() const override { return cycles_; }
  void RegisterStats(StatGroup& group) const override;

 private:
  uint64_t cycles_ = 0;
};

// The machine YAML's cache and TLB sections as the cache and TLB models take them; `seed`
// seeds random replacement.
CacheParams CacheParamsFromConfig(const CacheConfig& c, uint64_t seed);
TlbParams TlbParamsFromConfig(const TlbConfig& c, uint64_t seed);

}  // namespace dynsim

#endif  // DYNSIM_SIM_TIMING_MODEL_H
