// Cycle attribution: the partition of the address space into regions, precedence of
// announced ranges over symbols, exact sums, the group table, and the simulator calls by
// which a guest announces a region and reports a counter.
#include "sim/regions.h"

#include <gtest/gtest.h>

#include <fstream>
#include <numeric>
#include <sstream>

#include "sim/simulation.h"
#include "tests/guest_binary_test_main.h"

namespace dynsim {
namespace {

// Charges every slot `cycles_per_slot` cycles.
class FixedCost : public RetireSink {
 public:
  explicit FixedCost(uint32_t c) : c_(c) {}
  uint32_t Retire(const RetireRecord&) override { return c_; }

 private:
  uint32_t c_;
};

RetireRecord At(uint32_t pc, bool nullified = false) {
  RetireRecord r;
  r.pc = pc;
  r.nullified = nullified;
  return r;
}

ElfImage TwoFunctions() {
  ElfImage image;
  image.symbols.push_back({"alpha", 0x1000, 0x100, true});
  image.symbols.push_back({"data_word", 0x1100, 4, false});  // not a function: never a region
  image.symbols.push_back({"$$mulI", 0x1200, 0, true});      // no size: runs to the next function
  image.symbols.push_back({"beta", 0x1300, 0x40, true});
  return image;
}

uint64_t Sum(const std::map<std::string, uint64_t>& m) {
  return std::accumulate(m.begin(), m.end(), uint64_t{0}, [](uint64_t a, const auto& kv) { return a + kv.second; });
}

TEST(Regions, ChargesEachPcToItsFunctionAndSumsToTotal) {
  FixedCost model(3);
  RegionProfiler p(std::vector<RegionGroupRule>{{"$$*", "millicode"}});
  AttributedTiming<FixedCost> sink(&model, &p);
  p.AddImage(TwoFunctions());
  EXPECT_EQ(sink.Retire(At(0x1000)), 3u);
  sink.Retire(At(0x10fc));
  sink.Retire(At(0x1100));  // between alpha's end and $$mulI: no symbol
  sink.Retire(At(0x12fc));  // $$mulI, up to beta
  sink.Retire(At(0x1300));
  sink.Retire(At(0x1304, /*nullified=*/true));
  sink.Retire(At(0x1340));  // past beta's size
  p.Finish(/*total_cycles=*/21 + 5);
  const auto& c = p.function_cycles();
  const auto& i = p.function_instructions();
  EXPECT_EQ(c.at("alpha"), 6u);
  EXPECT_EQ(i.at("alpha"), 2u);
  EXPECT_EQ(c.at("millicode:$$mulI"), 3u);
  EXPECT_EQ(c.at("beta"), 6u);
  EXPECT_EQ(i.at("beta"), 1u) << "a nullified slot takes cycles but is no instruction";
  EXPECT_EQ(c.at(RegionProfiler::kNoSymbolRegion), 6u);
  EXPECT_EQ(c.at(RegionProfiler::kOsRegion), 5u) << "what records did not charge is the OS's";
  EXPECT_EQ(Sum(c), 26u);
  EXPECT_EQ(Sum(i), 6u);
  EXPECT_EQ(p.group_cycles().at("app"), 12u);
  EXPECT_EQ(p.group_cycles().at("millicode"), 3u);
  EXPECT_EQ(Sum(p.group_cycles()), 26u);
}

TEST(Regions, AnnouncedRangesOverrideSymbolsUntilReannounced) {
  FixedCost model(1);
  RegionProfiler p(std::vector<RegionGroupRule>{});
  AttributedTiming<FixedCost> sink(&model, &p);
  p.AddImage(TwoFunctions());
  sink.Retire(At(0x1010));
  p.AnnounceRange("fragment cache", 0x1008, 0x1020);
  sink.Retire(At(0x1004));  // alpha, below the range
  sink.Retire(At(0x1010));  // inside the range
  sink.Retire(At(0x1020));  // alpha again, just past it
  p.AnnounceRange("stubs", 0x1010, 0x1014);
  sink.Retire(At(0x1010));
  sink.Retire(At(0x100c));
  p.Finish(6);
  EXPECT_EQ(p.function_cycles().at("alpha"), 3u);
  EXPECT_EQ(p.function_cycles().at("fragment cache"), 2u);
  EXPECT_EQ(p.function_cycles().at("stubs"), 1u);
  EXPECT_EQ(p.group_cycles().at("fragment cache"), 2u) << "an announced range is a group of its own";
}

TEST(Regions, PrintListsTopRegionsAndTotal) {
  FixedCost model(2);
  RegionProfiler p(std::vector<RegionGroupRule>{});
  AttributedTiming<FixedCost> sink(&model, &p);
  p.AddImage(TwoFunctions());
  for (int k = 0; k < 3; ++k) sink.Retire(At(0x1000));
  sink.Retire(At(0x1300));
  p.Finish(8);
  std::ostringstream out;
  p.Print(out, 1);
  const std::string text = out.str();
  EXPECT_NE(text.find("alpha"), std::string::npos) << text;
  EXPECT_EQ(text.find("beta"), std::string::npos) << "only the top 1 is listed\n" << text;
  EXPECT_NE(text.find("(2 more)"), std::string::npos) << "beta and [os]\n" << text;
  EXPECT_NE(text.find("total"), std::string::npos) << text;
}

TEST(Regions, LoadRegionRulesReportsFileLineAndKey) {
  const std::string dir = ::testing::TempDir();
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir + "/" + name) << text;
    return dir + "/" + name;
  };
  std::vector<RegionGroupRule> rules;
  std::string error;
  ASSERT_TRUE(LoadRegionRules(write("ok.yaml", "groups:\n  libc: [printf, \"str*\"]\n  milli: [\"$$*\"]\n"),
                              &rules, &error))
      << error;
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[1].pattern, "str*");
  EXPECT_EQ(rules[1].group, "libc");
  const std::string unknown = write("unknown.yaml", "groups:\n  libc: [printf]\ngrups: {}\n");
  EXPECT_FALSE(LoadRegionRules(unknown, &rules, &error));
  EXPECT_EQ(error, unknown + ":3: grups: unknown key (the table has only `groups`)");
  const std::string scalar = write("scalar.yaml", "groups:\n  libc: printf\n");
  EXPECT_FALSE(LoadRegionRules(scalar, &rules, &error));
  EXPECT_EQ(error, scalar + ":2: groups.libc: expected a list of function-name patterns");
  EXPECT_FALSE(LoadRegionRules(dir + "/missing.yaml", &rules, &error));
  EXPECT_NE(error.find("missing.yaml: cannot read"), std::string::npos) << error;
  const std::string twice = write("twice.yaml", "groups:\n  libc: [printf]\n  milli: [\"$$*\"]\n  libc: [puts]\n");
  EXPECT_FALSE(LoadRegionRules(twice, &rules, &error));
  EXPECT_EQ(error, twice + ":4: groups.libc: duplicate key (first on line 2)");
  const std::string two_tables = write("two_tables.yaml", "groups:\n  libc: [printf]\ngroups:\n  milli: [x]\n");
  EXPECT_FALSE(LoadRegionRules(two_tables, &rules, &error));
  EXPECT_EQ(error, two_tables + ":3: groups: duplicate key (first on line 1)");
}

