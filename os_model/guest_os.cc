// GuestOs: the gateway, syscall dispatch, process exit and signal plumbing. The syscalls
// themselves are grouped by subject in syscalls_*.cc.
#include "os_model/guest_os.h"

#include <climits>
#include <cstdlib>

#include "os_model/guest_errno.h"
#include "os_model/lws_gateway.h"
#include "os_model/syscall_numbers.h"
#include "os_model/trap_signals.h"

namespace dynsim {
namespace {

constexpr int32_t kAtFdcwd = -100;
constexpr uint32_t kGuestOCloexec = 010000000;  // O_CLOEXEC of Linux-hppa (asm/fcntl.h)
constexpr uint32_t kAtRemovedir = 0x200;        // asm-generic/fcntl.h

}  // namespace

GuestOs::GuestOs(GuestMemory* memory, SimClock* clock, const OsConfig& config, std::ostream* log)
    : memory_(memory),
      clock_(clock),
      config_(config),
      log_(log),
      random_state_(config.random_seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull) {
  // The guest's stdin, stdout and stderr are the simulator's.
  files_ = {{0, false}, {1, false}, {2, false}};
  signals_.set_trampoline(kSigtrampEntry);
  InitResourceLimits();
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
  // /proc/self/exe names the program by its absolute, resolved path, as the kernel's does
  // (glibc's start-up asserts that it is absolute).
  char resolved[PATH_MAX];
  program_path_ = realpath(image.path.c_str(), resolved) ? resolved : image.path;
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
  // Every gateway entry returns to r31 (`be 0(%sr7,%r31)` in syscall.S) at user privilege.
  bool returns = true;
  unsupported_call_ = false;
  if (gateway == kGatewaySyscall) {
    const uint32_t args[6] = {state->gr[26], state->gr[25], state->gr[24],
                              state->gr[23], state->gr[22], state->gr[21]};
    bool no_result = false;
    const uint32_t nr = state->gr[20];
    int64_t result = Dispatch(nr, args, state, &no_result);
    if (events_) events_->OnSyscall(nr, args, result);
    if (no_result) returns = false;  // rt_sigreturn restored the whole state
    else state->gr[28] = static_cast<uint32_t>(result);
  } else if (gateway == kGatewaySetThreadPointer) {
    // set_thread_pointer: `mtctl %r26,%cr27` and back; no result register is written.
    state->cr27 = state->gr[26];
  } else {
    LightweightSyscall(state);
  }
  if (process_state_ != ProcessState::kRunning) return;
  StopRetryLoop(state);
  if (process_state_ != ProcessState::kRunning) return;
  if (returns) {
    state->iaoq_front = state->gr[31] | kUserPrivilege;
    state->iaoq_back = state->iaoq_front + 4;
    state->psw_n = false;
  }
  if (signals_.HasDeliverable()) DeliverSignals(state);
}

void GuestOs::LightweightSyscall(ArchState* state) {
  const uint32_t entry = state->gr[20];
  const LwsArgs args{state->gr[26], state->gr[25], state->gr[24], state->gr[23]};
  const LwsResult r = RunLightweightSyscall(entry, args, memory_);
  const char* name = LwsEntryName(entry);
  ++syscall_counts_[std::string("lws_") + (name ? name : "unknown")];
  if (r.sets_r28) state->gr[28] = r.r28;
  state->gr[21] = static_cast<uint32_t>(r.r21);
  if (r.r21 != -kENOSYS) return;
  unsupported_call_ = true;
  std::string what = "light-weight syscall " + std::to_string(entry) + (name ? std::string(" (") + name + ")" : "");
  if (entry == kLwsCompareAndSwap2) what += " size " + std::to_string(state->gr[23]);
  if (entry == kLwsAtomicExchange || entry == kLwsAtomicStore) what += " size " + std::to_string(state->gr[25]);
  ++unsupported_counts_[what];
  if (reported_unsupported_.insert(what).second && log_)
    *log_ << "dynsim: guest called unsupported " << what << " at pc 0x" << std::hex << CallerPc(*state) << std::dec
          << "; returning ENOSYS\n";
}

void GuestOs::StopRetryLoop(ArchState* state) {
  // A call that fails with ENOSYS, repeated from the same place with no other gateway
  // call between, is a retry loop that can never succeed (libgcc's __sync_* and glibc's
  // locks retry the LWS until it works): end the run instead of spinning silently.
  if (!unsupported_call_) {
    retry_count_ = 0;
    return;
  }
  const uint32_t site = CallerPc(*state);
  retry_count_ = site == retry_site_ ? retry_count_ + 1 : 1;
  retry_site_ = site;
  if (retry_count_ < kRetryLoopLimit) return;
  if (log_)
    *log_ << "dynsim: guest retried an unsupported call at pc 0x" << std::hex << site << std::dec << " "
          << kRetryLoopLimit << " times in a row; stopping it (SIGKILL)\n";
  Kill(kSigKill, *state);
}

GuestAddr GuestOs::CallerPc(const ArchState& state) const { return AppPcOf(state.gr[31] & ~3u); }

GuestAddr GuestOs::AppPcOf(GuestAddr pc) const {
  uint32_t app = 0;
  if (pc >= behalf_lo_ && pc < behalf_hi_ && Get32(behalf_return_addr_, &app)) return app & ~3u;
  return pc;
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
    case kNrReadv: return SysReadv(a);
    case kNrLlseek: return SysLlseek(a);
    case kNrDup: return SysDup(a[0], -1, false);
    case kNrDup2: return HostFd(a[0]) < 0 ? -kEBADF : SysDup(a[0], static_cast<int32_t>(a[1]), false);
    case kNrDup3: return a[0] == a[1] ? -kEINVAL : SysDup(a[0], static_cast<int32_t>(a[1]), (a[2] & kGuestOCloexec) != 0);
    case kNrFcntl:
    case kNrFcntl64: return SysFcntl(a);
    case kNrFstat: return StatFd(a[0], a[1], StatLayout::kStat);
    case kNrFstat64: return StatFd(a[0], a[1], StatLayout::kStat64);
    case kNrStat64:
    case kNrLstat64: return StatPath(kAtFdcwd, a[0], 0, a[1], StatLayout::kStat64);
    case kNrFstatat64: return StatPath(static_cast<int32_t>(a[0]), a[1], a[3], a[2], StatLayout::kStat64);
    case kNrStatx: return StatPath(static_cast<int32_t>(a[0]), a[1], a[2], a[4], StatLayout::kStatx);
    case kNrReadlink: return SysReadlink(kAtFdcwd, a[0], a[1], a[2]);
    case kNrReadlinkat: return SysReadlink(static_cast<int32_t>(a[0]), a[1], a[2], a[3]);
    case kNrAccess: return SysAccess(kAtFdcwd, a[0], a[1]);
    case kNrFaccessat:
    case kNrFaccessat2: return SysAccess(static_cast<int32_t>(a[0]), a[1], a[2]);
    case kNrGetdents64: return SysGetdents64(a);
    case kNrUnlink: return SysUnlinkAt(kAtFdcwd, a[0], 0);
    case kNrRmdir: return SysUnlinkAt(kAtFdcwd, a[0], kAtRemovedir);
    case kNrUnlinkat: return SysUnlinkAt(static_cast<int32_t>(a[0]), a[1], a[2]);
    case kNrMkdir: return SysMkdirAt(kAtFdcwd, a[0], a[1]);
    case kNrMkdirat: return SysMkdirAt(static_cast<int32_t>(a[0]), a[1], a[2]);
    case kNrRename: return SysRenameAt(kAtFdcwd, a[0], kAtFdcwd, a[1], 0);
    case kNrRenameat: return SysRenameAt(static_cast<int32_t>(a[0]), a[1], static_cast<int32_t>(a[2]), a[3], 0);
    case kNrRenameat2:
      return SysRenameAt(static_cast<int32_t>(a[0]), a[1], static_cast<int32_t>(a[2]), a[3], a[4]);
    case kNrGetcwd: return SysGetcwd(a[0], a[1]);
    case kNrIoctl: return SysIoctl(a);
    case kNrUmask: return 022;  // the mask is not applied: files the guest creates get its mode & 0777
    case kNrBrk: return SysBrk(a);
    case kNrMmap: return SysMmap(a, a[5]);
    case kNrMmap2: return SysMmap(a, uint64_t{a[5]} << 12);
    case kNrMremap: return SysMremap(a);
    case kNrMadvise: return 0;  // advice only; every page stays as it is
    case kNrMunmap: return SysMunmap(a);
    case kNrMprotect: return SysMprotect(a);
    case kNrGetpid:
    case kNrGettid: return kGuestPid;
    case kNrGetppid: return 1;
    case kNrGetuid:
    case kNrGeteuid:
    case kNrGetgid:
    case kNrGetegid: return 0;  // as AT_UID and friends say (process.cc)
    case kNrSetTidAddress: return SysSetTidAddress(a);
    case kNrSetRobustList: return SysSetRobustList(a);
    case kNrGetrlimit: return SysGetrlimit(a);
    case kNrSetrlimit: return SysSetrlimit(a);
    case kNrPrlimit64: return SysPrlimit64(a);
    case kNrFutex:
    case kNrFutexTime64: return SysFutex(a, *state);
    case kNrSchedYield: return 0;
    case kNrKill: return SysKill(a[0], a[1], kSiUser);
    case kNrTgkill: return a[1] == kGuestPid ? SysKill(a[0], a[2], kSiTkill) : -kESRCH;
    case kNrRtSigaction: return SysRtSigaction(a);
    case kNrRtSigprocmask: return SysRtSigprocmask(a);
    case kNrRtSigpending: return SysRtSigpending(a);
    case kNrRtSigsuspend: return SysRtSigsuspend(a, state);
    case kNrPause: return SysPause(state);
    case kNrSigaltstack: return SysSigaltstack(a, *state);
    case kNrRtSigreturn: *no_result = true; return SysRtSigreturn(state);
    case kNrClockGettime: return SysClockGettime(a);
    case kNrClockGettime64: return SysClockGettime64(a);
    case kNrClockGetres: return SysClockGetres(a, false);
    case kNrClockGetresTime64: return SysClockGetres(a, true);
    case kNrSysinfo: return SysSysinfo(a);
    case kNrGettimeofday: return SysGettimeofday(a);
    case kNrTime: return SysTime(a);
    case kNrNanosleep: return SysNanosleep(a, *state);
    case kNrClockNanosleep: return SysClockNanosleep(a, false, *state);
    case kNrClockNanosleepTime64: return SysClockNanosleep(a, true, *state);
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
      return Unsupported(nr, *state);
  }
}

