// Signals under Dynamo (paper section 2, "Signal handling"; DESIGN.md "signals"). Dynamo
// intercepts every signal the application handles and keeps the application's signal
// state itself: its actions, its blocked mask, its pending set and its alternate stack
// (signal_state.h). The OS only ever sees Dynamo's own handler, dynamo_signal_entry
// (context_switch.S), for the signals the application handles, on Dynamo's own
// alternate stack, with every signal blocked while it runs; SIG_DFL and SIG_IGN go to the
// OS unchanged, so default actions are the OS's own.
//
// Arrival (signal_arrival.cc), in Dynamo's handler:
//   - an asynchronous signal (a timer, kill, raise) is queued with its siginfo and its
//     arrival time; if the application was running fragment code, that fragment's links
//     are removed (its loop branch too) so that it leaves for Dynamo at its next exit;
//   - a synchronous one (a fault, BREAK, a ,tsv or ,tc trap) raised in fragment code
//     cannot wait: its context is rectified to the application's state at the faulting
//     instruction (rectify.h) and Dynamo resumes at dynamo_signal_exit, as if the fragment
//     had exited there. Raised by an interpreted instruction (nothing of it committed),
//     the dispatcher queues it (RaiseTrapSignal).
// Delivery (signal_delivery.cc), by the dispatcher at the next fragment-cache exit or
// interpreter stop: Dynamo builds the frame the kernel would have built natively (the
// application's pc, registers, PSW bits, mask, siginfo, on its stack or alternate stack)
// and points the context at the application's handler, which then runs under Dynamo
// (interpreted, and it may become traces). Its rt_sigreturn comes back to Dynamo, which
// restores the frame's context, whatever the handler edited in it; siglongjmp is ordinary
// application code (its sigprocmask is intercepted).
#ifndef DYNSIM_DYNAMO_SIGNALS_H
#define DYNSIM_DYNAMO_SIGNALS_H

#include "dynamo/context.h"
#include "dynamo/counters.h"
#include "dynamo/fragment_cache.h"
#include "isa/state.h"

namespace dynamo {

// At boot: gives the OS Dynamo's alternate stack (where dynamo_signal_entry runs).
void InitSignals(FragmentCache* cache, Counters* counters);

// The application's signal system calls (number in the context's gr20, arguments in gr26
// down): rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend, pause, sigaltstack,
// rt_sigreturn. kNotMine: the OS performs it unchanged.
enum class SignalCall : uint8_t {
  kNotMine,
  kDone,      // performed, result in gr28; the application continues after the call
  kReturned,  // rt_sigreturn: the context is the frame's (the application continues there)
};
SignalCall PerformSignalCall(AppContext* ctx);

// True if a signal arrived since the last delivery or one is deliverable: the dispatcher
// then calls DeliverSignals at the next boundary.
bool SignalsWaiting();
// Restores the links removed for delivery and delivers every deliverable signal (a later
// one's frame nests above an earlier one's, so its handler runs first, as on Linux).
// True if a handler's frame was built: the context's front is a handler's entry.
bool DeliverSignals(AppContext* ctx);

// The interpreted instruction at the context's front traps with `effect` (nothing of it
// committed), or cannot be fetched (`fetch_fault`): queues the signal the kernel raises.
void RaiseTrapSignal(const AppContext& ctx, const isa::Effect& effect, bool fetch_fault);

// The exit dynamo_enter_fragment returns after a synchronous signal in fragment code (the
// context then already holds the rectified state).
bool IsSignalExit(uint32_t record_word);

// Dynamo entered (or is about to enter) `f`: an asynchronous signal landing in the
// switches or the lookup routine unlinks it. nullptr once Dynamo has the context back.
void SetRunningFragment(const Fragment* f);

// Before the application runs natively (a bail-out): gives the OS the application's own
// actions, re-posts what is pending, and fills the frame's mask and uc_stack with the
// application's. Signals must be blocked at the OS.
void HandSignalsToNative(uint32_t mask[2], uint32_t stack[3]);

}  // namespace dynamo

extern "C" {
// Raised by the interpreter at a backward branch (dynamo/interpreter.cc) when set.
extern volatile uint32_t dynamo_signal_arrived;
}

#endif  // DYNSIM_DYNAMO_SIGNALS_H
