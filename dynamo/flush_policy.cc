#include "dynamo/flush_policy.h"

namespace dynamo {

void FlushPolicy::Init(const BootConfig& config, uint32_t now) {
  preemptive_ = config.flush_policy == kFlushPreemptive;
  interval_ = config.flush_interval_kcycles * 1000u;
  history_ = config.flush_history_intervals < kMaxHistory ? config.flush_history_intervals : kMaxHistory;
  factor_ = config.flush_spike_factor;
  min_fragments_ = config.flush_spike_fragments;
  Flushed(now);
}

void FlushPolicy::Flushed(uint32_t now) {
  interval_start_ = now;
  current_ = 0;
  for (uint32_t k = 0; k < history_; ++k) counts_[k] = 0;
  ring_pos_ = ring_sum_ = closed_ = 0;
}

void FlushPolicy::Advance(uint32_t now) {
  // cr16 differences stay exact across one wrap (bailout.cc); a gap of more than a whole
  // history of intervals leaves nothing but zeros, so the loop is bounded by history_.
  uint32_t elapsed = now - interval_start_;
  for (uint32_t k = 0; elapsed >= interval_ && k <= history_; ++k) {
    ring_sum_ += current_ - counts_[ring_pos_];
    counts_[ring_pos_] = current_;
    ring_pos_ = ring_pos_ + 1 == history_ ? 0 : ring_pos_ + 1;
    current_ = 0;
    ++closed_;
    interval_start_ += interval_;
    elapsed -= interval_;
  }
  if (elapsed >= interval_) {  // idle for longer than the history: all of it was zeros
    for (uint32_t k = 0; k < history_; ++k) counts_[k] = 0;
    ring_sum_ = 0;
    interval_start_ = now - elapsed % interval_;
  }
}

bool FlushPolicy::FlushBeforeCreating(uint32_t now) {
  if (!preemptive_ || history_ == 0) return false;
  Advance(now);
  ++current_;
  if (closed_ < history_ || current_ < min_fragments_) return false;
  // current > factor * mean, without dividing: current * history > factor * sum.
  return uint64_t{current_} * history_ > uint64_t{factor_} * ring_sum_;
}

}  // namespace dynamo
