#include "util/yaml_map.h"

namespace dynsim {

bool ParseYamlFile(const std::string& text, const std::string& file, YAML::Node* root, std::string* error) {
  try {
    *root = YAML::Load(text);
    return true;
  } catch (const YAML::ParserException& e) {
    *error = file + ":" + std::to_string(e.mark.line + 1) + ": malformed YAML: " + e.msg;
  } catch (const std::exception& e) {
    *error = file + ": malformed YAML: " + e.what();
  }
  return false;
}

bool ParseYamlMap(const std::string& text, const std::string& file, const std::string& what, YAML::Node* root,
                  std::string* error) {
  if (!ParseYamlFile(text, file, root, error)) return false;
  if (root->IsNull() || root->IsMap()) return true;
  *error = YamlWhere(file, *root) + "expected a map of " + what + " at the top level";
  return false;
}

std::string YamlWhere(const std::string& file, const YAML::Node& node) {
  return file + ":" + std::to_string(node.Mark().line + 1) + ": ";
}

bool FirstOccurrence(const std::string& file, const YAML::Node& key, const std::string& name,
                     std::map<std::string, int>* lines, std::string* error) {
  const int line = key.Mark().line + 1;
  const auto seen = lines->find(name);
  if (seen != lines->end()) {
    *error = file + ":" + std::to_string(line) + ": " + name + ": duplicate key (first on line " +
             std::to_string(seen->second) + ")";
    return false;
  }
  (*lines)[name] = line;
  return true;
}

std::string NotAScalar(const YAML::Node& value, const std::string& want) {
  if (value.IsNull()) return "expected " + want + ", got nothing";
  if (value.IsMap()) return "expected " + want + ", got a map";
  if (value.IsSequence()) return "expected " + want + ", got a sequence";
  return "";
}

}  // namespace dynsim
