// Trace selection (paper section 2, "interpret until hot"): the interpreter calls
// OnBackwardTaken at every taken direct branch whose target is at or below the branch,
// because that target is a start-of-trace candidate. Each candidate has a counter in a
// small hash table; when it reaches `hot_threshold`, the counter is recycled (its slot
// freed) and the monitor stops the interpreter (kTraceHead) so that the dispatcher records
// the next executing tail from the candidate (Interpreter::Record) and adds it to the
// fragment cache. A candidate that already heads a fragment is not counted: stage 2 would
// enter the fragment there (it counts `fragment_head_reached` and keeps interpreting; see
// fragment_cache.h). Targets of fragment-cache exits will be candidates too.
#ifndef DYNSIM_DYNAMO_MONITOR_H
#define DYNSIM_DYNAMO_MONITOR_H

#include <stdint.h>

#include "dynamo/app_pc.h"
#include "dynamo/counters.h"
#include "dynamo/fragment_cache.h"

namespace dynamo {

class Monitor {
 public:
  static constexpr uint32_t kSlots = 4096;  // counters; a full probe run evicts the home slot

  // (Dynamo's monitor is static data, initialized at boot.)
  void Init(uint32_t hot_threshold, Counters* counters, const FragmentCache* cache) {
    hot_threshold_ = hot_threshold;
    counters_ = counters;
    cache_ = cache;
    for (Slot& s : slots_) s = Slot{kFree, 0};
  }

  // True: stop interpreting, the dispatcher records the trace that starts at `target`.
  bool OnBackwardTaken(AppPc target) {
    ++counters_->trace_head_candidates;
    if (cache_->Contains(target)) {
      ++counters_->fragment_head_reached;
      return false;
    }
    const uint32_t pc = target.addr();
    const uint32_t home = ((pc >> 2) * 2654435761u) >> 20;  // 12 bits
    uint32_t i = home;
    for (uint32_t probes = 0;; ++probes, i = (i + 1) & (kSlots - 1)) {
      if (slots_[i].pc == pc) break;
      if (slots_[i].pc == kFree || probes == 8) {
        if (slots_[i].pc != kFree) i = home;  // table crowded: evict the home slot's counter
        slots_[i] = Slot{pc, 0};
        break;
      }
    }
    if (++slots_[i].count < hot_threshold_) return false;
    // Recycle the counter: a tombstone, which later probes step over.
    slots_[i] = Slot{kTombstone, 0};
    ++counters_->hot_trace_heads;
    return true;
  }

  uint32_t hot_threshold() const { return hot_threshold_; }

 private:
  static constexpr uint32_t kFree = 1;       // odd: never an instruction address
  static constexpr uint32_t kTombstone = 3;  // odd: a recycled counter (probes go past it)
  struct Slot {
    uint32_t pc;
    uint32_t count;
  };
  uint32_t hot_threshold_;
  Counters* counters_;
  const FragmentCache* cache_;
  Slot slots_[kSlots];
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_MONITOR_H
