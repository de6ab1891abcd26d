#include "dynamo/dispatch.h"

#include "dynamo/syscalls.h"

namespace dynamo {

namespace {

Trace trace;  // the trace being recorded (8 KB: static, not on Dynamo's stack)

void CountEnd(TraceEnd end, Counters* counters) {
  switch (end) {
    case TraceEnd::kBackward: ++counters->trace_ends_backward; break;
    case TraceEnd::kFragment: ++counters->trace_ends_fragment; break;
    case TraceEnd::kGateway: ++counters->trace_ends_syscall; break;
    case TraceEnd::kLength: ++counters->trace_ends_length; break;
    case TraceEnd::kAbandoned: ++counters->traces_abandoned; break;
  }
}

}  // namespace

void Dispatch(AppContext* ctx, Interpreter* interpreter, FragmentCache* cache, uint32_t max_trace_blocks,
              Counters* counters) {
  for (;;) {
    InterpStop stop = interpreter->Run();
    if (stop == InterpStop::kTraceHead) {
      // The monitor found a hot head: the backward branch's delay slot is at the front,
      // the head at the back. Record the tail that executes from there.
      stop = interpreter->Record(AppPcOfIaoq(ctx->iaoq_back), max_trace_blocks, *cache, &trace);
      CountEnd(trace.end, counters);
      if (trace.end != TraceEnd::kAbandoned) cache->Add(trace);
      if (stop == InterpStop::kTraceHead) continue;  // the trace ended: interpret on
    }
    switch (stop) {
      case InterpStop::kGateway:
        if (PerformGateway(ctx, counters)) continue;
        break;  // a branch into page zero that is no gateway entry: it faults natively
      case InterpStop::kTraceHead: continue;  // not reached (handled above)
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
