// disasm PROGRAM...: objdump-style listing of the code sections of PA-RISC ELF programs.
// disasm --count PROGRAM: "mnemonic count" lines for .text, sorted by mnemonic.
// Exit status 1 if a file cannot be read, 2 if some word is not in the instruction table.
#include <cstdio>
#include <map>
#include <string>

#include "isa/codec.h"
#include "isa/disasm.h"

#include "isa/elf_image.h"
#include "isa/listing.h"

namespace {

int count_mnemonics(const char* path) {
  isa::ElfImage image;
  std::string error;
  if (!isa::read_elf_image(path, &image, &error)) {
    std::fprintf(stderr, "disasm: %s\n", error.c_str());
    return 1;
  }
  std::map<std::string, unsigned> counts;  // ordered: byte-wise sorted output
  for (const isa::CodeSection& c : image.code) {
    if (c.name != ".text") continue;
    for (uint32_t w : c.words) {
      char m[64];
      isa::mnemonic(isa::decode(w), m, sizeof m);
      ++counts[m];
    }
  }
  for (const auto& [m, n] : counts) std::printf("%s %u\n", m.c_str(), n);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--count") return count_mnemonics(argv[2]);
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PROGRAM...\n", argv[0]);
    return 1;
  }
  int status = 0;
  for (int k = 1; k < argc; ++k) {
    isa::ElfImage image;
    std::string error;
    if (!isa::read_elf_image(argv[k], &image, &error)) {
      std::fprintf(stderr, "disasm: %s\n", error.c_str());
      status = 1;
      continue;
    }
    if (isa::print_listing(image, argv[k], stdout) && status == 0) status = 2;
  }
  return status;
}
