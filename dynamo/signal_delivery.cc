// Delivering a signal to the application's handler under Dynamo: the frame the kernel
// builds natively (arch/parisc/kernel/signal.c setup_rt_frame; os_model/signals.cc builds
// the same for the OS), the mask and action changes of Linux's handle_signal, the forced
// delivery of synchronous signals (force_sig_info), and rt_sigreturn.
#include <dynsim/syscall.h>
#include <dynsim/unistd_nr.h>

#include "dynamo/machine.h"
#include "dynamo/signal_state.h"
#include "dynamo/signals.h"
#include "os_model/trap_signals.h"

namespace dynamo {
namespace {

constexpr uint32_t kUserPrivilege = 3;

uint32_t Word(uint32_t addr) { return *reinterpret_cast<const volatile uint32_t*>(addr); }
void SetWord(uint32_t addr, uint32_t v) { *reinterpret_cast<volatile uint32_t*>(addr) = v; }
void SetDouble(uint32_t addr, uint64_t v) { *reinterpret_cast<volatile uint64_t*>(addr) = v; }
uint64_t Double(uint32_t addr) { return *reinterpret_cast<const volatile uint64_t*>(addr); }

bool DefaultIgnores(uint32_t signo) {
  return signo == 18 || signo == 23 || signo == 24 || signo == 25 || signo == 26 || signo == 27 || signo == 28 ||
         signo == 29;
}

// Every page of [addr, addr + bytes) readable (user code can probe that: PROBEI,R).
bool ReadableRange(uint32_t addr, uint32_t bytes) {
  for (uint32_t a = addr & ~0xfffu; a < addr + bytes; a += 0x1000)
    if (!machine::Readable(a < addr ? addr : a)) return false;
  return true;
}
// Every page of it writable, by the OS's own check (signal_state.h: OsWritable).
bool WritableRange(uint32_t addr, uint32_t bytes) {
  for (uint32_t a = addr & ~0xfffu; a < addr + bytes; a += 0x1000)
    if (!OsWritable(a < addr ? addr : a)) return false;
  return OsWritable(addr + bytes - 8);
}

// The frame for `signo` with `info`, where the kernel puts it: the application's stack,
// or the top of its alternate stack for SA_ONSTACK (the stack grows upward). False if it
// cannot be written (the caller forces SIGSEGV, as the kernel's force_sigsegv).
bool BuildFrame(SignalState& s, AppContext* ctx, uint32_t signo, const uint32_t* info, const AppAction& a) {
  using namespace sigframe;
  uint32_t sp = ctx->gr[30];
  if ((a.flags & kSaOnstack) && s.altstack_enabled && !OnAltStack(s, sp)) sp = (s.altstack_sp + 0x7f) & ~0x3fu;
  const uint32_t frame = (sp + 63) & ~63u;
  if (!WritableRange(frame + kSiginfo, kEnd - kSiginfo)) return false;
  // A handler given as a function descriptor (address | 2): {entry, gr19} (the kernel's).
  uint32_t handler = a.handler, r19 = ctx->gr[19];
  if (handler & 2) {
    if (!ReadableRange(handler & ~3u, 8)) return false;
    r19 = Word((handler & ~3u) + 4);
    handler = Word(handler & ~3u);
  }
  for (uint32_t off = kSiginfo; off < kEnd; off += 4) SetWord(frame + off, 0);
  for (uint32_t k = 0; k < kSiginfoWords; ++k) SetWord(frame + kSiginfo + 4 * k, info[k]);
  SetWord(frame + kUcStack, s.altstack_sp);
  SetWord(frame + kUcStack + 4, s.altstack_enabled ? (OnAltStack(s, ctx->gr[30]) ? kSsOnstack : 0) : kSsDisable);
  SetWord(frame + kUcStack + 8, s.altstack_size);
  SetWord(frame + kScGr, PackPsw(ctx->psw_n, ctx->psw_v, ctx->psw_cb));
  for (unsigned r = 1; r < 32; ++r) SetWord(frame + kScGr + 4 * r, ctx->gr[r]);
  for (unsigned r = 0; r < 32; ++r) SetDouble(frame + kScFr + 8 * r, ctx->fr[r]);
  SetWord(frame + kScIaoq, ctx->iaoq_front);
  SetWord(frame + kScIaoq + 4, ctx->iaoq_back);
  SetWord(frame + kScSar, ctx->sar);
  const uint64_t saved = s.has_frame_mask ? s.frame_mask : s.blocked;
  s.has_frame_mask = false;
  SetWord(frame + kUcSigmask, static_cast<uint32_t>(saved));
  SetWord(frame + kUcSigmask + 4, static_cast<uint32_t>(saved >> 32));
  ctx->gr[2] = s.trampoline | kUserPrivilege;
  ctx->gr[19] = r19;
  ctx->gr[30] = frame + kSize;
  ctx->gr[26] = signo;
  ctx->gr[25] = frame + kSiginfo;
  ctx->gr[24] = frame + kUcontext;
  ctx->iaoq_front = (handler & ~3u) | kUserPrivilege;
  ctx->iaoq_back = ctx->iaoq_front + 4;
  ctx->psw_n = 0;
  return true;
}

// One signal, taken out of the pending set: its handler's frame (true), or its default
// action.
bool DeliverOne(SignalState& s, AppContext* ctx, uint32_t signo, const uint32_t* info, bool synchronous) {
  AppAction& a = s.actions[signo];
  if (synchronous && ((s.blocked & Bit(signo)) || a.handler == kSigIgn)) {
    // force_sig_info: a blocked or ignored fault gets the default action.
    a.handler = kSigDfl;
    s.blocked &= ~Bit(signo);
  }
  if (a.handler == kSigIgn) return false;
  if (a.handler == kSigDfl) {
    if (DefaultIgnores(signo)) return false;
    TerminateBySignal(s, ctx, signo);
  }
  if (!BuildFrame(s, ctx, signo, info, a)) {
    if (signo == kSigSegv) TerminateBySignal(s, ctx, kSigSegv);
    uint32_t forced[sigframe::kSiginfoWords] = {kSigSegv, 0, static_cast<uint32_t>(kSiKernel)};
    return DeliverOne(s, ctx, kSigSegv, forced, true);
  }
  ++s.counters->signals_delivered;
  const uint64_t add = a.mask | ((a.flags & kSaNodefer) ? 0 : Bit(signo));
  if (a.flags & kSaResethand) {
    a.handler = kSigDfl;
    if (!(kAlwaysIntercepted & Bit(signo))) {
      s.intercepted &= ~Bit(signo);
      OsSetAction(signo, kSigDfl, 0);
    }
  }
  s.blocked = (s.blocked | add) & ~kUnblockable;
  SyncOsMask(s);
  return true;
}

// The next signal to deliver: synchronous ones first (they cannot wait, Linux's
// SYNCHRONOUS_MASK), then the lowest-numbered one the application does not block. 0: none.
uint32_t NextSignal(const SignalState& s) {
  uint64_t ready = s.pending & s.synchronous;
  if (!ready) ready = s.pending & ~s.blocked;
  return ready ? static_cast<uint32_t>(__builtin_ctzll(ready)) + 1 : 0;
}

}  // namespace

void DrainArrivals(SignalState& s) {
  if (!dynamo_signal_arrived) return;
  dynamo_signal_arrived = 0;
  for (uint32_t signo = 1; signo <= kNumSignals; ++signo) {
    if (!s.arrived[signo]) continue;
    s.arrived[signo] = 0;
    if (s.pending & Bit(signo)) continue;  // standard signals do not queue
    for (uint32_t k = 0; k < sigframe::kSiginfoWords; ++k) s.pending_info[signo][k] = s.arrived_info[signo][k];
    s.pending_cycle[signo] = s.arrived_cycle[signo];  // (restarted when unblocked if blocked)
    s.pending |= Bit(signo);
  }
}

void StartLatencyOfUnblocked(SignalState& s, uint64_t before) {
  uint64_t unblocked = s.pending & before & ~s.blocked;
  if (!unblocked) return;
  const uint32_t now = machine::ReadControl(16);
  for (uint32_t signo = 1; signo <= kNumSignals; ++signo)
    if (unblocked & Bit(signo)) s.pending_cycle[signo] = now;
}

bool DeliverSignals(AppContext* ctx) {
  SignalState& s = signal_state();
  bool started = false;
  DrainArrivals(s);
  s.cache->RelinkAfterDelivery();
  for (uint32_t signo; (signo = NextSignal(s)) != 0;) {
    const bool synchronous = (s.synchronous & Bit(signo)) != 0;
    s.pending &= ~Bit(signo);
    s.synchronous &= ~Bit(signo);
    if (!synchronous) {
      const uint64_t latency = machine::ReadControl(16) - static_cast<uint32_t>(s.pending_cycle[signo]);
      const uint64_t cycles = static_cast<uint32_t>(latency);  // cr16 wraps at 32 bits
      ++s.counters->signals_async_delivered;
      s.counters->signal_latency_sum += cycles;
      if (cycles > s.counters->signal_latency_max) s.counters->signal_latency_max = cycles;
    }
    started |= DeliverOne(s, ctx, signo, s.pending_info[signo], synchronous);
  }
  return started;
}

void RaiseTrapSignal(const AppContext& ctx, const isa::Effect& effect, bool fetch_fault) {
  SignalState& s = signal_state();
  // The kernel's siginfo for the trap, by the OS model's own mapping. The interpreter can
  // only tell that an address is not readable (AppState reports MemFault codes), which
  // natively is an unmapped page far more often than a protected one.
  const dynsim::TrapSignal trap = fetch_fault
                                      ? dynsim::SignalOfFetchFault(dynsim::MemFault::kUnmapped, ctx.iaoq_front & ~3u)
                                      : dynsim::SignalOfTrap(effect, ctx.iaoq_front);
  const uint32_t signo = static_cast<uint32_t>(trap.signo);
  ++s.counters->signals_synchronous;
  uint32_t* info = s.pending_info[signo];
  for (uint32_t k = 0; k < sigframe::kSiginfoWords; ++k) info[k] = 0;
  info[0] = signo;
  info[2] = static_cast<uint32_t>(trap.code);
  info[3] = trap.addr;
  s.pending |= Bit(signo);
  s.synchronous |= Bit(signo);
}

void TerminateBySignal(SignalState& s, AppContext* ctx, uint32_t signo) {
  // The default action, by the OS itself: the exit status is the native one. The OS names
  // the pc of the death by the app context's r31 slot when the kill comes from Dynamo's
  // code (GuestOs::SetCallsOnBehalf): the application's pc where the signal struck, as a
  // native run reports it. The application ends here, so its r31 is no longer needed.
  ctx->gr[31] = ctx->iaoq_front;
  s.counters->Report();
  OsSetAction(signo, kSigDfl, 0);
  const uint32_t words[2] = {static_cast<uint32_t>(Bit(signo)), static_cast<uint32_t>(Bit(signo) >> 32)};
  __dynsim_syscall4(__NR_rt_sigprocmask, 1 /* SIG_UNBLOCK */, words, nullptr, 8);
  __dynsim_syscall2(__NR_kill, __dynsim_syscall0(__NR_getpid), signo);
  __dynsim_syscall1(__NR_exit_group, 128 + signo);
  __builtin_unreachable();
}

bool OnAltStack(const SignalState& s, uint32_t sp) {
  return s.altstack_enabled && sp - s.altstack_sp < s.altstack_size;
}

int32_t SetAltStack(SignalState& s, uint32_t sp, uint32_t size, uint32_t flags, uint32_t current_sp) {
  constexpr uint32_t kMinSigStackSize = 2048;  // MINSIGSTKSZ on hppa
  if (OnAltStack(s, current_sp)) return -static_cast<int32_t>(kEperm);
  if (flags & ~kSsDisable) return -static_cast<int32_t>(kEinval);
  if (flags & kSsDisable) {
    s.altstack_enabled = false;
    s.altstack_sp = s.altstack_size = 0;
    return 0;
  }
  if (size < kMinSigStackSize) return -static_cast<int32_t>(kEnomem);
  s.altstack_enabled = true;
  s.altstack_sp = sp;
  s.altstack_size = size;
  return 0;
}

bool SigReturn(SignalState& s, AppContext* ctx) {
  using namespace sigframe;
  const uint32_t frame = ctx->gr[30] - kSize;
  if (!ReadableRange(frame + kSiginfo, kEnd - kSiginfo)) return false;
  const uint64_t before = s.blocked;
  s.blocked = (Word(frame + kUcSigmask) | (uint64_t{Word(frame + kUcSigmask + 4)} << 32)) & ~kUnblockable;
  const PswBits psw = UnpackPsw(Word(frame + kScGr));
  ctx->psw_n = psw.n;
  ctx->psw_v = psw.v;
  ctx->psw_cb = psw.cb;
  for (unsigned r = 1; r < 32; ++r) ctx->gr[r] = Word(frame + kScGr + 4 * r);
  for (unsigned r = 0; r < 32; ++r) ctx->fr[r] = Double(frame + kScFr + 8 * r);
  ctx->iaoq_front = Word(frame + kScIaoq);
  ctx->iaoq_back = Word(frame + kScIaoq + 4);
  ctx->sar = Word(frame + kScSar) & 31;
  // Like the kernel, re-install the alternate stack saved in the frame (errors ignored).
  SetAltStack(s, Word(frame + kUcStack), Word(frame + kUcStack + 8), Word(frame + kUcStack + 4) & kSsDisable,
              ctx->gr[30]);
  DrainArrivals(s);
  StartLatencyOfUnblocked(s, before);
  SyncOsMask(s);
  return true;
}

}  // namespace dynamo
