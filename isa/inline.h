// ISA_INLINE: the semantics' functions over a State are always inlined. Each caller
// dispatches once per instruction form, so inlining costs little code, and a caller's
// State never escapes to an out-of-line call: Dynamo's interpreter keeps the instruction
// address queue of its State in registers across its whole loop.
#ifndef DYNSIM_ISA_INLINE_H
#define DYNSIM_ISA_INLINE_H

#define ISA_INLINE inline __attribute__((always_inline))

#endif
