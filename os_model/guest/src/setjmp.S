/* setjmp/longjmp for the PA-RISC 32-bit (narrow) Linux ABI.
 *
 * Register roles in the PA-RISC 32-bit procedure calling convention (HP "PA-RISC
 * Procedure Calling Conventions Reference Manual"; GCC's pa32-regs.h agrees):
 *   r2  (rp)        return pointer, written by the caller's BL
 *   r3 - r18        callee-saved general registers (r3 doubles as GCC's frame pointer)
 *   r19             linkage table pointer in PIC code, caller-saved: not saved
 *   r20 - r26       caller-saved temporaries / arguments (arg0 = r26, arg1 = r25)
 *   r27 (dp)        global data pointer; constant in a static program but saved anyway
 *   r28, r29        return values (ret0, ret1)
 *   r30 (sp)        stack pointer; the stack grows UPWARD, a caller's frame lies below
 *                   sp and a callee builds its frame above it
 *   r31, r1         millicode return / scratch, caller-saved
 *   fr12 - fr21     callee-saved floating-point registers (64-bit, fstd/fldd)
 * setjmp is a leaf with no frame, so sp and rp at entry are exactly the caller's state
 * at the call, which is what longjmp must recreate before "returning" again.
 *
 * jmp_buf layout (see include/setjmp.h):
 *   0 rp   4 sp   8 dp   12+4*(n-3) rn for n = 3..18   80+8*(n-12) frn for n = 12..21
 *   160 mask-saved flag   164 signal mask (two words)
 * FP registers use the short-displacement fstd,ma/fldd,ma form (5-bit displacement), the
 * only form PA-RISC 1.1 has; the library is built for both -march=1.1 and -march=2.0.
 *
 * The signal mask is read/written with rt_sigprocmask directly through the syscall
 * gateway (ble 0x100(%sr2,%r0), number in r20, args r26..r23); the gateway preserves
 * r3-r18, r27 and r30 but not r1, r2, r19-r26, r28, r29, r31.
 */

#define OFF_RP 0
#define OFF_SP 4
#define OFF_DP 8
#define OFF_GR3 12
#define OFF_FR12 80
#define OFF_SAVED 160
#define OFF_MASK 164

#define NR_rt_sigprocmask 175
#define SIG_BLOCK 0
#define SIG_SETMASK 2

/* Stores the callee-saved state into the jmp_buf at r26. Clobbers r1 only.
 * (A gas macro, not a cpp one: ';' starts a comment in hppa assembly.) */
	.macro	save_state
	stw	%r2, OFF_RP(%r26)
	stw	%r30, OFF_SP(%r26)
	stw	%r27, OFF_DP(%r26)
	stw	%r3, 12(%r26)
	stw	%r4, 16(%r26)
	stw	%r5, 20(%r26)
	stw	%r6, 24(%r26)
	stw	%r7, 28(%r26)
	stw	%r8, 32(%r26)
	stw	%r9, 36(%r26)
	stw	%r10, 40(%r26)
	stw	%r11, 44(%r26)
	stw	%r12, 48(%r26)
	stw	%r13, 52(%r26)
	stw	%r14, 56(%r26)
	stw	%r15, 60(%r26)
	stw	%r16, 64(%r26)
	stw	%r17, 68(%r26)
	stw	%r18, 72(%r26)
	ldo	OFF_FR12(%r26), %r1
	fstd,ma	%fr12, 8(%r1)
	fstd,ma	%fr13, 8(%r1)
	fstd,ma	%fr14, 8(%r1)
	fstd,ma	%fr15, 8(%r1)
	fstd,ma	%fr16, 8(%r1)
	fstd,ma	%fr17, 8(%r1)
	fstd,ma	%fr18, 8(%r1)
	fstd,ma	%fr19, 8(%r1)
	fstd,ma	%fr20, 8(%r1)
	fstd,ma	%fr21, 8(%r1)
	.endm

	.text

/* int setjmp(jmp_buf env), int _setjmp(jmp_buf env): the mask is not saved. */
	.align	4
	.globl	setjmp
	.type	setjmp, @function
	.globl	_setjmp
	.type	_setjmp, @function
