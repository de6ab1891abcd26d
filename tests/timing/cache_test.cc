// Cache misses under the `inorder` model, measured on icache_stride and dcache_stride
// (workloads/timing/) by difference (timing_harness.h). How many of a loop's lines miss
// per pass follows from the cache geometry (LinesMissedPerPass); each miss stalls the
// slot by miss_penalty (no L2) or by l2.hit_latency (an L2 hit), and the loop branch costs
// branch.taken_bubble.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/timing/timing_harness.h"

namespace dynsim::timing {
namespace {

// icache_stride.S: 510 nops + the loop's 2 slots, 2 KiB from a 64-byte boundary.
constexpr uint64_t kIcacheSlots = 512;
constexpr uint32_t kIcacheBodyBytes = 2048, kIcacheBodyAlign = 64;
// dcache_stride.S: 64 dependent loads + copy + the loop's 2 slots; the ring's nodes are
// 32 bytes apart from a 4 KiB boundary; every load and the copy follow a load of their base.
constexpr uint64_t kDcacheSlots = 67, kRingNodes = 64, kNodeBytes = 32, kDcacheLoadUses = 64;

// The lines (block numbers) a pass over `addresses` touches, in order of first touch.
std::vector<uint32_t> Lines(const std::vector<uint32_t>& addresses, uint32_t line_bytes) {
  std::vector<uint32_t> lines;
  std::set<uint32_t> seen;
  for (uint32_t a : addresses)
    if (seen.insert(a / line_bytes).second) lines.push_back(a / line_bytes);
  return lines;
}

// Misses per pass, once warm, of a loop that touches `lines` in the same order every pass
// (each line's accesses within a pass back to back), in a cache with LRU replacement:
// a set that receives at most `assoc` of the lines keeps them all; in a set that receives
// more, each line is evicted before it comes round again, so all of that set's lines
// miss on every pass.
uint64_t LinesMissedPerPass(const std::vector<uint32_t>& lines, const CacheConfig& cache) {
  EXPECT_EQ(cache.replacement, Replacement::kLru);
  const uint32_t sets = cache.size_kb * 1024 / (cache.assoc * cache.line_bytes);
  std::map<uint32_t, uint32_t> per_set;
  for (uint32_t line : lines) ++per_set[line % sets];
  uint64_t misses = 0;
  for (const auto& [set, count] : per_set)
    if (count > cache.assoc) misses += count;
  return misses;
}

// The fetch addresses of one pass of icache_stride's loop (its offset from a boundary of
// kIcacheBodyAlign bytes does not change which sets it uses, for lines up to that size).
std::vector<uint32_t> IcacheLoop() {
  std::vector<uint32_t> pcs;
  for (uint32_t pc = 0; pc < kIcacheBodyBytes; pc += 4) pcs.push_back(pc);
  return pcs;
}

// The load addresses of one lap of dcache_stride's ring (aligned to 4 KiB).
std::vector<uint32_t> Ring() {
  std::vector<uint32_t> addresses;
  for (uint32_t i = 0; i < kRingNodes; ++i) addresses.push_back(i * kNodeBytes);
  return addresses;
}

void ExpectIcacheStride(const MachineConfig& c) {
  ASSERT_LE(c.icache.line_bytes, kIcacheBodyAlign);
  const std::vector<uint32_t> lines = Lines(IcacheLoop(), c.icache.line_bytes);
  const uint64_t misses = LinesMissedPerPass(lines, c.icache);
  // An L1 miss stalls by what the fill costs: l2.hit_latency when the L2 holds the line
  // (the 2 KiB loop always fits the L2 here), else icache.miss_penalty.
  uint64_t miss_stall = c.icache.miss_penalty;
  if (c.l2.enabled) {
    ASSERT_EQ(LinesMissedPerPass(Lines(IcacheLoop(), c.l2.cache.line_bytes), c.l2.cache), 0u);
    miss_stall = c.l2.cache.hit_latency;
  }
  const Differential d = Measure("icache_stride", c);
  // cycles per iteration = slots + misses * miss stall + taken_bubble (loop branch)
  EXPECT_EQ(d.cycles(), kN * (kIcacheSlots + misses * miss_stall + c.branch.taken_bubble));
  EXPECT_EQ(d.Count("timing.icache.accesses"), kN * lines.size());  // one fetch per line
  EXPECT_EQ(d.Count("timing.icache.misses"), kN * misses);
  EXPECT_EQ(d.Count("timing.stalls.icache"), kN * misses * miss_stall);
  EXPECT_EQ(d.Count("timing.stalls.itlb"), 0u);
  EXPECT_EQ(d.FunctionCycles("timing_kernel"), d.cycles());
}

TEST(IcacheStride, EveryLineMissesWhenTheLoopIsTwiceADirectMappedCache) {
  const MachineConfig c = Inorder({"icache.size_kb=1"});
  ASSERT_EQ(c.icache.assoc, 1u);
  ASSERT_FALSE(c.l2.enabled);
  EXPECT_EQ(LinesMissedPerPass(Lines(IcacheLoop(), c.icache.line_bytes), c.icache),
            kIcacheBodyBytes / c.icache.line_bytes);
  ExpectIcacheStride(c);
}

TEST(IcacheStride, LongerLinesHalveTheMisses) { ExpectIcacheStride(Inorder({"icache.size_kb=1", "icache.line_bytes=64"})); }

TEST(IcacheStride, TwoWaysOfHalfTheLoopStillThrash) {
  ExpectIcacheStride(Inorder({"icache.size_kb=1", "icache.assoc=2"}));
}

TEST(IcacheStride, TwoWaysOfTheWholeLoopHoldIt) {
  const MachineConfig c = Inorder({"icache.size_kb=2", "icache.assoc=2"});
  EXPECT_EQ(LinesMissedPerPass(Lines(IcacheLoop(), c.icache.line_bytes), c.icache), 0u);
  ExpectIcacheStride(c);
}

TEST(IcacheStride, TheLoopFitsTheTinyIcache) {
  const MachineConfig c = Machine("tiny-icache.yaml", {"core.model=inorder"});
  EXPECT_EQ(c.icache.size_kb, 4u);
  EXPECT_EQ(LinesMissedPerPass(Lines(IcacheLoop(), c.icache.line_bytes), c.icache), 0u);
  ExpectIcacheStride(c);
}

TEST(IcacheStride, AnL2HitReplacesTheMissPenalty) {
  ExpectIcacheStride(Inorder({"icache.size_kb=1", "l2.enabled=true"}));
}

void ExpectDcacheStride(const MachineConfig& c) {
  ASSERT_FALSE(c.l2.enabled);
  const std::vector<uint32_t> lines = Lines(Ring(), c.dcache.line_bytes);
  const uint64_t misses = LinesMissedPerPass(lines, c.dcache);
  const uint64_t load_use = c.dcache.hit_latency - 1;
  const Differential d = Measure("dcache_stride", c);
  // cycles per iteration = slots + load uses * (hit_latency - 1) + misses * miss_penalty
  //                        + taken_bubble (loop branch)
  EXPECT_EQ(d.cycles(), kN * (kDcacheSlots + kDcacheLoadUses * load_use + misses * c.dcache.miss_penalty +
                              c.branch.taken_bubble));
  EXPECT_EQ(d.Count("timing.dcache.accesses"), kN * kRingNodes);
  EXPECT_EQ(d.Count("timing.dcache.misses"), kN * misses);
  EXPECT_EQ(d.Count("timing.stalls.dcache"), kN * misses * c.dcache.miss_penalty);
  EXPECT_EQ(d.Count("timing.stalls.load_use"), kN * kDcacheLoadUses * load_use);
  EXPECT_EQ(d.Count("timing.stalls.dtlb"), 0u);  // the ring lies in one page
  EXPECT_EQ(d.FunctionCycles("timing_kernel"), d.cycles());
}

TEST(DcacheStride, EveryLoadMissesWhenTheRingIsTwiceADirectMappedCache) {
  const MachineConfig c = Inorder({"dcache.size_kb=1"});
  ASSERT_EQ(c.dcache.assoc, 1u);
  ASSERT_EQ(c.dcache.line_bytes, kNodeBytes);
  EXPECT_EQ(LinesMissedPerPass(Lines(Ring(), c.dcache.line_bytes), c.dcache), kRingNodes);
  ExpectDcacheStride(c);
}

TEST(DcacheStride, TwoNodesPerLineMissOnce) { ExpectDcacheStride(Inorder({"dcache.size_kb=1", "dcache.line_bytes=64"})); }

TEST(DcacheStride, TheRingFitsTheDefaultDcache) {
  const MachineConfig c = Inorder();
  EXPECT_EQ(LinesMissedPerPass(Lines(Ring(), c.dcache.line_bytes), c.dcache), 0u);
  ExpectDcacheStride(c);
}

// One YAML value, one more cycle per event, over a whole run (start-up and exit included):
// without an L2 every miss stalls exactly its cache's miss_penalty.
TEST(OneYamlValue, IcacheMissPenaltyPlusOneAddsOneCyclePerMiss) {
  const MachineConfig base = Inorder({"icache.size_kb=1"});
  const RunResult a = RunProgram("icache_stride", kN, base);
  const RunResult b = RunProgram("icache_stride", kN,
                          Inorder({"icache.size_kb=1", "icache.miss_penalty=" + std::to_string(base.icache.miss_penalty + 1)}));
  EXPECT_GE(a.Count("timing.icache.misses"), kN * kIcacheBodyBytes / base.icache.line_bytes);
  EXPECT_EQ(b.cycles - a.cycles, a.Count("timing.icache.misses"));
}

TEST(OneYamlValue, DcacheMissPenaltyPlusOneAddsOneCyclePerMiss) {
  const MachineConfig base = Inorder({"dcache.size_kb=1"});
  const RunResult a = RunProgram("dcache_stride", kN, base);
  const RunResult b = RunProgram("dcache_stride", kN,
                          Inorder({"dcache.size_kb=1", "dcache.miss_penalty=" + std::to_string(base.dcache.miss_penalty + 1)}));
  EXPECT_GE(a.Count("timing.dcache.misses"), kN * kRingNodes);
  EXPECT_EQ(b.cycles - a.cycles, a.Count("timing.dcache.misses"));
}

}  // namespace
}  // namespace dynsim::timing
