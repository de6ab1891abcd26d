// GuestOs: the gateway, syscall dispatch, process exit and signal plumbing. The syscalls
// themselves are grouped by subject in syscalls_*.cc.
#include "os_model/guest_os.h"

#include "os_model/guest_errno.h"
#include "os_model/syscall_numbers.h"

namespace dynsim {

GuestOs::GuestOs(GuestMemory* memory, SimClock* clock, const OsConfig& config, std::ostream* log)
    : memory_(memory),
      clock_(clock),
      config_(config),
      log_(log),
      random_state_(config.random_seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull) {
  // The guest's stdin, stdout and stderr are the simulator's.
  files_ = {{0, false}, {1, false}, {2, false}};
  signals_.set_trampoline(kSigtrampEntry);
}

bool GuestOs::Start(const ElfImage& image, std::string* error) {
  for (const FsGrant& grant : config_.fs_roots)
    if (!sandbox_.Grant(grant, error)) return false;
  // The sigreturn trampoline (see kSigtrampPage); word 0 is unused by our frames.
  static const uint32_t kTrampoline[] = {
      0,
      0x08000240,  // nop
      0x34190000,  // ldi 0,%r25
      0x3414015a,  // ldi 173,%r20 (__NR_rt_sigreturn)
      0xe4008200,  // ble 0x100(%sr2,%r0)
      0x08000240,  // nop
  };
  if (!memory_->Map(kSigtrampPage, GuestMemory::kPageSize, kPermRead | kPermWrite)) {
    *error = "cannot map the signal trampoline page";
    return false;
  }
  for (uint32_t i = 0; i < sizeof kTrampoline / 4; ++i) Put32(kSigtrampPage + 4 * i, kTrampoline[i]);
  memory_->Protect(kSigtrampPage, GuestMemory::kPageSize, kPermRead | kPermExec);
  brk_start_ = brk_ = (image.image_end + GuestMemory::kPageMask) & ~GuestMemory::kPageMask;
  return true;
}

void GuestOs::RandomBytes(uint8_t* out, uint32_t n) {
  // splitmix64: deterministic from the configured seed.
  for (uint32_t i = 0; i < n; ++i) {
    if (i % 8 == 0) {
      random_state_ += 0x9e3779b97f4a7c15ull;
    }
    uint64_t z = random_state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    out[i] = static_cast<uint8_t>(z >> (8 * (i % 8)));
  }
}

uint64_t GuestOs::NowNs() const {
  unsigned __int128 ns = static_cast<unsigned __int128>(clock_->cycles) * 1000000000u / clock_->hz;
  return config_.epoch_seconds * 1000000000ull + static_cast<uint64_t>(ns);
}

bool GuestOs::Put32(GuestAddr addr, uint32_t v) {
  uint8_t b[4];
  GuestMemory::ToBigEndian<uint32_t>(b, v);
  return memory_->WriteBytes(addr, b, 4);
}

bool GuestOs::Get32(GuestAddr addr, uint32_t* v) const {
  uint8_t b[4];
  if (!memory_->ReadBytes(addr, b, 4)) return false;
  *v = GuestMemory::FromBigEndian<uint32_t>(b);
  return true;
}

void GuestOs::Gateway(GuestAddr gateway, ArchState* state) {
  bool no_result = false;
  int64_t result;
  if (gateway == kGatewaySyscall) {
    const uint32_t args[6] = {state->gr[26], state->gr[25], state->gr[24],
                              state->gr[23], state->gr[22], state->gr[21]};
    result = Dispatch(state->gr[20], args, state, &no_result);
  } else if (gateway == kGatewaySetThreadPointer) {
    state->cr27 = state->gr[26];
    result = 0;
  } else {
    // Light-weight syscalls (atomic compare-and-swap for threads) are not modeled.
    ++syscall_counts_["lws"];
    ++unsupported_counts_["lws"];
    unknown_syscalls_.insert(0x10000 | gateway);
    result = -kENOSYS;
  }
  if (process_state_ != ProcessState::kRunning) return;
  if (!no_result) {
    state->gr[28] = static_cast<uint32_t>(result);
    // The gateway returns through r31 (be 0(%sr3,%r31) in the kernel).
    state->iaoq_front = state->gr[31] | kUserPrivilege;
    state->iaoq_back = state->iaoq_front + 4;
    state->psw_n = false;
  }
  if (signals_.HasDeliverable()) DeliverSignals(state);
}

GuestAddr GuestOs::CallerPc(const ArchState& state) const {
  const GuestAddr back = state.gr[31] & ~3u;
  uint32_t app = 0;
  if (back >= behalf_lo_ && back < behalf_hi_ && Get32(behalf_return_addr_, &app)) return app & ~3u;
  return back;
}

int64_t GuestOs::Dispatch(uint32_t nr, Args a, ArchState* state, bool* no_result) {
  const char* name = SyscallName(nr);
  ++syscall_counts_[name ? name : "unknown"];
  switch (nr) {
    case kNrExit:
    case kNrExitGroup: Exit(static_cast<int>(a[0] & 0xff)); return 0;
    case kNrRead: return SysRead(a);
    case kNrWrite: return SysWrite(a);
    case kNrWritev: return SysWritev(a);
    case kNrOpen: return SysOpen(-100, a[0], a[1], a[2]);
    case kNrOpenat: return SysOpen(static_cast<int32_t>(a[0]), a[1], a[2], a[3]);
    case kNrClose: return SysClose(a);
    case kNrLseek: return SysLseek(a);
    case kNrFstat: return SysFstat(a);
    case kNrIoctl: return SysIoctl(a);
    case kNrBrk: return SysBrk(a);
    case kNrMmap2: return SysMmap2(a);
    case kNrMunmap: return SysMunmap(a);
    case kNrMprotect: return SysMprotect(a);
    case kNrGetpid:
    case kNrGettid: return kGuestPid;
    case kNrKill: return SysKill(a[0], a[1], kSiUser);
    case kNrTgkill: return a[1] == kGuestPid ? SysKill(a[0], a[2], kSiTkill) : -kESRCH;
    case kNrRtSigaction: return SysRtSigaction(a);
    case kNrRtSigprocmask: return SysRtSigprocmask(a);
    case kNrRtSigpending: return SysRtSigpending(a);
    case kNrRtSigsuspend: return SysRtSigsuspend(a, state);
    case kNrSigaltstack: return SysSigaltstack(a, *state);
    case kNrRtSigreturn: *no_result = true; return SysRtSigreturn(state);
    case kNrClockGettime: return SysClockGettime(a);
    case kNrGettimeofday: return SysGettimeofday(a);
    case kNrTime: return SysTime(a);
    case kNrNanosleep: return SysNanosleep(a, *state);
    case kNrSetitimer: return SysSetitimer(a);
    case kNrGetitimer: return SysGetitimer(a);
    case kNrAlarm: return SysAlarm(a);
    case kNrUname: return SysUname(a);
    case kNrGetrandom: return SysGetrandom(a);
    case kNrDynsimAnnounceRegion:
    case kNrDynsimReportCounter:
      if (simulator_calls_) return SysDynsim(nr, a);
      return -kENOSYS;
    default:
      ++unsupported_counts_[name ? name : "sys_" + std::to_string(nr)];
      if (unknown_syscalls_.insert(nr).second && log_)
        *log_ << "dynsim: guest called unsupported system call " << nr << (name ? std::string(" (") + name + ")" : "")
              << " at pc 0x" << std::hex << CallerPc(*state) << std::dec << "; returning ENOSYS\n";
      return -kENOSYS;
  }
}

void GuestOs::Exit(int status) {
  process_state_ = ProcessState::kExited;
  exit_status_ = status;
}

void GuestOs::Kill(int signo, const ArchState& state) {
  process_state_ = ProcessState::kKilled;
  killed_by_ = signo;
  killed_at_pc_ = state.pc();
  exit_status_ = 128 + signo;
}

void GuestOs::Fault(const SignalInfo& info, ArchState* state) {
  ++signal_counts_[SignalName(info.signo)];
  if (signals_.DeliverFault(info, state, memory_) == Delivery::kTerminate) Kill(signals_.terminating_signal(), *state);
}

void GuestOs::Poll(ArchState* state) {
  if (clock_->cycles >= next_timer_cycle_) FireTimers();
  if (signals_.HasDeliverable()) DeliverSignals(state);
}

void GuestOs::DeliverSignals(ArchState* state) {
  while (process_state_ == ProcessState::kRunning && signals_.HasDeliverable()) {
    if (suspend_mask_pending_) {
      // rt_sigsuspend: the handler's frame restores the mask from before the call.
      signals_.SetFrameMaskOverride(suspend_saved_mask_);
      suspend_mask_pending_ = false;
    }
    SignalInfo info;
    Delivery d = signals_.DeliverNext(state, memory_, &info);
    if (d == Delivery::kIgnored) continue;
    ++signal_counts_[SignalName(info.signo)];
    if (d == Delivery::kTerminate) Kill(signals_.terminating_signal(), *state);
    // A handler started: further signals are delivered on top of it (nested frames)
    // only if still deliverable under the handler's mask.
  }
}

}  // namespace dynsim
