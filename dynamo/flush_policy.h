// When to flush the fragment cache (paper section 2, "fragment cache management"): Dynamo
// flushes the whole cache pre-emptively when the rate at which it creates fragments rises
// sharply, the sign that the application's working set is changing, so that the new
// working set is built into an empty cache instead of beside the old one. The paper does
// not publish its rule; this is ours (dynamo/README.md, "Flush policy"):
//
//   Time is cut into intervals of `flush_interval_kcycles` thousand cr16 cycles. The recent
//   level L is the mean number of fragments created per interval over the
//   `flush_history_intervals` intervals before the current one (intervals without a
//   creation count as 0). When a fragment is about to be created and it would make the
//   current interval's count reach both `flush_spike_fragments` and
//   `flush_spike_factor` x L, the cache is flushed first. There is no flush until a whole
//   history has passed since the start or since the last flush of any kind, so neither
//   the start-up nor the rebuilding after a flush counts as a spike.
//
// `flush_policy: flush_on_full` keeps only the flush when a fragment does not fit.
// Freestanding and given the time by its caller, so the host's tests drive it.
#ifndef DYNSIM_DYNAMO_FLUSH_POLICY_H
#define DYNSIM_DYNAMO_FLUSH_POLICY_H

#include <stdint.h>

#include "dynamo/boot.h"

namespace dynamo {

class FlushPolicy {
 public:
  static constexpr uint32_t kMaxHistory = 64;  // the configuration's upper bound

  void Init(const BootConfig& config, uint32_t now);
  // A fragment is about to be created at cr16 time `now`: true if the cache should be
  // flushed first (a rate spike). Counts the creation either way.
  bool FlushBeforeCreating(uint32_t now);
  // The cache was flushed at `now` (for any cause): the history starts again.
  void Flushed(uint32_t now);

 private:
  // Closes the intervals that ended before `now` into the history.
  void Advance(uint32_t now);

  // No initializers: a static object without a constructor (Init sets every field).
  bool preemptive_;
  uint32_t interval_, history_, factor_, min_fragments_;
  uint32_t interval_start_;
  uint32_t current_;             // fragments created in the current interval
  uint32_t counts_[kMaxHistory];  // the last `history_` intervals' counts, a ring
  uint32_t ring_pos_;
  uint32_t ring_sum_;
  uint32_t closed_;  // intervals closed since the start or the last flush
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_FLUSH_POLICY_H
