#include "sim/cli_checks.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace dynsim {

bool ParseCount(const std::string& option, const std::string& text, uint64_t* out, std::string* error) {
  uint64_t value = 0;
  bool ok = !text.empty() && text.size() <= 20;
  for (char c : text) {
    if (!ok) break;
    if (c < '0' || c > '9') {
      ok = false;
    } else {
      const uint64_t digit = static_cast<uint64_t>(c - '0');
      ok = value <= (UINT64_MAX - digit) / 10;
      value = value * 10 + digit;
    }
  }
  if (!ok) {
    *error = option + " " + text + ": not a whole number from 0 to " + std::to_string(UINT64_MAX);
    return false;
  }
  *out = value;
  return true;
}

bool CheckDirectory(const std::string& option, const std::string& path, std::string* error) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    *error = option + " " + path + ": " + std::strerror(errno);
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    *error = option + " " + path + ": not a directory";
    return false;
  }
  return true;
}

bool CheckAssignment(const std::string& option, const std::string& text, std::string* error) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    *error = option + " " + text + ": expected NAME=VALUE";
    return false;
  }
  return true;
}

std::string ProgramProblem(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::strerror(errno);
  if (S_ISDIR(st.st_mode)) return "is a directory";
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  if (!in.read(magic, sizeof magic) || std::memcmp(magic, "\x7f" "ELF", 4) != 0) return "not an ELF file";
  return "";
}

bool OutputFile::Open(const std::string& option, const std::string& path, std::string* error) {
  if (path.empty()) return true;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    *error = "cannot write " + option + " " + path + ": is a directory";
    return false;
  }
  errno = 0;
  auto stream = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!*stream) {
    *error = "cannot write " + option + " " + path + (errno ? std::string(": ") + std::strerror(errno) : "");
    return false;
  }
  path_ = path;
  stream_ = std::move(stream);
  return true;
}

}  // namespace dynsim
