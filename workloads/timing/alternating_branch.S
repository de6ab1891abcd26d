/* alternating_branch: one forward conditional branch per iteration, taken on every second
 * iteration (T, N, T, N, ... from the first). Its target is the instruction after its
 * delay slot, so both outcomes run the same instructions.
 *
 * Per iteration: subi + cmpib + nop + loop_end = 5 slots.
 *   branch.predictor bht (3-bit histories, majority vote): for an alternating branch the
 *     last three outcomes are X, Y, X with X the opposite of the coming one, so the vote
 *     is always wrong: branch.mispredict_penalty every iteration (cause: direction).
 *   static (backward taken, forward not taken): wrong on the taken half only:
 *     branch.mispredict_penalty every second iteration.
 *   perfect: nothing. */
#include "kernel.h"

	kernel_begin alternating_branch
	ldi 1, %r19
	loop_top
	subi 1, %r19, %r19		/* %r19 = 0, 1, 0, 1, ... */
	cmpib,= 0, %r19, .Lnext		/* taken when %r19 == 0: iterations 1, 3, 5, ... */
	nop
.Lnext:	loop_end
	kernel_end
