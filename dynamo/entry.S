/* Dynamo's entry point. The simulator's loader starts the machine here (dynamo/README.md,
 * "Boot protocol") with the application's process already built and its initial registers
 * in the boot block, so nothing in the registers matters: we set up Dynamo's own global
 * data pointer and its own stack (never the application's) and call dynamo_main.
 *
 * The stack grows upward on PA-RISC; the caller leaves a 64-byte frame-marker area below sp.
 * The symbol is _start so that the guest link's -u _start finds it here and the runtime's
 * crt0 (which would call main) stays out of Dynamo.
 */
	.text
	.align	4
	.globl	_start
	.type	_start, @function
_start:
	ldil	L%$global$, %r27
	ldo	R%$global$(%r27), %r27
	ldil	L%dynamo_stack, %r30
	ldo	R%dynamo_stack(%r30), %r30
	ldo	128(%r30), %r30
	bl	dynamo_main, %r2
	copy	%r0, %r3		/* delay slot: no frame pointer chain */
	break	0, 0			/* not reached: dynamo_main never returns */
	.size	_start, . - _start