setjmp:
_setjmp:
	save_state
	stw	%r0, OFF_SAVED(%r26)
	bv	%r0(%r2)
	copy	%r0, %r28		/* delay slot: direct return value 0 */
	.size	setjmp, . - setjmp
	.size	_setjmp, . - _setjmp

/* int sigsetjmp(sigjmp_buf env, int savemask) */
	.align	4
	.globl	sigsetjmp
	.type	sigsetjmp, @function
sigsetjmp:
	save_state
	stw	%r25, OFF_SAVED(%r26)
	comib,=,n 0, %r25, 1f		/* savemask == 0: done */
	/* rt_sigprocmask(SIG_BLOCK, NULL, &env->mask, 8) reads the current mask.
	 * Keep env in r3 (already saved) across the gateway. */
	copy	%r26, %r3
	ldi	SIG_BLOCK, %r26
	copy	%r0, %r25
	ldo	OFF_MASK(%r3), %r24
	ldi	8, %r23
	ble	0x100(%sr2, %r0)
	ldi	NR_rt_sigprocmask, %r20	/* delay slot: syscall number */
	copy	%r3, %r26
	ldw	OFF_RP(%r26), %r2	/* the gateway clobbers rp */
	ldw	OFF_GR3(%r26), %r3
1:	bv	%r0(%r2)
	copy	%r0, %r28
	.size	sigsetjmp, . - sigsetjmp

/* void longjmp(jmp_buf env, int val), void siglongjmp(sigjmp_buf env, int val):
 * restore the mask if sigsetjmp saved it, then the registers; setjmp returns val,
 * or 1 when val is 0. */
	.align	4
	.globl	longjmp
	.type	longjmp, @function
	.globl	siglongjmp
	.type	siglongjmp, @function
longjmp:
siglongjmp:
	/* r3 and r4 are about to be reloaded anyway: use them to carry env and val
	 * across the gateway. */
	copy	%r26, %r3
	copy	%r25, %r4
	ldw	OFF_SAVED(%r3), %r1
	comib,=,n 0, %r1, .Lrestore
	/* rt_sigprocmask(SIG_SETMASK, &env->mask, NULL, 8) */
	ldi	SIG_SETMASK, %r26
	ldo	OFF_MASK(%r3), %r25
	copy	%r0, %r24
	ldi	8, %r23
	ble	0x100(%sr2, %r0)
	ldi	NR_rt_sigprocmask, %r20	/* delay slot */
	b,n	.Lrestore
	.size	longjmp, . - longjmp
	.size	siglongjmp, . - siglongjmp

/* void _longjmp(jmp_buf env, int val): never touches the signal mask. */
	.align	4
	.globl	_longjmp
	.type	_longjmp, @function
_longjmp:
	copy	%r26, %r3
	copy	%r25, %r4
.Lrestore:
	copy	%r4, %r28
	comiclr,<> 0, %r28, %r0		/* val != 0: skip the next instruction */
	ldi	1, %r28
	ldo	OFF_FR12(%r3), %r1
	fldd,ma	8(%r1), %fr12
	fldd,ma	8(%r1), %fr13
	fldd,ma	8(%r1), %fr14
	fldd,ma	8(%r1), %fr15
	fldd,ma	8(%r1), %fr16
	fldd,ma	8(%r1), %fr17
	fldd,ma	8(%r1), %fr18
	fldd,ma	8(%r1), %fr19
	fldd,ma	8(%r1), %fr20
	fldd,ma	8(%r1), %fr21
	ldw	OFF_RP(%r3), %r2
	ldw	OFF_SP(%r3), %r30
	ldw	OFF_DP(%r3), %r27
	ldw	16(%r3), %r4
	ldw	20(%r3), %r5
	ldw	24(%r3), %r6
	ldw	28(%r3), %r7
	ldw	32(%r3), %r8
	ldw	36(%r3), %r9
	ldw	40(%r3), %r10
	ldw	44(%r3), %r11
	ldw	48(%r3), %r12
	ldw	52(%r3), %r13
	ldw	56(%r3), %r14
	ldw	60(%r3), %r15
	ldw	64(%r3), %r16
	ldw	68(%r3), %r17
	ldw	72(%r3), %r18
	bv	%r0(%r2)
	ldw	OFF_GR3(%r3), %r3	/* delay slot: r3 last, it was the base */
	.size	_longjmp, . - _longjmp
