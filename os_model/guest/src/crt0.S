/* Process entry for static Linux-hppa executables.
 *
 * The kernel (arch/parisc start_thread) and qemu-hppa enter here with
 *   r25 = argc, r24 = argv, r23 = 0, r30 = sp (64-byte aligned, stack grows upward).
 * envp follows argv's terminating NULL, and the auxiliary vector follows envp's.
 * We load the global data pointer (%dp = r27 = $global$, which the linker script
 * provides; static non-PIC code addresses its data relative to it) and call
 * __libc_start_main(argc, argv, envp), which never returns.
 */
	.text
	.align	4
	.globl	_start
	.type	_start, @function
_start:
	ldil	L%$global$, %r27
	ldo	R%$global$(%r27), %r27
	copy	%r25, %r26		/* arg0: argc */
	copy	%r24, %r25		/* arg1: argv */
	sh2addl	%r26, %r25, %r24	/* argv + 4*argc ... */
	ldo	4(%r24), %r24		/* arg2: envp = argv + 4*(argc+1) */
	/* Keep sp 64-byte aligned and leave a frame marker area below it
	 * (PA-RISC calling convention: the caller provides 64 bytes under sp). */
	ldo	63(%r30), %r30
	depi	0, 31, 6, %r30
	ldo	64(%r30), %r30
	bl	__libc_start_main, %r2
	copy	%r0, %r3		/* delay slot: no frame pointer chain */
	/* not reached: __libc_start_main calls exit */
	break	0, 0
	.size	_start, . - _start
