/* Assembler macros shared by the timing kernels (included by each NAME.S).
 *
 * Every kernel is `unsigned timing_kernel(unsigned n)` (n >= 1 in %r26, result in %r28),
 * shaped so that its cost per iteration follows from the machine config alone:
 *
 *   kernel_begin NAME        function entry, aligned to 64 bytes (no padding is executed)
 *   ... setup ...            uses only caller-saved registers (%r19-%r26, %r28, %r29, %r31)
 *   loop_top                 the loop head .Ltop, aligned to 64 bytes (its padding jumped over)
 *   ... body ...             the instructions under study
 *   loop_end                 `addib,> -1,%r26,.Ltop` + `addi 1,%r28,%r28` in its delay slot
 *                            (not nullified, so it runs on both paths): 2 slots per iteration,
 *                            a taken backward conditional branch on all but the last
 *   kernel_end               `bv %r0(%r2)` return and the symbol's size (for the regions)
 *
 * So one iteration is BODY_SLOTS + 2 slots, and the loop branch costs what the predictor
 * charges a correctly predicted taken branch (the taken bubble, or 0 with a BTAC hit or a
 * perfect predictor); its first and last executions differ, but equally for any n, and
 * cancel in cycles(2n) - cycles(n). */
#ifndef WORKLOADS_TIMING_KERNEL_H
#define WORKLOADS_TIMING_KERNEL_H

	/* Alignment padding is filled with nops (0x08000240, `or %r0,%r0,%r0`), never with
	 * zero words, which decode as `break`; none of it lies on an executed path anyway. */
	.macro nop_align log2
	.p2alignl \log2, 0x08000240
	.endm

	.macro kernel_begin name
	.section .rodata
	.globl timing_kernel_name
	.type timing_kernel_name, @object
timing_kernel_name:
	.asciz "\name"
	.size timing_kernel_name, . - timing_kernel_name
	.text
	nop_align 6
	.globl timing_kernel
	.type timing_kernel, @function
timing_kernel:
	copy %r0, %r28
	.endm

	/* The loop head .Ltop, which loop_end branches back to. The padding before it is
	 * jumped over (`b,n`, whose nullified delay slot is the padding's first nop), so the
	 * alignment adds no slots inside the loop; the jump runs once per call. */
	.macro loop_top
	b,n .Ltop
	nop_align 6
.Ltop:
	.endm

	.macro loop_end
	addib,> -1, %r26, .Ltop
	addi 1, %r28, %r28
	.endm

	.macro kernel_end
	bv %r0(%r2)
	nop
	.size timing_kernel, . - timing_kernel
	.endm

#endif
