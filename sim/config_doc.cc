// The machine configuration as text: the Markdown reference (docs/config.md, `dynsim
// config --doc`) and the YAML dump of a configuration (`dynsim config --dump`), both
// generated from the schema (config_schema.cc).
#include <string>
#include <vector>

#include "sim/config.h"
#include "sim/config_internal.h"
#include "util/param_spec.h"

namespace dynsim {
namespace {

using config_internal::TypeName;

// "  " per level of nesting.
std::string Indent(size_t depth) { return std::string(2 * depth, ' '); }

std::vector<std::string> SplitDots(const std::string& name) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', start)) {
    parts.push_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(name.substr(start));
  return parts;
}

std::string QuoteYaml(const std::string& s) {
  std::string out = "\"";
  for (unsigned char ch : s) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += static_cast<char>(ch);
    } else if (ch < 0x20 || ch == 0x7f) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    } else {
      out += static_cast<char>(ch);
    }
  }
  return out + "\"";
}

std::string EscapeMarkdownCell(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|') out += '\\';
    out += ch;
  }
  return out;
}

}  // namespace

std::string FormatParamValue(const ParamDef& def, const ParamValue& value) {
  switch (def.type) {
    case ParamType::kBool:
      return value.b ? "true" : "false";
    case ParamType::kInt:
      return std::to_string(value.i);
    case ParamType::kEnum:
      return value.i >= 0 && static_cast<size_t>(value.i) < def.choices.size()
                 ? def.choices[value.i]
                 : "?" + std::to_string(value.i);
    case ParamType::kString:
      return QuoteYaml(value.s);
  }
  return "?";
}

std::string DumpConfigYaml(const MachineConfig& config) {
  std::string out = "# dynsim machine configuration: every parameter (see docs/config.md)\n";
  std::vector<std::string> open;  // groups currently open, outermost first
  for (const ParamDef& p : ConfigSchema()) {
    std::vector<std::string> parts = SplitDots(p.name);
    std::vector<std::string> groups(parts.begin(), parts.end() - 1);
    size_t common = 0;
    while (common < open.size() && common < groups.size() && open[common] == groups[common]) {
      ++common;
    }
    open.resize(common);
    for (size_t i = common; i < groups.size(); ++i) {
      out += Indent(i) + groups[i] + ":\n";
      open.push_back(groups[i]);
    }
    out += Indent(groups.size()) + parts.back() + ": " + FormatParamValue(p, p.get(config));
    if (!p.unit.empty()) out += "  # " + p.unit;
    out += "\n";
  }
  return out;
}

std::string ConfigDocMarkdown() {
  std::string out =
      "# Configuration parameters\n\n"
      "Generated from the schema in `sim/config_schema.cc` (`ConfigSchema()`), where each parameter "
      "is declared once; do not edit by hand.\n\n"
      "A machine file is YAML whose nested maps mirror the dotted names: `icache.size_kb` is "
      "`size_kb` inside the `icache` map. Keys left out keep their defaults; unknown keys, "
      "wrong types and out-of-range values are errors naming file, line and key. One value "
      "can be overridden with `--set icache.size_kb=64`. Besides each range, a cache's "
      "`size_kb * 1024 / (assoc * line_bytes)` must be a power of two (its number of sets). "
      "Defaults come from `reference/pa8000.md`; \"Our assumption\" marks values it does not "
      "give.\n\n"
      "| Parameter | Type | Unit | Default | Valid values | Description |\n"
      "|---|---|---|---|---|---|\n";
  for (const ParamDef& p : ConfigSchema()) {
    std::string valid;
    switch (p.type) {
      case ParamType::kBool:
        valid = "true, false";
        break;
      case ParamType::kInt:
        valid = std::to_string(p.min) + " .. " + std::to_string(p.max);
        if (p.constraint == IntConstraint::kPowerOfTwo) valid += ", power of two";
        if (p.constraint == IntConstraint::kOdd) valid += ", odd";
        break;
      case ParamType::kEnum:
        valid = JoinChoices(p.choices, ", ");
        break;
      case ParamType::kString:
        valid = "any";
        break;
    }
    out += "| `" + p.name + "` | " + TypeName(p.type) + " | " + p.unit + " | `" +
           EscapeMarkdownCell(FormatParamValue(p, p.default_value)) + "` | " +
           EscapeMarkdownCell(valid) + " | " + EscapeMarkdownCell(p.doc) + " |\n";
  }
  return out;
}

}  // namespace dynsim
