// Tests of the parameter schema: defaults against ../shared/reference/pa8000.md, round trips
// through the YAML dump, each kind of mistake's exact one-line message, overrides, and the
// generated Markdown reference.
#include "sim/config.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace dynsim {
namespace {

const std::string kData = "sim/testdata/config/";

// Loads YAML text named "t.yaml"; returns the error ("" on success).
std::string LoadError(const std::string& yaml, MachineConfig* out = nullptr) {
  MachineConfig c = DefaultConfig();
  std::string error;
  if (!LoadConfigString(yaml, "t.yaml", &c, &error)) return error;
  if (out) *out = c;
  return "";
}

std::string FileError(const std::string& name) {
  MachineConfig c = DefaultConfig();
  std::string error;
  EXPECT_FALSE(LoadConfigFile(kData + name, &c, &error)) << name;
  return error;
}

TEST(ConfigTest, DefaultsAreThePa8000) {
  MachineConfig c = DefaultConfig();
  EXPECT_EQ(c.name, "pa8000");
  EXPECT_EQ(c.clock_mhz, 180u);  // up to 180 MHz
  EXPECT_EQ(c.core.model, CoreModel::kOoo);
  EXPECT_EQ(c.core.dispatch_width, 4u);  // 4-way superscalar
  EXPECT_EQ(c.core.rob_entries, 56u);    // 56-entry reorder buffer
  EXPECT_EQ(c.icache.size_kb, 1024u);    // up to 1 MB each
  EXPECT_EQ(c.dcache.size_kb, 1024u);
  EXPECT_FALSE(c.l2.enabled);  // no L2 on the PA-8000
  EXPECT_EQ(c.tlb.entries, 96u);  // unified 96-entry TLB
  EXPECT_EQ(c.tlb.page_bytes, 4096u);
  EXPECT_EQ(c.branch.predictor, BranchPredictor::kBht);
  EXPECT_EQ(c.branch.bht_entries, 256u);  // 256-entry BHT
  EXPECT_EQ(c.branch.history_bits, 3u);   // 3-bit histories, majority vote
  EXPECT_EQ(c.branch.mispredict_penalty, 5u);
  EXPECT_EQ(c.branch.taken_bubble, 2u);
  EXPECT_EQ(c.branch.btac_entries, 0u);
  EXPECT_EQ(c.branch.indirect, IndirectPolicy::kAlwaysMispredict);
  std::string error;
  EXPECT_TRUE(CheckConfig(c, &error)) << error;
}

TEST(ConfigTest, SchemaIsWellFormed) {
  std::set<std::string> names;
  for (const ParamDef& p : ConfigSchema()) {
    EXPECT_TRUE(names.insert(p.name).second) << "declared twice: " << p.name;
    EXPECT_FALSE(p.doc.empty()) << p.name;
    EXPECT_EQ(FindParam(p.name), &p);
    // Each default obeys its own declaration.
    if (p.type != ParamType::kString) {
      MachineConfig c = DefaultConfig();
      std::string error;
      EXPECT_TRUE(ApplyOverride(p.name + "=" + FormatParamValue(p, p.default_value), &c, &error))
          << error;
    }
    if (p.type == ParamType::kEnum) {
      EXPECT_LT(p.default_value.i, static_cast<int64_t>(p.choices.size())) << p.name;
    }
    if (p.type == ParamType::kInt) {
      EXPECT_FALSE(p.unit.empty() && p.name != "seed") << p.name;
    }
  }
  for (const char* expected :
       {"name", "clock_mhz", "seed", "quantum_cycles", "core.model", "core.dispatch_width", "core.rob_entries",
        "icache.size_kb", "icache.assoc", "icache.line_bytes", "icache.replacement",
        "icache.hit_latency", "icache.miss_penalty", "dcache.size_kb", "dcache.assoc",
        "dcache.line_bytes", "dcache.replacement", "dcache.hit_latency", "dcache.miss_penalty",
        "l2.enabled", "l2.size_kb", "l2.assoc", "l2.line_bytes", "l2.replacement",
        "l2.hit_latency", "l2.miss_penalty", "tlb.entries", "tlb.page_bytes",
        "tlb.miss_penalty", "branch.predictor", "branch.bht_entries", "branch.history_bits",
        "branch.mispredict_penalty", "branch.taken_bubble", "branch.btac_entries",
        "branch.indirect", "branch.btb_entries", "branch.ras_entries"}) {
    EXPECT_TRUE(names.count(expected)) << expected;
  }
  EXPECT_EQ(names.size(), 39u);
}

TEST(ConfigTest, FullFileSetsEveryParameterAndRoundTrips) {
  MachineConfig c = DefaultConfig();
  std::string error;
  ASSERT_TRUE(LoadConfigFile(kData + "full.yaml", &c, &error)) << error;
  MachineConfig d = DefaultConfig();
  for (const ParamDef& p : ConfigSchema()) {
    EXPECT_NE(FormatParamValue(p, p.get(c)), FormatParamValue(p, p.get(d)))
        << p.name << " keeps its default in full.yaml";
  }
  EXPECT_EQ(c.core.model, CoreModel::kInorder);
  EXPECT_EQ(c.icache.replacement, Replacement::kFifo);
  EXPECT_EQ(c.dcache.replacement, Replacement::kRandom);
  EXPECT_EQ(c.dcache.assoc, 3u);
  EXPECT_TRUE(c.l2.enabled);
  EXPECT_EQ(c.l2.cache.line_bytes, 128u);
  EXPECT_EQ(c.branch.predictor, BranchPredictor::kStatic);
  EXPECT_EQ(c.branch.indirect, IndirectPolicy::kBtb);
  EXPECT_EQ(c.name, "test machine");
  EXPECT_EQ(c.seed, 42u);

  std::string dumped = DumpConfigYaml(c);
  MachineConfig reloaded = DefaultConfig();
  ASSERT_TRUE(LoadConfigString(dumped, "dump.yaml", &reloaded, &error)) << error << "\n" << dumped;
  EXPECT_EQ(DumpConfigYaml(reloaded), dumped);
  for (const ParamDef& p : ConfigSchema()) {
    EXPECT_EQ(FormatParamValue(p, p.get(reloaded)), FormatParamValue(p, p.get(c))) << p.name;
  }
}

TEST(ConfigTest, DefaultDumpIsNestedOrderedAndReloads) {
  std::string dumped = DumpConfigYaml(DefaultConfig());
  EXPECT_NE(dumped.find("name: \"pa8000\"\nclock_mhz: 180  # MHz\nseed: 1\nquantum_cycles: 100000  # cycles\ncore:\n  model: ooo\n"
                        "  dispatch_width: 4  # instructions/cycle\n"
                        "  rob_entries: 56  # instructions\nicache:\n  size_kb: 1024  # KiB\n"),
            std::string::npos)
      << dumped;
  EXPECT_NE(dumped.find("l2:\n  enabled: false\n  size_kb: 4096  # KiB\n"), std::string::npos);
  EXPECT_NE(dumped.find("  indirect: always_mispredict\n"), std::string::npos);
  EXPECT_EQ(DumpConfigYaml(DefaultConfig()), dumped);  // deterministic
  MachineConfig c;
  EXPECT_EQ(LoadError(dumped, &c), "");
  EXPECT_EQ(DumpConfigYaml(c), dumped);
}

TEST(ConfigTest, StringsWithSpecialCharactersRoundTrip) {
  MachineConfig c = DefaultConfig();
  c.name = "a \"quoted\" \\ name: #1\twith tab";
  MachineConfig back;
  EXPECT_EQ(LoadError(DumpConfigYaml(c), &back), "");
  EXPECT_EQ(back.name, c.name);
}

TEST(ConfigTest, PartialFileKeepsDefaults) {
  MachineConfig c;
  EXPECT_EQ(LoadError("icache:\n  size_kb: 64\ncore:\n  model: inorder\n", &c), "");
  EXPECT_EQ(c.icache.size_kb, 64u);
  EXPECT_EQ(c.core.model, CoreModel::kInorder);
  EXPECT_EQ(c.icache.line_bytes, 32u);
  EXPECT_EQ(c.branch.bht_entries, 256u);
  EXPECT_EQ(LoadError("", &c), "");  // empty file: the defaults
  EXPECT_EQ(DumpConfigYaml(c), DumpConfigYaml(DefaultConfig()));
  EXPECT_EQ(LoadError("# only a comment\nicache:\n", &c), "");
  EXPECT_EQ(LoadError("l2: {enabled: true, size_kb: 256}\n", &c), "");  // flow maps too
  EXPECT_TRUE(c.l2.enabled);
  EXPECT_EQ(c.l2.cache.size_kb, 256u);
  EXPECT_EQ(LoadError("clock_mhz: 0x100\n", &c), "");
  EXPECT_EQ(c.clock_mhz, 256u);
}

TEST(ConfigTest, ErrorMessagesFromFiles) {
  EXPECT_EQ(FileError("unknown_key.yaml"),
            "sim/testdata/config/unknown_key.yaml:3: icache.sise_kb: unknown key "
            "(did you mean icache.size_kb?)");
  EXPECT_EQ(FileError("wrong_type.yaml"),
            "sim/testdata/config/wrong_type.yaml:3: branch.bht_entries: expected an integer "
            "(entries), got 'lots'");
  EXPECT_EQ(FileError("out_of_range.yaml"),
            "sim/testdata/config/out_of_range.yaml:3: core.rob_entries: 0 is out of range "
            "[1, 4096] (instructions)");
  EXPECT_EQ(FileError("bad_enum.yaml"),
            "sim/testdata/config/bad_enum.yaml:2: icache.replacement: 'plru' is not one of lru, "
            "fifo, random");
  EXPECT_EQ(FileError("malformed.yaml"),
            "sim/testdata/config/malformed.yaml:3: malformed YAML: end of sequence flow not "
            "found");
  EXPECT_EQ(FileError("geometry.yaml"),
            "sim/testdata/config/geometry.yaml:3: dcache.assoc: 1024 KiB in 3-way sets of "
            "32-byte lines is not a power-of-two number of sets");
  // What the simulator allocates for a cache is bounded: 1 GiB of 4-byte lines would be
  // 2^28 tags (4 GiB of them).
  EXPECT_EQ(LoadError("dcache:\n  size_kb: 1048576\n  line_bytes: 4\n", nullptr),
            "t.yaml:2: dcache.size_kb: 1048576 KiB of 4-byte lines is 268435456 lines; the simulator "
            "models at most 4194304 per cache");
  // A key that spans lines (found by the config fuzzer) is shown escaped: one line.
  EXPECT_EQ(LoadError("\"icache\\nsize_kb\": 4\n", nullptr), "t.yaml:1: icache\\nsize_kb: unknown key (did you mean icache.size_kb?)");
  EXPECT_EQ(FileError("no_such_file.yaml"), "sim/testdata/config/no_such_file.yaml: cannot open");
  // A directory opens as an empty stream; it must not pass for an empty configuration.
  EXPECT_EQ(FileError(""), "sim/testdata/config/: is a directory, not a file");
}

TEST(ConfigTest, UnknownKeys) {
  EXPECT_EQ(LoadError("icahce:\n  size_kb: 4\n"), "t.yaml:1: icahce: unknown key (did you mean icache?)");
  EXPECT_EQ(LoadError("core:\n  rob_entry: 4\n"),
            "t.yaml:2: core.rob_entry: unknown key (did you mean core.rob_entries?)");
  EXPECT_EQ(LoadError("clock: 100\n"), "t.yaml:1: clock: unknown key (did you mean clock_mhz?)");
  EXPECT_EQ(LoadError("frobnicate: 1\n"), "t.yaml:1: frobnicate: unknown key");  // nothing close
  EXPECT_EQ(LoadError("core:\n  frobnicate: 1\n"), "t.yaml:2: core.frobnicate: unknown key");
  // A parameter of one group written under another: only the group's own keys are candidates.
  EXPECT_EQ(LoadError("tlb:\n  size_kb: 64\n"), "t.yaml:2: tlb.size_kb: unknown key");
}

TEST(ConfigTest, WrongTypes) {
  EXPECT_EQ(LoadError("icache:\n  size_kb: \"64\"\n"),
            "t.yaml:2: icache.size_kb: expected an integer (KiB), got string '64'");
  EXPECT_EQ(LoadError("icache:\n  size_kb: 1.5\n"),
            "t.yaml:2: icache.size_kb: expected an integer (KiB), got '1.5'");
  EXPECT_EQ(LoadError("icache:\n  size_kb: 64k\n"),
            "t.yaml:2: icache.size_kb: expected an integer (KiB), got '64k'");
  EXPECT_EQ(LoadError("icache:\n  size_kb:\n"),
            "t.yaml:2: icache.size_kb: expected an integer (KiB), got nothing");
  EXPECT_EQ(LoadError("icache:\n  size_kb: [1, 2]\n"),
            "t.yaml:2: icache.size_kb: expected an integer (KiB), got a sequence");
  EXPECT_EQ(LoadError("core:\n  model:\n    a: 1\n"),
            "t.yaml:2: core.model: expected one of inorder, ooo, functional, got a map");
  EXPECT_EQ(LoadError("l2:\n  enabled: 1\n"),
            "t.yaml:2: l2.enabled: expected true or false, got '1'");
  EXPECT_EQ(LoadError("l2:\n  enabled: \"true\"\n"),
            "t.yaml:2: l2.enabled: expected true or false, got string 'true'");
  EXPECT_EQ(LoadError("icache: 64\n"), "t.yaml:1: icache: expected a map of icache.* parameters");
  EXPECT_EQ(LoadError("- a\n- b\n"), "t.yaml:1: expected a map of parameters at the top level");
  EXPECT_EQ(LoadError("seed: 99999999999999999999\n"),
            "t.yaml:1: seed: expected an integer, got '99999999999999999999'");
}

TEST(ConfigTest, RangesAndConstraints) {
  EXPECT_EQ(LoadError("branch:\n  mispredict_penalty: -1\n"),
            "t.yaml:2: branch.mispredict_penalty: -1 is out of range [0, 1000] (cycles)");
  EXPECT_EQ(LoadError("clock_mhz: 100001\n"),
            "t.yaml:1: clock_mhz: 100001 is out of range [1, 100000] (MHz)");
  EXPECT_EQ(LoadError("icache:\n  line_bytes: 48\n"),
            "t.yaml:2: icache.line_bytes: 48 is not a power of two");
  EXPECT_EQ(LoadError("branch:\n  history_bits: 4\n"),
            "t.yaml:2: branch.history_bits: 4 is not odd");
  EXPECT_EQ(LoadError("core:\n  model: ooo\n  model: inorder\n"),
            "t.yaml:3: core.model: duplicate key (first on line 2)");
  EXPECT_EQ(LoadError("branch:\n  predictor: gshare\n"),
            "t.yaml:2: branch.predictor: 'gshare' is not one of bht, static, perfect");
  // Geometry: blame the key the file set; a 3-way cache is fine if the sets come out right.
  EXPECT_EQ(LoadError("icache:\n  line_bytes: 64\n  size_kb: 3\n"),
            "t.yaml:3: icache.size_kb: 3 KiB in 1-way sets of 64-byte lines is not a "
            "power-of-two number of sets");
  EXPECT_EQ(LoadError("icache:\n  size_kb: 48\n  assoc: 3\n"), "");
  EXPECT_EQ(LoadError("icache:\n  size_kb: 1\n  line_bytes: 2048\n"),
            "t.yaml:2: icache.size_kb: 1 KiB in 1-way sets of 2048-byte lines is not a "
            "power-of-two number of sets");
}

TEST(ConfigTest, LoadFailureLeavesOutputUntouched) {
  MachineConfig c = DefaultConfig();
  c.clock_mhz = 77;
  std::string error;
  EXPECT_FALSE(LoadConfigString("clock_mhz: 100\nbogus: 1\n", "t.yaml", &c, &error));
  EXPECT_EQ(c.clock_mhz, 77u);
}

TEST(ConfigTest, Overrides) {
  MachineConfig c = DefaultConfig();
  std::string error;
  EXPECT_TRUE(ApplyOverride("icache.size_kb=64", &c, &error)) << error;
  EXPECT_EQ(c.icache.size_kb, 64u);
  EXPECT_TRUE(ApplyOverride("icache.replacement=fifo", &c, &error)) << error;
  EXPECT_EQ(c.icache.replacement, Replacement::kFifo);
  EXPECT_TRUE(ApplyOverride("l2.enabled=true", &c, &error)) << error;
  EXPECT_TRUE(c.l2.enabled);
  EXPECT_TRUE(ApplyOverride("name=my machine", &c, &error)) << error;
  EXPECT_EQ(c.name, "my machine");

  EXPECT_FALSE(ApplyOverride("icache.size_kb=abc", &c, &error));
  EXPECT_EQ(error, "--set icache.size_kb=abc: icache.size_kb: expected an integer (KiB), got 'abc'");
  EXPECT_FALSE(ApplyOverride("icache.size_kb=0", &c, &error));
  EXPECT_EQ(error, "--set icache.size_kb=0: icache.size_kb: 0 is out of range [1, 1048576] (KiB)");
  EXPECT_FALSE(ApplyOverride("icache.replacment=lru", &c, &error));
  EXPECT_EQ(error,
            "--set icache.replacment=lru: icache.replacment: unknown key (did you mean "
            "icache.replacement?)");
  EXPECT_FALSE(ApplyOverride("core.model=fast", &c, &error));
  EXPECT_EQ(error, "--set core.model=fast: core.model: 'fast' is not one of inorder, ooo, functional");
  EXPECT_FALSE(ApplyOverride("icache=1", &c, &error));
  EXPECT_EQ(error, "--set icache=1: icache: is a group, not a parameter");
  EXPECT_FALSE(ApplyOverride("icache.size_kb", &c, &error));
  EXPECT_EQ(error, "--set icache.size_kb: expected KEY=VALUE");
  EXPECT_EQ(c.icache.size_kb, 64u);  // failed overrides change nothing

  // Several overrides change a geometry together; the check runs after all of them.
  MachineConfig d = DefaultConfig();
  EXPECT_TRUE(ApplyOverrides({"dcache.size_kb=48", "dcache.assoc=3"}, &d, &error)) << error;
  EXPECT_EQ(d.dcache.size_kb, 48u);
  EXPECT_EQ(d.dcache.assoc, 3u);
  MachineConfig e = DefaultConfig();
  EXPECT_FALSE(ApplyOverrides({"clock_mhz=90", "dcache.assoc=3"}, &e, &error));
  EXPECT_EQ(error,
            "--set dcache.assoc=3: dcache.assoc: 1024 KiB in 3-way sets of 32-byte lines is not a "
            "power-of-two number of sets");
  EXPECT_EQ(e.clock_mhz, 180u);  // untouched on failure
  // The key blamed is the one set, not the first that could be.
  EXPECT_FALSE(ApplyOverrides({"icache.size_kb=48"}, &e, &error));
  EXPECT_EQ(error.substr(0, error.find(" KiB")), "--set icache.size_kb=48: icache.size_kb: 48") << error;
  EXPECT_FALSE(ApplyOverrides({"clock_mhz=90", "clock_mhz=x"}, &e, &error));
  EXPECT_EQ(error, "--set clock_mhz=x: clock_mhz: expected an integer (MHz), got 'x'");
  EXPECT_EQ(e.clock_mhz, 180u);

  // Overrides on top of a loaded file.
  MachineConfig f;
  ASSERT_TRUE(LoadConfigFile(kData + "full.yaml", &f, &error)) << error;
  EXPECT_TRUE(ApplyOverrides({"branch.predictor=perfect"}, &f, &error)) << error;
  EXPECT_EQ(f.branch.predictor, BranchPredictor::kPerfect);
  EXPECT_EQ(f.core.model, CoreModel::kInorder);
}

TEST(ConfigTest, DocListsEveryParameter) {
  std::string doc = ConfigDocMarkdown();
  size_t rows = 0;
  for (size_t pos = doc.find("\n| `"); pos != std::string::npos; pos = doc.find("\n| `", pos + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, ConfigSchema().size());
  for (const ParamDef& p : ConfigSchema()) {
    EXPECT_NE(doc.find("| `" + p.name + "` |"), std::string::npos) << p.name;
  }
  EXPECT_NE(doc.find("| `core.rob_entries` | integer | instructions | `56` | 1 .. 4096 | "),
            std::string::npos);
  EXPECT_NE(doc.find("| `icache.replacement` | enum |  | `lru` | lru, fifo, random | "),
            std::string::npos);
  EXPECT_NE(doc.find("| `branch.bht_entries` | integer | entries | `256` | 1 .. 1048576, power "
                     "of two | "),
            std::string::npos);
  EXPECT_NE(doc.find("| `l2.enabled` | bool |  | `false` | true, false | "), std::string::npos);
  EXPECT_NE(doc.find("Our assumption"), std::string::npos);
}

}  // namespace
}  // namespace dynsim
