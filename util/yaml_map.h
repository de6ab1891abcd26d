// What every YAML loader of the host does before its own schema applies (machine
// configurations, sim/config_loader.cc; Dynamo configurations, dynamo/config.cc; region
// tables, sim/regions.cc): parsing with the file and line in the message, refusing a key
// given twice (yaml-cpp keeps both, and the second would silently shadow or add to the
// first), and naming what a non-scalar value is. One definition each, so the three
// loaders report the same mistake in the same words: "FILE:LINE: KEY: message".
#ifndef DYNSIM_UTIL_YAML_MAP_H
#define DYNSIM_UTIL_YAML_MAP_H

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>

namespace dynsim {

// Parses `text`, the contents of `file`; false with "FILE:LINE: malformed YAML: ..." in
// `error`. An empty file gives a null root.
bool ParseYamlFile(const std::string& text, const std::string& file, YAML::Node* root, std::string* error);

// ParseYamlFile, and the top level must be a map (or nothing, an empty file): false with
// "FILE:LINE: expected a map of WHAT at the top level" if it is anything else.
bool ParseYamlMap(const std::string& text, const std::string& file, const std::string& what, YAML::Node* root,
                  std::string* error);

// "FILE:LINE: " for `node`.
std::string YamlWhere(const std::string& file, const YAML::Node& node);

// The first time the dotted key `name` (its node `key`) is seen in `file`: records its
// line in `lines` and returns true; the second time, false with "FILE:LINE: NAME:
// duplicate key (first on line N)".
bool FirstOccurrence(const std::string& file, const YAML::Node& key, const std::string& name,
                     std::map<std::string, int>* lines, std::string* error);

// "expected WANT, got nothing" (or "a map", "a sequence") if `value` is not a scalar; ""
// if it is.
std::string NotAScalar(const YAML::Node& value, const std::string& want);

}  // namespace dynsim

#endif  // DYNSIM_UTIL_YAML_MAP_H
