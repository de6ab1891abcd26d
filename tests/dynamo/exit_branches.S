/* exit_branches: a loop with an unbiased forward branch, for the direct-link test
 * (direct_link_test.sh). No runtime: _start runs 1000 iterations, counting odd and even
 * values of %r3, and exits with status r5 + r6 - 993 = 7.
 *
 *   .Lhead:  extrw,u %r3,31,1,%r4    ; the trace head (target of the backward branch)
 *            cmpib,= 0,%r4,.Leven    ; taken on every other iteration; no ,n: the nop in
 *            nop                     ;   its delay slot runs on both sides
 *            addi 1,%r5,%r5          ; odd
 *            b,n .Ljoin
 *   .Leven:  addi 1,%r6,%r6          ; even
 *   .Ljoin:  addib,<> -1,%r3,.Lhead  ; the loop
 *            nop
 *
 * Dynamo builds the loop's trace A (one side of the cmpib, closed into a loop), whose cmpib
 * exits to the other side's block on every other iteration. That block becomes hot and
 * heads fragment B, built after A, at a higher address: A's cmpib has a bare exit block,
 * so linking re-targets the cmpib itself at B (a direct link), and B's end links back to A
 * through its stub (it is reached by falling into it). */
	.text
	.align	4
	.globl	_start
	.type	_start, @function
_start:
	ldi	1000, %r3
	ldi	0, %r5
	ldi	0, %r6
.Lhead:
	extrw,u	%r3, 31, 1, %r4
	cmpib,=	0, %r4, .Leven
	nop
	addi	1, %r5, %r5
	b,n	.Ljoin
.Leven:
	addi	1, %r6, %r6
.Ljoin:
	addib,<> -1, %r3, .Lhead
	nop
	add	%r5, %r6, %r26
	ldo	-993(%r26), %r26
	ble	0x100(%sr2, %r0)
	ldi	1, %r20		/* __NR_exit */
	break	0, 0
	.size	_start, . - _start
