// FIFO replacement's bookkeeping (fifo_cache.h) on constructed sequences, each position,
// charge and decision derived by hand.
#include "dynamo/fifo_cache.h"

#include <gtest/gtest.h>

#include <deque>
#include <vector>

namespace dynamo {
namespace {

// A FIFO of fragments over one FifoSpace of 100 entries, as the fragment cache drives it:
// evict the oldest until the new one fits, then take its entries.
struct Ring {
  FifoSpace space;
  std::deque<uint32_t> charges, starts, sizes;
  int evicted = 0;
  Ring() { space.Init(100); }
  uint32_t Add(uint32_t n) {
    uint32_t start, charge;
    while (!space.Place(n, &start, &charge)) {
      space.Give(charges.front());
      charges.pop_front();
      starts.pop_front();
      sizes.pop_front();
      ++evicted;
      if (charges.empty()) space.Reset();
    }
    charges.push_back(space.Take(start, n));
    starts.push_back(start);
    sizes.push_back(n);
    return start;
  }
};

TEST(FifoSpace, FillsInOrderThenEvictsOldestFirst) {
  Ring r;
  EXPECT_EQ(r.Add(30), 0u);
  EXPECT_EQ(r.Add(30), 30u);
  EXPECT_EQ(r.Add(30), 60u);
  EXPECT_EQ(r.space.used(), 90u);
  EXPECT_EQ(r.evicted, 0);
  // 30 more do not fit before the end (90 + 30 > 100): they go to 0, skipping 10, so they
  // cost 40; the first fragment [0, 30) must go, and then 60 + 40 = 100 fits.
  EXPECT_EQ(r.Add(30), 0u);
  EXPECT_EQ(r.evicted, 1);
  EXPECT_EQ(r.charges.back(), 40u);
  EXPECT_EQ(r.space.used(), 100u);
  // 20 at 30: the second fragment [30, 60) goes (used 70), 70 + 20 = 90.
  EXPECT_EQ(r.Add(20), 30u);
  EXPECT_EQ(r.evicted, 2);
  EXPECT_EQ(r.space.used(), 90u);
  // The fragments now hold [60, 90), [0, 30) and [30, 50), oldest first.
  EXPECT_EQ(r.starts, (std::deque<uint32_t>{60, 0, 30}));
}

TEST(FifoSpace, NeverOverlapsWhatIsLive) {
  // Sizes 1 to 37, pseudo-random, over many laps of the array: after every addition the
  // live fragments' runs are disjoint and inside it.
  Ring r;
  uint32_t x = 12345;
  for (int i = 0; i < 2000; ++i) {
    x = x * 1103515245u + 12345u;
    r.Add(1 + (x >> 16) % 37);
    std::vector<int> owner(100, -1);
    for (size_t f = 0; f < r.starts.size(); ++f) {
      ASSERT_LE(r.starts[f] + r.sizes[f], 100u);
      for (uint32_t w = r.starts[f]; w < r.starts[f] + r.sizes[f]; ++w) {
        ASSERT_EQ(owner[w], -1) << "addition " << i << ": word " << w << " held twice";
        owner[w] = static_cast<int>(f);
      }
    }
  }
  EXPECT_GT(r.evicted, 1000);
}

TEST(FifoSpace, LargestRunAtTheTailOrAfterStartingAgain) {
  FifoSpace s;
  s.Init(100);
  uint32_t start;
  EXPECT_EQ(s.Largest(&start), 100u);
  EXPECT_EQ(start, 0u);
  EXPECT_EQ(s.Take(0, 70), 70u);
  // 30 left before the end, nothing to gain by starting again.
  EXPECT_EQ(s.Largest(&start), 30u);
  EXPECT_EQ(start, 70u);
  s.Give(70);  // the only fragment goes: used 0, tail still 70
  // At the tail 30; starting again at 0 costs those 30 and leaves 70.
  EXPECT_EQ(s.Largest(&start), 70u);
  EXPECT_EQ(start, 0u);
  EXPECT_EQ(s.Take(0, 70), 100u);  // 70 plus the 30 skipped
}

TEST(FifoSizing, GrowsWhenAWindowRegeneratesEnough) {
  FifoSizing z;
  z.Init(/*window=*/5, /*regen_percent=*/40, /*max_capacity=*/400);
  uint32_t grown = 0;
  bool regen = false;
  for (uint32_t h = 0x1000; h < 0x1010; h += 4) z.Evicted(h);  // 4 heads evicted
  // Window 1: heads 0x1000 and 0x1004 come back (2 of 5 = 40%): grow 100 -> 200.
  const uint32_t w1[] = {0x1000, 0x2000, 0x1004, 0x2004, 0x2008};
  int grew = 0;
  for (int i = 0; i < 5; ++i) {
    const bool g = z.Created(w1[i], 100, &grown, &regen);
    EXPECT_EQ(regen, w1[i] < 0x2000) << i;
    grew += g;
    EXPECT_EQ(g, i == 4) << i;
  }
  EXPECT_EQ(grew, 1);
  EXPECT_EQ(grown, 200u);
  // Growing forgets what was evicted: the same heads are not regenerations any more.
  EXPECT_FALSE(z.Created(0x1000, 200, &grown, &regen));
  EXPECT_FALSE(regen);
}

TEST(FifoSizing, StaysBelowTheShareAndAtTheMaximum) {
  FifoSizing z;
  z.Init(4, 50, 300);
  uint32_t grown = 0;
  bool regen = false;
  z.Evicted(0x100);
  // 1 of 4 regenerated (25% < 50%): no growth.
  EXPECT_FALSE(z.Created(0x100, 100, &grown, &regen));
  EXPECT_FALSE(z.Created(0x200, 100, &grown, &regen));
  EXPECT_FALSE(z.Created(0x300, 100, &grown, &regen));
  EXPECT_FALSE(z.Created(0x400, 100, &grown, &regen));
  // All 4 regenerated: 200 -> 300 (the maximum, not 400); at 300 it grows no more.
  for (uint32_t h : {0x500u, 0x600u, 0x700u, 0x800u}) z.Evicted(h);
  EXPECT_FALSE(z.Created(0x500, 200, &grown, &regen));
  EXPECT_FALSE(z.Created(0x600, 200, &grown, &regen));
  EXPECT_FALSE(z.Created(0x700, 200, &grown, &regen));
  EXPECT_TRUE(z.Created(0x800, 200, &grown, &regen));
  EXPECT_EQ(grown, 300u);
  for (uint32_t h : {0x900u, 0xa00u, 0xb00u, 0xc00u}) z.Evicted(h);
  for (uint32_t h : {0x900u, 0xa00u, 0xb00u, 0xc00u}) EXPECT_FALSE(z.Created(h, 300, &grown, &regen));
}

}  // namespace
}  // namespace dynamo
