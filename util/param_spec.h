// What a configuration parameter's value may be, and the one parser of values, shared by
// the machine configuration's schema (sim/config.h: ParamDef is a ParamSpec with a name,
// a default and its field) and Dynamo's (dynamo/config.h: DynamoParam gives one through
// SpecOf). So both report a wrong value in the same words: "expected an integer (KiB),
// got 'x'", "70000 is out of range [1, 1024] (KiB)", "'plru' is not one of lru, fifo".
#ifndef DYNSIM_UTIL_PARAM_SPEC_H
#define DYNSIM_UTIL_PARAM_SPEC_H

#include <cstdint>
#include <string>
#include <vector>

namespace dynsim {

enum class ParamType { kBool, kInt, kEnum, kString };
// An extra constraint on an integer parameter, besides its range.
enum class IntConstraint { kNone, kPowerOfTwo, kOdd };

// One parameter's value in neutral form: `b` for bool, `i` for integers and for the index
// of an enum choice, `s` for strings.
struct ParamValue {
  bool b = false;
  int64_t i = 0;
  std::string s;
};

struct ParamSpec {
  ParamType type = ParamType::kInt;
  std::string unit;          // "" when the value has no unit
  int64_t min = 0, max = 0;  // kInt, inclusive
  IntConstraint constraint = IntConstraint::kNone;
  std::vector<std::string> choices;  // kEnum, in the order of their indexes
};

std::string JoinChoices(const std::vector<std::string>& choices, const char* sep);
// " (KiB)" for a parameter with a unit, else "".
std::string UnitSuffix(const ParamSpec& spec);
// What the parameter accepts, for messages: "an integer (KiB)", "true or false", ...
std::string ExpectedValue(const ParamSpec& spec);
// Validates `text` against `spec`. `plain` is false for a quoted YAML scalar, which is a
// string and so the wrong type for a bool or an integer (an enum's name may be quoted).
// Returns "" and sets *out, or returns the message.
std::string ParseParamValue(const ParamSpec& spec, const std::string& text, bool plain, ParamValue* out);

}  // namespace dynsim

#endif  // DYNSIM_UTIL_PARAM_SPEC_H
