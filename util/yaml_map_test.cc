// The shared YAML steps (yaml_map.h), each message derived by hand.
#include "util/yaml_map.h"

#include <gtest/gtest.h>

namespace dynsim {
namespace {

TEST(YamlMap, MalformedTextNamesFileAndLine) {
  YAML::Node root;
  std::string error;
  EXPECT_FALSE(ParseYamlFile("a: 1\nb: [2\n", "m.yaml", &root, &error));
  EXPECT_EQ(error.rfind("m.yaml:", 0), 0u) << error;
  EXPECT_NE(error.find(": malformed YAML: "), std::string::npos) << error;
  EXPECT_TRUE(ParseYamlFile("", "e.yaml", &root, &error));
  EXPECT_TRUE(root.IsNull());
}

TEST(YamlMap, TheTopLevelIsAMapOrNothing) {
  YAML::Node root;
  std::string error;
  EXPECT_TRUE(ParseYamlMap("a: 1\n", "m.yaml", "parameters", &root, &error));
  EXPECT_TRUE(root.IsMap());
  EXPECT_TRUE(ParseYamlMap("", "m.yaml", "parameters", &root, &error));
  EXPECT_TRUE(root.IsNull());
  EXPECT_FALSE(ParseYamlMap("\n- 1\n- 2\n", "m.yaml", "parameters", &root, &error));
  EXPECT_EQ(error, "m.yaml:2: expected a map of parameters at the top level");
}

TEST(YamlMap, SecondKeyIsRefusedWithTheFirstLine) {
  YAML::Node root;
  std::string error;
  ASSERT_TRUE(ParseYamlFile("x: 1\ny: 2\nx: 3\n", "d.yaml", &root, &error));
  std::map<std::string, int> lines;
  std::vector<bool> firsts;
  for (const auto& kv : root) firsts.push_back(FirstOccurrence("d.yaml", kv.first, kv.first.Scalar(), &lines, &error));
  EXPECT_EQ(firsts, (std::vector<bool>{true, true, false}));
  EXPECT_EQ(error, "d.yaml:3: x: duplicate key (first on line 1)");
  EXPECT_EQ(YamlWhere("d.yaml", root["y"]), "d.yaml:2: ");
}

TEST(YamlMap, NonScalarValuesAreNamed) {
  YAML::Node root;
  std::string error;
  ASSERT_TRUE(ParseYamlFile("a:\nb: {c: 1}\nd: [1]\ne: 5\n", "v.yaml", &root, &error));
  EXPECT_EQ(NotAScalar(root["a"], "an integer"), "expected an integer, got nothing");
  EXPECT_EQ(NotAScalar(root["b"], "an integer"), "expected an integer, got a map");
  EXPECT_EQ(NotAScalar(root["d"], "an integer"), "expected an integer, got a sequence");
  EXPECT_EQ(NotAScalar(root["e"], "an integer"), "");
}

}  // namespace
}  // namespace dynsim
