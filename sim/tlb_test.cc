#include "sim/tlb.h"

#include <gtest/gtest.h>

#include <sstream>

namespace dynsim {
namespace {

constexpr uint32_t kPage = 4096;

// Touches pages 0..count-1 (one address each, mid-page), `passes` times over.
void CyclePages(Tlb& t, uint32_t count, int passes) {
  for (int pass = 0; pass < passes; ++pass) {
    for (uint32_t i = 0; i < count; ++i) t.Access(i * kPage + 0x124);
  }
}

TEST(Tlb, DefaultsFollowTheReference) {
  TlbParams p;
  EXPECT_EQ(p.entries, 96u);
  EXPECT_EQ(p.page_bytes, 4096u);
  EXPECT_EQ(CheckTlbParams(p), "");
}

TEST(Tlb, NinetySixPagesMissOnlyOnTheFirstPass) {
  for (ReplacementPolicy policy : {ReplacementPolicy::kLru, ReplacementPolicy::kFifo, ReplacementPolicy::kRandom}) {
    TlbParams p;
    p.replacement = policy;
    Tlb t(p);
    CyclePages(t, 96, 4);
    EXPECT_EQ(t.counters().misses, 96u) << ReplacementPolicyName(policy);
    EXPECT_EQ(t.counters().hits, 96u * 3u);
    EXPECT_EQ(t.counters().accesses, 96u * 4u);
  }
}

TEST(Tlb, NinetySevenPagesCycledAlwaysMissUnderLruAndFifo) {
  for (ReplacementPolicy policy : {ReplacementPolicy::kLru, ReplacementPolicy::kFifo}) {
    TlbParams p;
    p.replacement = policy;
    Tlb t(p);
    CyclePages(t, 97, 4);
    EXPECT_EQ(t.counters().misses, 97u * 4u) << ReplacementPolicyName(policy);
    EXPECT_EQ(t.counters().hits, 0u);
  }
  TlbParams p;
  p.replacement = ReplacementPolicy::kRandom;
  Tlb t(p);
  CyclePages(t, 97, 4);
  EXPECT_GT(t.counters().hits, 0u) << "random replacement keeps some pages of the cycle";
}

TEST(Tlb, AccessesWithinAPageHitAndCostTheLatencies) {
  TlbParams p;
  p.hit_latency = 1;
  p.miss_penalty = 30;
  Tlb t(p);
  TlbAccess a = t.Access(0x12345678);
  EXPECT_FALSE(a.hit);
  EXPECT_EQ(a.cycles, 31u);
  a = t.Access(0x12345000);
  EXPECT_TRUE(a.hit);
  EXPECT_EQ(a.cycles, 1u);
  EXPECT_TRUE(t.Access(0x12345ffc).hit);
  EXPECT_FALSE(t.Access(0x12346000).hit);
  EXPECT_TRUE(t.Access(0x12345000).hit);  // not the most recent page: the full lookup
  EXPECT_EQ(t.counters().misses, 2u);
  EXPECT_EQ(t.counters().hits, 3u);
}

TEST(Tlb, LargerPagesCoverMore) {
  TlbParams p;
  p.entries = 2;
  p.page_bytes = 1u << 20;
  Tlb t(p);
  for (uint32_t addr = 0; addr < (2u << 20); addr += kPage) t.Access(addr);
  EXPECT_EQ(t.counters().misses, 2u);
}

TEST(Tlb, FlushEmptiesItFlushPageDropsOne) {
  Tlb t(TlbParams{});
  CyclePages(t, 10, 1);
  t.Flush();
  EXPECT_FALSE(t.Contains(0));
  CyclePages(t, 10, 1);
  EXPECT_EQ(t.counters().misses, 20u);
  EXPECT_EQ(t.counters().flushes, 1u);
  EXPECT_TRUE(t.FlushPage(9 * kPage));  // the most recent page: the fast path must forget it
  EXPECT_FALSE(t.FlushPage(9 * kPage));
  EXPECT_FALSE(t.Access(9 * kPage).hit);
  EXPECT_TRUE(t.Access(8 * kPage).hit);
  EXPECT_EQ(t.counters().page_flushes, 1u);
}

TEST(Tlb, MicroTlbInFrontOfInstructionFetches) {
  TlbParams p;
  p.micro_entries = 4;
  p.hit_latency = 0;
  p.miss_penalty = 30;
  p.micro_hit_latency = 0;
  p.micro_miss_penalty = 1;
  Tlb t(p);
  EXPECT_EQ(t.AccessInstruction(0x1000).cycles, 0u + 1u + 30u);  // both miss
  EXPECT_EQ(t.AccessInstruction(0x1004).cycles, 0u);             // micro hit
  // Cycling 4 code pages: micro misses only the first pass.
  for (int pass = 0; pass < 3; ++pass) {
    for (uint32_t i = 1; i <= 4; ++i) t.AccessInstruction(i * kPage);
  }
  EXPECT_EQ(t.micro_counters().misses, 4u);
  EXPECT_EQ(t.counters().misses, 4u);
  // Cycling 5 new code pages: the LRU micro-TLB misses every time, the main TLB only on the
  // first pass.
  for (int pass = 0; pass < 3; ++pass) {
    for (uint32_t i = 6; i <= 10; ++i) {
      const TlbAccess a = t.AccessInstruction(i * kPage);
      EXPECT_FALSE(a.hit);
      if (pass > 0) {
        EXPECT_EQ(a.cycles, 1u);  // micro miss penalty + main hit
      }
    }
  }
  EXPECT_EQ(t.micro_counters().misses, 4u + 15u);
  EXPECT_EQ(t.counters().misses, 4u + 5u);
  EXPECT_EQ(t.counters().accesses, 4u + 15u) << "only micro misses reach the main TLB";
  // Data accesses skip the micro-TLB.
  t.Access(0x40000000);
  EXPECT_FALSE(t.MicroContains(0x40000000));
  EXPECT_EQ(t.micro_counters().accesses, 2u + 12u + 15u);
}

TEST(Tlb, MicroTlbStaysASubsetOfTheMainTlb) {
  TlbParams p;
  p.entries = 4;
  p.micro_entries = 2;
  Tlb t(p);
  t.AccessInstruction(0);
  EXPECT_TRUE(t.MicroContains(0));
  for (uint32_t i = 1; i <= 4; ++i) t.Access(i * kPage);  // the main TLB evicts page 0
  EXPECT_FALSE(t.Contains(0));
  EXPECT_FALSE(t.MicroContains(0));
  t.AccessInstruction(kPage * 4);
  EXPECT_TRUE(t.MicroContains(kPage * 4));
  EXPECT_TRUE(t.FlushPage(kPage * 4));
  EXPECT_FALSE(t.MicroContains(kPage * 4));
  t.AccessInstruction(kPage * 3);
  t.Flush();
  EXPECT_FALSE(t.MicroContains(kPage * 3));
}

TEST(Tlb, WithoutMicroTlbInstructionFetchesUseTheMainTlb) {
  Tlb t(TlbParams{});
  t.AccessInstruction(0);
  t.AccessInstruction(4);
  EXPECT_EQ(t.counters().accesses, 2u);
  EXPECT_EQ(t.micro_counters().accesses, 0u);
}

TEST(Tlb, RandomReplacementIsDeterministicPerSeed) {
  auto run = [](uint64_t seed) {
    TlbParams p;
    p.entries = 8;
    p.replacement = ReplacementPolicy::kRandom;
    p.seed = seed;
    Tlb t(p);
    std::vector<bool> hits;
    for (int pass = 0; pass < 50; ++pass) {
      for (uint32_t i = 0; i < 11; ++i) hits.push_back(t.Access(i * kPage).hit);
    }
    return hits;
  };
  EXPECT_EQ(run(3), run(3));
  EXPECT_NE(run(3), run(4));
}

TEST(Tlb, MatchesAReferenceTagStoreOnRandomTraffic) {
  // The TLB's indexed list against the plain stamp-based TagStore (one set, same policy):
  // under LRU and FIFO, hits and misses must agree access by access, flushes included.
  for (ReplacementPolicy policy : {ReplacementPolicy::kLru, ReplacementPolicy::kFifo}) {
    TlbParams p;
    p.entries = 16;
    p.replacement = policy;
    Tlb t(p);
    TagStore ref(1, 16, policy, 1);
    XorShift64 rng(42);
    for (int i = 0; i < 20000; ++i) {
      const uint32_t r = rng.Below(1000);
      const uint32_t vpn = r < 700 ? rng.Below(20) : rng.Below(40);  // mostly a hot set
      if (r == 999) {
        t.Flush();
        ref.DropAll();
        continue;
      }
      if (r >= 990) {
        const int w = ref.Find(0, vpn);
        EXPECT_EQ(t.FlushPage(vpn * kPage), w >= 0);
        if (w >= 0) ref.Drop(0, w);
        continue;
      }
      int w = ref.Find(0, vpn);
      const bool ref_hit = w >= 0;
      if (ref_hit) {
        ref.Touch(0, w);
      } else {
        w = ref.Victim(0);
        ref.Fill(0, w, vpn);
      }
      ASSERT_EQ(t.Access(vpn * kPage + 8).hit, ref_hit) << ReplacementPolicyName(policy) << " access " << i;
    }
  }
}

TEST(Tlb, TheSchemasLargestTlbWorks) {
  TlbParams p;
  p.entries = 65536;  // config_schema.cc's tlb.entries maximum
  Tlb t(p);
  CyclePages(t, 65536, 2);
  EXPECT_EQ(t.counters().misses, 65536u);
  EXPECT_EQ(t.counters().hits, 65536u);
  t.Access(0xfffff000);  // the last page of the address space: evicts page 0 (LRU)
  EXPECT_FALSE(t.Contains(0));
  EXPECT_TRUE(t.Contains(0xffffffff));
}

TEST(Tlb, BadParamsAreNamed) {
  TlbParams p;
  p.page_bytes = 3000;
  EXPECT_NE(CheckTlbParams(p).find("power of two"), std::string::npos);
  p = TlbParams{};
  p.entries = 0;
  EXPECT_NE(CheckTlbParams(p), "");
  p = TlbParams{};
  p.micro_entries = 200;
  EXPECT_NE(CheckTlbParams(p).find("micro_entries"), std::string::npos);
}

TEST(Tlb, StatsIncludeTheMicroTlbGroup) {
  TlbParams p;
  p.micro_entries = 4;
  Tlb t(p);
  t.AccessInstruction(0);
  t.AccessInstruction(0);
  t.Access(0);
  StatGroup g("tlb");
  t.RegisterStats(g);
  std::ostringstream out;
  g.WriteJson(out);
  const std::string json = out.str();
  EXPECT_NE(json.find("\"accesses\": 2"), std::string::npos) << json;
  EXPECT_NE(json.find("\"miss_rate\": 0.5"), std::string::npos) << json;
  EXPECT_NE(json.find("\"micro\": {"), std::string::npos) << json;
}

}  // namespace
}  // namespace dynsim
