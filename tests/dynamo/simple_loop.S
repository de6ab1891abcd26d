/* simple_loop: the smallest program with one hot loop, for Dynamo's trace-selection test
 * (trace_selection_test.sh). No runtime: _start counts %r3 down from 100 and exits 0.
 *
 *   _start:  ldi 100,%r3          ; 100 iterations
 *            ldi 0,%r4
 *   .Lloop:  addi 1,%r4,%r4       ; the trace head (target of the backward branch)
 *            addib,<> -1,%r3,.Lloop
 *            nop                  ; delay slot
 *            exit(0)
 *
 * The backward branch is taken 99 times. With hot_threshold 50, the 50th taken branch
 * makes .Lloop hot and the 51st iteration is recorded: addi, addib, nop (1 block, ended
 * by the backward taken branch). Of the 48 taken branches after that, each reaches the
 * fragment's head (with hot_threshold 1: the first makes it hot, 97 reach it). */
	.text
	.align	4
	.globl	_start
	.type	_start, @function
_start:
	ldi	100, %r3
	ldi	0, %r4
.Lloop:
	addi	1, %r4, %r4
	addib,<> -1, %r3, .Lloop
	nop
	ldi	0, %r26
	ble	0x100(%sr2, %r0)
	ldi	1, %r20		/* __NR_exit */
	break	0, 0
	.size	_start, . - _start
