// Linux signal semantics for one guest process: dispositions, the blocked mask, pending
// signals, the alternate stack, and delivery by building Linux-hppa's rt_sigframe on the
// guest stack (and undoing it in rt_sigreturn).
//
// Frame layout (32-bit Linux-hppa, as the kernel and qemu-hppa build it; offsets from the
// frame's start, which is the stack pointer rounded up to 64):
//   0    tramp[2]            (left as it was)
//   8    siginfo             128 bytes: si_signo, si_errno, si_code, then the union
//   136  ucontext            uc_flags, uc_link, uc_stack {ss_sp, ss_flags, ss_size}, pad
//   160    uc_mcontext       sigcontext: sc_flags; sc_gr[32] (sc_gr[0] = PSW); pad;
//                            sc_fr[32] at 296; sc_iasq[2] at 552; sc_iaoq[2] at 560; sc_sar at 568
//   576    uc_sigmask        64 bits
// The handler runs with sp = frame + 640 (the frame, a 48-byte call frame and the 64-byte
// frame marker, rounded to 64), r26 = signo, r25 = &siginfo, r24 = &ucontext and
// r2 = the return trampoline, which calls rt_sigreturn; rt_sigreturn finds the frame at
// sp - 640.
#ifndef DYNSIM_OS_MODEL_SIGNALS_H
#define DYNSIM_OS_MODEL_SIGNALS_H

#include <array>
#include <cstdint>
#include <string>

#include "machine/arch_state.h"
#include "machine/memory.h"
#include "os_model/signal_abi.h"

namespace dynsim {

constexpr uint32_t kRtSigframeSize = 640;
constexpr uint32_t kSiginfoOffset = 8;
constexpr uint32_t kUcontextOffset = 136;
constexpr uint32_t kMcontextOffset = 160;
constexpr uint32_t kSigmaskOffset = 576;

struct SignalInfo {
  int signo = 0;
  int32_t code = kSiUser;
  uint32_t addr = 0;  // si_addr for faults
  int32_t pid = 0;    // si_pid for kill
};

struct SignalAction {
  uint32_t handler = kSigDfl;  // guest address, or SIG_DFL / SIG_IGN
  uint32_t flags = 0;
  uint64_t mask = 0;
};

enum class DefaultAction { kTerminate, kIgnore };
DefaultAction DefaultActionOf(int signo);
const char* SignalName(int signo);  // "SIGSEGV"; "SIG42" for others

// What delivering a signal did.
enum class Delivery { kHandlerStarted, kIgnored, kTerminate };

class SignalState {
 public:
  static uint64_t Bit(int signo) { return uint64_t{1} << (signo - 1); }
  static constexpr uint64_t kUnblockable = (uint64_t{1} << (kSigKill - 1)) | (uint64_t{1} << (kSigStop - 1));

  // The trampoline page's guest address (handlers return to it); set by the OS.
  void set_trampoline(uint32_t addr) { trampoline_ = addr; }

  const SignalAction& action(int signo) const { return actions_[signo]; }
  // rt_sigaction: returns -errno or 0.
  int SetAction(int signo, const SignalAction& action);
  uint64_t blocked() const { return blocked_; }
  void SetBlocked(uint64_t mask) { blocked_ = mask & ~kUnblockable; }
  uint64_t pending() const { return pending_; }

  // Queues an asynchronous signal (standard signals do not queue twice).
  void Post(const SignalInfo& info);
  // True if a pending signal is not blocked (the core then calls DeliverNext).
  bool HasDeliverable() const { return (pending_ & ~blocked_) != 0; }
  // Delivers the lowest-numbered deliverable signal to `state`.
  Delivery DeliverNext(ArchState* state, GuestMemory* memory, SignalInfo* delivered);
  // A synchronous fault: cannot wait, cannot be blocked or ignored (Linux force_sig:
  // a blocked or ignored fault signal is reset to the default action).
  Delivery DeliverFault(const SignalInfo& info, ArchState* state, GuestMemory* memory);
  // After a delivery returned kTerminate: the signal that kills the process (SIGSEGV, not
  // the signal delivered, when its frame could not be written).
  int terminating_signal() const { return terminating_signal_; }
  // rt_sigreturn: restores the state saved in the frame below sp. False if the frame is
  // unreadable (the caller then kills the process with SIGSEGV).
  bool Return(ArchState* state, GuestMemory* memory);

  // The next frame saves `mask` as the mask to restore instead of the current one
  // (rt_sigsuspend: the handler returns to the mask from before the call).
  void SetFrameMaskOverride(uint64_t mask) {
    frame_mask_override_ = mask;
    has_frame_mask_override_ = true;
  }

  // sigaltstack; returns -errno or 0.
  int SetAltStack(uint32_t sp, uint32_t size, uint32_t flags, uint32_t current_sp);
  void GetAltStack(uint32_t current_sp, uint32_t* sp, uint32_t* size, uint32_t* flags) const;

 private:
  Delivery Deliver(const SignalInfo& info, ArchState* state, GuestMemory* memory);
  bool OnAltStack(uint32_t sp) const;
  bool BuildFrame(const SignalInfo& info, const SignalAction& action, ArchState* state,
                  GuestMemory* memory);

  std::array<SignalAction, kNumSignals + 1> actions_{};
  std::array<SignalInfo, kNumSignals + 1> pending_info_{};
  uint64_t blocked_ = 0;
  uint64_t pending_ = 0;
  uint32_t altstack_sp_ = 0, altstack_size_ = 0;
  bool altstack_enabled_ = false;
  uint32_t trampoline_ = 0;
  uint64_t frame_mask_override_ = 0;
  bool has_frame_mask_override_ = false;
  int terminating_signal_ = 0;
};

}  // namespace dynsim

#endif  // DYNSIM_OS_MODEL_SIGNALS_H
