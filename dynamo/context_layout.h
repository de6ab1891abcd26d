/* Where Dynamo keeps the application's registers: the app context, in a page at a low
 * fixed address so that any code can reach every slot with a %r0-based displacement
 * (a signed 14-bit offset reaches 0..8191), without a free register. The interpreter
 * works on it, the gateway switch (context_switch.S) loads and stores it, and fragment
 * code spills to it: DESIGN.md "context", the paper's "app context doubles as the spill
 * area".
 *
 * Plain #defines, because assembly (context_switch.S) includes this too; context.h checks
 * them against the C++ struct with static_assert.
 *
 * Layout of the page (byte offsets from DYNAMO_CONTEXT_ADDR):
 *   0    gr[32]        application general registers (gr[0] reads 0, never written)
 *   128  fr[32]        application FP registers, 8 bytes each (8-aligned)
 *   384  sar, iaoq_front, iaoq_back, psw_n, psw_cb, psw_v   (one word each)
 *   408  the fragment-cache switches (context_switch.S, lookup.S), one word each:
 *        entry (where dynamo_enter_fragment jumps), entry_v (a DS operand that sets PSW[V]),
 *        entry_cb_x, entry_cb_y (an ADD whose nibble carries are PSW[C/B]), exit (the
 *        Exit record of the exit taken), exit_cb (DCOR,I of 0: 6 in each nibble whose
 *        carry bit is set), exit_v (PSW[V]), indirect_target (an indirect branch's target,
 *        privilege bits clear, for the lookup), lookup_mask (entries - 1), lookup_table
 *        (its address), lookups (a 32-bit count of lookups, kept with count_lookups)
 *   512  dynamo_gr[32] Dynamo's own registers while the application's are in the machine
 *                      (during a gateway call made on the application's behalf)
 * The loader maps the page (dynamo_boot.context_addr/_bytes, boot.h), read-write.
 */
#ifndef DYNSIM_DYNAMO_CONTEXT_LAYOUT_H
#define DYNSIM_DYNAMO_CONTEXT_LAYOUT_H

#define DYNAMO_CONTEXT_ADDR 0x1000
#define DYNAMO_CONTEXT_BYTES 0x1000

#define CTX_GR 0
#define CTX_FR 128
#define CTX_SAR 384
#define CTX_IAOQ_FRONT 388
#define CTX_IAOQ_BACK 392
#define CTX_PSW_N 396
#define CTX_PSW_CB 400
#define CTX_PSW_V 404
#define CTX_ENTRY 408
#define CTX_ENTRY_V 412
#define CTX_ENTRY_CB_X 416
#define CTX_ENTRY_CB_Y 420
#define CTX_EXIT 424
#define CTX_EXIT_CB 428
#define CTX_EXIT_V 432
#define CTX_INDIRECT_TARGET 436
#define CTX_LOOKUP_MASK 440
#define CTX_LOOKUP_TABLE 444
#define CTX_LOOKUPS 448
#define CTX_DYNAMO_GR 512
#define CTX_SIZE 1024

/* The absolute address of a slot, for "ldw CTX_ABS(CTX_GR + 4)(%r0),%r1". */
#define CTX_ABS(offset) (DYNAMO_CONTEXT_ADDR + (offset))

#endif
