// Linux-hppa's signal numbers, si_code values and sa_flags (the kernel's asm/signal.h for
// parisc and asm-generic/siginfo.h). Freestanding, so that Dynamo, which performs the
// application's signal calls itself, uses the same numbers as the OS model.
#ifndef DYNSIM_OS_MODEL_SIGNAL_ABI_H
#define DYNSIM_OS_MODEL_SIGNAL_ABI_H

#include <stdint.h>

namespace dynsim {

// Signal numbers of Linux-hppa (asm/signal.h for parisc; several differ from x86).
enum GuestSignal : int {
  kSigHup = 1, kSigInt = 2, kSigQuit = 3, kSigIll = 4, kSigTrap = 5, kSigAbrt = 6,
  kSigStkflt = 7, kSigFpe = 8, kSigKill = 9, kSigBus = 10, kSigSegv = 11, kSigXcpu = 12,
  kSigPipe = 13, kSigAlrm = 14, kSigTerm = 15, kSigUsr1 = 16, kSigUsr2 = 17, kSigChld = 18,
  kSigPwr = 19, kSigVtalrm = 20, kSigProf = 21, kSigIo = 22, kSigWinch = 23, kSigStop = 24,
  kSigTstp = 25, kSigCont = 26, kSigTtin = 27, kSigTtou = 28, kSigUrg = 29, kSigXfsz = 30,
  kSigSys = 31,
};
constexpr int kNumSignals = 64;  // _NSIG: signals 1..64, a 64-bit sigset

// si_code values (asm-generic/siginfo.h).
constexpr int32_t kSiUser = 0;
constexpr int32_t kSiKernel = 0x80;
constexpr int32_t kSiTkill = -6;
constexpr int32_t kSegvMaperr = 1, kSegvAccerr = 2;
constexpr int32_t kBusAdraln = 1, kBusAdrerr = 2;
constexpr int32_t kIllIllopc = 1;
constexpr int32_t kFpeIntovf = 2, kFpeCondtrap = 15;
// IEEE exceptions (asm-generic/siginfo.h FPE_FLT*).
constexpr int32_t kFpeFltdiv = 3, kFpeFltovf = 4, kFpeFltund = 5, kFpeFltres = 6, kFpeFltinv = 7;
constexpr int32_t kTrapBrkpt = 1;

// sa_flags of Linux-hppa.
constexpr uint32_t kSaOnstack = 0x1, kSaResethand = 0x4, kSaSiginfo = 0x10, kSaNodefer = 0x20,
                   kSaRestart = 0x40;
constexpr uint32_t kSigDfl = 0, kSigIgn = 1;

// The PSW bits user code sees in a signal frame's sc_gr[0], at their places in the PSW
// (Linux asm/psw.h; PA-RISC 2.0 manual, "Processor Status Word": N is bit 10, V bit 14 and
// the eight C/B bits 16 to 23, counted from the most significant).
constexpr uint32_t kPswN = 0x00200000, kPswV = 0x00020000, kPswCbShift = 8, kPswCbMask = 0x0000ff00;

struct PswBits {
  bool n;
  bool v;
  uint32_t cb;  // eight bits
};

constexpr uint32_t PackPsw(bool n, bool v, uint32_t cb) {
  return (n ? kPswN : 0) | (v ? kPswV : 0) | ((cb << kPswCbShift) & kPswCbMask);
}

constexpr PswBits UnpackPsw(uint32_t psw) {
  return PswBits{(psw & kPswN) != 0, (psw & kPswV) != 0, (psw & kPswCbMask) >> kPswCbShift};
}

}  // namespace dynsim

#endif  // DYNSIM_OS_MODEL_SIGNAL_ABI_H
