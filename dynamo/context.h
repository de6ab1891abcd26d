// The application context: the application's architectural state while Dynamo, not the
// machine, holds it (DESIGN.md "context"; paper section 2: the register save area that
// doubles as the spill area). It lives in the low page described in context_layout.h.
//
// Switches between the application and Dynamo:
//   - gateway calls: Dynamo makes the application's system call with the application's own
//     registers in the machine (dynamo_app_gateway, context_switch.S), so the OS sees
//     exactly what a native run would show it, and stores them back afterwards;
//   - native transfer: Dynamo gives the machine the whole context (all registers, PSW
//     bits, both IAOQ entries, even mid-delay-slot) and lets the application run natively
//     from there, through rt_sigreturn with a frame built from the context.
// Stage 2 adds the switches into and out of the fragment cache here.
#ifndef DYNSIM_DYNAMO_CONTEXT_H
#define DYNSIM_DYNAMO_CONTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "dynamo/boot.h"
#include "dynamo/context_layout.h"

namespace dynamo {

// Layout: context_layout.h (checked below). Invariant: gr[0] == 0.
struct AppContext {
  uint32_t gr[32];
  uint64_t fr[32];
  uint32_t sar;         // 0..31
  uint32_t iaoq_front;  // IAOQ values carry the privilege level (user = 3)
  uint32_t iaoq_back;
  uint32_t psw_n;   // 0 or 1: nullify the instruction at iaoq_front
  uint32_t psw_cb;  // PSW[C/B], 8 bits (isa/state.h)
  uint32_t psw_v;   // 0 or 1
  uint32_t reserved[(CTX_DYNAMO_GR - CTX_PSW_V - 4) / 4];
  uint32_t dynamo_gr[32];  // Dynamo's registers during dynamo_app_gateway
  // The handler the application gave rt_sigaction for each signal (signals.h); valid
  // where the OS holds Dynamo's trampoline instead.
  uint32_t app_handlers[65];
  uint32_t reserved2[(CTX_SIZE - CTX_APP_HANDLERS) / 4 - 65];
};

static_assert(offsetof(AppContext, gr) == CTX_GR, "context_layout.h");
static_assert(offsetof(AppContext, fr) == CTX_FR, "context_layout.h");
static_assert(offsetof(AppContext, sar) == CTX_SAR, "context_layout.h");
static_assert(offsetof(AppContext, iaoq_front) == CTX_IAOQ_FRONT, "context_layout.h");
static_assert(offsetof(AppContext, iaoq_back) == CTX_IAOQ_BACK, "context_layout.h");
static_assert(offsetof(AppContext, psw_n) == CTX_PSW_N, "context_layout.h");
static_assert(offsetof(AppContext, psw_cb) == CTX_PSW_CB, "context_layout.h");
static_assert(offsetof(AppContext, psw_v) == CTX_PSW_V, "context_layout.h");
static_assert(offsetof(AppContext, dynamo_gr) == CTX_DYNAMO_GR, "context_layout.h");
static_assert(offsetof(AppContext, app_handlers) == CTX_APP_HANDLERS, "context_layout.h");
static_assert(sizeof(AppContext) == CTX_SIZE && CTX_SIZE <= DYNAMO_CONTEXT_BYTES, "context_layout.h");

// The one application context (the page the loader mapped).
inline AppContext& app_context() { return *reinterpret_cast<AppContext*>(DYNAMO_CONTEXT_ADDR); }

// Fills the context with the application's state at its entry.
void LoadContext(const BootAppState& boot, AppContext* ctx);

// Hands the machine to the application natively: every register, PSW[N/V/C/B], SAR and
// both IAOQ entries become the context's, with the signal mask and alternate stack
// unchanged. Never returns; Dynamo loses control of the application.
[[noreturn]] void TransferToNative(const AppContext& ctx);

}  // namespace dynamo

// context_switch.S
extern "C" {
// Makes the gateway call at page-zero offset `entry` (0x100 system call, 0xb0 light-weight
// system call, 0xe0 set thread pointer) with gr1..gr30 taken from the app context, and
// stores gr1..gr30 back afterwards. gr31 (the link the application's branch left) is
// neither loaded nor stored. Dynamo's callee-saved registers survive.
void dynamo_app_gateway(uint32_t entry);
// rt_sigreturn with the stack pointer at `frame_end` (a Linux-hppa rt_sigframe ends there).
[[noreturn]] void dynamo_sigreturn(uint32_t frame_end);
// What the OS calls instead of an application's signal handler (signals.h): it gives the
// machine the application's global pointer (gr27) and gr19 from the context and jumps to
// the handler recorded in app_handlers[signo], with the OS's arguments and return link.
void dynamo_signal_trampoline();
}

#endif  // DYNSIM_DYNAMO_CONTEXT_H
