// Why a guest memory access failed. Freestanding, so that Dynamo's interpreter reports the
// faults it finds with the same codes as the functional core, and one mapping
// (os_model/trap_signals.h) turns either into the signal Linux raises.
#ifndef DYNSIM_MACHINE_MEM_FAULT_H
#define DYNSIM_MACHINE_MEM_FAULT_H

#include <stdint.h>

namespace dynsim {

enum class MemFault : uint8_t {
  kNone,
  kUnmapped,    // SIGSEGV, SEGV_MAPERR
  kProtection,  // SIGSEGV, SEGV_ACCERR
  kMisaligned,  // SIGBUS, BUS_ADRALN
  kNoMemory,    // the host could not allocate the page: SIGBUS, BUS_ADRERR
};

}  // namespace dynsim

#endif  // DYNSIM_MACHINE_MEM_FAULT_H
