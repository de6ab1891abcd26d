// The loader accepts a real guest binary and rejects each kind of corruption with a
// one-line message naming what is wrong. Corrupt files are made by patching the real one.
#include "os_model/elf_loader.h"

#include <gtest/gtest.h>

#include "tests/guest_binary_test_main.h"

#include <fstream>
#include <iterator>

namespace dynsim {
namespace {


std::vector<uint8_t> ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

void Put32(std::vector<uint8_t>& b, size_t off, uint32_t v) {
  GuestMemory::ToBigEndian<uint32_t>(&b[off], v);
}
void Put16(std::vector<uint8_t>& b, size_t off, uint16_t v) {
  GuestMemory::ToBigEndian<uint16_t>(&b[off], v);
}
uint32_t Get32(const std::vector<uint8_t>& b, size_t off) {
  return GuestMemory::FromBigEndian<uint32_t>(&b[off]);
}

// Offset of the first program header of type PT_LOAD.
size_t FirstLoadHeader(const std::vector<uint8_t>& b) {
  uint32_t phoff = Get32(b, 28);
  for (size_t i = 0;; ++i)
    if (Get32(b, phoff + i * 32) == 1) return phoff + i * 32;
}

std::string ErrorFor(std::vector<uint8_t> bytes) {
  ElfImage image;
  std::string error;
  EXPECT_FALSE(ParseElf("bad.elf", std::move(bytes), &image, &error));
  EXPECT_EQ(error.find('\n'), std::string::npos) << "errors are one line";
  EXPECT_EQ(error.rfind("bad.elf: ", 0), 0u) << "errors name the file: " << error;
  return error;
}

TEST(ElfLoader, LoadsARealGuestBinary) {
  ElfImage image;
  std::string error;
  ASSERT_TRUE(ReadElf(GuestBinaryArgument(), &image, &error)) << error;
  EXPECT_EQ(image.entry & 3, 0u);
  ASSERT_FALSE(image.segments.empty());
  GuestMemory mem;
  ASSERT_TRUE(LoadElf(image, &mem, &error)) << error;
  uint32_t word = 0;
  EXPECT_EQ(mem.Fetch(image.entry, &word), MemFault::kNone);
  // The entry is crt0's first instruction: ldil L%$global$,%r27 (opcode 0x08 in bits 0-5).
  EXPECT_EQ(word >> 26, 0x08u);
  const ElfSymbol* start = SymbolAt(image, image.entry);
  ASSERT_NE(start, nullptr);
  EXPECT_EQ(start->name, "_start");
  EXPECT_TRUE(image.executable_stack) << "hppa-linux-gnu-ld marks PT_GNU_STACK RWE by default";
  EXPECT_FALSE(LoadElf(image, &mem, &error)) << "loading twice overlaps";
  EXPECT_NE(error.find("overlaps memory already mapped"), std::string::npos) << error;
}

TEST(ElfLoader, RejectsEachKindOfCorruption) {
  const std::vector<uint8_t> good = ReadAll(GuestBinaryArgument());
  ASSERT_GT(good.size(), 200u);

  EXPECT_NE(ErrorFor({good.begin(), good.begin() + 20}).find("shorter than an ELF header"), std::string::npos);
  auto b = good;
  b[1] = 'X';
  EXPECT_NE(ErrorFor(b).find("bad magic"), std::string::npos);
  b = good;
  b[4] = 2;
  EXPECT_NE(ErrorFor(b).find("not a 32-bit"), std::string::npos);
  b = good;
  Put16(b, 18, 62);  // x86-64
  EXPECT_NE(ErrorFor(b).find("e_machine is 62, not PA-RISC"), std::string::npos);
  b = good;
  Put16(b, 16, 3);
  EXPECT_NE(ErrorFor(b).find("link with -static"), std::string::npos);

  // Truncated: the file ends inside the first segment's contents.
  size_t ph = FirstLoadHeader(good);
  uint32_t seg_end = Get32(good, ph + 4) + Get32(good, ph + 16);
  EXPECT_NE(ErrorFor({good.begin(), good.begin() + seg_end - 8}).find("past the end of the file"), std::string::npos);

  b = good;
  Put32(b, ph + 20, 0x7fffffff);  // p_memsz
  EXPECT_NE(ErrorFor(b).find("absurd p_memsz"), std::string::npos);
  b = good;
  Put32(b, ph + 16, Get32(b, ph + 20) + 4);  // p_filesz > p_memsz
  EXPECT_NE(ErrorFor(b).find("exceeds p_memsz"), std::string::npos);
  b = good;
  Put32(b, ph + 8, 0xf8000000);  // p_vaddr into the stack region
  EXPECT_NE(ErrorFor(b).find("outside the loadable range"), std::string::npos);
  b = good;
  Put32(b, 24, 0x4);  // entry outside any segment
  EXPECT_NE(ErrorFor(b).find("entry point 0x4"), std::string::npos);
  b = good;
  Put16(b, 44, 0);
  EXPECT_NE(ErrorFor(b).find("no program headers"), std::string::npos);
  b = good;
  Put32(b, 28, 0xfffffff0);  // e_phoff
  EXPECT_NE(ErrorFor(b).find("program headers at 0xfffffff0"), std::string::npos);
  b = good;
  Put32(b, ph, 3);  // PT_INTERP
  EXPECT_NE(ErrorFor(b).find("dynamically linked"), std::string::npos);

  // Overlapping segments: make the second PT_LOAD start inside the first.
  b = good;
  size_t ph2 = ph + 32;
  if (Get32(b, ph2) == 1) {
    Put32(b, ph2 + 8, Get32(b, ph + 8) + 16);
    Put32(b, ph2 + 4, Get32(b, ph + 4) + 16);
    EXPECT_NE(ErrorFor(b).find("overlaps another segment"), std::string::npos);
  } else {
    ADD_FAILURE() << "expected two PT_LOAD headers in a row in " << GuestBinaryArgument();
  }
}

// Section header 0 (SHN_UNDEF) is reserved; whatever it holds is ignored, as the
// kernel and qemu-hppa ignore it. A SYMTAB type there with an offset far past the end of
// the file once made the symbol reader run off the buffer.
TEST(ElfLoader, IgnoresWhatSectionHeaderZeroHolds) {
  const std::vector<uint8_t> good = ReadAll(GuestBinaryArgument());
  ElfImage expected;
  std::string error;
  ASSERT_TRUE(ParseElf("good.elf", good, &expected, &error)) << error;
  ASSERT_FALSE(expected.symbols.empty());

  auto b = good;
  uint32_t sh0 = Get32(b, 32);  // e_shoff
  ASSERT_NE(sh0, 0u);
  Put32(b, sh0 + 0, 0);            // sh_name
  Put32(b, sh0 + 4, 2);            // sh_type SYMTAB
  Put32(b, sh0 + 16, 0x7ffffff0);  // sh_offset
  Put32(b, sh0 + 20, 0x100000);    // sh_size
  Put32(b, sh0 + 24, 9);           // sh_link
  Put32(b, sh0 + 36, 16);          // sh_entsize
  ElfImage image;
  ASSERT_TRUE(ParseElf("sh0.elf", b, &image, &error)) << error;
  EXPECT_EQ(image.symbols.size(), expected.symbols.size());
  EXPECT_EQ(image.sections.size(), expected.sections.size());
}

// Names read from the file appear escaped in errors, so an error stays one line (the ELF
// fuzzer found a section name with newlines in a section that ran past the end).
TEST(ElfLoader, NamesInErrorsAreEscaped) {
  auto b = ReadAll(GuestBinaryArgument());
  uint32_t shoff = Get32(b, 32), shstrndx = Get32(b, 48) & 0xffff;
  uint32_t names = Get32(b, shoff + 40 * shstrndx + 16);
  uint32_t sh1 = shoff + 40;                // section 1
  uint32_t name = names + Get32(b, sh1);    // its name, in the section name table
  b[name] = '\n';
  b[name + 1] = 0x07;
  Put32(b, sh1 + 4, 1);                     // PROGBITS, so its contents must be in the file
  Put32(b, sh1 + 16, 0x7ffffff0);           // sh_offset past the end
  std::string error = ErrorFor(b);
  EXPECT_NE(error.find("section \\x0a\\x07"), std::string::npos) << error;
}

TEST(ElfLoader, MissingFileIsAClearError) {
  ElfImage image;
  std::string error;
  EXPECT_FALSE(ReadElf("/nonexistent/prog", &image, &error));
  EXPECT_EQ(error, "/nonexistent/prog: cannot open file");
}

}  // namespace
}  // namespace dynsim
