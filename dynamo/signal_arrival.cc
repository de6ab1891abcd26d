// Dynamo's own signal handler (signals.h, "Arrival"), entered through dynamo_signal_entry
// (context_switch.S) on Dynamo's alternate stack with every signal blocked, wherever the
// signal landed: in fragment code, in Dynamo's own code, or in a gateway call made on the
// application's behalf.
#include "dynamo/machine.h"
#include "dynamo/rectify.h"
#include "dynamo/signal_state.h"
#include "dynamo/signals.h"

extern "C" {
// The record word dynamo_signal_exit returns (its content is never read).
uint32_t dynamo_signal_exit_record = 0;
void dynamo_signal_arrive(uint32_t signo, const uint32_t* info, uint32_t ucontext, uint32_t trampoline);
}

namespace dynamo {
namespace {

constexpr uint32_t kUserPrivilege = 3;

uint32_t Word(uint32_t addr) { return *reinterpret_cast<const volatile uint32_t*>(addr); }
void SetWord(uint32_t addr, uint32_t v) { *reinterpret_cast<volatile uint32_t*>(addr) = v; }

// A fault or trap the kernel raised for the interrupted instruction (si_code > 0: not
// sent by kill, tkill or a timer).
bool Synchronous(uint32_t signo, const uint32_t* info) {
  const bool fault_signal = signo == kSigIll || signo == kSigTrap || signo == kSigFpe || signo == kSigBus ||
                            signo == kSigSegv;
  return fault_signal && static_cast<int32_t>(info[2]) > 0;
}

// A synchronous signal in fragment code at the application instruction `w`: the context
// becomes the application's at it, the signal waits for the dispatcher, and the OS
// resumes at dynamo_signal_exit instead of the fragment.
void RaiseInFragment(SignalState& s, uint32_t signo, const uint32_t* info, uint32_t frame, const Fragment& f,
                     const AppWordRecord& w) {
  AppContext& ctx = app_context();
  RectifyContext(frame, f, w, &ctx);
  uint32_t* pending = s.pending_info[signo];
  for (uint32_t k = 0; k < sigframe::kSiginfoWords; ++k) pending[k] = info[k];
  // An instruction trap reports the faulting instruction's address (traps.c): the app's.
  const uint32_t cache_pc = Word(frame + sigframe::kScIaoq) & ~3u;
  if ((pending[3] & ~3u) == cache_pc) pending[3] = w.pc.addr() | (pending[3] & 3u);
  s.pending |= Bit(signo);
  s.synchronous |= Bit(signo);
  ++s.counters->signals_synchronous;
  ++s.counters->signal_rectifications;
  const uint32_t exit = reinterpret_cast<uint32_t>(&dynamo_signal_exit) | kUserPrivilege;
  SetWord(frame + sigframe::kScIaoq, exit);
  SetWord(frame + sigframe::kScIaoq + 4, exit + 4);
  SetWord(frame + sigframe::kScGr, Word(frame + sigframe::kScGr) & ~sigframe::kPswN);
}

void Queue(SignalState& s, uint32_t signo, const uint32_t* info) {
  for (uint32_t k = 0; k < sigframe::kSiginfoWords; ++k) s.arrived_info[signo][k] = info[k];
  s.arrived_cycle[signo] = machine::ReadControl(16);
  s.arrived[signo] = 1;
  dynamo_signal_arrived = 1;
}

}  // namespace
}  // namespace dynamo

void dynamo_signal_arrive(uint32_t signo, const uint32_t* info, uint32_t ucontext, uint32_t trampoline) {
  using namespace dynamo;
  SignalState& s = signal_state();
  s.trampoline = trampoline & ~3u;
  ++s.counters->signals_arrived;
  if (signo < 1 || signo > kNumSignals) return;
  const uint32_t frame = ucontext - sigframe::kUcontext;
  const uint32_t pc = Word(frame + sigframe::kScIaoq) & ~3u;
  const Fragment* f = s.cache->FragmentAt(pc);
  if (Synchronous(signo, info) && pc == reinterpret_cast<uint32_t>(&dynamo_probe_write_store)) {
    // Dynamo's own write probe failed: it returns 0 (context_switch.S).
    const uint32_t failed = reinterpret_cast<uint32_t>(&dynamo_probe_write_failed) | kUserPrivilege;
    SetWord(frame + sigframe::kScIaoq, failed);
    SetWord(frame + sigframe::kScIaoq + 4, failed + 4);
    return;
  }
  if (Synchronous(signo, info)) {
    const AppWordRecord* w = f ? s.cache->AppWordAt(*f, pc) : nullptr;
    if (w) {
      RaiseInFragment(s, signo, info, frame, *f, *w);
      return;
    }
    // Raised by Dynamo's own code (its interpreter's store to a page it can read but not
    // write, or a defect): nothing to rectify, and no application handler can be given
    // the application's state. The instruction runs again on return and the OS's default
    // action ends the process (the native exit status when the application has no
    // handler for it); counted as a native transfer, the one left.
    ++s.counters->native_transfers;
    s.counters->native_transfer_pc = pc;
    s.counters->Report();
    OsSetAction(signo, kSigDfl, 0);
    return;
  }
  Queue(s, signo, info);
  // Bound the delay: the fragment running (or being entered, or left through the lookup
  // routine) leaves for Dynamo at its next exit.
  if (!f) f = s.running;
  if (f) s.cache->UnlinkForDelivery(*f);
}

namespace dynamo {

bool IsSignalExit(uint32_t record_word) {
  return record_word == reinterpret_cast<uint32_t>(&dynamo_signal_exit_record);
}

}  // namespace dynamo
