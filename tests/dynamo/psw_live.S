/* psw_live: PSW[C/B] (all eight nibble carries) and PSW[V] live across loop back edges and
 * across fragment exits, for Dynamo's psw_live_test.sh. Called from psw_live_main.c.
 *
 * Dynamo enters a fragment at a loop head (the target of a backward branch) and leaves it
 * at exit stubs; user code cannot write the PSW directly, so the context switch must
 * rebuild C/B and V on entry and read them back at every exit (dispatch.cc: PrepareEntry,
 * ReadExitPsw). Here every loop head READS a carry produced before the back edge, and the
 * loop bodies have off-trace paths that read the carry produced just before the branch,
 * so a wrong bit on any entry or exit changes the result.
 *
 * uint32_t carry_loop(uint32_t n, uint32_t x), dcor_loop(n, x), and the same with the
 *   conditional addc skipped by a branch, carry_loop_bb and dcor_loop_bb      (n >= 1)
 *   r20 = x + x sets C/B. Each iteration: the head reads the carries of the last add
 *   (carry_loop: `addc` reads C; dcor_loop: `dcor` reads all 8 nibble carries), addc
 *   reads C (and writes it), sub,b reads that; then a new x and
 *   r20 = x + x again (C/B live across the back edge). Two conditional paths consume the
 *   carry of the last add: a nullified delay slot (addc) on one bit of x, and an
 *   out-of-line block (addc, sub,b, then a backward `b` to the join) on another, so
 *   whichever way a trace was recorded, the other way leaves the fragment with C/B live.
 *   Returns acc ^ acc2 plus the final carry. (qemu-hppa 7.2 gets DCOR wrong: it reverses
 *   the nibble order of PSW[C/B], fixed in later QEMU; so the test compares the dcor
 *   loops' results with the native run only.)
 *
 * uint32_t ds_divide(uint32_t x, uint32_t d, uint32_t *rem)   (0 < d < 2^31)
 *   The millicode's unsigned divide ($$divU), with its 31 middle steps as a loop: the head
 *   `ds` reads V (from the previous ds) and C (from the previous addc); both are live
 *   across the back edge and across the loop's exit. Returns x / d; *rem = the raw partial
 *   remainder (corrected by the caller).
 */
	.text
/* CARRY_LOOP name, head, skip: `head` is the first instruction of the loop head (it reads
 * the nibble carries with dcor, or the word carry with addc); `skip` 1 skips the
 * conditional addc with `bb,<,n` to .+8 (Dynamo's builder cuts a trace at a conditional
 * branch whose target is its fall-through, so the fragment exits there with C/B live and
 * the rest of the iteration is interpreted), 0 with `extru,<>` nullifying it (the whole
 * loop, with its out-of-line exit, lies in the fragment). */
	.macro	CARRY_LOOP name, head, skip
	.align	4
	.globl	\name
	.type	\name, @function
\name:
	copy	%r25, %r19		/* x */
	ldi	0, %r28			/* acc */
	ldi	0, %r22			/* acc2 */
	ldil	L'0x3c6ef35f, %r23
	ldo	R'0x3c6ef35f(%r23), %r23
	add	%r19, %r19, %r20	/* C/B live into the first head */
.Lc_head\@:
	\head				/* reads the carries of the last add into %r21 */
	addc	%r28, %r21, %r28	/* reads C (and writes it) */
	sub,b	%r22, %r19, %r22	/* reads that borrow */
	shladd	%r19, 2, %r19, %r19	/* x = 5x + c */
	add	%r19, %r23, %r19
	add	%r19, %r19, %r20	/* C/B: live from here to the next head */
	.if	\skip
	bb,<,n	%r19, 27, .Lc_mid\@	/* bit 4 set: skip the delay slot (forward, ,n) */
	.else
	extru,<> %r19, 27, 1, %r0	/* bit 4 set: nullify the addc */
	.endif
	addc	%r22, %r20, %r22	/* bit 4 clear: consumes C of the add */
.Lc_mid\@:
	bb,<	%r19, 26, .Lc_side\@	/* bit 5 set: the out-of-line block */
	nop
.Lc_join\@:
	addib,<> -1, %r26, .Lc_head\@
	nop
	addc	%r28, %r0, %r28		/* the last carry */
	bv	%r0(%r2)
	xor	%r28, %r22, %r28
.Lc_side\@:
	addc	%r22, %r21, %r22	/* consumes the carry live at the bb */
	sub,b	%r28, %r21, %r28
	b	.Lc_join\@		/* backward: the join is a trace-head candidate too */
	add	%r20, %r20, %r20	/* sets C/B again, live into the join and the head */
	.size	\name, . - \name
	.endm

	CARRY_LOOP carry_loop, "addc %r0, %r20, %r21", 0
	CARRY_LOOP carry_loop_bb, "addc %r0, %r20, %r21", 1
	CARRY_LOOP dcor_loop, "dcor %r20, %r21", 0
	CARRY_LOOP dcor_loop_bb, "dcor %r20, %r21", 1

	.align	4
	.globl	ds_divide
	.type	ds_divide, @function
ds_divide:
	sub	%r0, %r25, %r1		/* clear carry, negate the divisor */
	ds	%r0, %r1, %r0		/* set V to 1 */
	add	%r26, %r26, %r26	/* shift msb into carry */
	ds	%r0, %r25, %r1		/* 1st divide step */
	addc	%r26, %r26, %r26	/* shift x with/into carry */
	ldi	30, %r31
.Lds_head:
	ds	%r1, %r25, %r1		/* steps 2..31: reads V and C from the previous iteration */
	addib,<> -1, %r31, .Lds_head
	addc	%r26, %r26, %r26	/* (delay slot) C live across the back edge */
	ds	%r1, %r25, %r1		/* step 32: V and C live across the loop's exit */
	addc	%r26, %r26, %r28	/* the last quotient bit */
	bv	%r0(%r2)
	stw	%r1, 0(%r24)
	.size	ds_divide, . - ds_divide
