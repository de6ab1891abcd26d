#include "dynamo/dispatch.h"

#include "dynamo/syscalls.h"

namespace dynamo {

void Dispatch(AppContext* ctx, Interpreter* interpreter, Counters* counters) {
  for (;;) {
    switch (interpreter->Run()) {
      case InterpStop::kGateway:
        if (PerformGateway(ctx, counters)) continue;
        break;  // a branch into page zero that is no gateway entry: it faults natively
      case InterpStop::kTraceHead: continue;  // stage 2: the monitor's decision
      case InterpStop::kTrap:
      case InterpStop::kFetchFault: break;
    }
    // The instruction at the front traps or cannot be fetched. The hardware raises exactly
    // the signal a native run would get, with the application's registers and IAOQ, and
    // the application's own disposition handles it; the application then runs natively.
    ++counters->native_transfers;
    counters->native_transfer_pc = ctx->iaoq_front & ~3u;
    counters->Report();
    TransferToNative(*ctx);
  }
}

}  // namespace dynamo
