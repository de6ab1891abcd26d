#include "dynamo/bailout.h"

#include "dynamo/machine.h"

namespace dynamo {
namespace {

// cr16 wraps at 2^32 cycles (about 24 s at 180 MHz); differences of 32-bit stamps stay
// exact across one wrap, and an interval is far shorter.
uint32_t Now() { return machine::ReadControl(16); }

}  // namespace

void Bailout::Init(const BootConfig& config, Counters* counters) {
  enabled_ = config.bailout != 0;
  interval_ = config.bailout_interval_kcycles * 1000u;
  threshold_percent_ = config.bailout_threshold_percent;
  intervals_ = config.bailout_intervals;
  counters_ = counters;
  interval_start_ = Now();
  in_cache_ = 0;
  over_ = 0;
}

void Bailout::EnterCache() {
  if (enabled_) entered_ = Now();
}

void Bailout::LeaveCache() {
  if (enabled_) in_cache_ += Now() - entered_;
}

bool Bailout::Due() {
  if (!enabled_) return false;
  const uint32_t now = Now();
  const uint32_t elapsed = now - interval_start_;
  if (elapsed < interval_) return false;
  const uint64_t in_cache = in_cache_ < elapsed ? in_cache_ : elapsed;
  const uint64_t own = elapsed - in_cache;
  // own / in_cache > threshold / 100, without dividing (in_cache may be 0).
  const bool over = own * 100 > in_cache * threshold_percent_;
  over_ = over ? over_ + 1 : 0;
  interval_start_ = now;
  in_cache_ = 0;
  if (over_ < intervals_) return false;
  ++counters_->bailouts;
  counters_->bailout_cycle = now;
  counters_->bailout_ratio_percent = in_cache ? own * 100 / in_cache : own * 100;
  return true;
}

}  // namespace dynamo