// A guest announces its hot function and reports a counter; the region gets the loop's
// cycles, everything sums to the totals, and the counter reaches the stats.
TEST(Regions, GuestAnnouncesRegionAndReportsCounter) {
  RunOptions options;
  options.program = GuestBinaryArgument();
  std::string error;
  ASSERT_TRUE(ApplyOverrides({"core.model=inorder"}, &options.machine, &error)) << error;
  std::ostringstream log;
  Simulation sim(options, &log);
  ASSERT_TRUE(sim.Load(&error)) << error;
  ASSERT_EQ(sim.Run(), RunEnd::kExited) << log.str();
  ASSERT_NE(sim.regions(), nullptr);
  const auto& cycles = sim.regions()->function_cycles();
  const auto& insts = sim.regions()->function_instructions();
  ASSERT_TRUE(cycles.count("hot loop")) << "the announced region was charged";
  EXPECT_EQ(cycles.count("spin"), 0u) << "the announcement covers the whole function";
  EXPECT_GT(insts.at("hot loop"), 5u * 10000) << "each of 10000 iterations runs several instructions";
  EXPECT_EQ(Sum(cycles), sim.cycles());
  EXPECT_EQ(Sum(insts), sim.instructions());
  EXPECT_GT(cycles.at(RegionProfiler::kOsRegion), 0u) << "the syscalls' gateway cycles";
  std::ostringstream json;
  sim.stats().WriteJson(json);
  EXPECT_NE(json.str().find("\"spins\": 4294967301"), std::string::npos) << json.str();
}

}  // namespace
}  // namespace dynsim
