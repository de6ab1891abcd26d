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
//   - the fragment cache: dynamo_enter_fragment gives the machine the whole context and
//     jumps into a fragment; an exit stub comes back through dynamo_fragment_exit, which
//     stores the context again and returns to Dynamo the exit taken. PSW[C/B] and PSW[V],
//     which user code cannot write or read directly, are set on entry with a DS and an ADD
//     whose results they are, and read on exit with DCOR,I and a DS (context_switch.S).
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
  // The fragment-cache switches' words (context_layout.h).
  uint32_t entry;
  uint32_t entry_v;
  uint32_t entry_cb_x;
  uint32_t entry_cb_y;
  uint32_t exit;
  uint32_t exit_cb;
  uint32_t exit_v;
  uint32_t indirect_target;
  uint32_t lookup_mask;
  uint32_t lookup_table;
  uint32_t lookups;
  uint32_t reserved[(CTX_DYNAMO_GR - CTX_LOOKUPS - 4) / 4];
  uint32_t dynamo_gr[32];  // Dynamo's registers during dynamo_app_gateway
  uint32_t reserved2[(CTX_SIZE - CTX_DYNAMO_GR) / 4 - 32];
};

static_assert(offsetof(AppContext, gr) == CTX_GR, "context_layout.h");
static_assert(offsetof(AppContext, fr) == CTX_FR, "context_layout.h");
static_assert(offsetof(AppContext, sar) == CTX_SAR, "context_layout.h");
static_assert(offsetof(AppContext, iaoq_front) == CTX_IAOQ_FRONT, "context_layout.h");
static_assert(offsetof(AppContext, iaoq_back) == CTX_IAOQ_BACK, "context_layout.h");
static_assert(offsetof(AppContext, psw_n) == CTX_PSW_N, "context_layout.h");
static_assert(offsetof(AppContext, psw_cb) == CTX_PSW_CB, "context_layout.h");
static_assert(offsetof(AppContext, psw_v) == CTX_PSW_V, "context_layout.h");
static_assert(offsetof(AppContext, entry) == CTX_ENTRY, "context_layout.h");
static_assert(offsetof(AppContext, entry_v) == CTX_ENTRY_V, "context_layout.h");
static_assert(offsetof(AppContext, entry_cb_x) == CTX_ENTRY_CB_X, "context_layout.h");
static_assert(offsetof(AppContext, entry_cb_y) == CTX_ENTRY_CB_Y, "context_layout.h");
static_assert(offsetof(AppContext, exit) == CTX_EXIT, "context_layout.h");
static_assert(offsetof(AppContext, exit_cb) == CTX_EXIT_CB, "context_layout.h");
static_assert(offsetof(AppContext, exit_v) == CTX_EXIT_V, "context_layout.h");
static_assert(offsetof(AppContext, indirect_target) == CTX_INDIRECT_TARGET, "context_layout.h");
static_assert(offsetof(AppContext, lookup_mask) == CTX_LOOKUP_MASK, "context_layout.h");
static_assert(offsetof(AppContext, lookup_table) == CTX_LOOKUP_TABLE, "context_layout.h");
static_assert(offsetof(AppContext, lookups) == CTX_LOOKUPS, "context_layout.h");
static_assert(offsetof(AppContext, dynamo_gr) == CTX_DYNAMO_GR, "context_layout.h");
static_assert(sizeof(AppContext) == CTX_SIZE && CTX_SIZE <= DYNAMO_CONTEXT_BYTES, "context_layout.h");

// The one application context (the page the loader mapped).
inline AppContext& app_context() { return *reinterpret_cast<AppContext*>(DYNAMO_CONTEXT_ADDR); }

// Fills the context with the application's state at its entry.
void LoadContext(const BootAppState& boot, AppContext* ctx);

// Hands the machine to the application natively (a bail-out): every register,
// PSW[N/V/C/B], SAR and both IAOQ entries become the context's, with the application's
// signal actions, mask and alternate stack (signals.h: HandSignalsToNative). Never
// returns; Dynamo loses control of the application.
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
// Runs application code in the fragment cache at `entry` with the app context's state
// (all registers, SAR, PSW[C/B] and PSW[V] from ctx.entry_v/_cb_x/_cb_y; PSW[N] clear) and
// returns when an exit stub is taken: the context then holds the application's state
// (PSW[C/B] and V as ctx.exit_cb and exit_v, see DecodeExitPsw) and the result is the
// address of the exit's record word. Dynamo's callee-saved registers survive.
uint32_t dynamo_enter_fragment(uint32_t entry);
// Where every exit stub branches (with b,l ..., %r2; the app's r1 and r2 already in the
// context and r2 = the address of the stub's record word). Not called from C++.
void dynamo_fragment_exit();
// Dynamo's own signal handler, the one the OS knows (signals.h); it calls
// dynamo_signal_arrive (signal_arrival.cc). Not called from C++.
void dynamo_signal_entry();
// Where the OS resumes after a synchronous signal in fragment code: Dynamo's registers
// come back and dynamo_enter_fragment returns (signals.h: IsSignalExit).
void dynamo_signal_exit();
// 1 if the readable word at `addr` can be written (the word keeps its value), else 0;
// needs Dynamo's handler for SIGSEGV and SIGBUS at the OS (signals.h).
uint32_t dynamo_probe_write(uint32_t addr);
void dynamo_probe_write_store();   // its store (not called)
void dynamo_probe_write_failed();  // where a fault of that store resumes (not called)
}

#endif  // DYNSIM_DYNAMO_CONTEXT_H
