/* forward_taken: four forward conditional branches per iteration, always taken
 * (`cmpb,= %r0,%r0`), each to the instruction after its delay slot.
 *
 * Per iteration: 4 * (cmpb + nop) + loop_end = 10 slots, five taken branches.
 *   branch.predictor static: the four forward branches are predicted not taken:
 *     4 * branch.mispredict_penalty (cause: direction); the loop branch, backward, is
 *     predicted taken.
 *   bht: all five are learned taken: each pays branch.taken_bubble, or nothing when the
 *     BTAC (branch.btac_entries >= 5) holds it.
 *   perfect: nothing. */
#include "kernel.h"

	kernel_begin forward_taken
	loop_top
	cmpb,= %r0, %r0, .Lf1
	nop
.Lf1:	cmpb,= %r0, %r0, .Lf2
	nop
.Lf2:	cmpb,= %r0, %r0, .Lf3
	nop
.Lf3:	cmpb,= %r0, %r0, .Lf4
	nop
.Lf4:	loop_end
	kernel_end
