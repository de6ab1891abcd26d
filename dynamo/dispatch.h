// The dispatcher: Dynamo's main loop, which decides where the application runs next
// (DynamoRIO's dispatch, smaller). When the application is at a fragment's head it enters
// the fragment cache; otherwise the interpreter runs it. A hot trace head (a backward
// branch's target or a fragment exit's, see monitor.h) gets its trace recorded and built
// into a fragment; a fragment exit is linked to its target's fragment if that exists;
// system calls go to syscalls; a trap or an unreadable instruction raises its signal for
// the application (signals.h), and signals are delivered at the top of the loop (the next
// fragment-cache exit or interpreter stop); a bail-out goes to native execution.
#ifndef DYNSIM_DYNAMO_DISPATCH_H
#define DYNSIM_DYNAMO_DISPATCH_H

#include "dynamo/bailout.h"
#include "dynamo/context.h"
#include "dynamo/counters.h"
#include "dynamo/fragment_cache.h"
#include "dynamo/interpreter.h"
#include "dynamo/monitor.h"

namespace dynamo {

// `max_trace_blocks`: the configuration's limit on a recorded trace; `bailout` decides when
// the application goes back to native execution for good.
[[noreturn]] void Dispatch(AppContext* ctx, Interpreter* interpreter, Monitor* monitor, FragmentCache* cache,
                           uint32_t max_trace_blocks, Bailout* bailout, Counters* counters);

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_DISPATCH_H
