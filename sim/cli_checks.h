// Checks of `dynsim run`'s values, each failing with a one-line message that names the
// option and the value, so a mistake is reported before the run rather than after it (or
// never).
#ifndef DYNSIM_SIM_CLI_CHECKS_H
#define DYNSIM_SIM_CLI_CHECKS_H

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>

namespace dynsim {

// A whole number 0..2^64-1 in decimal (no sign, no suffix): "--max-insts -5" is a mistake,
// not "no limit".
bool ParseCount(const std::string& option, const std::string& text, uint64_t* out, std::string* error);
// An existing directory (for --fs-root and --fs-writable).
bool CheckDirectory(const std::string& option, const std::string& path, std::string* error);
// NAME=VALUE with a non-empty NAME (for --env).
bool CheckAssignment(const std::string& option, const std::string& text, std::string* error);
// Why `path` cannot be a guest program ("no such file", "is a directory", "not an ELF
// file"), or "" if it starts like an ELF file.
std::string ProgramProblem(const std::string& path);

// An output file of the run, opened (created or truncated) before the run starts so a bad
// path fails at once.
class OutputFile {
 public:
  // "" leaves the file closed (the option was not given).
  bool Open(const std::string& option, const std::string& path, std::string* error);
  bool is_open() const { return stream_ != nullptr; }
  const std::string& path() const { return path_; }
  std::ostream& stream() { return *stream_; }

 private:
  std::string path_;
  std::unique_ptr<std::ofstream> stream_;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_CLI_CHECKS_H
