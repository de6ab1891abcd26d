/* fatal_illegal: the smallest program that dies by a signal under Dynamo. A loop made hot
 * (100 iterations), then a privileged instruction: SIGILL, exit status 132, natively and
 * under Dynamo, and dynsim's last line names the application's pc of that instruction in
 * both runs (Dynamo itself ends the application with the default action,
 * from its own code). No runtime: _start only. */
	.text
	.align	4
	.globl	_start
	.type	_start, @function
_start:
	ldi	100, %r3
.Lloop:
	addib,<> -1, %r3, .Lloop
	nop
	mfctl	%cr0, %r1	/* the recovery counter: privileged to read in user mode */
	.size	_start, . - _start
