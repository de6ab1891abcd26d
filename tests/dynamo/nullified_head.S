/* A loop whose head its own backward branch nullifies, as libgcc's $$divI has it (`b,l`
 * back with `add,>=` in the delay slot), for nullified_head_test.sh.
 * unsigned nullified_head_loop(unsigned n), n >= 1: falls into .Lhead once (1000), then
 * n passes through .Lhead + 4 (1 each), the branch's delay slot nullifying .Lhead every
 * time (r26 = n >= 0): returns 1000 + n. */
	.level 2.0
	.text
	.align 4
	.globl nullified_head_loop
	.type nullified_head_loop,@function
nullified_head_loop:
	ldi 0,%r28
	copy %r26,%r20
.Lhead:
	addi 1000,%r28,%r28
	addi 1,%r28,%r28
	addib,= -1,%r20,.Ldone
	nop
	b,l .Lhead,%r0
	add,>= %r0,%r26,%r0
.Ldone:
	bv %r0(%r2)
	nop
