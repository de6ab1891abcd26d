// Process set-up: the initial stack and registers of a new Linux-hppa process.
//
// The layout reproduces qemu-hppa's (our behaviour oracle), so stack addresses seen by a
// guest agree between the two. On PA-RISC the stack grows upward: from kStackBase come the
// argument and environment strings, the executable's name and the platform string
// ("PARISC"), 16 random bytes (AT_RANDOM) at the next 16-byte boundary, then argc, argv[],
// NULL, envp[], NULL and the auxiliary vector. The stack pointer starts 64 bytes above the
// next 64-byte boundary (the frame-marker area lies below sp). Entry registers follow the
// kernel's start_thread: r25 = argc, r24 = argv, r23 = 0.
#ifndef DYNSIM_OS_MODEL_PROCESS_H
#define DYNSIM_OS_MODEL_PROCESS_H

#include <cstdint>
#include <string>
#include <vector>

#include "machine/arch_state.h"
#include "machine/memory.h"
#include "os_model/elf_loader.h"

namespace dynsim {

constexpr GuestAddr kStackBase = 0xfa000000;
constexpr uint32_t kDefaultStackBytes = 8u << 20;

struct ProcessSpec {
  std::vector<std::string> argv;  // argv[0] is the program path as given
  std::vector<std::string> envp;
  uint8_t random_bytes[16] = {};  // AT_RANDOM contents (from the config's seed)
  uint32_t stack_bytes = kDefaultStackBytes;
};

// Maps the stack, writes the initial stack contents and sets the entry registers and
// instruction address queue in `state`. Returns false (with a one-line error) if the
// arguments do not fit in the stack.
bool SetUpProcess(const ElfImage& image, const ProcessSpec& spec, GuestMemory* memory,
                  ArchState* state, std::string* error);

}  // namespace dynsim

#endif  // DYNSIM_OS_MODEL_PROCESS_H
