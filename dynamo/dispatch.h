// The dispatcher: Dynamo's main loop, which decides where the application runs next
// (DynamoRIO's dispatch, smaller). Stage 1: the interpreter runs the application; system
// calls go to syscalls; a trap or an unreadable instruction goes to native execution,
// where the hardware raises it with the application's exact state. Stage 2 (so far): at a
// hot trace head (the monitor's kTraceHead) the interpreter records the next executing
// tail and the fragment cache keeps it. Not yet: entering fragments, counting
// fragment-cache exits as trace-head candidates.
#ifndef DYNSIM_DYNAMO_DISPATCH_H
#define DYNSIM_DYNAMO_DISPATCH_H

#include "dynamo/context.h"
#include "dynamo/counters.h"
#include "dynamo/fragment_cache.h"
#include "dynamo/interpreter.h"

namespace dynamo {

// `max_trace_blocks`: the configuration's limit on a recorded trace.
[[noreturn]] void Dispatch(AppContext* ctx, Interpreter* interpreter, FragmentCache* cache, uint32_t max_trace_blocks,
                           Counters* counters);

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_DISPATCH_H
