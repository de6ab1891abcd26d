// The pre-emptive flush rule (flush_policy.h) on constructed creation sequences, each
// count derived by hand. Intervals of 1000 cycles, a history of 4, factor 3, at least 5.
#include "dynamo/flush_policy.h"

#include <gtest/gtest.h>

namespace dynamo {
namespace {

BootConfig Config(uint32_t policy) {
  BootConfig c{};
  c.flush_policy = policy;
  c.flush_interval_kcycles = 1;
  c.flush_history_intervals = 4;
  c.flush_spike_factor = 3;
  c.flush_spike_fragments = 5;
  return c;
}

// Creates `n` fragments in interval `k` (times 1000k + 1, +2, ...); returns how many of
// those creations the policy wanted a flush before.
int CreateIn(FlushPolicy* p, uint32_t k, uint32_t n) {
  int flushes = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t now = 1000 * k + 1 + i;
    if (p->FlushBeforeCreating(now)) {
      ++flushes;
      p->Flushed(now);
    }
  }
  return flushes;
}

// A steady program: 2 fragments in each of 20 intervals. The level is 2, so a spike would
// need more than 6 and at least 5 in one interval: never.
TEST(FlushPolicy, SteadyCreationNeverFlushes) {
  FlushPolicy p;
  p.Init(Config(kFlushPreemptive), 0);
  for (uint32_t k = 0; k < 20; ++k) EXPECT_EQ(CreateIn(&p, k, 2), 0) << "interval " << k;
}

// Start-up: 40 fragments in interval 0 and 10 in interval 1 are no spike (fewer than 4
// closed intervals of history). Intervals 2-5 are quiet (1 each). In interval 6 the
// history is intervals 2-5 (sum 4, level 1): the 4th creation gives 4 (< 5), the 5th
// gives 5 > 3 * 1 and reaches 5: a flush before it, exactly once, after which the rest of
// the interval (and the next 3 intervals) is history-less again.
TEST(FlushPolicy, SpikeAfterQuietHistoryFlushesOnceAtTheDerivedCreation) {
  FlushPolicy p;
  p.Init(Config(kFlushPreemptive), 0);
  EXPECT_EQ(CreateIn(&p, 0, 40), 0);
  EXPECT_EQ(CreateIn(&p, 1, 10), 0);
  for (uint32_t k = 2; k < 6; ++k) EXPECT_EQ(CreateIn(&p, k, 1), 0);
  FlushPolicy q = p;
  EXPECT_EQ(CreateIn(&q, 6, 4), 0);  // 4 < 5 fragments
  EXPECT_TRUE(q.FlushBeforeCreating(6000 + 5));  // the 5th
  EXPECT_EQ(CreateIn(&p, 6, 30), 1);
  // Rebuilding after the flush: 30 per interval for 4 intervals is the new history...
  for (uint32_t k = 7; k < 11; ++k) EXPECT_EQ(CreateIn(&p, k, 30), 0) << "interval " << k;
  // ... so 30 more is no spike (30 * 4 = 120 is not above 3 * 120).
  EXPECT_EQ(CreateIn(&p, 11, 30), 0);
}

// The level counts idle intervals as zeros: 3 per interval for 4 intervals (level 3, a
// spike needs 10), then 100 idle intervals, then 5 at once: the history is all zeros,
// so the 5th creation flushes.
TEST(FlushPolicy, IdleIntervalsLowerTheLevel) {
  FlushPolicy p;
  p.Init(Config(kFlushPreemptive), 0);
  for (uint32_t k = 0; k < 8; ++k) EXPECT_EQ(CreateIn(&p, k, 3), 0);
  FlushPolicy busy = p;
  EXPECT_EQ(CreateIn(&busy, 8, 9), 0);  // 9 is not above 3 * 3
  EXPECT_EQ(CreateIn(&p, 108, 4), 0);
  EXPECT_TRUE(p.FlushBeforeCreating(108000 + 5));
}

TEST(FlushPolicy, FlushOnFullNeverFlushesEarly) {
  FlushPolicy p;
  p.Init(Config(kFlushOnFull), 0);
  for (uint32_t k = 0; k < 8; ++k) EXPECT_EQ(CreateIn(&p, k, 1), 0);
  EXPECT_EQ(CreateIn(&p, 8, 100), 0);
}

}  // namespace
}  // namespace dynamo
