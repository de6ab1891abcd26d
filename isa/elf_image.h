// Host-only: the executable sections and symbols of a 32-bit big-endian PA-RISC ELF file,
// as the disassembler tools need them (not a loader; os_model owns loading).
#ifndef DYNSIM_ISA_ELF_IMAGE_H
#define DYNSIM_ISA_ELF_IMAGE_H

#include <stdint.h>

#include <string>
#include <vector>

namespace isa {

struct CodeSection {
  std::string name;
  uint32_t addr = 0;
  std::vector<uint32_t> words;  // host-order values of the big-endian instruction words
};

struct ElfSymbol {
  std::string name;
  uint32_t addr = 0;
  bool global = false;
  bool func = false;
};

struct ElfImage {
  std::vector<CodeSection> code;   // SHF_EXECINSTR sections, in file order
  std::vector<ElfSymbol> symbols;  // sorted by address
};

// Reads `path`; on failure returns false with a message naming the file and the problem.
bool read_elf_image(const std::string& path, ElfImage* image, std::string* error);

// objdump's "<sym+0xoff>" for addr, or "" when no symbol precedes it.
std::string symbolize(const ElfImage& image, uint32_t addr);

}  // namespace isa

#endif
