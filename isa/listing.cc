#include "isa/listing.h"

#include "isa/codec.h"
#include "isa/disasm.h"

namespace isa {
namespace {

size_t symbolize_cb(void* ctx, uint32_t addr, char* buf, size_t size) {
  const std::string s = symbolize(*static_cast<const ElfImage*>(ctx), addr);
  const size_t n = s.size() < size ? s.size() : size - 1;
  s.copy(buf, n);
  buf[n] = 0;
  return n;
}

}  // namespace

size_t print_listing(const ElfImage& image, const std::string& path, std::FILE* out) {
  std::fprintf(out, "\n%s:     file format elf32-hppa-linux\n\n", path.c_str());
  const Symbolizer sym{symbolize_cb, const_cast<ElfImage*>(&image)};
  size_t bad = 0;
  for (const CodeSection& c : image.code) {
    std::fprintf(out, "\nDisassembly of section %s:\n", c.name.c_str());
    size_t next_sym = 0;
    for (size_t k = 0; k < c.words.size(); ++k) {
      const uint32_t pc = c.addr + static_cast<uint32_t>(4 * k), w = c.words[k];
      while (next_sym < image.symbols.size() && image.symbols[next_sym].addr < pc) ++next_sym;
      for (bool first = true; next_sym < image.symbols.size() && image.symbols[next_sym].addr == pc;
           ++next_sym, first = false)
        if (first) std::fprintf(out, "\n%08x %s:\n", pc, symbolize(image, pc).c_str());
      const Insn i = decode(w);
      bad += i.op == Op::kIllegal;
      char text[160];
      disassemble(i, pc, text, sizeof text, &sym);
      std::fprintf(out, "%8x:\t%02x %02x %02x %02x \t%s\n", pc, w >> 24, (w >> 16) & 255,
                   (w >> 8) & 255, w & 255, text);
    }
  }
  return bad;
}

}  // namespace isa
