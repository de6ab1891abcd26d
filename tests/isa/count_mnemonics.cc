// The guest side of the mnemonic count: a PA-RISC program that includes the isa/ headers,
// finds its own .text (address and size from the section headers of its ELF file, argv[1])
// and decodes the words in its own memory, printing "mnemonic count" lines sorted by
// mnemonic. `disasm --count` prints the same for the same file on the host.
#include <fcntl.h>
#include <unistd.h>

#include "isa/codec.h"
#include "isa/disasm.h"

namespace {

struct Entry {
  char name[32];
  unsigned count;
};
Entry g_entries[512];
unsigned g_used;

bool same(const char* a, const char* b) {
  while (*a && *a == *b) ++a, ++b;
  return *a == *b;
}
int compare(const char* a, const char* b) {
  while (*a && *a == *b) ++a, ++b;
  return static_cast<unsigned char>(*a) - static_cast<unsigned char>(*b);
}

void count(const char* m) {
  for (unsigned k = 0; k < g_used; ++k)
    if (same(g_entries[k].name, m)) { ++g_entries[k].count; return; }
  if (g_used == 512) return;
  Entry& e = g_entries[g_used++];
  unsigned n = 0;
  while (m[n] && n < 31) e.name[n] = m[n], ++n;
  e.name[n] = 0;
  e.count = 1;
}

void put(const char* s) {
  unsigned n = 0;
  while (s[n]) ++n;
  write(1, s, n);
}
void put_uint(unsigned v) {
  char b[12];
  int k = 11;
  b[k] = 0;
  do b[--k] = static_cast<char>('0' + v % 10), v /= 10; while (v);
  put(b + k);
}

uint32_t be32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// .text's address and size from the file's section headers.
bool find_text(const char* path, uint32_t* addr, uint32_t* size) {
  static unsigned char buf[1 << 16];
  const int fd = open(path, O_RDONLY);
  if (fd < 0) return false;
  unsigned char eh[52];
  if (read(fd, eh, 52) != 52) return false;
  const uint32_t shoff = be32(eh + 32), shnum = (eh[48] << 8) | eh[49], shstrndx = (eh[50] << 8) | eh[51];
  if (shnum * 40 > sizeof buf || lseek(fd, shoff, SEEK_SET) < 0 || read(fd, buf, shnum * 40) != static_cast<long>(shnum * 40)) return false;
  const unsigned char* strsh = buf + shstrndx * 40;
  static char names[4096];
  lseek(fd, be32(strsh + 16), SEEK_SET);
  read(fd, names, sizeof names - 1);
  close(fd);
  for (uint32_t k = 0; k < shnum; ++k) {
    const unsigned char* sh = buf + k * 40;
    const uint32_t name = be32(sh);
    if (name < sizeof names - 6 && same(names + name, ".text")) {
      *addr = be32(sh + 12);
      *size = be32(sh + 20);
      return true;
    }
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  uint32_t addr = 0, size = 0;
  if (argc < 2 || !find_text(argv[1], &addr, &size)) {
    put("count_mnemonics: cannot find .text\n");
    return 1;
  }
  const uint32_t* words = reinterpret_cast<const uint32_t*>(addr);  // big-endian host order
  for (uint32_t k = 0; k < size / 4; ++k) {
    char m[64];
    isa::mnemonic(isa::decode(words[k]), m, sizeof m);
    count(m);
  }
  for (unsigned a = 1; a < g_used; ++a)  // insertion sort by mnemonic
    for (unsigned b = a; b > 0 && compare(g_entries[b - 1].name, g_entries[b].name) > 0; --b) {
      const Entry t = g_entries[b];
      g_entries[b] = g_entries[b - 1];
      g_entries[b - 1] = t;
    }
  for (unsigned k = 0; k < g_used; ++k) {
    put(g_entries[k].name);
    put(" ");
    put_uint(g_entries[k].count);
    put("\n");
  }
  return 0;
}
