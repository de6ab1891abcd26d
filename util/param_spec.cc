#include "util/param_spec.h"

#include <algorithm>

#include "util/config_text.h"

namespace dynsim {

std::string JoinChoices(const std::vector<std::string>& choices, const char* sep) {
  std::string out;
  for (size_t i = 0; i < choices.size(); ++i) {
    if (i) out += sep;
    out += choices[i];
  }
  return out;
}

std::string UnitSuffix(const ParamSpec& def) { return def.unit.empty() ? "" : " (" + def.unit + ")"; }

std::string ExpectedValue(const ParamSpec& def) {
  switch (def.type) {
    case ParamType::kBool:
      return "true or false";
    case ParamType::kInt:
      return "an integer" + UnitSuffix(def);
    case ParamType::kEnum:
      return "one of " + JoinChoices(def.choices, ", ");
    case ParamType::kString:
      return "a string";
  }
  return "?";
}

std::string ParseParamValue(const ParamSpec& def, const std::string& text, bool plain, ParamValue* out) {
  switch (def.type) {
    case ParamType::kBool:
      if (plain && (text == "true" || text == "True" || text == "TRUE")) {
        out->b = true;
        return "";
      }
      if (plain && (text == "false" || text == "False" || text == "FALSE")) {
        out->b = false;
        return "";
      }
      return "expected true or false, got " + std::string(plain ? "'" : "string '") + text + "'";
    case ParamType::kInt: {
      int64_t v = 0;
      if (!plain || !ParseConfigInt(text, &v)) {
        return "expected " + ExpectedValue(def) + ", got " + (plain ? "'" : "string '") + text + "'";
      }
      if (v < def.min || v > def.max) {
        return std::to_string(v) + " is out of range [" + std::to_string(def.min) + ", " +
               std::to_string(def.max) + "]" + UnitSuffix(def);
      }
      if (def.constraint == IntConstraint::kPowerOfTwo && (v & (v - 1)) != 0) {
        return std::to_string(v) + " is not a power of two";
      }
      if (def.constraint == IntConstraint::kOdd && v % 2 == 0) {
        return std::to_string(v) + " is not odd";
      }
      out->i = v;
      return "";
    }
    case ParamType::kEnum: {
      auto it = std::find(def.choices.begin(), def.choices.end(), text);
      if (it == def.choices.end()) {
        return "'" + text + "' is not one of " + JoinChoices(def.choices, ", ");
      }
      out->i = it - def.choices.begin();
      return "";
    }
    case ParamType::kString:
      out->s = text;
      return "";
  }
  return "unknown parameter type";
}

}  // namespace dynsim
