#include "util/config_text.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace dynsim {
namespace {

TEST(ConfigText, EditDistance) {
  EXPECT_EQ(EditDistance("", ""), 0);
  EXPECT_EQ(EditDistance("abc", "abc"), 0);
  EXPECT_EQ(EditDistance("abc", "acb"), 1);  // transposition
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(EditDistance("", "abc"), 3);
}

TEST(ConfigText, ClosestNameWithinThreeOrByPrefix) {
  const std::vector<std::string> names = {"hot_threshold", "max_trace_blocks", "linking"};
  EXPECT_EQ(ClosestName("hot_treshold", names), "hot_threshold");
  EXPECT_EQ(ClosestName("max_trace", names), "max_trace_blocks");  // a prefix, 7 edits away
  EXPECT_EQ(ClosestName("optimizer", names), "");
  EXPECT_EQ(DidYouMean("linkin", names), " (did you mean linking?)");
  EXPECT_EQ(DidYouMean("zzz", names), "");
}

TEST(ConfigText, OneIntegerSyntax) {
  int64_t v = 0;
  EXPECT_TRUE(ParseConfigInt("42", &v));
  EXPECT_EQ(v, 42);
  EXPECT_TRUE(ParseConfigInt("-7", &v));
  EXPECT_EQ(v, -7);
  EXPECT_TRUE(ParseConfigInt("+0x1F", &v));
  EXPECT_EQ(v, 31);
  EXPECT_TRUE(ParseConfigInt("-9223372036854775808", &v));
  EXPECT_EQ(v, INT64_MIN);
  for (const char* bad : {"", "-", "0x", "1e3", "12abc", " 1", "0x1g", "9223372036854775808", "1.0"})
    EXPECT_FALSE(ParseConfigInt(bad, &v)) << bad;
}

TEST(ConfigText, ReadTextFileRefusesADirectory) {
  std::string text, why;
  const char* tmp = std::getenv("TEST_TMPDIR");
  ASSERT_NE(tmp, nullptr);
  EXPECT_FALSE(ReadTextFile(tmp, &text, &why));
  EXPECT_EQ(why, "is a directory, not a file");
  const std::string path = std::string(tmp) + "/a.yaml";
  std::ofstream(path) << "x: 1\n";
  EXPECT_TRUE(ReadTextFile(path, &text, &why));
  EXPECT_EQ(text, "x: 1\n");
  EXPECT_FALSE(ReadTextFile(path + ".missing", &text, &why));
  EXPECT_EQ(why, "cannot open");
}

}  // namespace
}  // namespace dynsim
