// libFuzzer harness for Dynamo's configuration schema (dynamo/config.cc): any text is
// accepted or refused with one line naming the file; an accepted configuration holds
// every parameter inside its declared range (a power of two where the schema says so, a
// choice's index among its names, a boolean 0 or 1), and written back as YAML through the
// schema it loads to the same values.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "dynamo/config.h"

namespace {

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "dynamo_config_fuzzer: %s: %s\n", what, detail.c_str());
  std::abort();
}

// The choice names of a parameter ("none|conservative|aggressive").
std::vector<std::string> Choices(const dynamo::DynamoParam& p) {
  std::vector<std::string> names;
  std::string all = p.choices, name;
  for (char c : all + "|") {
    if (c == '|') {
      names.push_back(name);
      name.clear();
    } else {
      name += c;
    }
  }
  return names;
}

void CheckInRange(const dynamo::BootConfig& config) {
  for (const dynamo::DynamoParam& p : dynamo::DynamoSchema()) {
    const int64_t v = config.*(p.field);
    const std::string what = std::string(p.name) + " = " + std::to_string(v);
    if (p.choices) {
      if (v < 0 || v >= static_cast<int64_t>(Choices(p).size())) Fail("choice out of range", what);
    } else if (p.is_bool) {
      if (v != 0 && v != 1) Fail("boolean neither 0 nor 1", what);
    } else {
      if (v < p.min || v > p.max) Fail("value out of its range", what);
      if (p.power_of_two && (v & (v - 1)) != 0) Fail("value not a power of two", what);
    }
  }
}

std::string ToYaml(const dynamo::BootConfig& config) {
  std::string yaml;
  for (const dynamo::DynamoParam& p : dynamo::DynamoSchema()) {
    const uint32_t v = config.*(p.field);
    yaml += std::string(p.name) + ": ";
    if (p.choices) yaml += Choices(p)[v];
    else if (p.is_bool) yaml += v ? "true" : "false";
    else yaml += std::to_string(v);
    yaml += "\n";
  }
  return yaml;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  dynamo::BootConfig config = dynamo::DefaultDynamoConfig();
  std::string error;
  if (!dynamo::LoadDynamoConfigString(text, "fuzz.yaml", &config, &error)) {
    if (error.rfind("fuzz.yaml", 0) != 0) Fail("error does not name the file", error);
    if (error.find('\n') != std::string::npos) Fail("error is not one line", error);
    return 0;
  }
  CheckInRange(config);
  const std::string yaml = ToYaml(config);
  dynamo::BootConfig reloaded = dynamo::DefaultDynamoConfig();
  if (!dynamo::LoadDynamoConfigString(yaml, "dump.yaml", &reloaded, &error)) Fail("the dump does not load", error);
  for (const dynamo::DynamoParam& p : dynamo::DynamoSchema())
    if (reloaded.*(p.field) != config.*(p.field)) Fail("the dump does not round-trip", p.name);
  return 0;
}
