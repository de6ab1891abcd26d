/* Switches between Dynamo's registers and the application's (context.h).
 *
 * Every access to the app context is %r0-based (context_layout.h), so the switch needs no
 * free register: all 31 registers can hold application values at once.
 */
#include "dynamo/context_layout.h"

#define DYN(r) CTX_ABS(CTX_DYNAMO_GR + 4 * (r))
#define APP(r) CTX_ABS(CTX_GR + 4 * (r))

/* Dynamo's registers that must survive a call (PA-RISC calling convention: callee-saved
 * r3..r18, plus the return pointer, the global data pointer and the stack pointer). */
	.macro SAVE_DYNAMO
	.irp r, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,27,30
	stw %r\r, DYN(\r)(%r0)
	.endr
	.endm
	.macro RESTORE_DYNAMO
	.irp r, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,27,30
	ldw DYN(\r)(%r0), %r\r
	.endr
	.endm
/* gr1..gr30 of the application; gr31 is left alone (the gateway branch overwrites it). */
	.macro LOAD_APP
	.irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	ldw APP(\r)(%r0), %r\r
	.endr
	.endm
	.macro STORE_APP
	.irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	stw %r\r, APP(\r)(%r0)
	.endr
	.endm

	.text
	.align	4

/* void dynamo_app_gateway(uint32_t entry): entry (r26) is 0x100, 0xb0 or 0xe0.
 * The gateway returns through r31, which the be,l below sets to the instruction after its
 * delay slot. A signal the OS delivers on the way back finds the application's registers
 * (and stack pointer) in the machine, as in a native run; its handler returns here. */
	.globl	dynamo_app_gateway
	.type	dynamo_app_gateway, @function
dynamo_app_gateway:
	SAVE_DYNAMO
	ldi	0xe0, %r1
	comb,=,n %r26, %r1, .Lset_thread_pointer
	ldi	0xb0, %r1
	comb,=,n %r26, %r1, .Llight_weight
	LOAD_APP
	ble	0x100(%sr2, %r0)
	nop
	b,n	.Lback
.Lset_thread_pointer:
	LOAD_APP
	ble	0xe0(%sr2, %r0)
	nop
	b,n	.Lback
.Llight_weight:
	LOAD_APP
	ble	0xb0(%sr2, %r0)
	nop
.Lback:
	STORE_APP
	RESTORE_DYNAMO
	bv	%r0(%r2)
	nop
	.size	dynamo_app_gateway, . - dynamo_app_gateway

/* void dynamo_sigreturn(uint32_t frame_end): rt_sigreturn (173) with sp = frame_end. */
	.globl	dynamo_sigreturn
	.type	dynamo_sigreturn, @function
dynamo_sigreturn:
	copy	%r26, %r30
	ble	0x100(%sr2, %r0)
	ldi	173, %r20
	break	0, 0		/* not reached: rt_sigreturn does not return here */
	.size	dynamo_sigreturn, . - dynamo_sigreturn

/* dynamo_signal_trampoline: entered by the OS as a signal handler (r26 = signo, r25, r24
 * = siginfo, ucontext; r2 = the return trampoline; r30 = above the frame). Dynamo's own code
 * addresses its data through gr27 (its $global$), so a handler entered while Dynamo runs
 * would find Dynamo's global pointer there; the application's handler needs its own, which
 * the app context holds (gr27 never changes in a static program). gr19 likewise. A handler
 * given as a function descriptor (address | 2) gets its entry and gr19 from it, as the
 * kernel does. Only r1 is used as scratch (a handler expects nothing in it). */
	.globl	dynamo_signal_trampoline
	.type	dynamo_signal_trampoline, @function
dynamo_signal_trampoline:
	sh2addl	%r26, %r0, %r1
	ldw	CTX_ABS(CTX_APP_HANDLERS)(%r1), %r1
	ldw	APP(27)(%r0), %r27
	bb,>=	%r1, 30, .Lplain_handler	/* bit 30 (value 2) clear: a plain address */
	ldw	APP(19)(%r0), %r19
	depwi	0, 31, 2, %r1
	ldw	4(%r1), %r19
	ldw	0(%r1), %r1
.Lplain_handler:
	bv	%r0(%r1)
	nop
	.size	dynamo_signal_trampoline, . - dynamo_signal_trampoline
