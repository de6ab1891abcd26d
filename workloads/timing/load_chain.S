/* load_chain: eight dependent loads per iteration, `ldw 0(%r20),%r20` through a word that
 * points at itself, then `copy %r20,%r21`, which uses the last one.
 *
 * Per iteration: 8 loads + copy + loop_end = 11 slots; loads 2..8 and the copy each read
 * the register the slot before loaded: 8 load-use interlocks of dcache.hit_latency - 1.
 * The word stays in the D-cache (no misses once warm). load_independent has the same
 * slots without the dependences. */
#include "kernel.h"

	.data
	.p2align 2
.Lself:	.word .Lself

	kernel_begin load_chain
	ldil L%.Lself, %r20
	ldo R%.Lself(%r20), %r20
	loop_top
	.rept 8
	ldw 0(%r20), %r20
	.endr
	copy %r20, %r21
	loop_end
	kernel_end
