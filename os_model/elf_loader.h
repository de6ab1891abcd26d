// Loader for static ELF32 big-endian PA-RISC executables (what hppa-linux-gnu-gcc -static
// produces). Every header, segment and size is checked against the file and the guest
// address space before anything is mapped, so a malformed file gets a one-line error
// naming what is wrong and leaves guest memory untouched.
#ifndef DYNSIM_OS_MODEL_ELF_LOADER_H
#define DYNSIM_OS_MODEL_ELF_LOADER_H

#include <cstdint>
#include <string>
#include <vector>

#include "machine/memory.h"

namespace dynsim {

struct ElfSegment {
  GuestAddr vaddr = 0;
  uint32_t file_offset = 0;
  uint32_t file_size = 0;
  uint32_t mem_size = 0;
  uint8_t perms = kPermNone;  // PagePerm bits
};

struct ElfSymbol {
  std::string name;
  GuestAddr addr = 0;
  uint32_t size = 0;
  bool is_function = false;
};

struct ElfSection {
  std::string name;
  GuestAddr addr = 0;
  uint32_t file_offset = 0;
  uint32_t size = 0;
  bool is_code = false;  // SHF_EXECINSTR
};

// What the loader learned from the file; the OS model builds the process from it.
struct ElfImage {
  std::string path;
  GuestAddr entry = 0;
  GuestAddr phdr_addr = 0;  // guest address of the program headers (AT_PHDR), 0 if not loaded
  uint32_t phnum = 0;
  uint32_t phentsize = 0;
  GuestAddr image_end = 0;  // end of the highest segment in memory (the initial brk)
  // PT_GNU_STACK has PF_X. Linux (fs/binfmt_elf.c) then maps the stack executable; without
  // the header, or without PF_X, it is not (parisc does not imply exec from read).
  bool executable_stack = false;
  std::vector<ElfSegment> segments;
  std::vector<ElfSection> sections;  // empty if the file has no section headers
  std::vector<ElfSymbol> symbols;    // sorted by address; empty if stripped
  std::vector<uint8_t> bytes;        // the whole file
};

// Lowest and highest guest addresses a segment may occupy. Page zero holds the Linux-hppa
// syscall gateway and the stack lives at kStackBase and above (os_model/process.h).
constexpr GuestAddr kLowestLoadAddr = 0x00001000;
constexpr GuestAddr kHighestLoadEnd = 0xf0000000;
// Larger memory images than this are taken as corrupt rather than allocated.
constexpr uint32_t kMaxImageBytes = 1u << 30;

// Reads and validates `path`. On failure returns false and sets `error` to one line
// "PATH: what is wrong".
bool ReadElf(const std::string& path, ElfImage* image, std::string* error);
// The same, from bytes already in memory (`path` only names them in errors).
bool ParseElf(const std::string& path, std::vector<uint8_t> bytes, ElfImage* image,
              std::string* error);
// Maps the segments into `memory` with their permissions and copies their contents.
// Fails (without mapping anything) if a segment overlaps pages already mapped.
bool LoadElf(const ElfImage& image, GuestMemory* memory, std::string* error);

// The symbol containing `addr` (or the nearest one below it), or nullptr.
const ElfSymbol* SymbolAt(const ElfImage& image, GuestAddr addr);

}  // namespace dynsim

#endif  // DYNSIM_OS_MODEL_ELF_LOADER_H
