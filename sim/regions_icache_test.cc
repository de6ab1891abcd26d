// The instruction fetches split by region, the I-cache's and the I-TLB's: hand-derived
// accesses, misses and miss cycles on a tiny address map whose lines and pages conflict on
// purpose, the kinds of code, and parts that sum to the totals.
#include <gtest/gtest.h>

#include <numeric>

#include "sim/cache.h"
#include "sim/regions.h"
#include "sim/tlb.h"

namespace dynsim {
namespace {

// Fetches through `itlb` (if any) and `icache` once per new line, as the in-order model
// does, and costs 1.
class FetchingModel : public RetireSink {
 public:
  explicit FetchingModel(Cache* icache, Tlb* itlb = nullptr) : icache_(icache), itlb_(itlb) {}
  uint32_t Retire(const RetireRecord& r) override {
    const uint32_t line = r.pc >> 5;
    if (line != last_line_) {
      if (itlb_) itlb_->AccessInstruction(r.pc);
      icache_->Access(r.pc, false);
    }
    last_line_ = line;
    return 1;
  }

 private:
  Cache* icache_;
  Tlb* itlb_;
  uint32_t last_line_ = ~0u;
};

// A 1 KB direct-mapped cache of 32-byte lines (32 sets), hit 1, miss 10 cycles more.
CacheParams SmallCache() {
  CacheParams p;
  p.size_bytes = 1024;
  p.assoc = 1;
  p.line_bytes = 32;
  p.hit_latency = 1;
  p.miss_penalty = 10;
  return p;
}

// main (app) at 0x1000 and the interpreter at 0x2000 both map to set 0; the fragment cache
// line at 0x3020 to set 1; the exit-stub routine at 0x2400 to set 0 again.
ElfImage AddressMap() {
  ElfImage image;
  image.symbols.push_back({"main", 0x1000, 0x100, true});
  image.symbols.push_back({"dynamo::Interpreter::Step", 0x2000, 0x100, true});
  image.symbols.push_back({"dynamo::dynamo_fragment_exit", 0x2400, 0x40, true});
  return image;
}

// Eight instructions: one whole line from `pc`.
void RunLine(RetireSink* sink, uint32_t pc) {
  for (uint32_t i = 0; i < 8; ++i) {
    RetireRecord r;
    r.pc = pc + 4 * i;
    sink->Retire(r);
  }
}

uint64_t Sum(const std::map<std::string, uint64_t>& m) {
  return std::accumulate(m.begin(), m.end(), uint64_t{0}, [](uint64_t a, const auto& kv) { return a + kv.second; });
}

TEST(RegionsIcache, HandDerivedCountsByGroupAndKind) {
  Cache icache(SmallCache());
  FetchingModel model(&icache);
  RegionProfiler p(std::vector<RegionGroupRule>{{"dynamo::Interpreter::*", "dynamo.interpreter"},
                                                 {"dynamo::dynamo_fragment_exit", "dynamo.exit_stubs"}});
  p.SplitInstructionCache(&icache.counters());
  AttributedTiming<FetchingModel> sink(&model, &p);
  p.AddImage(AddressMap());
  p.AnnounceRange("fragment_cache", 0x3000, 0x3100);
  // Three rounds of main, a fragment, the interpreter: main and the interpreter evict each
  // other from set 0 every time (3 misses each); the fragment's line misses once, then hits.
  for (int round = 0; round < 3; ++round) {
    RunLine(&sink, 0x1000);
    RunLine(&sink, 0x3020);
    RunLine(&sink, 0x2000);
  }
  // One exit through the stub routine: set 0 holds the interpreter's line, a miss.
  RunLine(&sink, 0x2400);
  p.Finish(/*total_cycles=*/80);

  const auto& g = p.icache_by_group();
  const std::map<std::string, uint64_t> want_accesses{
      {"app", 3}, {"dynamo.exit_stubs", 1}, {"dynamo.interpreter", 3}, {"fragment_cache", 3}};
  const std::map<std::string, uint64_t> want_misses{
      {"app", 3}, {"dynamo.exit_stubs", 1}, {"dynamo.interpreter", 3}, {"fragment_cache", 1}};
  const std::map<std::string, uint64_t> want_miss_cycles{
      {"app", 30}, {"dynamo.exit_stubs", 10}, {"dynamo.interpreter", 30}, {"fragment_cache", 10}};
  EXPECT_EQ(g.accesses, want_accesses);
  EXPECT_EQ(g.misses, want_misses);
  EXPECT_EQ(g.miss_cycles, want_miss_cycles);

  const auto& k = p.icache_by_kind();
  const std::map<std::string, uint64_t> kind_accesses{
      {"application", 3}, {"dynamo", 3}, {"exit_stubs", 1}, {"fragment_cache", 3}};
  const std::map<std::string, uint64_t> kind_misses{
      {"application", 3}, {"dynamo", 3}, {"exit_stubs", 1}, {"fragment_cache", 1}};
  EXPECT_EQ(k.accesses, kind_accesses);
  EXPECT_EQ(k.misses, kind_misses);

  EXPECT_EQ(icache.counters().total_accesses(), 10u);
  EXPECT_EQ(icache.counters().total_misses(), 8u);
  EXPECT_EQ(icache.counters().miss_cycles, 80u);
  EXPECT_EQ(Sum(g.accesses), icache.counters().total_accesses());
  EXPECT_EQ(Sum(k.misses), icache.counters().total_misses());
  EXPECT_EQ(Sum(k.miss_cycles), icache.counters().miss_cycles);
}

// A one-entry TLB of 4 KB pages (miss 40 cycles): main, the fragment and the interpreter
// are on pages 1, 3 and 2, so each of their fetches misses; the stub routine shares the
// interpreter's page, so its fetch hits.
TEST(RegionsIcache, HandDerivedInstructionTlbCounts) {
  Cache icache(SmallCache());
  TlbParams tp;
  tp.entries = 1;
  tp.miss_penalty = 40;
  Tlb itlb(tp);
  FetchingModel model(&icache, &itlb);
  RegionProfiler p(std::vector<RegionGroupRule>{{"dynamo::Interpreter::*", "dynamo.interpreter"},
                                                 {"dynamo::dynamo_fragment_exit", "dynamo.exit_stubs"}});
  p.SplitInstructionCache(&icache.counters());
  p.SplitInstructionTlb(&itlb.fetch_counters());
  AttributedTiming<FetchingModel> sink(&model, &p);
  p.AddImage(AddressMap());
  p.AnnounceRange("fragment_cache", 0x3000, 0x3100);
  for (int round = 0; round < 3; ++round) {
    RunLine(&sink, 0x1000);
    RunLine(&sink, 0x3020);
    RunLine(&sink, 0x2000);
  }
  RunLine(&sink, 0x2400);
  p.Finish(80);
  const auto& k = p.by_kind("itlb");
  const std::map<std::string, uint64_t> accesses{
      {"application", 3}, {"dynamo", 3}, {"exit_stubs", 1}, {"fragment_cache", 3}};
  const std::map<std::string, uint64_t> misses{
      {"application", 3}, {"dynamo", 3}, {"exit_stubs", 0}, {"fragment_cache", 3}};
  const std::map<std::string, uint64_t> miss_cycles{
      {"application", 120}, {"dynamo", 120}, {"exit_stubs", 0}, {"fragment_cache", 120}};
  EXPECT_EQ(k.accesses, accesses);
  EXPECT_EQ(k.misses, misses);
  EXPECT_EQ(k.miss_cycles, miss_cycles);
  EXPECT_EQ(itlb.fetch_counters().accesses, 10u);
  EXPECT_EQ(itlb.fetch_counters().misses, 9u);
  EXPECT_EQ(itlb.fetch_counters().miss_cycles, 360u);
  EXPECT_EQ(Sum(p.by_group("itlb").misses), 9u);
  // The I-cache's split is unchanged by the TLB's beside it.
  EXPECT_EQ(p.icache_by_kind().misses.at("fragment_cache"), 1u);
}

// A fetch made by a slot belongs to that slot's region even on the first slot after a
// region change: the region is entered before the model fetches.
TEST(RegionsIcache, TheFetchOfARegionsFirstSlotIsItsOwn) {
  Cache icache(SmallCache());
  FetchingModel model(&icache);
  RegionProfiler p(std::vector<RegionGroupRule>{{"dynamo::*", "dynamo"}});
  p.SplitInstructionCache(&icache.counters());
  AttributedTiming<FetchingModel> sink(&model, &p);
  p.AddImage(AddressMap());
  RetireRecord r;
  r.pc = 0x1000;
  sink.Retire(r);  // main: its one fetch
  r.pc = 0x2000;
  sink.Retire(r);  // the interpreter's first slot: its fetch is Dynamo's, not main's
  p.Finish(2);
  const std::map<std::string, uint64_t> want{{"app", 1}, {"dynamo", 1}};
  EXPECT_EQ(p.icache_by_group().accesses, want);
  EXPECT_EQ(p.icache_by_kind().accesses.at("dynamo"), 1u);
  EXPECT_EQ(p.icache_by_kind().accesses.at("exit_stubs"), 0u);  // every kind is present
}

TEST(RegionsIcache, NoSplitWithoutAnInstructionCache) {
  RegionProfiler p(std::vector<RegionGroupRule>{});
  p.Finish(0);
  EXPECT_TRUE(p.icache_by_group().accesses.empty());
  EXPECT_TRUE(p.icache_by_kind().accesses.empty());
  StatGroup stats("regions");
  p.RegisterStats(stats);
  EXPECT_FALSE(stats.ToJson().contains("icache"));
}

}  // namespace
}  // namespace dynsim
