#include "dynamo/syscalls.h"

#include <dynsim/unistd_nr.h>

#include "dynamo/signals.h"
#include "dynamo/writable_pages.h"

namespace dynamo {
namespace {

// Page-zero gateway entries (Linux arch/parisc/kernel/syscall.S).
constexpr uint32_t kGatewaySyscall = 0x100;
constexpr uint32_t kGatewayLightweight = 0xb0;
constexpr uint32_t kGatewaySetThreadPointer = 0xe0;
constexpr uint32_t kUserPrivilege = 3;

}  // namespace

bool PerformGateway(AppContext* ctx, Counters* counters, FragmentCache* cache) {
  uint32_t entry = ctx->iaoq_front & ~3u;
  if (entry != kGatewaySyscall && entry != kGatewayLightweight && entry != kGatewaySetThreadPointer) return false;
  ++counters->gateway_calls;
  if (entry == kGatewaySyscall) {
    ++counters->syscalls;
    const uint32_t nr = ctx->gr[20];
    if (nr == __NR_exit || nr == __NR_exit_group) {
      counters->Report();
    } else {
      if (writable_pages().BeforeSyscall(nr)) cache->ForgetJumpTables();
      switch (PerformSignalCall(ctx)) {
        case SignalCall::kReturned: return true;  // the context is the frame's
        case SignalCall::kDone: entry = 0; break;  // done: no gateway call
        case SignalCall::kNotMine: break;
      }
    }
  }
  if (entry) dynamo_app_gateway(entry);
  // The gateway returns through r31 in user mode (isa::gateway_return, isa/step.h).
  ctx->iaoq_front = ctx->gr[31] | kUserPrivilege;
  ctx->iaoq_back = ctx->iaoq_front + 4;
  ctx->psw_n = 0;
  return true;
}

}  // namespace dynamo
