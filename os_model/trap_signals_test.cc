// The one trap-to-signal mapping, against the kernel's rules (arch/parisc/kernel/traps.c
// and the fault path), case by case.
#include "os_model/trap_signals.h"

#include <gtest/gtest.h>

namespace dynsim {
namespace {

constexpr isa::Effect TrapOf(isa::Trap trap, int fault = 0, uint32_t target = 0) {
  isa::Effect e;
  e.kind = isa::Effect::kTrap;
  e.trap = trap;
  e.fault = fault;
  e.target = target;
  return e;
}

void ExpectSignal(const TrapSignal& got, int signo, int32_t code, uint32_t addr) {
  EXPECT_EQ(got.signo, signo);
  EXPECT_EQ(got.code, code);
  EXPECT_EQ(got.addr, addr);
}

constexpr uint32_t kFront = 0x00010a23;  // an instruction's IAOQ front: user privilege 3

TEST(TrapSignals, InstructionTrapsReportTheFrontWithItsPrivilege) {
  ExpectSignal(SignalOfTrap(TrapOf(isa::Trap::kOverflow), kFront), kSigFpe, kFpeIntovf, kFront);
  ExpectSignal(SignalOfTrap(TrapOf(isa::Trap::kCondition), kFront), kSigFpe, kFpeCondtrap, kFront);
  ExpectSignal(SignalOfTrap(TrapOf(isa::Trap::kIllegal), kFront), kSigIll, kIllIllopc, kFront);
  ExpectSignal(SignalOfTrap(TrapOf(isa::Trap::kPrivileged), kFront), kSigIll, kIllIllopc, kFront);
}

TEST(TrapSignals, BreakMasksThePrivilegeOff) {
  ExpectSignal(SignalOfTrap(TrapOf(isa::Trap::kBreak), kFront), kSigTrap, kTrapBrkpt, 0x00010a20);
}

TEST(TrapSignals, MisalignedLoadAndClearIsSigbusAtTheAddress) {
  ExpectSignal(SignalOfTrap(TrapOf(isa::Trap::kUnaligned, 0, 0x4002), kFront), kSigBus, kBusAdraln, 0x4002);
}

TEST(TrapSignals, MemoryFaultsBySiCode) {
  const auto mem = [](MemFault f) { return TrapOf(isa::Trap::kMemory, static_cast<int>(f), 0x5008); };
  ExpectSignal(SignalOfTrap(mem(MemFault::kUnmapped), kFront), kSigSegv, kSegvMaperr, 0x5008);
  ExpectSignal(SignalOfTrap(mem(MemFault::kProtection), kFront), kSigSegv, kSegvAccerr, 0x5008);
  ExpectSignal(SignalOfTrap(mem(MemFault::kMisaligned), kFront), kSigBus, kBusAdraln, 0x5008);
  ExpectSignal(SignalOfTrap(mem(MemFault::kNoMemory), kFront), kSigBus, kBusAdrerr, 0x5008);
}

// Effect::fault holds the trapping IEEE exceptions, I U O Z V from bit 0; with several,
// the code names the first of V, Z, O, U, I.
TEST(TrapSignals, FloatingPointCodeNamesOneException) {
  const auto fp = [](int flags) { return SignalOfTrap(TrapOf(isa::Trap::kFloatingPoint, flags), kFront); };
  ExpectSignal(fp(16), kSigFpe, kFpeFltinv, kFront);
  ExpectSignal(fp(8), kSigFpe, kFpeFltdiv, kFront);
  ExpectSignal(fp(4), kSigFpe, kFpeFltovf, kFront);
  ExpectSignal(fp(2), kSigFpe, kFpeFltund, kFront);
  ExpectSignal(fp(1), kSigFpe, kFpeFltres, kFront);
  ExpectSignal(fp(4 | 1), kSigFpe, kFpeFltovf, kFront);  // overflow with inexact
  ExpectSignal(fp(16 | 8), kSigFpe, kFpeFltinv, kFront);
}

TEST(TrapSignals, FetchFaults) {
  ExpectSignal(SignalOfFetchFault(MemFault::kUnmapped, 0x20000), kSigSegv, kSegvMaperr, 0x20000);
  ExpectSignal(SignalOfFetchFault(MemFault::kProtection, 0x20000), kSigSegv, kSegvAccerr, 0x20000);
}

// Usable where it is needed at compile time, and by freestanding guest code.
static_assert(SignalOfTrap(TrapOf(isa::Trap::kBreak), 3).signo == kSigTrap);

}  // namespace
}  // namespace dynsim
