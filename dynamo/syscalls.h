// The application's system calls (DESIGN.md: Dynamo performs them on its behalf). When the
// interpreted application branches into the gateway page, Dynamo makes the same gateway
// call with the application's own registers in the machine (context.h,
// dynamo_app_gateway), so the OS sees exactly what it would see natively, and the
// application continues at the link its branch left in r31, as the kernel returns it.
//
// Before exit and exit_group Dynamo reports its counters. The signal calls (rt_sigaction,
// rt_sigprocmask, sigaltstack, rt_sigreturn, ...) go to signals.h, which keeps the
// application's signal state and delivers its signals under Dynamo (dynamo/README.md,
// "Signals").
#ifndef DYNSIM_DYNAMO_SYSCALLS_H
#define DYNSIM_DYNAMO_SYSCALLS_H

#include "dynamo/context.h"
#include "dynamo/counters.h"
#include "dynamo/fragment_cache.h"

namespace dynamo {

// Performs the gateway call at the context's IAOQ front (the branch and its delay slot
// have run) and advances the context past it. False if the front is not one of the
// gateway's entries (the caller lets the fetch fault natively); never returns for exit. A
// call that may change the application's mappings makes `cache` forget its jump tables.
bool PerformGateway(AppContext* ctx, Counters* counters, FragmentCache* cache);

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_SYSCALLS_H
