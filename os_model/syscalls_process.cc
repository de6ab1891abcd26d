// The process's own bookkeeping calls (thread id address, robust futex list, resource
// limits, futexes) and the answer to everything the model leaves out. dynsim runs one
// single-threaded process: calls that would create a thread or a process, or replace the
// program, are out of scope and say so once, naming the call.
#include "os_model/guest_errno.h"
#include "os_model/guest_os.h"
#include "os_model/process.h"
#include "os_model/syscall_numbers.h"

namespace dynsim {
namespace {

constexpr uint32_t kCloneThread = 0x00010000;  // CLONE_THREAD (include/uapi/linux/sched.h)
constexpr uint32_t kRobustListHeadSize = 12;   // struct robust_list_head, 32-bit
constexpr uint64_t kRlimInfinity64 = ~0ull;
constexpr uint32_t kRlimInfinity32 = ~0u;      // RLIM_INFINITY of the 32-bit getrlimit
constexpr uint32_t kRlimitCore = 4, kRlimitStack = 3, kRlimitNofile = 7;
// The command without FUTEX_PRIVATE_FLAG (128) and FUTEX_CLOCK_REALTIME (256).
constexpr uint32_t kFutexWait = 0, kFutexWake = 1, kFutexCmdMask = 0x7f;
constexpr uint32_t kFutexWaitBitset = 9, kFutexWakeBitset = 10;
constexpr uint32_t kGuestMaxFiles = 64;  // the OS model's descriptor table (syscalls_file.cc)

// Why a call that exists on Linux is not modeled, or nullptr if it is simply missing.
const char* OutOfScopeReason(uint32_t nr, const uint32_t (&a)[6]) {
  switch (nr) {
    case kNrClone:
      return (a[0] & kCloneThread) ? "threads (clone with CLONE_THREAD) are out of scope: dynsim runs one single-threaded process"
                                   : "new processes (clone, as glibc's fork uses it) are out of scope: dynsim runs one process";
    case kNrClone3: return "threads and processes (clone3) are out of scope: dynsim runs one single-threaded process";
    case kNrFork:
    case kNrVfork: return "new processes (fork, vfork) are out of scope: dynsim runs one process";
    case kNrExecve:
    case kNrExecveat: return "replacing the program (execve) is out of scope: dynsim runs the program it loaded";
    default: return nullptr;
  }
}

}  // namespace

int64_t GuestOs::Unsupported(uint32_t nr, const ArchState& state) {
  unsupported_call_ = true;
  const char* name = SyscallName(nr);
  const std::string what = name ? name : "sys_" + std::to_string(nr);
  ++unsupported_counts_[what];
  unknown_syscalls_.insert(nr);
  const uint32_t args[6] = {state.gr[26], state.gr[25], state.gr[24], state.gr[23], state.gr[22], state.gr[21]};
  const char* reason = OutOfScopeReason(nr, args);
  // Once per call and reason: clone for a thread and clone for fork say different things.
  if (!reported_unsupported_.insert(what + (reason ? reason : "")).second || !log_) return -kENOSYS;
  if (reason)
    *log_ << "dynsim: guest called " << what << " at pc 0x" << std::hex << CallerPc(state) << std::dec << ": " << reason
          << "; returning ENOSYS\n";
  else
    *log_ << "dynsim: guest called unsupported system call " << nr << (name ? std::string(" (") + name + ")" : "")
          << " at pc 0x" << std::hex << CallerPc(state) << std::dec << "; returning ENOSYS\n";
  return -kENOSYS;
}

int64_t GuestOs::SysSetTidAddress(Args a) {
  clear_child_tid_ = a[0];
  return kGuestPid;  // the caller's thread id
}

int64_t GuestOs::SysSetRobustList(Args a) {
  if (a[1] != kRobustListHeadSize) return -kEINVAL;
  robust_list_head_ = a[0];
  return 0;
}

// Limits are kept and reported so that glibc and the program see consistent values; the
// model enforces none of them beyond its own fixed sizes (stack, descriptor table).
void GuestOs::InitResourceLimits() {
  for (ResourceLimit& l : limits_) l = {kRlimInfinity64, kRlimInfinity64};
  // The limits a program can observe: the stack the loader maps (process.h), the size
  // of the descriptor table, and no core dumps.
  limits_[kRlimitStack] = {kDefaultStackBytes, kRlimInfinity64};
  limits_[kRlimitNofile] = {kGuestMaxFiles, kGuestMaxFiles};
  limits_[kRlimitCore] = {0, kRlimInfinity64};
}

int64_t GuestOs::SysGetrlimit(Args a) {
  if (a[0] >= kNumResourceLimits) return -kEINVAL;
  // The 32-bit struct rlimit: values past 32 bits read as RLIM_INFINITY (kernel compat).
  auto narrow = [](uint64_t v) { return v > kRlimInfinity32 ? kRlimInfinity32 : static_cast<uint32_t>(v); };
  const ResourceLimit& l = limits_[a[0]];
  if (!Put32(a[1], narrow(l.soft)) || !Put32(a[1] + 4, narrow(l.hard))) return -kEFAULT;
  return 0;
}

int64_t GuestOs::SysSetrlimit(Args a) {
  if (a[0] >= kNumResourceLimits) return -kEINVAL;
  uint32_t soft, hard;
  if (!Get32(a[1], &soft) || !Get32(a[1] + 4, &hard)) return -kEFAULT;
  auto widen = [](uint32_t v) { return v == kRlimInfinity32 ? kRlimInfinity64 : uint64_t{v}; };
  ResourceLimit want{widen(soft), widen(hard)};
  if (want.soft > want.hard) return -kEINVAL;
  if (want.hard > limits_[a[0]].hard) return -kEPERM;  // only a privileged process may raise it
  limits_[a[0]] = want;
  return 0;
}

// prlimit64(pid, resource, new, old) with struct rlimit64 {u64 cur, max}.
int64_t GuestOs::SysPrlimit64(Args a) {
  if (a[0] != 0 && a[0] != kGuestPid) return -kESRCH;
  if (a[1] >= kNumResourceLimits) return -kEINVAL;
  ResourceLimit want{};
  if (a[2]) {
    uint32_t w[4];
    for (int i = 0; i < 4; ++i)
      if (!Get32(a[2] + 4 * i, &w[i])) return -kEFAULT;
    want = {(uint64_t{w[0]} << 32) | w[1], (uint64_t{w[2]} << 32) | w[3]};
    if (want.soft > want.hard) return -kEINVAL;
    if (want.hard > limits_[a[1]].hard) return -kEPERM;
  }
  const ResourceLimit old = limits_[a[1]];
  if (a[3] && (!Put32(a[3], static_cast<uint32_t>(old.soft >> 32)) || !Put32(a[3] + 4, static_cast<uint32_t>(old.soft)) ||
               !Put32(a[3] + 8, static_cast<uint32_t>(old.hard >> 32)) || !Put32(a[3] + 12, static_cast<uint32_t>(old.hard))))
    return -kEFAULT;
  if (a[2]) limits_[a[1]] = want;
  return 0;
}

// futex(uaddr, op, val, ...): with one thread nobody else can wake a waiter, so a wait
// whose value still matches would sleep for ever: the guest is told so and stopped.
int64_t GuestOs::SysFutex(Args a, const ArchState& state) {
  const uint32_t cmd = a[1] & kFutexCmdMask;
  if (cmd == kFutexWake || cmd == kFutexWakeBitset) return 0;  // no waiters
  if (cmd != kFutexWait && cmd != kFutexWaitBitset) return Unsupported(kNrFutex, state);
  uint32_t value;
  if ((a[0] & 3) || !Get32(a[0], &value)) return -kEFAULT;
  if (value != a[2]) return -kEAGAIN;
  if (a[3]) return Unsupported(kNrFutex, state);  // timed waits are not modeled
  if (log_)
    *log_ << "dynsim: guest waits on futex 0x" << std::hex << a[0] << " at pc 0x" << CallerPc(state) << std::dec
          << ", which no other thread can ever wake; killing it\n";
  Kill(kSigKill, state);
  return 0;
}

}  // namespace dynsim
