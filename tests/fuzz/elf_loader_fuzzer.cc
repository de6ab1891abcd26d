// libFuzzer harness for the ELF loader: any bytes either parse, load and answer symbol
// queries, or are refused with one line naming the file; never a crash, a leak, or a read
// outside the buffer (AddressSanitizer and UBSan watch). Seeds: the project's guest ELFs.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "machine/memory.h"
#include "os_model/elf_loader.h"

namespace {

// One guest memory for every input: constructing one costs milliseconds (its page tables
// cover the 4 GiB space), and each input unmaps what it loaded.
dynsim::GuestMemory& Memory() {
  static dynsim::GuestMemory* memory = [] {
    auto* m = new dynsim::GuestMemory;
    m->set_limit_bytes(uint64_t{256} << 20);
    return m;
  }();
  return *memory;
}

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "elf_loader_fuzzer: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dynsim::ElfImage image;
  std::string error;
  if (!dynsim::ParseElf("fuzz.elf", std::vector<uint8_t>(data, data + size), &image, &error)) {
    if (error.rfind("fuzz.elf: ", 0) != 0 || error.find('\n') != std::string::npos) Fail("error is not one line naming the file");
    return 0;
  }
  dynsim::GuestMemory& memory = Memory();
  if (dynsim::LoadElf(image, &memory, &error)) {
    uint32_t word = 0;
    if (memory.Fetch(image.entry, &word) != dynsim::MemFault::kNone) Fail("the entry point is not executable after loading");
  } else if (error.find('\n') != std::string::npos) {
    Fail("load error is not one line");
  }
  for (const dynsim::ElfSegment& seg : image.segments) memory.Unmap(seg.vaddr, seg.mem_size ? seg.mem_size : 1);
  if (memory.mapped_bytes() != 0) Fail("pages left mapped");
  dynsim::SymbolAt(image, image.entry);
  dynsim::SymbolAt(image, 0);
  dynsim::SymbolAt(image, 0xffffffffu);
  return 0;
}
