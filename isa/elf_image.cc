#include "isa/elf_image.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace isa {
namespace {

uint32_t be32(const std::vector<unsigned char>& b, size_t off) {
  return (uint32_t{b[off]} << 24) | (uint32_t{b[off + 1]} << 16) | (uint32_t{b[off + 2]} << 8) |
         b[off + 3];
}
uint16_t be16(const std::vector<unsigned char>& b, size_t off) {
  return static_cast<uint16_t>((b[off] << 8) | b[off + 1]);
}

struct Shdr {
  uint32_t name, type, flags, addr, offset, size, link, entsize;
};

bool fail(std::string* error, const std::string& path, const std::string& what) {
  *error = path + ": " + what;
  return false;
}

void read_symbols(const std::vector<unsigned char>& f, const std::vector<Shdr>& sh,
                  const Shdr& symtab, ElfImage* image) {
  if (symtab.link >= sh.size()) return;
  const Shdr& strtab = sh[symtab.link];
  for (size_t off = symtab.offset; off + 16 <= symtab.offset + symtab.size && off + 16 <= f.size();
       off += 16) {
    const uint32_t name = be32(f, off), value = be32(f, off + 4);
    const unsigned info = f[off + 12], type = info & 15, bind = info >> 4;
    const uint16_t shndx = be16(f, off + 14);
    if (type > 2 || shndx == 0 || name == 0 || strtab.offset + name >= f.size()) continue;
    ElfSymbol s;
    for (size_t k = strtab.offset + name; k < f.size() && f[k]; ++k) s.name += static_cast<char>(f[k]);
    s.addr = value;
    s.global = bind != 0;
    s.func = type == 2;
    image->symbols.push_back(s);
  }
  std::stable_sort(image->symbols.begin(), image->symbols.end(),
                   [](const ElfSymbol& a, const ElfSymbol& b) { return a.addr < b.addr; });
}

}  // namespace

bool read_elf_image(const std::string& path, ElfImage* image, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(error, path, "cannot open");
  std::vector<unsigned char> f((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (f.size() < 52 || f[0] != 0x7f || f[1] != 'E' || f[2] != 'L' || f[3] != 'F')
    return fail(error, path, "not an ELF file");
  if (f[4] != 1 || f[5] != 2) return fail(error, path, "not a 32-bit big-endian ELF file");
  if (be16(f, 18) != 15) return fail(error, path, "not a PA-RISC ELF file (e_machine != 15)");
  const uint32_t shoff = be32(f, 32);
  const uint16_t shentsize = be16(f, 46), shnum = be16(f, 48), shstrndx = be16(f, 50);
  if (shentsize != 40 || size_t{shoff} + size_t{shnum} * 40 > f.size())
    return fail(error, path, "bad section header table");
  std::vector<Shdr> sh(shnum);
  for (unsigned k = 0; k < shnum; ++k) {
    const size_t o = shoff + k * 40;
    sh[k] = {be32(f, o), be32(f, o + 4), be32(f, o + 8), be32(f, o + 12),
             be32(f, o + 16), be32(f, o + 20), be32(f, o + 24), be32(f, o + 36)};
  }
  if (shstrndx >= shnum) return fail(error, path, "bad section name table index");
  for (const Shdr& s : sh) {
    if (s.type == 2) read_symbols(f, sh, s, image);
    if (s.type != 1 || !(s.flags & 4)) continue;  // PROGBITS with SHF_EXECINSTR
    if (size_t{s.offset} + s.size > f.size()) return fail(error, path, "section beyond end of file");
    CodeSection c;
    for (size_t k = sh[shstrndx].offset + s.name; k < f.size() && f[k]; ++k) c.name += static_cast<char>(f[k]);
    c.addr = s.addr;
    for (uint32_t o = 0; o + 4 <= s.size; o += 4) c.words.push_back(be32(f, s.offset + o));
    image->code.push_back(c);
  }
  return true;
}

std::string symbolize(const ElfImage& image, uint32_t addr) {
  const ElfSymbol* best = nullptr;
  for (const ElfSymbol& s : image.symbols) {
    if (s.addr > addr) break;
    if (!best || s.addr > best->addr || (s.addr == best->addr && s.global && !best->global)) best = &s;
  }
  if (!best) return "";
  char off[16] = "";
  if (addr != best->addr) std::snprintf(off, sizeof off, "+0x%x", addr - best->addr);
  return "<" + best->name + off + ">";
}

}  // namespace isa
