#include "sim/stats.h"

#include <gtest/gtest.h>

#include <sstream>

namespace dynsim {
namespace {

TEST(Stats, JsonIsHierarchicalAndInDeclarationOrder) {
  uint64_t cycles = 300, insts = 200;
  std::map<std::string, uint64_t> calls = {{"write", 2}, {"brk", 1}};
  StatGroup root("sim");
  root.Counter("cycles", "cycles", "simulated cycles", &cycles);
  root.Counter("instructions", "count", "instructions retired", &insts);
  root.Formula("ipc", "ratio", "instructions per cycle", [&] { return double(insts) / double(cycles); });
  root.Group("os").Map("syscalls", "count", "system calls by name", &calls);
  std::ostringstream out;
  root.WriteJson(out);
  EXPECT_EQ(out.str(),
            "{\n"
            "  \"cycles\": 300,\n"
            "  \"instructions\": 200,\n"
            "  \"ipc\": 0.6666666666666666,\n"
            "  \"os\": {\n"
            "    \"syscalls\": {\n"
            "      \"brk\": 1,\n"
            "      \"write\": 2\n"
            "    }\n"
            "  }\n"
            "}");
  cycles = 0;
  std::ostringstream again;
  root.WriteJson(again);
  EXPECT_NE(again.str().find("\"ipc\": 0,"), std::string::npos) << "a ratio over zero is 0, not nan";
}

TEST(Stats, TextSummaryNamesUnitsAndDocs) {
  uint64_t n = 7;
  StatGroup root("sim");
  root.Group("core").Counter("instructions", "count", "instructions retired", &n);
  std::ostringstream out;
  root.WriteText(out);
  EXPECT_NE(out.str().find("sim.core.instructions"), std::string::npos);
  EXPECT_NE(out.str().find("# instructions retired (count)"), std::string::npos);
}

TEST(Stats, ValuesAreFoundByDottedPath) {
  uint64_t n = 7, m = 3;
  StatGroup root("sim");
  root.Counter("n", "count", "n", &n);
  root.Group("core").Group("branches").Counter("call", "count", "calls", &m);
  root.Group("core").Formula("twice", "count", "2n", [&] { return 2.0 * n; });
  EXPECT_EQ(root.Value("n"), 7.0);
  EXPECT_EQ(root.Value("core.branches.call"), 3.0);
  EXPECT_EQ(root.Value("core.twice"), 14.0);
  EXPECT_FALSE(root.Value("call").has_value()) << "only the full path finds a nested statistic";
  EXPECT_FALSE(root.Value("core.missing").has_value());
}

TEST(Stats, JsonIsValidUtf8AndCountsAreExact) {
  uint64_t big = 0xffffffffffffffffull;
  // A symbol name from a foreign ELF: Latin-1 bytes that are not UTF-8, a control
  // character, and a name that is valid UTF-8.
  std::map<std::string, uint64_t> functions = {{"caf\xe9", 1}, {"tab\there", 2}, {"ma\xc3\xb1" "ana", 3}};
  StatGroup root("sim");
  root.Counter("big", "count", "the largest counter", &big);
  root.Map("functions", "cycles", "by function", &functions);
  std::ostringstream out;
  root.WriteJson(out);
  const std::string json = out.str();
  EXPECT_NE(json.find("\"big\": 18446744073709551615"), std::string::npos) << json;
  EXPECT_NE(json.find("\"caf\xef\xbf\xbd\": 1"), std::string::npos) << "invalid bytes become U+FFFD: " << json;
  EXPECT_NE(json.find("\"tab\\there\": 2"), std::string::npos) << json;
  EXPECT_NE(json.find("\"ma\xc3\xb1" "ana\": 3"), std::string::npos) << "valid UTF-8 is kept: " << json;
  EXPECT_NO_THROW(Json::parse(json));
}

TEST(Stats, FormulasAreIntegersWhenIntegral) {
  EXPECT_EQ(FormatStat(19.0), "19");
  EXPECT_EQ(FormatStat(0.5), "0.5");
  EXPECT_EQ(FormatStat(1.0 / 0.0), "0");
  EXPECT_EQ(FormatStat(0.1 + 0.2), "0.30000000000000004") << "every digit a double holds";
}

TEST(Stats, TextAlignsValuesAfterTheLongestNameAndUsesKeyDocs) {
  uint64_t n = 7;
  std::map<std::string, uint64_t> counters = {{"dynamo.fragments", 3}, {"other", 1}};
  StatGroup root("sim");
  root.Counter("n", "count", "short", &n);
  root.Group("guest").Map("counters", "count", "guest counters", &counters, [](const std::string& key) {
    return key == "dynamo.fragments" ? std::string("fragments built") : std::string();
  });
  std::ostringstream out;
  root.WriteText(out);
  EXPECT_EQ(out.str(),
            "sim.n                                 7   # short (count)\n"
            "sim.guest.counters::dynamo.fragments  3   # fragments built (count)\n"
            "sim.guest.counters::other             1   # guest counters (count)\n");
  Json docs = Json::object();
  root.Describe(&docs, "sim.");
  EXPECT_EQ(docs["sim.guest.counters::dynamo.fragments"], "fragments built (count)");
  EXPECT_EQ(docs["sim.n"], "short (count)");
}

}  // namespace
}  // namespace dynsim
