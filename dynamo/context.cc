#include "dynamo/context.h"

#include <dynsim/syscall.h>
#include <dynsim/unistd_nr.h>

#include "dynamo/signals.h"

namespace dynamo {
namespace {

// Linux-hppa's rt_sigframe (the kernel's arch/parisc/kernel/signal.c and asm/rt_sigframe.h;
// os_model/signals.h documents the same layout), as offsets from the frame's start.
// rt_sigreturn finds the frame 640 bytes below the stack pointer.
constexpr uint32_t kFrameSize = 640;
constexpr uint32_t kUcStack = 144;    // uc_stack {ss_sp, ss_flags, ss_size}
constexpr uint32_t kScGr = 164;       // sc_gr[32]; sc_gr[0] is the PSW
constexpr uint32_t kScFr = 296;       // sc_fr[32]
constexpr uint32_t kScIaoq = 560;     // sc_iaoq[2]
constexpr uint32_t kScSar = 568;
constexpr uint32_t kUcSigmask = 576;  // two words, signals 1..32 first
// PSW bits user code sees in sc_gr[0] (asm/psw.h).
constexpr uint32_t kPswN = 0x00200000, kPswV = 0x00000800, kPswCbShift = 8;
constexpr long kSigSetmask = 2;

alignas(64) uint8_t native_frame[kFrameSize];

void Put32(uint32_t offset, uint32_t v) { *reinterpret_cast<uint32_t*>(native_frame + offset) = v; }
void Put64(uint32_t offset, uint64_t v) { *reinterpret_cast<uint64_t*>(native_frame + offset) = v; }

}  // namespace

void LoadContext(const BootAppState& boot, AppContext* ctx) {
  for (unsigned r = 0; r < 32; ++r) {
    ctx->gr[r] = r ? boot.gr[r] : 0;
    ctx->fr[r] = (uint64_t{boot.fr_hi[r]} << 32) | boot.fr_lo[r];
  }
  ctx->sar = boot.sar & 31;
  ctx->iaoq_front = boot.iaoq_front;
  ctx->iaoq_back = boot.iaoq_back;
  ctx->psw_n = boot.psw_n != 0;
  ctx->psw_cb = boot.psw_cb & 0xff;
  ctx->psw_v = boot.psw_v != 0;
}

// The frame holds the context; the signal mask and the alternate stack are read from the
// OS first, so rt_sigreturn re-installs them unchanged. Signals stay blocked from the moment
// the application's handlers are given back to the OS until rt_sigreturn restores the mask
// in one step, so no handler runs in between with Dynamo's registers.
void TransferToNative(const AppContext& ctx) {
  const uint32_t all[2] = {~0u, ~0u};
  __dynsim_syscall4(__NR_rt_sigprocmask, kSigSetmask, all, native_frame + kUcSigmask, 8);
  RestoreAppHandlers(ctx);
  Put32(kScGr, (ctx.psw_n ? kPswN : 0) | (ctx.psw_v ? kPswV : 0) | ((ctx.psw_cb & 0xff) << kPswCbShift));
  for (unsigned r = 1; r < 32; ++r) Put32(kScGr + 4 * r, ctx.gr[r]);
  for (unsigned r = 0; r < 32; ++r) Put64(kScFr + 8 * r, ctx.fr[r]);
  Put32(kScIaoq, ctx.iaoq_front);
  Put32(kScIaoq + 4, ctx.iaoq_back);
  Put32(kScSar, ctx.sar);
  __dynsim_syscall2(__NR_sigaltstack, 0, native_frame + kUcStack);
  dynamo_sigreturn(reinterpret_cast<uint32_t>(native_frame) + kFrameSize);
}

}  // namespace dynamo
