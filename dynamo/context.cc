#include "dynamo/context.h"

#include <dynsim/syscall.h>
#include <dynsim/unistd_nr.h>

#include "dynamo/sigframe.h"
#include "dynamo/signals.h"

namespace dynamo {
namespace {

using namespace sigframe;
constexpr long kSigSetmask = 2;

alignas(64) uint8_t native_frame[kSize];

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

// The frame holds the context, the application's signal mask and its alternate stack (as
// Dynamo kept them: signals.h), so rt_sigreturn installs them. Signals stay blocked at the
// OS from the moment the application's handlers are given back until rt_sigreturn
// restores the mask in one step, so no handler runs in between with Dynamo's registers.
void TransferToNative(const AppContext& ctx) {
  const uint32_t all[2] = {~0u, ~0u};
  __dynsim_syscall4(__NR_rt_sigprocmask, kSigSetmask, all, nullptr, 8);
  uint32_t mask[2], stack[3];
  HandSignalsToNative(mask, stack);
  Put32(kUcSigmask, mask[0]);
  Put32(kUcSigmask + 4, mask[1]);
  for (unsigned k = 0; k < 3; ++k) Put32(kUcStack + 4 * k, stack[k]);
  Put32(kScGr, PackPsw(ctx.psw_n, ctx.psw_v, ctx.psw_cb));
  for (unsigned r = 1; r < 32; ++r) Put32(kScGr + 4 * r, ctx.gr[r]);
  for (unsigned r = 0; r < 32; ++r) Put64(kScFr + 8 * r, ctx.fr[r]);
  Put32(kScIaoq, ctx.iaoq_front);
  Put32(kScIaoq + 4, ctx.iaoq_back);
  Put32(kScSar, ctx.sar);
  dynamo_sigreturn(reinterpret_cast<uint32_t>(native_frame) + kSize);
}

}  // namespace dynamo
