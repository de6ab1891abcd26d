#include "dynamo/config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace dynamo {
namespace {

std::string Error(const std::string& yaml) {
  BootConfig c = DefaultDynamoConfig();
  std::string error;
  EXPECT_FALSE(LoadDynamoConfigString(yaml, "d.yaml", &c, &error)) << yaml;
  return error;
}

TEST(DynamoConfig, DefaultsAreThePapersAndDynamoRiosValues) {
  const BootConfig c = DefaultDynamoConfig();
  EXPECT_EQ(c.hot_threshold, 50u);
  EXPECT_EQ(c.fragment_cache_kb, 150u);
  EXPECT_EQ(c.max_trace_blocks, 128u);
  EXPECT_EQ(c.linking, 1u);
  EXPECT_EQ(c.inline_indirect, 1u);
  EXPECT_EQ(c.lookup_table_entries, 4096u);
}

TEST(DynamoConfig, DefaultYamlSpellsOutTheDefaults) {
  BootConfig c{};
  std::string error;
  ASSERT_TRUE(LoadDynamoConfigFile("configs/dynamo/default.yaml", &c, &error)) << error;
  const BootConfig d = DefaultDynamoConfig();
  for (const DynamoParam& p : DynamoSchema()) EXPECT_EQ(c.*(p.field), d.*(p.field)) << p.name;
  // ... and names every parameter.
  std::ifstream in("configs/dynamo/default.yaml");
  std::stringstream text;
  text << in.rdbuf();
  for (const DynamoParam& p : DynamoSchema())
    EXPECT_NE(text.str().find(std::string("\n") + p.name + ":"), std::string::npos) << p.name;
}

TEST(DynamoConfig, ValuesOverrideDefaults) {
  BootConfig c{};
  std::string error;
  ASSERT_TRUE(LoadDynamoConfigString("hot_threshold: 1\nlinking: false\nlookup_table_entries: 16\n", "d.yaml", &c,
                                     &error))
      << error;
  EXPECT_EQ(c.hot_threshold, 1u);
  EXPECT_EQ(c.linking, 0u);
  EXPECT_EQ(c.lookup_table_entries, 16u);
  EXPECT_EQ(c.fragment_cache_kb, 150u);
  ASSERT_TRUE(LoadDynamoConfigString("", "empty.yaml", &c, &error)) << error;
  EXPECT_EQ(c.hot_threshold, 50u);
  // The machine configuration's integer syntax (util/config_text.h): hex too.
  ASSERT_TRUE(LoadDynamoConfigString("lookup_table_entries: 0x100\n", "hex.yaml", &c, &error)) << error;
  EXPECT_EQ(c.lookup_table_entries, 256u);
}

TEST(DynamoConfig, MistakesAreOneLineWithFileLineAndKey) {
  EXPECT_EQ(Error("hot_threshold: 5\nhot_treshold: 7\n"),
            "d.yaml:2: hot_treshold: unknown key (did you mean hot_threshold?)");
  EXPECT_EQ(Error("linking: maybe\n"), "d.yaml:1: linking: expected true or false, got 'maybe'");
  EXPECT_EQ(Error("hot_threshold: \"5\"\n"), "d.yaml:1: hot_threshold: expected an integer (executions), got string '5'");
  EXPECT_EQ(Error("fragment_cache_kb: 0\n"), "d.yaml:1: fragment_cache_kb: 0 is out of range [1, 1024] (KiB)");
  EXPECT_EQ(Error("lookup_table_entries: 1000\n"), "d.yaml:1: lookup_table_entries: 1000 is not a power of two");
  EXPECT_EQ(Error("linking: true\nlinking: false\n"), "d.yaml:2: linking: duplicate key (first on line 1)");
  EXPECT_EQ(Error("max_trace_blocks:\n"), "d.yaml:1: max_trace_blocks: expected an integer (basic blocks), got nothing");
  EXPECT_EQ(Error("- 1\n- 2\n"), "d.yaml:1: expected a map of Dynamo parameters at the top level");
  EXPECT_EQ(Error("hot_threshold: [1\n").rfind("d.yaml:", 0), 0u);
}

// Control characters in the text: yaml-cpp's message quotes the one it stops at, a quoted
// key may hold a newline; the error stays one line with them escaped. (The first input
// is what dynamo_config_fuzzer found.)
TEST(DynamoConfig, ControlCharactersInTheTextGiveOneLine) {
  const char text[] = "inline_indirect: falH\0\ncount_lookups: true\n";
  const std::string found = Error(std::string(text, sizeof text - 1));
  EXPECT_EQ(found.rfind("d.yaml:", 0), 0u) << found;
  EXPECT_EQ(found.find('\n'), std::string::npos) << found;
  EXPECT_EQ(Error("\"a\\nb\": 1\n"), "d.yaml:1: a\\nb: unknown key");
}

TEST(DynamoConfig, ChoicesByName) {
  BootConfig c{};
  std::string error;
  ASSERT_TRUE(LoadDynamoConfigString("optimize: none\n", "d.yaml", &c, &error)) << error;
  EXPECT_EQ(c.optimize, kOptimizeNone);
  ASSERT_TRUE(LoadDynamoConfigString("optimize: conservative\n", "d.yaml", &c, &error)) << error;
  EXPECT_EQ(c.optimize, kOptimizeConservative);
  ASSERT_TRUE(LoadDynamoConfigString("optimize: aggressive\n", "d.yaml", &c, &error)) << error;
  EXPECT_EQ(c.optimize, kOptimizeAggressive);
  // The machine configuration's words (util/param_spec.h), and a quoted name is a name too.
  EXPECT_EQ(Error("optimize: reckless\n"), "d.yaml:1: optimize: 'reckless' is not one of none, conservative, aggressive");
  EXPECT_EQ(Error("optimize: 1\n"), "d.yaml:1: optimize: '1' is not one of none, conservative, aggressive");
  EXPECT_EQ(Error("optimize:\n"), "d.yaml:1: optimize: expected one of none, conservative, aggressive, got nothing");
  ASSERT_TRUE(LoadDynamoConfigString("optimize: \"none\"\n", "d.yaml", &c, &error)) << error;
  EXPECT_EQ(c.optimize, kOptimizeNone);
}

TEST(DynamoConfig, MissingFileIsOneLine) {
  BootConfig c{};
  std::string error;
  EXPECT_FALSE(LoadDynamoConfigFile("no/such.yaml", &c, &error));
  EXPECT_EQ(error, "no/such.yaml: cannot open the Dynamo configuration");
}

TEST(DynamoConfig, ReadmeCarriesTheGeneratedTable) {
  std::ifstream in("dynamo/README.md");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find(DynamoConfigDocMarkdown()), std::string::npos)
      << "dynamo/README.md must contain DynamoConfigDocMarkdown():\n"
      << DynamoConfigDocMarkdown();
}

}  // namespace
}  // namespace dynamo
