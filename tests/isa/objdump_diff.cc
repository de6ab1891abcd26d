// objdump_diff ELF...: the table against objdump on real binaries. For every word of every code section,
// our disassembly must equal `hppa-linux-gnu-objdump -d -z`'s (after the normalizations
// below) and encode(decode(w)) must give w back. A word the table does not know fails.
// Prints one line per mismatch naming binary, address, word and both disassemblies, then
// a summary; exit status 0 only if every word of every binary passed.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <regex>
#include <string>

#include "isa/codec.h"
#include "isa/disasm.h"
#include "isa/elf_image.h"

namespace {

// Accepted spelling differences, applied to both sides before comparing:
//  1. runs of blanks collapse to one space (objdump pads with tabs);
//  2. branch-target annotations " <symbol+0xoff>" are dropped: objdump's choice among
//     aliases at one address (local labels, section symbols) is not part of the ISA, and
//     the checker disassembles without symbols;
//  3. a "0x" prefix on a branch target is dropped: objdump writes one only when the file
//     has no symbols at all.
std::string normalize(std::string s) {
  static const std::regex kBlank("[ \t]+"), kSym(" <[^>]+>"), kHex0x("(^| |,)0x([0-9a-f]+)");
  s = std::regex_replace(s, kSym, "");
  s = std::regex_replace(s, kBlank, " ");
  s = std::regex_replace(s, kHex0x, "$1$2");
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  return s;
}

// address -> objdump's text for every instruction line of `path`.
bool run_objdump(const std::string& path, std::map<uint32_t, std::string>* out) {
  const std::string cmd = "hppa-linux-gnu-objdump -d -z '" + path + "'";
  std::FILE* p = popen(cmd.c_str(), "r");
  if (!p) return false;
  static const std::regex kLine("^ *([0-9a-f]+):\t([0-9a-f]{2} ){4}\t?(.*)$");
  char buf[1024];
  std::smatch m;
  while (std::fgets(buf, sizeof buf, p)) {
    std::string line(buf);
    if (!line.empty() && line.back() == '\n') line.pop_back();
    if (std::regex_match(line, m, kLine)) (*out)[std::stoul(m[1], nullptr, 16)] = m[3];
  }
  return pclose(p) == 0;
}

struct Totals {
  size_t binaries = 0, words = 0, failures = 0;
};

void check(const std::string& path, Totals* t) {
  isa::ElfImage image;
  std::string error;
  std::map<uint32_t, std::string> ref;
  ++t->binaries;
  if (!isa::read_elf_image(path, &image, &error) || !run_objdump(path, &ref)) {
    std::printf("FAIL %s: %s\n", path.c_str(), error.empty() ? "objdump failed" : error.c_str());
    ++t->failures;
    return;
  }
  for (const isa::CodeSection& c : image.code) {
    for (size_t k = 0; k < c.words.size(); ++k) {
      const uint32_t pc = c.addr + static_cast<uint32_t>(4 * k), w = c.words[k];
      const isa::Insn i = isa::decode(w);
      char text[160];
      isa::disassemble(i, pc, text, sizeof text);
      const auto it = ref.find(pc);
      const std::string theirs = it == ref.end() ? "<missing>" : normalize(it->second);
      const std::string ours = normalize(text);
      ++t->words;
      const char* why = nullptr;
      if (i.op == isa::Op::kIllegal) why = "not in the instruction table";
      else if (isa::encode(i) != w) why = "encode(decode(w)) != w";
      else if (ours != theirs) why = "disassembly differs";
      if (!why) continue;
      if (++t->failures <= 200)
        std::printf("FAIL %s %x: %08x %s: ours '%s' objdump '%s'\n", path.c_str(), pc, w, why,
                    ours.c_str(), theirs.c_str());
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Totals t;
  for (int k = 1; k < argc; ++k) check(argv[k], &t);
  std::printf("objdump_diff: %zu binaries, %zu words compared, %zu failures\n", t.binaries,
              t.words, t.failures);
  return (t.failures == 0 && t.binaries > 0) ? 0 : 1;
}
