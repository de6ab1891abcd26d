// Host-only: objdump-style listing of a program's code sections; `disasm PROGRAM` and the
// future `dynsim disasm` both call print_listing.
#ifndef DYNSIM_ISA_LISTING_H
#define DYNSIM_ISA_LISTING_H

#include <cstdio>
#include <string>

#include "isa/elf_image.h"

namespace isa {

// Prints every code section of image like `objdump -d`: symbol headers, then one line per
// word "   addr:\tb0 b1 b2 b3 \tmnemonic operands". Returns the number of words that
// did not decode (printed as .word).
size_t print_listing(const ElfImage& image, const std::string& path, std::FILE* out);

}  // namespace isa

#endif
