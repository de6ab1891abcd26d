// Every machine config we ship loads without error, and pa8000.yaml spells out exactly
// the schema's defaults (the schema's defaults are the PA-8000; the file documents them).
#include <gtest/gtest.h>

#include "sim/config.h"

namespace dynsim {
namespace {

MachineConfig Load(const std::string& name) {
  MachineConfig config;
  std::string error;
  EXPECT_TRUE(LoadConfigFile("configs/machines/" + name, &config, &error)) << error;
  return config;
}

TEST(Configs, EveryShippedMachineLoads) {
  for (const char* name : {"pa8000.yaml", "inorder.yaml", "tiny-icache.yaml", "perfect-branches.yaml"})
    Load(name);
}

TEST(Configs, Pa8000IsTheDefault) {
  EXPECT_EQ(DumpConfigYaml(Load("pa8000.yaml")), DumpConfigYaml(DefaultConfig()));
}

TEST(Configs, VariantsChangeWhatTheySay) {
  EXPECT_EQ(Load("inorder.yaml").core.model, CoreModel::kInorder);
  EXPECT_EQ(Load("tiny-icache.yaml").icache.size_kb, 4u);
  EXPECT_EQ(Load("perfect-branches.yaml").branch.predictor, BranchPredictor::kPerfect);
}

}  // namespace
}  // namespace dynsim
