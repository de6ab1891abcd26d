// The machine configuration's YAML loader and `--set` parser: every value validated
// against the schema (config_schema.cc), every mistake one line naming the file, line and
// key, with a suggestion for a misspelt key.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/config.h"
#include "sim/config_internal.h"
#include "util/config_text.h"
#include "util/param_spec.h"
#include "util/yaml_map.h"

namespace dynsim {
namespace {

using config_internal::ApplyDefaults;
using config_internal::CheckGeometry;
using config_internal::GroupNames;
using config_internal::IsGroup;


// " (did you mean X?)" for the likeliest intended key, else "". When the key's group
// exists, only that group's parameters are candidates (a misspelled leaf, such as
// core.rob_entry for core.rob_entries); otherwise every parameter and group is (a
// misspelled group, such as icahce.size_kb). A candidate is close when it is within edit
// distance 3, or when one name is a prefix of the other.
std::string Suggestion(const std::string& name) {
  const size_t dot = name.rfind('.');
  const std::string group = dot == std::string::npos ? "" : name.substr(0, dot);
  const bool group_known = !group.empty() && IsGroup(group);
  std::vector<std::string> candidates;
  for (const ParamDef& p : ConfigSchema())
    if (!group_known || p.name.compare(0, group.size() + 1, group + ".") == 0) candidates.push_back(p.name);
  if (!group_known) candidates.insert(candidates.end(), GroupNames().begin(), GroupNames().end());
  return DidYouMean(name, candidates);
}

// Walks the YAML maps, validating and setting each parameter.
class YamlLoader {
 public:
  explicit YamlLoader(std::string file) : file_(std::move(file)) { ApplyDefaults(&config_); }

  bool Load(const std::string& text) {
    YAML::Node root;
    if (!ParseYamlMap(text, file_, "parameters", &root, &error_)) return false;
    try {
      if (root.IsNull()) return Check();  // empty file: the defaults
      return Walk(root, "") && Check();
    } catch (const std::exception& e) {
      error_ = file_ + ": " + e.what();
      return false;
    }
  }

  const MachineConfig& config() const { return config_; }
  const std::string& error() const { return error_; }

 private:
  bool Fail(int line, const std::string& key, const std::string& message) {
    error_ = file_ + ":" + std::to_string(line) + ": " + key + ": " + message;
    return false;
  }

  bool Walk(const YAML::Node& map, const std::string& prefix) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      const YAML::Node key = it->first;  // copies: the iterator yields a temporary pair
      const YAML::Node value = it->second;
      int line = key.Mark().line + 1;
      if (!key.IsScalar()) {
        return Fail(line, prefix.empty() ? "(top level)" : prefix.substr(0, prefix.size() - 1),
                    "keys must be plain names");
      }
      std::string name = prefix + key.Scalar();
      if (!FirstOccurrence(file_, key, name, &lines_, &error_)) return false;
      if (const ParamDef* def = FindParam(name)) {
        const std::string not_scalar = NotAScalar(value, ExpectedValue(*def));
        if (!not_scalar.empty()) return Fail(line, name, not_scalar);
        ParamValue v;
        std::string message = ParseParamValue(*def, value.Scalar(), value.Tag() == "?", &v);
        if (!message.empty()) return Fail(line, name, message);
        def->set(&config_, v);
      } else if (IsGroup(name)) {
        if (value.IsNull()) continue;  // "icache:" with nothing under it
        if (!value.IsMap()) return Fail(line, name, "expected a map of " + name + ".* parameters");
        if (!Walk(value, name + ".")) return false;
      } else {
        return Fail(line, name, "unknown key" + Suggestion(name));
      }
    }
    return true;
  }

  // Cross-parameter checks, blaming the first involved key this file set.
  bool Check() {
    std::vector<std::string> keys;
    std::string message = CheckGeometry(config_, &keys);
    if (message.empty()) return true;
    for (const std::string& k : keys) {
      auto it = lines_.find(k);
      if (it != lines_.end()) return Fail(it->second, k, message);
    }
    error_ = file_ + ": " + keys[0] + ": " + message;
    return false;
  }

  std::string file_;
  MachineConfig config_;
  std::map<std::string, int> lines_;  // dotted key -> line it was set on
  std::string error_;
};

}  // namespace

bool LoadConfigString(const std::string& yaml, const std::string& filename, MachineConfig* out,
                      std::string* error) {
  YamlLoader loader(filename);
  if (!loader.Load(yaml)) {
    *error = OneLine(loader.error());
    return false;
  }
  *out = loader.config();
  return true;
}

bool LoadConfigFile(const std::string& path, MachineConfig* out, std::string* error) {
  std::string text, why;
  if (!ReadTextFile(path, &text, &why)) {
    *error = path + ": " + why;
    return false;
  }
  return LoadConfigString(text, path, out, error);
}

bool ApplyOverride(const std::string& assignment, MachineConfig* config, std::string* error) {
  std::string where = "--set " + assignment + ": ";
  size_t eq = assignment.find('=');
  if (eq == std::string::npos) {
    *error = where + "expected KEY=VALUE";
    return false;
  }
  std::string name = assignment.substr(0, eq);
  std::string text = assignment.substr(eq + 1);
  const ParamDef* def = FindParam(name);
  if (!def) {
    *error = where + name + ": " + (IsGroup(name) ? "is a group, not a parameter" :
                                                    "unknown key" + Suggestion(name));
    return false;
  }
  ParamValue v;
  std::string message = ParseParamValue(*def, text, /*plain=*/true, &v);
  if (!message.empty()) {
    *error = where + name + ": " + message;
    return false;
  }
  def->set(config, v);
  return true;
}

bool ApplyOverrides(const std::vector<std::string>& assignments, MachineConfig* config,
                    std::string* error) {
  MachineConfig c = *config;
  for (const std::string& a : assignments) {
    if (!ApplyOverride(a, &c, error)) {
      *error = OneLine(*error);
      return false;
    }
  }
  std::vector<std::string> keys;
  std::string message = CheckGeometry(c, &keys);
  if (!message.empty()) {
    // Blame the key the user set among those that could be (a cache's size, ways or line):
    // --set icache.size_kb=48 is about size_kb, even though assoc comes first.
    for (const std::string& key : keys) {
      for (const std::string& a : assignments) {
        if (a.compare(0, key.size() + 1, key + "=") != 0) continue;
        *error = OneLine("--set " + a + ": " + key + ": " + message);
        return false;
      }
    }
    *error = "--set: " + keys[0] + ": " + message;
    return false;
  }
  *config = c;
  return true;
}

}  // namespace dynsim
