// The dispatcher: Dynamo's main loop, which decides where the application runs next
// (DynamoRIO's dispatch, smaller). Stage 1: the interpreter runs the application; system
// calls go to syscalls; a trap or an unreadable instruction goes to native execution,
// where the hardware raises it with the application's exact state. Stage 2 adds the
// fragment cache (enter a fragment when one exists at the next app pc, record a trace at a
// hot trace head, count fragment-cache exits as trace-head candidates).
#ifndef DYNSIM_DYNAMO_DISPATCH_H
#define DYNSIM_DYNAMO_DISPATCH_H

#include "dynamo/context.h"
#include "dynamo/counters.h"
#include "dynamo/interpreter.h"

namespace dynamo {

[[noreturn]] void Dispatch(AppContext* ctx, Interpreter* interpreter, Counters* counters);

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_DISPATCH_H