void GuestOs::Exit(int status) {
  process_state_ = ProcessState::kExited;
  exit_status_ = status;
}

void GuestOs::Kill(int signo, const ArchState& state) {
  process_state_ = ProcessState::kKilled;
  killed_by_ = signo;
  // Under Dynamo a death in Dynamo's code (it ends the application with the default
  // action of a signal, dynamo/signal_delivery.cc) names the application's pc, left in
  // the slot AppPcOf reads.
  killed_at_pc_ = AppPcOf(state.pc());
  exit_status_ = 128 + signo;
}

void GuestOs::Fault(const SignalInfo& info, ArchState* state) {
  ++signal_counts_[SignalName(info.signo)];
  if (events_) events_->OnSignal(info.signo, *state);
  if (signals_.DeliverFault(info, state, memory_) == Delivery::kTerminate) Kill(signals_.terminating_signal(), *state);
}

namespace {

SignalInfo InfoOf(const TrapSignal& t) {
  SignalInfo info;
  info.signo = t.signo;
  info.code = t.code;
  info.addr = t.addr;
  return info;
}

}  // namespace

void GuestOs::Trap(const isa::Effect& trap, uint32_t iaoq_front, ArchState* state) {
  Fault(InfoOf(SignalOfTrap(trap, iaoq_front)), state);
}

void GuestOs::FetchFault(GuestAddr pc, MemFault fault, ArchState* state) {
  Fault(InfoOf(SignalOfFetchFault(fault, pc)), state);
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
    if (events_) events_->OnSignal(info.signo, *state);
    if (d == Delivery::kTerminate) Kill(signals_.terminating_signal(), *state);
    // A handler started: further signals are delivered on top of it (nested frames)
    // only if still deliverable under the handler's mask.
  }
}

}  // namespace dynsim
