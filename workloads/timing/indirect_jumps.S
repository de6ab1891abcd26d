/* indirect_jumps: four indirect branches per iteration, `bv %r0(rX)` to the instruction
 * after its delay slot (kIndirect: not a return, since rX is not %r2).
 *
 * Per iteration: 4 * (bv + nop) + loop_end = 10 slots. Under `branch.indirect:
 * always_mispredict` each bv costs branch.mispredict_penalty (cause: target); with
 * `indirect: btb` the BTB learns the fixed targets, so each costs what a correctly
 * predicted taken branch does (branch.taken_bubble without a BTAC); a perfect predictor
 * charges nothing. The code fits in two cache lines of the loop. */
#include "kernel.h"

	kernel_begin indirect_jumps
	ldil L%.Lt1, %r20
	ldo R%.Lt1(%r20), %r20
	ldil L%.Lt2, %r21
	ldo R%.Lt2(%r21), %r21
	ldil L%.Lt3, %r22
	ldo R%.Lt3(%r22), %r22
	ldil L%.Lt4, %r23
	ldo R%.Lt4(%r23), %r23
	loop_top
	bv %r0(%r20)
	nop
.Lt1:	bv %r0(%r21)
	nop
.Lt2:	bv %r0(%r22)
	nop
.Lt3:	bv %r0(%r23)
	nop
.Lt4:	loop_end
	kernel_end
