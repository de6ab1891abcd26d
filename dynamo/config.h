// Host side: Dynamo's configuration schema and its validated YAML loader, in the style of
// the machine configuration (sim/config.h). Every parameter is declared once, in
// DynamoSchema() (config.cc), with its type, unit, default, range and meaning, and binds
// one field of BootConfig, the block the loader copies into Dynamo's memory (boot.h): the
// simulator only parses and validates, Dynamo reads typed fields.
//
// A Dynamo configuration file is a flat YAML map (configs/dynamo/default.yaml):
//   hot_threshold: 50
//   linking: false
// Keys left out keep their defaults. Every mistake is one line "FILE:LINE: KEY: message".
#ifndef DYNSIM_DYNAMO_CONFIG_H
#define DYNSIM_DYNAMO_CONFIG_H

#include <cstdint>
#include <string>
#include <vector>

#include "dynamo/boot.h"

namespace dynamo {

struct DynamoParam {
  const char* name;
  bool is_bool;
  const char* unit;  // "" for booleans
  int64_t default_value;
  int64_t min, max;  // integers, inclusive
  bool power_of_two;
  const char* used_by;  // the mechanism that reads it
  const char* doc;
  uint32_t BootConfig::*field;
  // A choice among names ("none|conservative"): the value is the name's index. nullptr
  // for integers and booleans.
  const char* choices = nullptr;
};

// Every parameter, in declaration order.
const std::vector<DynamoParam>& DynamoSchema();

// Every parameter at its default.
BootConfig DefaultDynamoConfig();

// Parses a YAML file over the defaults. False, with *error one line "FILE:LINE: KEY:
// message" (or "FILE: ..." without a line), on: unreadable or malformed YAML, a top level
// that is not a map, unknown keys (with the closest known one), duplicate keys, wrong
// types, values out of range or not a power of two.
bool LoadDynamoConfigFile(const std::string& path, BootConfig* out, std::string* error);
bool LoadDynamoConfigString(const std::string& yaml, const std::string& filename, BootConfig* out,
                            std::string* error);

// The parameters as a Markdown table (dynamo/README.md carries a copy).
std::string DynamoConfigDocMarkdown();

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_CONFIG_H
