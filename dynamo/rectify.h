// Rectification (paper section 2, "Signal handling": a synchronous signal's context must be
// the original program's): the application's state at an application instruction that
// faulted in fragment code, from the machine's state in the OS's signal frame.
//
// What it relies on (dynamo/README.md, "What a fragment may change"): at every application
// instruction in fragment code, every application register holds its native value except
// those the builder recorded as spilled there (AppWordRecord::spilled), whose value is in
// the context's slot; PSW[C/B], PSW[V] and SAR are the application's (Dynamo's inserted
// code writes none of them); PSW[N] is clear (the instruction ran). Only the IAOQ differs:
// the front is the instruction's app pc, the back where the application's queue goes
// after it (AppNext).
#ifndef DYNSIM_DYNAMO_RECTIFY_H
#define DYNSIM_DYNAMO_RECTIFY_H

#include <stdint.h>

#include "dynamo/context.h"
#include "dynamo/fragment_cache.h"

namespace dynamo {

// `frame`: the rt_sigframe the OS built for Dynamo's handler (sigframe.h). Fills `ctx`
// with the application's registers, PSW bits, SAR and IAOQ at `w` in `f`.
void RectifyContext(uint32_t frame, const Fragment& f, const AppWordRecord& w, AppContext* ctx);

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_RECTIFY_H
