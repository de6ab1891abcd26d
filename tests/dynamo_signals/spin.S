/* int spin(volatile int *flag): counts iterations until *flag is non-zero. The loop is
 * one load, one compare-and-branch back to the load, and the count in its delay slot:
 * its trace is the three instructions, and its fragment loops to its own first word
 * (close_loops) or, without close_loops, through an exit stub linked to itself. */
	.text
	.align	4
	.globl	spin
	.type	spin, @function
spin:
	copy	%r0, %r28
.Lspin:
	ldw	0(%r26), %r19
	cmpib,=	0, %r19, .Lspin
	ldo	1(%r28), %r28
	bv	%r0(%r2)
	nop
	.size	spin, . - spin
