// Loads Dynamo beside the application for `dynsim run --dynamo` (boot protocol:
// dynamo/README.md). The application's process is built exactly as for a native run
// (SetUpProcess); then LoadDynamo maps Dynamo's image and its low page (the app context),
// copies the application's initial registers and the Dynamo configuration into Dynamo's
// boot block (the ELF symbol `dynamo_boot`, layout in dynamo/boot.h), and points the
// machine at Dynamo's entry, which sets up its own stack.
#ifndef DYNSIM_OS_MODEL_DYNAMO_LOADER_H
#define DYNSIM_OS_MODEL_DYNAMO_LOADER_H

#include <cstdint>
#include <string>

#include "dynamo/boot.h"
#include "machine/arch_state.h"
#include "machine/memory.h"
#include "os_model/elf_loader.h"

namespace dynsim {

struct DynamoBootSpec {
  std::string elf_path;        // Dynamo's guest ELF (FindDynamoElf() when not given)
  dynamo::BootConfig config;   // validated (dynamo/config.h)
  uint32_t icache_line_bytes;  // the machine's, for Dynamo's handling of `fic`
};

// Where Dynamo's code and the application's saved return address are, so that the OS can
// name the application's pc for the system calls Dynamo makes on its behalf
// (GuestOs::SetCallsOnBehalf).
struct DynamoPlacement {
  GuestAddr code_lo = 0, code_hi = 0;  // Dynamo's executable segments
  GuestAddr app_return_addr = 0;       // the app context's slot for the application's r31
};

// `state` holds the application's initial state (from SetUpProcess) and `app` its image;
// on success `state` starts Dynamo instead, `dynamo_image` describes Dynamo's ELF and
// `placement` where it lies. On failure returns false with a one-line error.
bool LoadDynamo(const DynamoBootSpec& spec, const ElfImage& app, GuestMemory* memory, ArchState* state,
                ElfImage* dynamo_image, DynamoPlacement* placement, std::string* error);

// Where Dynamo's ELF is by default: beside the running simulator, as Bazel lays them out
// (bazel-bin/sim/dynsim and bazel-bin/dynamo/dynamo). "" if it is not there.
std::string FindDynamoElf();

// A copy of Dynamo's image for cycle attribution (sim/regions.h): each function name is
// demangled, without parameters or template arguments (so the instantiations of one
// template are one region) and under "dynamo::" (so Dynamo's memcpy is not the app's).
ElfImage DynamoImageForProfile(const ElfImage& image);

}  // namespace dynsim

#endif  // DYNSIM_OS_MODEL_DYNAMO_LOADER_H
