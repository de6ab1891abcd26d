// ISA_INLINE: the semantics' functions over a State are always inlined. Each caller
// dispatches once per instruction form, so inlining costs little code, and a caller's
// State never escapes to an out-of-line call: Dynamo's interpreter keeps the instruction
// address queue of its State in registers across its whole loop.
#ifndef DYNSIM_ISA_INLINE_H
#define DYNSIM_ISA_INLINE_H

#define ISA_INLINE inline __attribute__((always_inline))

// ISA_NOINLINE: the FP semantics' arithmetic on values (no State), one out-of-line copy:
// inlined into each of the many FP instruction forms of a flattened dispatcher it would
// multiply code size (and compile time) for no gain, since it calls the FP unit anyway.
#define ISA_NOINLINE inline __attribute__((noinline))

#endif
