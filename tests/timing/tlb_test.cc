// TLB misses under the `inorder` model, measured on tlb_stride (workloads/timing/) by
// difference (timing_harness.h). The TLB is unified, fully associative and LRU, with no
// micro-TLB (the machine schema has none): a miss stalls the slot by tlb.miss_penalty.
#include <gtest/gtest.h>

#include "tests/timing/timing_harness.h"

namespace dynsim::timing {
namespace {

// tlb_stride.S: 128 dependent loads + copy + the loop's 2 slots; the loads walk nodes 4 KiB
// apart over 512 KiB from a 64 KiB boundary; every load and the copy follow a load of their
// base. The loop's code lies in one page below the ring (for pages up to 64 KiB).
constexpr uint64_t kTlbSlots = 131, kNodes = 128, kNodeStride = 4096, kTlbLoadUses = 128;
constexpr uint64_t kCodePages = 1;

void ExpectTlbStride(const MachineConfig& c) {
  ASSERT_LE(c.tlb.page_bytes, 65536u);
  const uint64_t data_pages = kNodes * kNodeStride / c.tlb.page_bytes;
  // The code page is touched every 8 slots, so LRU never evicts it; the data pages cycle
  // through the other entries: all stay if they fit there, else each is evicted before
  // the lap comes back to it and every page's first load misses.
  const uint64_t misses = data_pages + kCodePages > c.tlb.entries ? data_pages : 0;
  const Differential d = Measure("tlb_stride", c);
  // cycles per iteration = slots + load uses * (hit_latency - 1) + misses * tlb.miss_penalty
  //                        + taken_bubble (loop branch)
  EXPECT_EQ(d.cycles(), kN * (kTlbSlots + kTlbLoadUses * (c.dcache.hit_latency - 1) +
                              misses * c.tlb.miss_penalty + c.branch.taken_bubble));
  EXPECT_EQ(d.Count("timing.tlb.misses"), kN * misses);
  EXPECT_EQ(d.Count("timing.stalls.dtlb"), kN * misses * c.tlb.miss_penalty);
  EXPECT_EQ(d.Count("timing.stalls.itlb"), 0u);
  EXPECT_EQ(d.Count("timing.dcache.misses"), 0u);  // 128 distinct sets of the 1 MiB D-cache
  EXPECT_EQ(d.FunctionCycles("timing_kernel"), d.cycles());
}

TEST(TlbStride, MorePagesThanEntriesMissOnEveryLoad) {
  const MachineConfig c = Inorder();
  ASSERT_EQ(c.tlb.page_bytes, kNodeStride);
  ExpectTlbStride(c);
}

// 128 data pages and the code page: 129 entries are the least that hold them.
TEST(TlbStride, OneEntryTooFewThrashes) { ExpectTlbStride(Inorder({"tlb.entries=128"})); }
TEST(TlbStride, JustEnoughEntriesHoldTheRing) { ExpectTlbStride(Inorder({"tlb.entries=129"})); }
TEST(TlbStride, LargerPagesHoldTheRing) { ExpectTlbStride(Inorder({"tlb.page_bytes=8192"})); }
TEST(TlbStride, LargerPagesInTooFewEntriesThrash) { ExpectTlbStride(Inorder({"tlb.page_bytes=16384", "tlb.entries=32"})); }
TEST(TlbStride, LargerPagesInJustEnoughEntriesFit) { ExpectTlbStride(Inorder({"tlb.page_bytes=16384", "tlb.entries=33"})); }

// One YAML value, over a whole run (start-up and exit included): every TLB miss,
// instruction or data, stalls exactly tlb.miss_penalty, so one more cycle of penalty costs
// one cycle per miss the first run counted.
TEST(OneYamlValue, TlbMissPenaltyPlusOneAddsOneCyclePerMiss) {
  const MachineConfig base = Inorder();
  const RunResult a = RunProgram("tlb_stride", kN, base);
  const RunResult b = RunProgram("tlb_stride", kN, Inorder({"tlb.miss_penalty=" + std::to_string(base.tlb.miss_penalty + 1)}));
  EXPECT_GE(a.Count("timing.tlb.misses"), kN * kNodes);
  EXPECT_EQ(b.cycles - a.cycles, a.Count("timing.tlb.misses"));
}

}  // namespace
}  // namespace dynsim::timing
