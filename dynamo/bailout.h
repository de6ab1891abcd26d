// Bail-out (paper section 2): Dynamo watches the ratio of the time it spends in its own code
// to the time the application spends in the fragment cache; when that ratio stays above a
// tolerable threshold for long, it loads the app context and jumps to the application's own
// code, which then runs natively to its end (go and vortex bail out in the paper).
//
// Time is the machine's interval timer, cr16, which counts cycles. Dynamo stamps every
// stay in the fragment cache (dynamo_enter_fragment to the exit's return); the rest of an
// interval is Dynamo's own (interpreting, recording, building, linking, dispatching). The
// rule: over `bailout_intervals` consecutive intervals of `bailout_interval_kcycles`
// thousand cycles, Dynamo's cycles exceeded `bailout_threshold_percent` percent of the
// fragment cache's. An interval ends at the first visit to Dynamo after its length has
// passed, so a long stay in linked fragments makes one long, good interval.
#ifndef DYNSIM_DYNAMO_BAILOUT_H
#define DYNSIM_DYNAMO_BAILOUT_H

#include <stdint.h>

#include "dynamo/boot.h"
#include "dynamo/counters.h"

namespace dynamo {

class Bailout {
 public:
  void Init(const BootConfig& config, Counters* counters);
  void EnterCache();
  void LeaveCache();
  // True when the rule says to hand the application back now (the counters say when and
  // at what ratio).
  bool Due();

 private:
  // No initializers: a static object without a constructor (Dynamo runs none; Init sets
  // every field).
  bool enabled_;
  uint32_t interval_, threshold_percent_, intervals_;
  uint32_t interval_start_, entered_;
  uint64_t in_cache_;  // fragment-cache cycles in the current interval
  uint32_t over_;      // consecutive intervals over the threshold
  Counters* counters_;
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_BAILOUT_H
