#include "sim/cache.h"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

namespace dynsim {
namespace {

// 1 KiB of 32-byte lines: 32 lines.
CacheParams Small(uint32_t assoc, ReplacementPolicy policy = ReplacementPolicy::kLru, uint64_t seed = 1) {
  CacheParams p;
  p.size_bytes = 1024;
  p.line_bytes = 32;
  p.assoc = assoc;
  p.replacement = policy;
  p.seed = seed;
  p.hit_latency = 1;
  p.miss_penalty = 20;
  return p;
}

// Reads lines first..first+count-1 (addresses line * 32), `passes` times over.
void StrideReads(Cache& c, uint32_t first, uint32_t count, int passes, uint32_t stride = 32) {
  for (int pass = 0; pass < passes; ++pass) {
    for (uint32_t i = 0; i < count; ++i) c.Access((first + i) * stride, false);
  }
}

TEST(Cache, GeometryFromParams) {
  Cache dm(Small(1));
  EXPECT_EQ(dm.sets(), 32u);
  EXPECT_EQ(dm.ways(), 1u);
  Cache four(Small(4));
  EXPECT_EQ(four.sets(), 8u);
  EXPECT_EQ(four.ways(), 4u);
  Cache full(Small(0));
  EXPECT_EQ(full.sets(), 1u);
  EXPECT_EQ(full.ways(), 32u);
  Cache full_too(Small(32));
  EXPECT_EQ(full_too.sets(), 1u);
}

TEST(Cache, BadParamsAreNamed) {
  CacheParams p = Small(1);
  EXPECT_EQ(CheckCacheParams(p), "");
  p.line_bytes = 24;
  EXPECT_NE(CheckCacheParams(p).find("power of two"), std::string::npos);
  p = Small(64);
  EXPECT_NE(CheckCacheParams(p).find("exceeds"), std::string::npos);
  p = Small(3);  // 32 lines / 3 ways
  EXPECT_NE(CheckCacheParams(p), "");
  p = Small(1);
  p.size_bytes = 96 * 32;  // 96 sets
  EXPECT_NE(CheckCacheParams(p).find("sets"), std::string::npos);
  p.size_bytes = 0;
  EXPECT_NE(CheckCacheParams(p), "");
  EXPECT_DEATH(Cache c(Small(64)), "bad cache parameters");
}

TEST(Cache, WorkingSetThatFitsMissesOncePerLine) {
  for (ReplacementPolicy policy : {ReplacementPolicy::kLru, ReplacementPolicy::kFifo, ReplacementPolicy::kRandom}) {
    for (uint32_t assoc : {1u, 2u, 4u, 0u}) {
      Cache c(Small(assoc, policy));
      StrideReads(c, 0, 32, 3);  // exactly the capacity, one access per line
      EXPECT_EQ(c.counters().total_misses(), 32u) << ReplacementPolicyName(policy) << " assoc " << assoc;
      EXPECT_EQ(c.counters().total_hits(), 64u);
      EXPECT_EQ(c.counters().total_accesses(), 96u);
    }
  }
}

TEST(Cache, FourByteStrideMissesOncePerLine) {
  Cache c(Small(1));
  // 2 KiB of words, twice: 64 lines conflict pairwise in a 32-line direct-mapped cache, so
  // every line misses on each pass, once (its first word), and its 7 other words hit.
  StrideReads(c, 0, 512, 2, 4);
  EXPECT_EQ(c.counters().total_accesses(), 1024u);
  EXPECT_EQ(c.counters().total_misses(), 2u * 64u);
  EXPECT_EQ(c.counters().total_hits(), 2u * 64u * 7u);
}

TEST(Cache, DirectMappedStrideOverTwiceTheCapacityAlwaysMisses) {
  Cache c(Small(1));
  StrideReads(c, 0, 64, 5);
  EXPECT_EQ(c.counters().total_misses(), 5u * 64u);
  EXPECT_EQ(c.counters().total_hits(), 0u);
}

TEST(Cache, DirectMappedStrideOverOneAndAHalfCapacities) {
  Cache c(Small(1));
  // Lines 0..47: sets 0..15 hold two lines each (conflict: always miss), sets 16..31 one
  // line each (miss once). Over 4 passes: 32 * 4 + 16 misses.
  StrideReads(c, 0, 48, 4);
  EXPECT_EQ(c.counters().total_misses(), 32u * 4u + 16u);
  EXPECT_EQ(c.counters().total_hits(), 16u * 3u);
}

// Lines that all map to set 0 of an 8-set cache: multiples of 8 lines.
uint32_t Set0Line(uint32_t i) { return i * 8 * 32; }

TEST(Cache, CyclingAssocPlusOneLinesInOneSetAlwaysMissesUnderLruAndFifo) {
  for (ReplacementPolicy policy : {ReplacementPolicy::kLru, ReplacementPolicy::kFifo}) {
    Cache c(Small(4, policy));
    for (int pass = 0; pass < 10; ++pass) {
      for (uint32_t i = 0; i < 5; ++i) c.Access(Set0Line(i), false);
    }
    EXPECT_EQ(c.counters().total_misses(), 50u) << ReplacementPolicyName(policy);
    EXPECT_EQ(c.counters().total_hits(), 0u);
  }
}

TEST(Cache, CyclingAssocLinesInOneSetHitsAfterTheFirstPass) {
  for (ReplacementPolicy policy : {ReplacementPolicy::kLru, ReplacementPolicy::kFifo, ReplacementPolicy::kRandom}) {
    Cache c(Small(4, policy));
    for (int pass = 0; pass < 10; ++pass) {
      for (uint32_t i = 0; i < 4; ++i) c.Access(Set0Line(i), false);
    }
    EXPECT_EQ(c.counters().total_misses(), 4u) << ReplacementPolicyName(policy);
  }
}

TEST(Cache, RandomReplacementKeepsSomeOfAnOversizedCycle) {
  // Under random replacement, cycling 5 lines through 4 ways evicts a random way, often not
  // the next line wanted, so some accesses hit (LRU and FIFO: none).
  Cache c(Small(4, ReplacementPolicy::kRandom));
  for (int pass = 0; pass < 200; ++pass) {
    for (uint32_t i = 0; i < 5; ++i) c.Access(Set0Line(i), false);
  }
  EXPECT_GT(c.counters().total_hits(), 100u);
  EXPECT_LT(c.counters().total_hits(), 1000u - 5u);
}

TEST(Cache, LruKeepsAReusedLineFifoEvictsIt) {
  // A B C D A E A in one 4-way set. LRU: the hit on A makes B the victim of E, so the last A
  // hits (5 misses). FIFO: A is still the oldest fill, E evicts it, the last A misses (6).
  const uint32_t a = Set0Line(0), b = Set0Line(1), cc = Set0Line(2), d = Set0Line(3), e = Set0Line(4);
  const std::vector<uint32_t> seq = {a, b, cc, d, a, e, a};
  Cache lru(Small(4, ReplacementPolicy::kLru));
  Cache fifo(Small(4, ReplacementPolicy::kFifo));
  for (uint32_t addr : seq) {
    lru.Access(addr, false);
    fifo.Access(addr, false);
  }
  EXPECT_EQ(lru.counters().total_misses(), 5u);
  EXPECT_FALSE(lru.Contains(b));
  EXPECT_EQ(fifo.counters().total_misses(), 6u);
  EXPECT_FALSE(fifo.Contains(b)) << "the second A evicted B, the oldest fill after A";
  EXPECT_TRUE(fifo.Contains(e));
}

std::vector<bool> RandomRun(uint64_t seed) {
  Cache c(Small(4, ReplacementPolicy::kRandom, seed));
  std::vector<bool> hits;
  for (int pass = 0; pass < 100; ++pass) {
    for (uint32_t i = 0; i < 6; ++i) hits.push_back(c.Access(Set0Line(i), false).hit);
  }
  return hits;
}

TEST(Cache, RandomReplacementIsDeterministicPerSeed) {
  EXPECT_EQ(RandomRun(7), RandomRun(7));
  EXPECT_NE(RandomRun(7), RandomRun(8));
}

TEST(Cache, LatencyOfHitAndMissWithoutNextLevel) {
  Cache c(Small(1));
  EXPECT_EQ(c.Access(0x100, false).cycles, 21u);  // hit latency 1 + miss penalty 20
  const CacheAccess again = c.Access(0x104, true);
  EXPECT_TRUE(again.hit);
  EXPECT_EQ(again.cycles, 1u);
}

TEST(Cache, WritebacksCountedExactly) {
  Cache c(Small(1));
  // Write every word of lines 0..31: 32 write misses (allocate) and 7 * 32 write hits.
  for (uint32_t addr = 0; addr < 1024; addr += 4) c.Access(addr, true);
  EXPECT_EQ(c.counters().misses[1], 32u);
  EXPECT_EQ(c.counters().hits[1], 32u * 7u);
  EXPECT_EQ(c.counters().writebacks, 0u);
  // Read lines 32..63: each evicts a dirty line.
  StrideReads(c, 32, 32, 1);
  EXPECT_EQ(c.counters().writebacks, 32u);
  // Read lines 0..31 back: the victims (lines 32..63) are clean.
  StrideReads(c, 0, 32, 1);
  EXPECT_EQ(c.counters().writebacks, 32u);
  // Dirty half of them with one store each; a conflicting pass evicts 16 dirty lines.
  for (uint32_t i = 0; i < 32; i += 2) c.Access(i * 32 + 8, true);
  StrideReads(c, 32, 32, 1);
  EXPECT_EQ(c.counters().writebacks, 48u);
  EXPECT_EQ(c.counters().misses[0], 96u);
  EXPECT_EQ(c.counters().hits[1], 32u * 7u + 16u);
}

TEST(Cache, InvalidateMakesTheNextAccessMiss) {
  Cache c(Small(4));
  EXPECT_FALSE(c.Access(0x2000, false).hit);
  EXPECT_TRUE(c.Access(0x2000, false).hit);
  EXPECT_TRUE(c.Invalidate(0x201c));  // any address in the line
  EXPECT_FALSE(c.Contains(0x2000));
  EXPECT_FALSE(c.Access(0x2000, false).hit);
  EXPECT_FALSE(c.Invalidate(0x4000));  // absent: nothing to count
  EXPECT_EQ(c.counters().invalidations, 1u);
  EXPECT_EQ(c.counters().total_misses(), 2u);
}

TEST(Cache, FlushWritesBackDirtyInvalidateDropsIt) {
  Cache c(Small(4));
  c.Access(0x100, true);
  c.Access(0x200, true);
  c.Access(0x300, false);
  EXPECT_TRUE(c.IsDirty(0x100));
  EXPECT_TRUE(c.Flush(0x100));  // fdc: dirty, written back
  EXPECT_EQ(c.counters().writebacks, 1u);
  EXPECT_TRUE(c.Flush(0x300));  // clean: nothing to write
  EXPECT_EQ(c.counters().writebacks, 1u);
  EXPECT_TRUE(c.Invalidate(0x200));  // fic/pdc: dirty data dropped, not written
  EXPECT_EQ(c.counters().writebacks, 1u);
  EXPECT_EQ(c.counters().invalidations, 3u);
  EXPECT_FALSE(c.Access(0x100, false).hit);
  EXPECT_FALSE(c.Access(0x200, false).hit);
  EXPECT_FALSE(c.Access(0x300, false).hit);
}

TEST(Cache, InvalidateAllEmptiesTheCache) {
  Cache c(Small(2));
  StrideReads(c, 0, 32, 1);
  c.Access(0, true);
  c.InvalidateAll();
  StrideReads(c, 0, 32, 1);
  EXPECT_EQ(c.counters().total_misses(), 64u);
  EXPECT_EQ(c.counters().writebacks, 0u);
  EXPECT_EQ(c.counters().invalidate_alls, 1u);
}

TEST(Cache, TwoLevelCostIsL1HitPlusL2Cost) {
  CacheParams l2p;
  l2p.size_bytes = 8192;
  l2p.assoc = 4;
  l2p.line_bytes = 64;
  l2p.hit_latency = 10;
  l2p.miss_penalty = 100;
  Cache l2(l2p);
  CacheParams l1p = Small(1);
  l1p.miss_penalty = 999;  // unused below an L2
  Cache l1(l1p, &l2);
  EXPECT_EQ(l1.next(), &l2);

  CacheAccess r = l1.Access(0x0, false);  // miss both
  EXPECT_FALSE(r.hit);
  EXPECT_EQ(r.cycles, 1u + 10u + 100u);
  EXPECT_EQ(l1.Access(0x4, false).cycles, 1u);      // L1 hit
  EXPECT_EQ(l1.Access(0x20, false).cycles, 11u);    // next L1 line, same 64-byte L2 line
  EXPECT_EQ(l1.Access(0x400, false).cycles, 111u); // conflicts with line 0 in L1, new in L2
  EXPECT_EQ(l1.Access(0x0, false).cycles, 11u);     // back to line 0: L1 miss, L2 hit
  EXPECT_EQ(l2.counters().total_accesses(), 4u);
  EXPECT_EQ(l2.counters().total_misses(), 2u);
  EXPECT_EQ(l2.counters().total_hits(), 2u);

  // A dirty L1 victim becomes a write to L2; its cost is not charged to the access.
  EXPECT_EQ(l1.Access(0x8, true).cycles, 1u);     // dirty line 0 in L1
  EXPECT_EQ(l1.Access(0x408, false).cycles, 11u); // evicts it: L1 miss, L2 hit
  EXPECT_EQ(l1.counters().writebacks, 1u);
  EXPECT_EQ(l2.counters().accesses[1], 1u);
  EXPECT_EQ(l2.counters().hits[1], 1u);
  EXPECT_TRUE(l2.IsDirty(0x0));
  // L1 write misses read the line from L2.
  EXPECT_EQ(l1.Access(0x800, true).cycles, 111u);
  EXPECT_EQ(l2.counters().accesses[0], 6u);
}

TEST(Cache, StatsNameEveryCounter) {
  Cache c(Small(1));
  c.Access(0, false);
  c.Access(0, true);
  StatGroup g("dcache");
  c.RegisterStats(g);
  std::ostringstream out;
  g.WriteJson(out);
  const std::string json = out.str();
  for (const char* key : {"\"accesses\": 2", "\"hits\": 1", "\"misses\": 1", "\"miss_rate\": 0.5",
                          "\"read_misses\": 1", "\"write_hits\": 1", "\"writebacks\": 0", "\"invalidations\": 0"}) {
    EXPECT_NE(json.find(key), std::string::npos) << key << " in " << json;
  }
}

}  // namespace
}  // namespace dynsim
