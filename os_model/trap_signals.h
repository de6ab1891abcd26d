// The signal Linux-hppa raises for an instruction that traps, with si_code and si_addr as
// the kernel fills them (arch/parisc/kernel/traps.c, and the page-fault path for memory).
// The one mapping from the ISA's traps to signals: the OS model applies it to the
// functional core's traps, and Dynamo, which is guest software, to the traps of the
// instructions it interprets (so this header is freestanding).
#ifndef DYNSIM_OS_MODEL_TRAP_SIGNALS_H
#define DYNSIM_OS_MODEL_TRAP_SIGNALS_H

#include <stdint.h>

#include "isa/state.h"
#include "machine/mem_fault.h"
#include "os_model/signal_abi.h"

namespace dynsim {

struct TrapSignal {
  int signo;
  int32_t code;
  uint32_t addr;  // si_addr
};

// A load or store that `fault` stopped at `addr`.
constexpr TrapSignal SignalOfMemoryFault(MemFault fault, uint32_t addr) {
  switch (fault) {
    case MemFault::kMisaligned: return {kSigBus, kBusAdraln, addr};
    case MemFault::kNoMemory: return {kSigBus, kBusAdrerr, addr};  // a page the host cannot provide
    case MemFault::kProtection: return {kSigSegv, kSegvAccerr, addr};
    default: return {kSigSegv, kSegvMaperr, addr};
  }
}

// An instruction fetch that `fault` (unmapped, or a page without execute permission)
// stopped at `pc` (without its privilege bits).
constexpr TrapSignal SignalOfFetchFault(MemFault fault, uint32_t pc) {
  return {kSigSegv, fault == MemFault::kProtection ? kSegvAccerr : kSegvMaperr, pc};
}

// The instruction at `iaoq_front` (with its privilege bits) trapped with `e`: instruction
// traps report IAOQ front as it is, except BREAK, whose handler masks the privilege off.
constexpr TrapSignal SignalOfTrap(const isa::Effect& e, uint32_t iaoq_front) {
  switch (e.trap) {
    case isa::Trap::kBreak: return {kSigTrap, kTrapBrkpt, iaoq_front & ~3u};
    case isa::Trap::kOverflow: return {kSigFpe, kFpeIntovf, iaoq_front};
    case isa::Trap::kCondition: return {kSigFpe, kFpeCondtrap, iaoq_front};
    case isa::Trap::kIllegal:
    case isa::Trap::kPrivileged: return {kSigIll, kIllIllopc, iaoq_front};
    case isa::Trap::kUnaligned: return {kSigBus, kBusAdraln, e.target};
    case isa::Trap::kFloatingPoint: {
      // Effect::fault: the trapping IEEE exceptions, I U O Z V from bit 0; the code
      // names the first of V, Z, O, U, I.
      const int32_t code = (e.fault & 16) ? kFpeFltinv : (e.fault & 8) ? kFpeFltdiv : (e.fault & 4) ? kFpeFltovf
                         : (e.fault & 2) ? kFpeFltund : kFpeFltres;
      return {kSigFpe, code, iaoq_front};
    }
    case isa::Trap::kMemory:
    case isa::Trap::kNone: break;
  }
  return SignalOfMemoryFault(static_cast<MemFault>(e.fault), e.target);
}

}  // namespace dynsim

#endif  // DYNSIM_OS_MODEL_TRAP_SIGNALS_H
