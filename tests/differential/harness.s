/* The fixed part of every random-program binary (progen.py writes the programs):
 * _start calls each program of dt_program_table in turn and exits 0; a program calls
 * dt_checkpoint (bl dt_checkpoint,%r31), which prints one line of 57 hexadecimal words:
 *   program, checkpoint number, r1, r3..r21, r28, r29, SAR, FP status (fr0L),
 *   fr4..fr18 (two words each), and a checksum of the program's 512-byte buffer (%r26)
 * and returns with every register, SAR, PSW[C/B] and PSW[V] and the FP status as they
 * were. So it uses no instruction that writes C/B or V (no ADD, SUB, DS: LDO, SHD, XOR
 * and compares only), no variable shift, and no FP operation.
 * No runtime, no libc: the Linux system-call gateway directly, as tests/dynamo/simple_loop.S. */
	.level 2.0
	.data
	.align 8
	.globl dt_state
/* dt_state: +0 the running program, +4 its next checkpoint number, +8 a zero word
 * (the FP status each program starts with). */
dt_state:
	.word 0, 0, 0, 0
dt_hex_digits:
	.ascii "0123456789abcdef"
	.align 8
dt_line:
	.block 520

	.text
	.align 4
	.globl _start
	.type _start, @function
_start:
	/* A 64-byte aligned stack pointer (the stack grows up): FSTD needs 8. */
	ldo 63(%sp),%sp
	depi 0,31,6,%sp
	ldil L%dt_program_table,%r3
	ldo R%dt_program_table(%r3),%r3
	ldw 0(%r3),%r4
.Lnext_program:
	comib,= 0,%r4,.Lexit
	nop
	ldws,mb 4(%r3),%r5
	stw %r3,64(%sp)
	stw %r4,68(%sp)
	ldo 128(%sp),%sp
	/* The programs end with bv %r0(%r2). */
	ldil L%.Lback,%r2
	ldo R%.Lback(%r2),%r2
	bv %r0(%r5)
	nop
.Lback:
	ldo -128(%sp),%sp
	ldw 64(%sp),%r3
	ldw 68(%sp),%r4
	ldo -1(%r4),%r4
	b .Lnext_program
	nop
.Lexit:
	ldi 0,%r26
	ble 0x100(%sr2,%r0)
	ldi 1,%r20		/* __NR_exit */
	break 0,0
	.size _start, . - _start

/* The frame, F = sp - 512 after the first LDO: the words printed at F+0 .. F+224, the
 * other saved registers (r2, r22..r27, r31) at F+256 .., the FP status at F+240. */
	.align 4
	.globl dt_checkpoint
	.type dt_checkpoint, @function
dt_checkpoint:
	ldo 512(%sp),%sp
	stw %r1,-504(%sp)
	stw %r3,-500(%sp)
	stw %r4,-496(%sp)
	stw %r5,-492(%sp)
	stw %r6,-488(%sp)
	stw %r7,-484(%sp)
	stw %r8,-480(%sp)
	stw %r9,-476(%sp)
	stw %r10,-472(%sp)
	stw %r11,-468(%sp)
	stw %r12,-464(%sp)
	stw %r13,-460(%sp)
	stw %r14,-456(%sp)
	stw %r15,-452(%sp)
	stw %r16,-448(%sp)
	stw %r17,-444(%sp)
	stw %r18,-440(%sp)
	stw %r19,-436(%sp)
	stw %r20,-432(%sp)
	stw %r21,-428(%sp)
	stw %r28,-424(%sp)
	stw %r29,-420(%sp)
	stw %r2,-256(%sp)
	stw %r22,-252(%sp)
	stw %r23,-248(%sp)
	stw %r24,-244(%sp)
	stw %r25,-240(%sp)
	stw %r26,-236(%sp)
	stw %r27,-232(%sp)
	stw %r31,-228(%sp)
	ldo -512(%sp),%r3
	mfctl %cr11,%r4
	stw %r4,96(%r3)
	/* (FSTD's short form: PA-RISC 2.0's long-displacement FP stores are not in the subset.) */
	ldo 240(%r3),%r5
	fstd %fr0,0(%r5)
	ldw 240(%r3),%r4
	stw %r4,100(%r3)
	ldo 104(%r3),%r5
	fstd,ma %fr4,8(%r5)
	fstd,ma %fr5,8(%r5)
	fstd,ma %fr6,8(%r5)
	fstd,ma %fr7,8(%r5)
	fstd,ma %fr8,8(%r5)
	fstd,ma %fr9,8(%r5)
	fstd,ma %fr10,8(%r5)
	fstd,ma %fr11,8(%r5)
	fstd,ma %fr12,8(%r5)
	fstd,ma %fr13,8(%r5)
	fstd,ma %fr14,8(%r5)
	fstd,ma %fr15,8(%r5)
	fstd,ma %fr16,8(%r5)
	fstd,ma %fr17,8(%r5)
	fstd,ma %fr18,8(%r5)
	/* Which program, which checkpoint (and count it). */
	ldil L%dt_state,%r5
	ldo R%dt_state(%r5),%r5
	ldw 0(%r5),%r4
	stw %r4,0(%r3)
	ldw 4(%r5),%r4
	stw %r4,4(%r3)
	ldo 1(%r4),%r4
	stw %r4,4(%r5)
	/* Checksum of the 128 buffer words: rotate left by 5, XOR the next word. */
	ldw 276(%r3),%r6
	ldi 128,%r7
	ldi 0,%r8
