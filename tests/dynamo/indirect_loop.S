/* indirect_loop: a hot loop that calls through `bv` to two targets in alternation, for
 * Dynamo's indirect_branch_test.sh. Called from indirect_loop_main.c.
 *
 * uint32_t indirect_loop(uint32_t n)    (n >= 1)
 *
 *   .Lhead:  extru  %r3,31,1,%r19        ; i & 1 (i = %r3 counts n down to 1)
 *            ldwx,s %r19(%r4),%r19       ; table[i & 1]: target_even or target_odd
 *            ldil/ldo .Lret -> %r2       ; the return address
 *            bv     %r0(%r19)            ; the indirect call
 *            nop
 *   .Lret:   addib,<> -1,%r3,.Lhead      ; the back edge (the trace head is .Lhead)
 *            nop
 *   target_even: addi 1,%r5,%r5 ; bv %r0(%r2) ; sh1add %r5,%r6,%r6
 *   target_odd:  addi 3,%r6,%r6 ; bv %r0(%r2) ; xor %r5,%r6,%r5
 *
 * target_odd lies 64 bytes after target_even: in a 16-entry lookup table (indexed by
 * the target modulo 16) both map to the same slot, so with `inline_indirect: false` they evict
 * each other at every call.
 *
 * Per iteration: 10 instructions; one indirect call (target alternating) and one indirect
 * return (always .Lret). Returns %r5 ^ %r6; its value depends on the order of the calls.
 */
	.text
	.align	4
	.globl	indirect_loop
	.type	indirect_loop, @function
indirect_loop:
	stw	%r2, -20(%r30)
	ldo	64(%r30), %r30
	stw	%r3, -60(%r30)
	stw	%r4, -56(%r30)
	stw	%r5, -52(%r30)
	stw	%r6, -48(%r30)
	copy	%r26, %r3
	ldil	L'.Ltable, %r4
	ldo	R'.Ltable(%r4), %r4
	ldi	0, %r5
	ldi	1, %r6
.Lhead:
	extru	%r3, 31, 1, %r19
	ldwx,s	%r19(%r4), %r19
	ldil	L'.Lret, %r2
	ldo	R'.Lret(%r2), %r2
	bv	%r0(%r19)
	nop
.Lret:
	addib,<> -1, %r3, .Lhead
	nop
	xor	%r5, %r6, %r28
	ldw	-60(%r30), %r3
	ldw	-56(%r30), %r4
	ldw	-52(%r30), %r5
	ldw	-48(%r30), %r6
	ldo	-64(%r30), %r30
	ldw	-20(%r30), %r2
	bv,n	%r0(%r2)
target_even:
	addi	1, %r5, %r5
	bv	%r0(%r2)
	sh1add	%r5, %r6, %r6
	.skip	52		/* target_odd = target_even + 64: the same slot of a 16-entry table */
target_odd:
	addi	3, %r6, %r6
	bv	%r0(%r2)
	xor	%r5, %r6, %r5
	.size	indirect_loop, . - indirect_loop

	.section .rodata
	.align	4
.Ltable:
	.word	target_even
	.word	target_odd
