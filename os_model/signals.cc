#include "os_model/signals.h"

#include <cstdio>

#include "os_model/guest_errno.h"

namespace dynsim {
namespace {

constexpr uint32_t kSsOnstack = 1, kSsDisable = 2;
constexpr uint32_t kMinSigStackSize = 2048;  // MINSIGSTKSZ on hppa

// Stores big-endian words into a frame image before it is copied to the guest at once.
class FrameImage {
 public:
  void Put32(uint32_t offset, uint32_t value) { GuestMemory::ToBigEndian<uint32_t>(bytes_ + offset, value); }
  void Put64(uint32_t offset, uint64_t value) { GuestMemory::ToBigEndian<uint64_t>(bytes_ + offset, value); }
  uint32_t Get32(uint32_t offset) const { return GuestMemory::FromBigEndian<uint32_t>(bytes_ + offset); }
  uint64_t Get64(uint32_t offset) const { return GuestMemory::FromBigEndian<uint64_t>(bytes_ + offset); }
  uint8_t* data() { return bytes_; }

 private:
  uint8_t bytes_[kRtSigframeSize] = {};
};

// Offsets inside the frame (see signals.h).
constexpr uint32_t kScFlags = kMcontextOffset;
constexpr uint32_t kScGr = kMcontextOffset + 4;
constexpr uint32_t kScFr = kMcontextOffset + 136;
constexpr uint32_t kScIasq = kMcontextOffset + 392;
constexpr uint32_t kScIaoq = kMcontextOffset + 400;
constexpr uint32_t kScSar = kMcontextOffset + 408;
constexpr uint32_t kUcStack = kUcontextOffset + 8;
// Bytes of the frame that the handler's context occupies (tramp[2] is left untouched).
constexpr uint32_t kFrameWritten = kSigmaskOffset + 8 - kSiginfoOffset;

void SetPsw(uint32_t psw, ArchState* s) {
  const PswBits bits = UnpackPsw(psw);
  s->psw_n = bits.n;
  s->psw_v = bits.v;
  s->psw_cb = bits.cb;
}

}  // namespace

DefaultAction DefaultActionOf(int signo) {
  switch (signo) {
    case kSigChld: case kSigUrg: case kSigWinch: case kSigCont:
    // Stopping is not modeled: a stop signal is ignored.
    case kSigStop: case kSigTstp: case kSigTtin: case kSigTtou:
      return DefaultAction::kIgnore;
    default:
      return DefaultAction::kTerminate;
  }
}

const char* SignalName(int signo) {
  static const char* const kNames[] = {
      "SIG0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGSTKFLT",
      "SIGFPE", "SIGKILL", "SIGBUS", "SIGSEGV", "SIGXCPU", "SIGPIPE", "SIGALRM", "SIGTERM",
      "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGPWR", "SIGVTALRM", "SIGPROF", "SIGIO", "SIGWINCH",
      "SIGSTOP", "SIGTSTP", "SIGCONT", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXFSZ", "SIGSYS"};
  if (signo >= 0 && signo < 32) return kNames[signo];
  static char buf[16];
  std::snprintf(buf, sizeof buf, "SIG%d", signo);
  return buf;
}

int SignalState::SetAction(int signo, const SignalAction& action) {
  if (signo < 1 || signo > kNumSignals) return -kEINVAL;
  if (signo == kSigKill || signo == kSigStop) return -kEINVAL;
  actions_[signo] = action;
  actions_[signo].mask &= ~kUnblockable;
  // Setting a signal to be ignored discards it if pending (POSIX).
  if (action.handler == kSigIgn || (action.handler == kSigDfl && DefaultActionOf(signo) == DefaultAction::kIgnore))
    pending_ &= ~Bit(signo);
  return 0;
}

void SignalState::Post(const SignalInfo& info) {
  if (info.signo < 1 || info.signo > kNumSignals) return;
  if (pending_ & Bit(info.signo)) return;  // standard signals do not queue
  pending_ |= Bit(info.signo);
  pending_info_[info.signo] = info;
}

Delivery SignalState::DeliverNext(ArchState* state, GuestMemory* memory, SignalInfo* delivered) {
  uint64_t ready = pending_ & ~blocked_;
  int signo = __builtin_ctzll(ready) + 1;
  pending_ &= ~Bit(signo);
  *delivered = pending_info_[signo];
  return Deliver(*delivered, state, memory);
}

Delivery SignalState::DeliverFault(const SignalInfo& info, ArchState* state, GuestMemory* memory) {
  SignalAction& action = actions_[info.signo];
  if ((blocked_ & Bit(info.signo)) || action.handler == kSigIgn) {
    action.handler = kSigDfl;
    blocked_ &= ~Bit(info.signo);
  }
  return Deliver(info, state, memory);
}

Delivery SignalState::Deliver(const SignalInfo& info, ArchState* state, GuestMemory* memory) {
  SignalAction action = actions_[info.signo];
  if (action.handler == kSigIgn) return Delivery::kIgnored;
  if (action.handler == kSigDfl) {
    if (DefaultActionOf(info.signo) == DefaultAction::kIgnore) return Delivery::kIgnored;
    terminating_signal_ = info.signo;
    return Delivery::kTerminate;
  }
  if (!BuildFrame(info, action, state, memory)) {
    // The kernel's force_sigsegv (kernel/signal.c): when a frame cannot be written, a
    // SIGSEGV (si_code SI_KERNEL) is forced in place of the signal, and its own handler
    // runs if its frame can be built; when the failing frame is SIGSEGV's, SIGSEGV kills.
    if (info.signo == kSigSegv) {
      actions_[kSigSegv].handler = kSigDfl;
      terminating_signal_ = kSigSegv;
      return Delivery::kTerminate;
    }
    SignalInfo forced;
    forced.signo = kSigSegv;
    forced.code = kSiKernel;
    return DeliverFault(forced, state, memory);
  }
  if (action.flags & kSaResethand) actions_[info.signo].handler = kSigDfl;
  uint64_t add = action.mask;
  if (!(action.flags & kSaNodefer)) add |= Bit(info.signo);
  blocked_ = (blocked_ | add) & ~kUnblockable;
  return Delivery::kHandlerStarted;
}

bool SignalState::OnAltStack(uint32_t sp) const {
  return altstack_enabled_ && sp - altstack_sp_ < altstack_size_;
}

bool SignalState::BuildFrame(const SignalInfo& info, const SignalAction& action, ArchState* state,
                             GuestMemory* memory) {
  uint32_t sp = state->gr[30];
  // The stack grows upward: the alternate stack starts near its low end.
  if ((action.flags & kSaOnstack) && altstack_enabled_ && !OnAltStack(sp)) sp = (altstack_sp_ + 0x7f) & ~0x3fu;
  uint32_t frame = (sp + 63) & ~63u;
  if (!memory->RangeHas(frame, kRtSigframeSize, kPermWrite)) return false;

  // Resolve a plabel (function descriptor: address | 2): {entry, global pointer for r19}.
  uint32_t handler = action.handler, r19 = state->gr[19];
  if (handler & 2) {
    uint8_t desc[8];
    if (!memory->ReadBytes(handler & ~3u, desc, 8)) return false;
    handler = GuestMemory::FromBigEndian<uint32_t>(desc);
    r19 = GuestMemory::FromBigEndian<uint32_t>(desc + 4);
  }

  FrameImage f;
  f.Put32(kSiginfoOffset + 0, static_cast<uint32_t>(info.signo));
  f.Put32(kSiginfoOffset + 4, 0);
  f.Put32(kSiginfoOffset + 8, static_cast<uint32_t>(info.code));
  if (info.signo == kSigSegv || info.signo == kSigBus || info.signo == kSigIll || info.signo == kSigFpe ||
      info.signo == kSigTrap) {
    f.Put32(kSiginfoOffset + 12, info.addr);
  } else {
    f.Put32(kSiginfoOffset + 12, static_cast<uint32_t>(info.pid));
    f.Put32(kSiginfoOffset + 16, 0);  // si_uid
  }
  uint32_t ss_flags = altstack_enabled_ ? (OnAltStack(state->gr[30]) ? kSsOnstack : 0) : kSsDisable;
  f.Put32(kUcStack + 0, altstack_sp_);
  f.Put32(kUcStack + 4, ss_flags);
  f.Put32(kUcStack + 8, altstack_size_);
  f.Put32(kScFlags, 0);
  f.Put32(kScGr, PackPsw(state->psw_n, state->psw_v, state->psw_cb));
  for (int i = 1; i < 32; ++i) f.Put32(kScGr + 4 * i, state->gr[i]);
  for (int i = 0; i < 32; ++i) f.Put64(kScFr + 8 * i, state->fr[i]);
  f.Put32(kScIasq + 0, 0);
  f.Put32(kScIasq + 4, 0);
  f.Put32(kScIaoq + 0, state->iaoq_front);
  f.Put32(kScIaoq + 4, state->iaoq_back);
  f.Put32(kScSar, state->sar);
  // The kernel's sigset is two words, signals 1-32 in the first (lower address).
  uint64_t saved_mask = has_frame_mask_override_ ? frame_mask_override_ : blocked_;
  f.Put32(kSigmaskOffset, static_cast<uint32_t>(saved_mask));
  f.Put32(kSigmaskOffset + 4, static_cast<uint32_t>(saved_mask >> 32));
  has_frame_mask_override_ = false;
  memory->WriteBytes(frame + kSiginfoOffset, f.data() + kSiginfoOffset, kFrameWritten);

  state->gr[2] = trampoline_ | kUserPrivilege;
  state->gr[19] = r19;
  state->gr[30] = frame + kRtSigframeSize;
  state->gr[26] = static_cast<uint32_t>(info.signo);
  state->gr[25] = frame + kSiginfoOffset;
  state->gr[24] = frame + kUcontextOffset;
  state->JumpTo(handler);
  return true;
}

bool SignalState::Return(ArchState* state, GuestMemory* memory) {
  uint32_t frame = state->gr[30] - kRtSigframeSize;
  FrameImage f;
  if (!memory->ReadBytes(frame + kSiginfoOffset, f.data() + kSiginfoOffset, kFrameWritten)) return false;
  SetBlocked(f.Get32(kSigmaskOffset) | (uint64_t{f.Get32(kSigmaskOffset + 4)} << 32));
  SetPsw(f.Get32(kScGr), state);
  for (int i = 1; i < 32; ++i) state->gr[i] = f.Get32(kScGr + 4 * i);
  for (int i = 0; i < 32; ++i) state->fr[i] = f.Get64(kScFr + 8 * i);
  state->iaoq_front = f.Get32(kScIaoq + 0);
  state->iaoq_back = f.Get32(kScIaoq + 4);
  state->sar = f.Get32(kScSar);
  // Like the kernel, re-install the alternate stack saved in the frame (errors ignored).
  SetAltStack(f.Get32(kUcStack + 0), f.Get32(kUcStack + 8), f.Get32(kUcStack + 4) & kSsDisable,
              state->gr[30]);
  return true;
}

int SignalState::SetAltStack(uint32_t sp, uint32_t size, uint32_t flags, uint32_t current_sp) {
  if (OnAltStack(current_sp)) return -kEPERM;
  if (flags & ~kSsDisable) return -kEINVAL;
  if (flags & kSsDisable) {
    altstack_enabled_ = false;
    altstack_sp_ = altstack_size_ = 0;
    return 0;
  }
  if (size < kMinSigStackSize) return -kENOMEM;
  altstack_enabled_ = true;
  altstack_sp_ = sp;
  altstack_size_ = size;
  return 0;
}

void SignalState::GetAltStack(uint32_t current_sp, uint32_t* sp, uint32_t* size, uint32_t* flags) const {
  *sp = altstack_sp_;
  *size = altstack_size_;
  *flags = altstack_enabled_ ? (OnAltStack(current_sp) ? kSsOnstack : 0) : kSsDisable;
}

}  // namespace dynsim
