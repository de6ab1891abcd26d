/* load_independent: load_chain's slots without its dependences: eight loads of the same
 * word through %r20 (never loaded) into %r21 and %r22 alternately, then `copy %r20,%r23`.
 *
 * Per iteration: 11 slots, no load-use interlock, no D-cache miss once warm. */
#include "kernel.h"

	.data
	.p2align 2
.Lword:	.word 0x1234

	kernel_begin load_independent
	ldil L%.Lword, %r20
	ldo R%.Lword(%r20), %r20
	loop_top
	.rept 4
	ldw 0(%r20), %r21
	ldw 0(%r20), %r22
	.endr
	copy %r20, %r23
	loop_end
	kernel_end
