// Signal system calls. The guest's sigset is 64 bits, stored as two big-endian words with
// signals 1..32 in the first (the kernel's layout on a 32-bit big-endian machine).
#include "os_model/guest_errno.h"
#include "os_model/guest_os.h"
#include "os_model/syscall_numbers.h"

namespace dynsim {
namespace {

constexpr uint32_t kSigsetSize = 8;
constexpr uint32_t kSigBlock = 0, kSigUnblock = 1, kSigSetmask = 2;

}  // namespace

int64_t GuestOs::SysRtSigaction(Args a) {
  int signo = static_cast<int>(a[0]);
  if (a[3] != kSigsetSize || signo < 1 || signo > kNumSignals) return -kEINVAL;
  // struct sigaction of Linux-hppa: {sa_handler, sa_flags, sa_mask[2]}, no sa_restorer.
  uint32_t in[4] = {};
  if (a[1]) {
    for (int i = 0; i < 4; ++i)
      if (!Get32(a[1] + 4 * i, &in[i])) return -kEFAULT;
  }
  if (a[2]) {
    const SignalAction& old = signals_.action(signo);
    if (!Put32(a[2], old.handler) || !Put32(a[2] + 4, old.flags) ||
        !Put32(a[2] + 8, static_cast<uint32_t>(old.mask)) || !Put32(a[2] + 12, static_cast<uint32_t>(old.mask >> 32)))
      return -kEFAULT;
  }
  if (!a[1]) return 0;
  SignalAction action;
  action.handler = in[0];
  action.flags = in[1];
  action.mask = in[2] | (uint64_t{in[3]} << 32);
  return signals_.SetAction(signo, action);
}

int64_t GuestOs::SysRtSigprocmask(Args a) {
  if (a[3] != kSigsetSize) return -kEINVAL;
  uint64_t old = signals_.blocked();
  if (a[1]) {
    uint32_t lo, hi;
    if (!Get32(a[1], &lo) || !Get32(a[1] + 4, &hi)) return -kEFAULT;
    uint64_t set = lo | (uint64_t{hi} << 32);
    switch (a[0]) {
      case kSigBlock: signals_.SetBlocked(old | set); break;
      case kSigUnblock: signals_.SetBlocked(old & ~set); break;
      case kSigSetmask: signals_.SetBlocked(set); break;
      default: return -kEINVAL;
    }
  }
  if (a[2] && (!Put32(a[2], static_cast<uint32_t>(old)) || !Put32(a[2] + 4, static_cast<uint32_t>(old >> 32))))
    return -kEFAULT;
  return 0;
}

int64_t GuestOs::SysRtSigpending(Args a) {
  if (a[1] != kSigsetSize) return -kEINVAL;
  uint64_t p = signals_.pending() & signals_.blocked();
  if (!Put32(a[0], static_cast<uint32_t>(p)) || !Put32(a[0] + 4, static_cast<uint32_t>(p >> 32))) return -kEFAULT;
  return 0;
}

int64_t GuestOs::SysRtSigsuspend(Args a, ArchState* state) {
  if (a[1] != kSigsetSize) return -kEINVAL;
  uint32_t lo, hi;
  if (!Get32(a[0], &lo) || !Get32(a[0] + 4, &hi)) return -kEFAULT;
  uint64_t saved = signals_.blocked();
  signals_.SetBlocked(lo | (uint64_t{hi} << 32));
  if (!SleepUntilSignal("sigsuspend", state)) {
    signals_.SetBlocked(saved);
    return 0;
  }
  suspend_mask_pending_ = true;
  suspend_saved_mask_ = saved;
  return -kEINTR;
}

bool GuestOs::SleepUntilSignal(const char* call, ArchState* state) {
  // Sleep until a timer makes a signal deliverable; with no timer armed, nothing can
  // ever arrive, and the guest would hang: stop it instead of spinning forever.
  while (!signals_.HasDeliverable()) {
    if (next_timer_cycle_ == UINT64_MAX) {
      if (log_) *log_ << "dynsim: guest waits in " << call << " for a signal that can never arrive; killing it\n";
      Kill(kSigKill, *state);
      return false;
    }
    IdleUntil(next_timer_cycle_);
  }
  return true;
}

// pause(): sleeps until a handler runs (or the process dies), then fails with EINTR.
int64_t GuestOs::SysPause(ArchState* state) { return SleepUntilSignal("pause", state) ? -kEINTR : 0; }

int64_t GuestOs::SysSigaltstack(Args a, const ArchState& state) {
  uint32_t old_sp, old_size, old_flags;
  signals_.GetAltStack(state.gr[30], &old_sp, &old_size, &old_flags);
  if (a[0]) {
    // stack_t of Linux-hppa: {ss_sp, ss_flags, ss_size}.
    uint32_t sp, flags, size;
    if (!Get32(a[0], &sp) || !Get32(a[0] + 4, &flags) || !Get32(a[0] + 8, &size)) return -kEFAULT;
    int r = signals_.SetAltStack(sp, size, flags, state.gr[30]);
    if (r < 0) return r;
  }
  if (a[1] && (!Put32(a[1], old_sp) || !Put32(a[1] + 4, old_flags) || !Put32(a[1] + 8, old_size))) return -kEFAULT;
  return 0;
}

int64_t GuestOs::SysKill(uint32_t pid, uint32_t sig, int32_t code) {
  int32_t p = static_cast<int32_t>(pid);
  if (p != kGuestPid && p != 0 && p != -1) return -kESRCH;
  if (sig > static_cast<uint32_t>(kNumSignals)) return -kEINVAL;
  if (sig == 0) return 0;
  SignalInfo info;
  info.signo = static_cast<int>(sig);
  info.code = code;
  info.pid = static_cast<int32_t>(kGuestPid);
  signals_.Post(info);
  return 0;
}

int64_t GuestOs::SysRtSigreturn(ArchState* state) {
  if (!signals_.Return(state, memory_)) Kill(kSigSegv, *state);
  return 0;
}

}  // namespace dynsim
