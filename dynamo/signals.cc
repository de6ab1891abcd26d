// The application's signal system calls, performed by Dynamo on the state it keeps
// (signal_state.h), with the OS's checks where the OS can make them (its errors are then
// exactly the native ones). Argument checks follow the order of os_model/syscalls_signal.cc.
#include "dynamo/signals.h"

#include <dynsim/syscall.h>
#include <dynsim/unistd_nr.h>

#include "dynamo/machine.h"
#include "dynamo/signal_state.h"

// C linkage from its declaration in signals.h (the signal arrival code sets it by name).
volatile uint32_t dynamo_signal_arrived = 0;

namespace dynamo {
namespace {

constexpr uint32_t kNrPause = 29;
constexpr uint32_t kSigBlock = 0, kSigUnblock = 1, kSigSetmask = 2;
constexpr uint32_t kSigsetSize = 8;
constexpr uint32_t kAltStackBytes = 64 * 1024;

SignalState state;
alignas(64) uint8_t dynamo_altstack[kAltStackBytes];

uint32_t Entry() { return reinterpret_cast<uint32_t>(&dynamo_signal_entry); }

bool ReadableWords(uint32_t addr, uint32_t words) {
  if (addr & 3) return false;
  for (uint32_t i = 0; i < words; ++i)
    if (!machine::Readable(addr + 4 * i)) return false;
  return true;
}
uint32_t Word(uint32_t addr) { return *reinterpret_cast<const volatile uint32_t*>(addr); }
void SetWord(uint32_t addr, uint32_t v) { *reinterpret_cast<volatile uint32_t*>(addr) = v; }
uint64_t ReadSet(uint32_t addr) { return Word(addr) | (uint64_t{Word(addr + 4)} << 32); }
void WriteSet(uint32_t addr, uint64_t set) {
  SetWord(addr, static_cast<uint32_t>(set));
  SetWord(addr + 4, static_cast<uint32_t>(set >> 32));
}
int32_t Err(uint32_t e) { return -static_cast<int32_t>(e); }

// The kernel's struct sigaction on Linux-hppa: {sa_handler, sa_flags, sa_mask[2]}.
struct KernelSigaction {
  uint32_t handler;
  uint32_t flags;
  uint32_t mask[2];
};

// Which default action ignores (the rest terminate; stopping is not modeled: os_model).
bool DefaultIgnores(uint32_t signo) {
  return signo == 18 || signo == 23 || signo == 24 || signo == 25 || signo == 26 || signo == 27 || signo == 28 ||
         signo == 29;
}

int32_t Sigaction(SignalState& s, AppContext* ctx) {
  const uint32_t signo = ctx->gr[26], act = ctx->gr[25], oldact = ctx->gr[24];
  KernelSigaction mine{};
  AppAction next{};
  if (act) {
    next = AppAction{Word(act), Word(act + 4), ReadSet(act + 8) & ~kUnblockable};
    mine = KernelSigaction{next.handler, next.flags, {Word(act + 8), Word(act + 12)}};
    if ((next.handler != kSigDfl && next.handler != kSigIgn) || (kAlwaysIntercepted & Bit(signo))) {
      // Dynamo's handler on Dynamo's stack, with every signal blocked while it runs.
      mine = KernelSigaction{Entry(), kSaSiginfo | kSaOnstack | (next.flags & kSaRestart), {~0u, ~0u}};
    }
  }
  const AppAction old = s.actions[signo];
  const long result = __dynsim_syscall4(__NR_rt_sigaction, signo, act ? &mine : nullptr, oldact, kSigsetSize);
  if (result != 0) return static_cast<int32_t>(result);
  if (oldact) {
    SetWord(oldact, old.handler);
    SetWord(oldact + 4, old.flags);
    WriteSet(oldact + 8, old.mask);
  }
  if (act) {
    s.actions[signo] = next;
    s.intercepted = mine.handler == Entry() ? s.intercepted | Bit(signo) : s.intercepted & ~Bit(signo);
    // Setting a signal to be ignored discards it if pending (POSIX).
    if (next.handler == kSigIgn || (next.handler == kSigDfl && DefaultIgnores(signo)))
      s.pending &= ~(Bit(signo) & ~s.synchronous);
    SyncOsMask(s);
  }
  return 0;
}

int32_t Sigprocmask(SignalState& s, AppContext* ctx) {
  const uint32_t how = ctx->gr[26], set = ctx->gr[25], oldset = ctx->gr[24];
  const uint64_t old = s.blocked;
  if (set) {
    if (!ReadableWords(set, 2)) return Err(kEfault);
    const uint64_t v = ReadSet(set);
    switch (how) {
      case kSigBlock: s.blocked = old | v; break;
      case kSigUnblock: s.blocked = old & ~v; break;
      case kSigSetmask: s.blocked = v; break;
      default: return Err(kEinval);
    }
    s.blocked &= ~kUnblockable;
    DrainArrivals(s);
    StartLatencyOfUnblocked(s, old);
    SyncOsMask(s);
  }
  if (oldset) {
    if (!OsWritable(oldset)) return Err(kEfault);
    WriteSet(oldset, old);
  }
  return 0;
}

int32_t Sigpending(SignalState& s, AppContext* ctx) {
  const uint32_t set = ctx->gr[26];
  const long result = __dynsim_syscall2(__NR_rt_sigpending, set, kSigsetSize);
  if (result != 0) return static_cast<int32_t>(result);
  DrainArrivals(s);
  WriteSet(set, ReadSet(set) | (s.pending & s.blocked));
  return 0;
}

// Sleeps in the OS until a signal the application does not block is pending with Dynamo
// (an intercepted signal the application blocks wakes the OS's call but not the
// application's). `os_call` is rt_sigsuspend or pause.
void SleepUntilDeliverable(SignalState& s, uint64_t os_mask, bool suspend) {
  DrainArrivals(s);
  while (!(s.pending & ~s.blocked)) {
    if (suspend) {
      uint32_t words[2] = {static_cast<uint32_t>(os_mask), static_cast<uint32_t>(os_mask >> 32)};
      __dynsim_syscall2(__NR_rt_sigsuspend, words, kSigsetSize);
    } else {
      __dynsim_syscall0(kNrPause);
    }
    DrainArrivals(s);
  }
}

int32_t Sigsuspend(SignalState& s, AppContext* ctx) {
  const uint32_t set = ctx->gr[26];
  if (!ReadableWords(set, 2)) return Err(kEfault);
  const uint64_t saved = s.blocked;
  s.blocked = ReadSet(set) & ~kUnblockable;
  DrainArrivals(s);
  StartLatencyOfUnblocked(s, saved);
  SleepUntilDeliverable(s, s.blocked & ~s.intercepted, true);
  // The handler returns to the mask from before the call (os_model: the frame mask).
  s.has_frame_mask = true;
  s.frame_mask = saved;
  SyncOsMask(s);
  return Err(kEintr);
}

int32_t Sigaltstack(SignalState& s, AppContext* ctx) {
  const uint32_t ss = ctx->gr[26], oss = ctx->gr[25], sp = ctx->gr[30];
  const uint32_t old_sp = s.altstack_sp, old_size = s.altstack_size;
  const uint32_t old_flags = s.altstack_enabled ? (OnAltStack(s, sp) ? kSsOnstack : 0) : kSsDisable;
  if (ss) {
    // stack_t of Linux-hppa: {ss_sp, ss_flags, ss_size}.
    if (!ReadableWords(ss, 3)) return Err(kEfault);
    const int32_t r = SetAltStack(s, Word(ss), Word(ss + 8), Word(ss + 4), sp);
    if (r < 0) return r;
  }
  if (oss) {
    if (!OsWritable(oss) || !OsWritable(oss + 4)) return Err(kEfault);
    SetWord(oss, old_sp);
    SetWord(oss + 4, old_flags);
    SetWord(oss + 8, old_size);
  }
  return 0;
}

}  // namespace

SignalState& signal_state() { return state; }

void OsSetAction(uint32_t signo, uint32_t handler, uint32_t flags) {
  KernelSigaction a{handler, flags, {0, 0}};
  __dynsim_syscall4(__NR_rt_sigaction, signo, &a, nullptr, kSigsetSize);
}

void SyncOsMask(SignalState& s) {
  const uint64_t want = s.blocked & ~s.intercepted;
  if (want == s.os_blocked) return;
  const uint32_t words[2] = {static_cast<uint32_t>(want), static_cast<uint32_t>(want >> 32)};
  __dynsim_syscall4(__NR_rt_sigprocmask, kSigSetmask, words, nullptr, kSigsetSize);
  s.os_blocked = want;
}

bool OsWritable(uint32_t addr) {
  for (uint32_t a = addr; a < addr + 8; a += 4)
    if ((a & 3) || !machine::Readable(a) || !dynamo_probe_write(a)) return false;
  return true;
}

void InitSignals(FragmentCache* cache, Counters* counters) {
  state.cache = cache;
  state.counters = counters;
  state.altstack_enabled = false;
  state.trampoline = kDefaultTrampoline;
  // stack_t {ss_sp, ss_flags, ss_size}.
  const uint32_t ss[3] = {reinterpret_cast<uint32_t>(dynamo_altstack), 0, kAltStackBytes};
  __dynsim_syscall2(__NR_sigaltstack, ss, nullptr);
  for (uint32_t signo = 1; signo <= kNumSignals; ++signo) {
    if (!(kAlwaysIntercepted & Bit(signo))) continue;
    KernelSigaction mine{Entry(), kSaSiginfo | kSaOnstack, {~0u, ~0u}};
    __dynsim_syscall4(__NR_rt_sigaction, signo, &mine, nullptr, kSigsetSize);
    state.intercepted |= Bit(signo);
  }
}

SignalCall PerformSignalCall(AppContext* ctx) {
  SignalState& s = state;
  const uint32_t nr = ctx->gr[20], signo = ctx->gr[26];
  int32_t result;
  switch (nr) {
    case __NR_rt_sigaction:
      // A bad size or number, an unreadable action, SIGKILL or SIGSTOP: the OS's errors.
      if (ctx->gr[23] != kSigsetSize || signo < 1 || signo > kNumSignals) return SignalCall::kNotMine;
      if (ctx->gr[25] && (!ReadableWords(ctx->gr[25], 4) || signo == kSigKill || signo == kSigStop))
        return SignalCall::kNotMine;
      ++s.counters->sigactions;
      result = Sigaction(s, ctx);
      break;
    case __NR_rt_sigprocmask:
      if (ctx->gr[23] != kSigsetSize) return SignalCall::kNotMine;
      result = Sigprocmask(s, ctx);
      break;
    case __NR_rt_sigpending:
      if (ctx->gr[25] != kSigsetSize) return SignalCall::kNotMine;
      result = Sigpending(s, ctx);
      break;
    case __NR_rt_sigsuspend:
      if (ctx->gr[25] != kSigsetSize) return SignalCall::kNotMine;
      result = Sigsuspend(s, ctx);
      break;
    case kNrPause:
      SleepUntilDeliverable(s, s.os_blocked, false);
      result = Err(kEintr);
      break;
    case __NR_sigaltstack:
      result = Sigaltstack(s, ctx);
      break;
    case __NR_rt_sigreturn:
      ++s.counters->sigreturns;
      if (!SigReturn(s, ctx)) TerminateBySignal(s, ctx, kSigSegv);
      return SignalCall::kReturned;
    default:
      return SignalCall::kNotMine;
  }
  if (nr != __NR_rt_sigaction) ++s.counters->signal_calls;
  ctx->gr[28] = static_cast<uint32_t>(result);
  return SignalCall::kDone;
}

bool SignalsWaiting() {
  return dynamo_signal_arrived || (state.pending & (~state.blocked | state.synchronous)) ||
         state.cache->UnlinkedForDelivery();
}

void SetRunningFragment(const Fragment* f) { state.running = f; }

void HandSignalsToNative(uint32_t mask[2], uint32_t stack[3]) {
  SignalState& s = state;
  DrainArrivals(s);
  for (uint32_t signo = 1; signo <= kNumSignals; ++signo) {
    if (!(s.intercepted & Bit(signo))) continue;
    const AppAction& a = s.actions[signo];
    KernelSigaction k{a.handler, a.flags, {static_cast<uint32_t>(a.mask), static_cast<uint32_t>(a.mask >> 32)}};
    __dynsim_syscall4(__NR_rt_sigaction, signo, &k, nullptr, kSigsetSize);
  }
  // What waits with Dynamo waits with the OS instead (as sent by kill: its siginfo's
  // details are lost).
  const long pid = __dynsim_syscall0(__NR_getpid);
  for (uint32_t signo = 1; signo <= kNumSignals; ++signo)
    if (s.pending & Bit(signo)) __dynsim_syscall2(__NR_kill, pid, signo);
  s.intercepted = 0;
  mask[0] = static_cast<uint32_t>(s.blocked);
  mask[1] = static_cast<uint32_t>(s.blocked >> 32);
  stack[0] = s.altstack_sp;
  stack[1] = s.altstack_enabled ? 0 : kSsDisable;
  stack[2] = s.altstack_size;
}

}  // namespace dynamo