.Lchecksum:
	ldws,ma 4(%r6),%r9
	shd %r8,%r8,27,%r8
	xor %r8,%r9,%r8
	ldo -1(%r7),%r7
	comib,<> 0,%r7,.Lchecksum
	nop
	stw %r8,224(%r3)
	/* 57 words as 8 hex digits and a space each; the last space becomes a newline. */
	ldil L%dt_line,%r10
	ldo R%dt_line(%r10),%r10
	ldil L%dt_hex_digits,%r11
	ldo R%dt_hex_digits(%r11),%r11
	copy %r3,%r6
	ldi 57,%r7
.Lword:
	ldws,ma 4(%r6),%r8
	ldi 8,%r9
.Lnibble:
	shd %r8,%r8,28,%r8
	extru %r8,31,4,%r12
	ldbx %r12(%r11),%r12
	stbs,ma %r12,1(%r10)
	ldo -1(%r9),%r9
	comib,<> 0,%r9,.Lnibble
	nop
	ldi 32,%r12
	stbs,ma %r12,1(%r10)
	ldo -1(%r7),%r7
	comib,<> 0,%r7,.Lword
	nop
	ldi 10,%r12
	stb %r12,-1(%r10)
	/* write(1, dt_line, 57 * 9) */
	ldi 1,%r26
	ldil L%dt_line,%r25
	ldo R%dt_line(%r25),%r25
	ldi 513,%r24
	ble 0x100(%sr2,%r0)
	ldi 4,%r20		/* __NR_write */
	ldo -512(%sp),%r3
	ldw 8(%r3),%r1
	ldw 16(%r3),%r4
	ldw 20(%r3),%r5
	ldw 24(%r3),%r6
	ldw 28(%r3),%r7
	ldw 32(%r3),%r8
	ldw 36(%r3),%r9
	ldw 40(%r3),%r10
	ldw 44(%r3),%r11
	ldw 48(%r3),%r12
	ldw 52(%r3),%r13
	ldw 56(%r3),%r14
	ldw 60(%r3),%r15
	ldw 64(%r3),%r16
	ldw 68(%r3),%r17
	ldw 72(%r3),%r18
	ldw 76(%r3),%r19
	ldw 80(%r3),%r20
	ldw 84(%r3),%r21
	ldw 88(%r3),%r28
	ldw 92(%r3),%r29
	ldw 256(%r3),%r2
	ldw 260(%r3),%r22
	ldw 264(%r3),%r23
	ldw 268(%r3),%r24
	ldw 272(%r3),%r25
	ldw 276(%r3),%r26
	ldw 280(%r3),%r27
	ldw 284(%r3),%r31
	ldw 12(%r3),%r3
	bv %r0(%r31)
	ldo -512(%sp),%sp
	.size dt_checkpoint, . - dt_checkpoint
