// Signals, stage 1: the application's handlers run natively (outside Dynamo), but never
// with Dynamo's registers where the application's matter. A signal usually arrives while
// Dynamo's own code runs, whose gr27 is Dynamo's global data pointer, not the
// application's; a handler entered like that would read and write Dynamo's data instead of
// its own. So Dynamo intercepts rt_sigaction: the OS is given Dynamo's trampoline
// (dynamo_signal_trampoline, context_switch.S), which loads the application's gr27 and gr19
// from the app context and jumps to the application's handler; the application sees its
// own handler in every old action it reads back.
//
// What stage 1 does not do (dynamo/README.md, "Limitations"): the handler's ucontext holds
// Dynamo's registers and pc when the signal arrived while Dynamo ran, and a handler that
// leaves with longjmp continues natively. Stage 2 intercepts delivery itself: asynchronous
// signals are queued and delivered to an interpreted handler at the next fragment exit;
// synchronous ones get a context rectified to the application's state.
#ifndef DYNSIM_DYNAMO_SIGNALS_H
#define DYNSIM_DYNAMO_SIGNALS_H

#include "dynamo/context.h"

namespace dynamo {

// The application's rt_sigaction (its arguments in the context's gr26..gr23): performs it
// with the trampoline in place of a handler, sets the result in gr28. False if Dynamo
// leaves the call to the OS unchanged (a bad signal number or an unreadable action: the OS
// gives the error the application would get natively).
bool InterceptSigaction(AppContext* ctx);

// Gives the OS the application's own handlers back (before the application runs natively).
void RestoreAppHandlers(const AppContext& ctx);

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_SIGNALS_H
