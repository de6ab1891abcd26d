// Machine configuration: the parameter schema and validated YAML loading.
//
// Every parameter is declared exactly once, in ConfigSchema() (config_schema.cc), with its type,
// unit, default, valid range or choices and documentation, in the spirit of gem5's
// `Param.Unsigned(8, "Number of write buffers")`. The schema binds each dotted name
// ("icache.size_kb") to a field of MachineConfig, so the timing models read typed fields and
// never look anything up by string (STYLE.md). Defaults and facts come from
// ../shared/reference/pa8000.md; values the reference does not give are marked "Our
// assumption" in their documentation.
//
// YAML files are nested maps mirroring the dotted names:
//   core:
//     model: ooo
//   icache:
//     size_kb: 1024
// Keys left out keep their defaults. Every mistake is reported as one line
// "FILE:LINE: KEY: what is wrong"; the loaders never throw.
#ifndef DYNSIM_SIM_CONFIG_H
#define DYNSIM_SIM_CONFIG_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "util/param_spec.h"

namespace dynsim {

// Enumerations: the order of the enumerators is the order of the choices declared in the
// schema (index = enumerator value).
enum class CoreModel { kInorder, kOoo, kFunctional };          // "inorder", "ooo", "functional"
enum class Replacement { kLru, kFifo, kRandom };              // "lru", "fifo", "random"
enum class BranchPredictor { kBht, kStatic, kPerfect };       // "bht", "static", "perfect"
enum class IndirectPolicy { kAlwaysMispredict, kBtb };        // "always_mispredict", "btb"

struct CoreConfig {
  CoreModel model;
  uint32_t dispatch_width;  // instructions per cycle
  uint32_t rob_entries;     // instructions
};

// A cache: size_kb * 1024 = sets * assoc * line_bytes, with sets a power of two
// (CheckConfig enforces it).
struct CacheConfig {
  uint32_t size_kb;
  uint32_t assoc;       // ways; 1 = direct mapped
  uint32_t line_bytes;  // power of two
  Replacement replacement;
  uint32_t hit_latency;   // cycles
  uint32_t miss_penalty;  // cycles
};

struct L2Config {
  bool enabled;
  CacheConfig cache;
};

struct TlbConfig {
  uint32_t entries;     // fully associative, unified
  uint32_t page_bytes;  // power of two
  uint32_t miss_penalty;  // cycles
};

struct BranchConfig {
  BranchPredictor predictor;
  uint32_t bht_entries;   // power of two
  uint32_t history_bits;  // odd, so the majority vote never ties
  uint32_t mispredict_penalty;  // cycles
  uint32_t taken_bubble;        // cycles
  uint32_t btac_entries;        // 0 = no branch target address cache
  IndirectPolicy indirect;
  uint32_t btb_entries;  // used when indirect == kBtb
  uint32_t ras_entries;  // return address stack, used when indirect == kBtb; 0 = none
};

struct MemoryConfig {
  uint32_t limit_mb;  // MiB of guest pages mapped at once, at most
};

// The whole machine, as plain values. Obtain one from DefaultConfig() or a loader: a
// value-initialized MachineConfig{} is all zeros, not the default machine.
struct MachineConfig {
  std::string name;
  uint32_t clock_mhz;
  uint64_t seed;
  uint64_t quantum_cycles;
  CoreConfig core;
  CacheConfig icache;
  CacheConfig dcache;
  L2Config l2;
  TlbConfig tlb;
  BranchConfig branch;
  MemoryConfig memory;
};

// One declared parameter. `get` and `set` are bound to one MachineConfig field; `set` is
// only ever given values that passed validation against this declaration.
// Its type, unit, range and choices are its ParamSpec (util/param_spec.h), the value type
// the Dynamo configuration's schema shares.
struct ParamDef : ParamSpec {
  std::string name;  // dotted: "icache.size_kb"
  std::string doc;
  ParamValue default_value;
  std::function<ParamValue(const MachineConfig&)> get;
  std::function<void(MachineConfig*, const ParamValue&)> set;
};

// Every parameter, in declaration order (the order of the docs and of the YAML dump).
const std::vector<ParamDef>& ConfigSchema();
// The declaration named `name`, or nullptr.
const ParamDef* FindParam(const std::string& name);

// The default machine: every parameter at its declared default.
MachineConfig DefaultConfig();

// Parses a YAML file over the defaults. On success fills *out and returns true; on failure
// leaves *out untouched, sets *error to one line "FILE:LINE: KEY: message" and returns false.
// Checks: malformed YAML, unknown keys (with the closest known key when within edit distance
// 2), duplicate keys, wrong types, out-of-range values, bad enum choices, and the
// cross-parameter checks of CheckConfig.
bool LoadConfigFile(const std::string& path, MachineConfig* out, std::string* error);
// The same for YAML text; `filename` is used in messages.
bool LoadConfigString(const std::string& yaml, const std::string& filename, MachineConfig* out,
                      std::string* error);

// Applies one override "icache.size_kb=64" (the future --set option), validated like a YAML
// value ("icache.replacement=fifo", "l2.enabled=true"). No cross-parameter check, so that
// several overrides can change a cache's geometry together: call CheckConfig afterwards, or
// use ApplyOverrides. Errors read "--set KEY=VALUE: KEY: message".
bool ApplyOverride(const std::string& assignment, MachineConfig* config, std::string* error);
// Applies all overrides in order, then CheckConfig. On failure *config is untouched.
bool ApplyOverrides(const std::vector<std::string>& assignments, MachineConfig* config,
                    std::string* error);

// Cross-parameter consistency (cache geometry, ...). On failure sets *key to the parameter
// to blame and *error to "KEY: message".
bool CheckConfig(const MachineConfig& config, std::string* error, std::string* key = nullptr);

// Markdown reference of every parameter (the source of docs/config.md).
std::string ConfigDocMarkdown();
// The effective configuration as YAML in schema order, every parameter present, units as
// comments; loading it back gives the same configuration.
std::string DumpConfigYaml(const MachineConfig& config);
// A value in the canonical YAML text used by the dump ("true", "1024", "lru", "\"pa8000\"").
std::string FormatParamValue(const ParamDef& def, const ParamValue& value);

}  // namespace dynsim

#endif  // DYNSIM_SIM_CONFIG_H
