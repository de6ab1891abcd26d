// Trace selection's entry point in the interpreter (paper section 2, "interpret until
// hot"): the interpreter calls OnBackwardTaken at every taken direct branch whose target
// is at or below the branch, because that target is a start-of-trace candidate.
//
// Stage 1 only counts the candidates and never stops the interpreter. Stage 2 replaces the
// body: a fragment at `target` -> stop (kTraceHead) and enter the fragment cache; else bump
// the candidate's counter and, past the hot threshold, stop to record the next executing
// tail. Targets of fragment-cache exits are candidates too; the dispatcher reports those.
#ifndef DYNSIM_DYNAMO_MONITOR_H
#define DYNSIM_DYNAMO_MONITOR_H

#include <stdint.h>

#include "dynamo/app_pc.h"
#include "dynamo/counters.h"

namespace dynamo {

class Monitor {
 public:
  Monitor(uint32_t hot_threshold, Counters* counters) : hot_threshold_(hot_threshold), counters_(counters) {}

  // True: stop interpreting, the dispatcher takes over at `target`.
  bool OnBackwardTaken(AppPc target) {
    (void)target;
    ++counters_->trace_head_candidates;
    return false;
  }

  uint32_t hot_threshold() const { return hot_threshold_; }

 private:
  uint32_t hot_threshold_;  // stage 2: executions before a candidate's tail is recorded
  Counters* counters_;
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_MONITOR_H
