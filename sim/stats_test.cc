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
            "  \"ipc\": 0.666667,\n"
            "  \"os\": {\n"
            "    \"syscalls\": {\"brk\": 1, \"write\": 2}\n"
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

TEST(Stats, JsonEscapesStrings) {
  EXPECT_EQ(JsonString("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
}

}  // namespace
}  // namespace dynsim
