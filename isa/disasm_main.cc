// disasm PROGRAM...: objdump-style listing of the code sections of PA-RISC ELF programs.
// Exit status 1 if a file cannot be read, 2 if some word is not in the instruction table.
#include <cstdio>
#include <string>

#include "isa/elf_image.h"
#include "isa/listing.h"

int main(int argc, char** argv) {
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
