// libFuzzer harness for the machine configuration: YAML text and --set assignments are
// accepted or refused with one line naming the file (or the assignment); what is accepted
// dumps to YAML that loads back to the same configuration. The first input byte chooses
// YAML (even) or a list of --set assignments, one per line (odd).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "sim/config.h"

namespace {

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "config_fuzzer: %s: %s\n", what, detail.c_str());
  std::abort();
}

void CheckOneLine(const std::string& error, const std::string& prefix) {
  if (error.rfind(prefix, 0) != 0) Fail("error does not name its source", error);
  if (error.find('\n') != std::string::npos) Fail("error is not one line", error);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  dynsim::MachineConfig config = dynsim::DefaultConfig();
  std::string error;
  if (data[0] % 2 == 0) {
    if (!dynsim::LoadConfigString(text, "fuzz.yaml", &config, &error)) {
      CheckOneLine(error, "fuzz.yaml");
      return 0;
    }
  } else {
    std::vector<std::string> sets;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) sets.push_back(line);
    if (!dynsim::ApplyOverrides(sets, &config, &error)) {
      // A bad assignment names itself; a failed cross-parameter check names the key.
      if (error.find('\n') != std::string::npos) Fail("error is not one line", error);
      return 0;
    }
  }
  const std::string dump = dynsim::DumpConfigYaml(config);
  dynsim::MachineConfig reloaded = dynsim::DefaultConfig();
  if (!dynsim::LoadConfigString(dump, "dump.yaml", &reloaded, &error)) Fail("the dump does not load", error);
  if (dynsim::DumpConfigYaml(reloaded) != dump) Fail("the dump does not round-trip", dump);
  return 0;
}
