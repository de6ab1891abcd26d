// The application's signal state as Dynamo keeps it (signals.h): what the kernel would
// hold for the application natively (Linux kernel/signal.c; os_model/signals.h models the
// same for the OS), and the queue between Dynamo's handler and the dispatcher.
//
// Invariants: `blocked` never holds SIGKILL or SIGSTOP; a signal is in `pending` at most
// once (standard signals do not queue); `synchronous` is a subset of `pending`. The OS's
// own mask is `blocked` without the signals Dynamo intercepts (those always reach
// Dynamo's handler and wait in `pending` while the application blocks them).
// The arrival queue is written by Dynamo's handler only (which runs with every signal
// blocked) and drained by the dispatcher: `arrived[s]` is set after `arrived_info[s]`.
#ifndef DYNSIM_DYNAMO_SIGNAL_STATE_H
#define DYNSIM_DYNAMO_SIGNAL_STATE_H

#include <stdint.h>

#include "dynamo/counters.h"
#include "dynamo/fragment_cache.h"
#include "dynamo/sigframe.h"
#include "os_model/signal_abi.h"

namespace dynamo {

// Linux-hppa's numbers, from the OS model's own list (os_model/signal_abi.h), as the
// unsigned values Dynamo's signal sets and frames hold.
constexpr uint32_t kNumSignals = dynsim::kNumSignals;
constexpr uint32_t kSigIll = dynsim::kSigIll, kSigTrap = dynsim::kSigTrap, kSigFpe = dynsim::kSigFpe,
                   kSigKill = dynsim::kSigKill, kSigBus = dynsim::kSigBus, kSigSegv = dynsim::kSigSegv,
                   kSigStop = dynsim::kSigStop;
using dynsim::kSaNodefer;
using dynsim::kSaOnstack;
using dynsim::kSaResethand;
using dynsim::kSaRestart;
using dynsim::kSaSiginfo;
using dynsim::kSiKernel;
using dynsim::kSigDfl;
using dynsim::kSigIgn;
constexpr uint32_t kSsOnstack = 1, kSsDisable = 2;
constexpr uint32_t kEfault = 14, kEinval = 22, kEperm = 1, kEnomem = 12, kEintr = 4;
// The OS's return trampoline (os_model/guest_os.h: kSigtrampEntry), until Dynamo's
// handler is first entered and learns it from its own return link.
constexpr uint32_t kDefaultTrampoline = 0xf9fff008;

inline uint64_t Bit(uint32_t signo) { return uint64_t{1} << (signo - 1); }
constexpr uint64_t kUnblockable = (uint64_t{1} << (kSigKill - 1)) | (uint64_t{1} << (kSigStop - 1));

struct AppAction {
  uint32_t handler;
  uint32_t flags;
  uint64_t mask;
};

struct SignalState {
  FragmentCache* cache;
  Counters* counters;
  AppAction actions[kNumSignals + 1];
  uint64_t blocked;
  uint64_t pending;
  uint64_t synchronous;
  uint32_t pending_info[kNumSignals + 1][sigframe::kSiginfoWords];
  uint64_t pending_cycle[kNumSignals + 1];  // cr16 when it became deliverable (asynchronous ones)
  uint64_t intercepted;                     // the OS's handler is Dynamo's
  uint64_t os_blocked;                      // the mask last given to the OS
  uint32_t altstack_sp, altstack_size;
  bool altstack_enabled;
  bool has_frame_mask;  // rt_sigsuspend: the next frame saves frame_mask instead of blocked
  uint64_t frame_mask;
  uint32_t trampoline;
  // The arrival queue.
  volatile uint32_t arrived[kNumSignals + 1];
  uint32_t arrived_info[kNumSignals + 1][sigframe::kSiginfoWords];
  uint64_t arrived_cycle[kNumSignals + 1];
  const Fragment* volatile running;
};

SignalState& signal_state();

// signals.cc
void SyncOsMask(SignalState& s);
void OsSetAction(uint32_t signo, uint32_t handler, uint32_t flags);
// signal_delivery.cc
void DrainArrivals(SignalState& s);
// The application's mask went from `before` to s.blocked: a pending signal it unblocked
// starts its delivery latency now (the time it was blocked is the application's choice).
void StartLatencyOfUnblocked(SignalState& s, uint64_t before);
[[noreturn]] void TerminateBySignal(SignalState& s, AppContext* ctx, uint32_t signo);
bool OnAltStack(const SignalState& s, uint32_t sp);
int32_t SetAltStack(SignalState& s, uint32_t sp, uint32_t size, uint32_t flags, uint32_t current_sp);
bool SigReturn(SignalState& s, AppContext* ctx);
// True if the application could write the 8 bytes at `addr` (dynamo_probe_write of both
// words, after PROBEI,R; their values are unchanged).
bool OsWritable(uint32_t addr);
// Dynamo's handler is the OS's for these whatever the application asked, so that its own
// write probes fault into it (the application's action is still kept and honoured).
constexpr uint64_t kAlwaysIntercepted = (uint64_t{1} << (kSigSegv - 1)) | (uint64_t{1} << (kSigBus - 1));

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_SIGNAL_STATE_H
