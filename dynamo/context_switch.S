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

/* r2..r31 of the application, for the fragment-cache switches (r1 is the scratch). */
	.macro LOAD_APP_2_31
	.irp r, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ldw APP(\r)(%r0), %r\r
	.endr
	.endm
	.macro STORE_APP_3_31
	.irp r, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	stw %r\r, APP(\r)(%r0)
	.endr
	.endm
/* The 32 FP registers (8 bytes each) from and to the context, r1 walking the slots. */
	.macro LOAD_APP_FR
	ldo	CTX_ABS(CTX_FR)(%r0), %r1
	.irp f, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fldd,ma	8(%r1), %fr\f
	.endr
	.endm
	.macro STORE_APP_FR
	ldo	CTX_ABS(CTX_FR)(%r0), %r1
	.irp f, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fstd,ma	%fr\f, 8(%r1)
	.endr
	.endm

	.text
	.align	4

/* uint32_t dynamo_enter_fragment(uint32_t entry): the switch into the fragment cache.
 * PSW[V] and PSW[C/B] cannot be written from user mode, so they are made the results of
 * instructions (PA-RISC 2.0 manual, DS and ADD): DS with r1 = 0 and r2 = 0x7fffffff + V
 * leaves V = V whatever V and C were (the carry out is 0 and V becomes r2's sign), and an
 * ADD of x and y with 0xf + 0x1 in the nibbles whose carry is wanted and 0 + 0 elsewhere
 * carries out of exactly those nibbles (Dynamo computes the operands: PrepareEntry). */
	.globl	dynamo_enter_fragment
	.type	dynamo_enter_fragment, @function
dynamo_enter_fragment:
	SAVE_DYNAMO
	stw	%r26, CTX_ABS(CTX_ENTRY)(%r0)
	LOAD_APP_FR
	ldw	CTX_ABS(CTX_ENTRY_V)(%r0), %r1
	ds	%r0, %r1, %r0
	ldw	CTX_ABS(CTX_ENTRY_CB_X)(%r0), %r1
	ldw	CTX_ABS(CTX_ENTRY_CB_Y)(%r0), %r2
	add	%r1, %r2, %r0
	ldw	CTX_ABS(CTX_SAR)(%r0), %r1
	mtsar	%r1
	LOAD_APP_2_31
	ldw	CTX_ABS(CTX_ENTRY)(%r0), %r1
	bv	%r0(%r1)
	ldw	APP(1)(%r0), %r1
	.size	dynamo_enter_fragment, . - dynamo_enter_fragment

/* dynamo_fragment_exit: every exit stub ends here, by `b,l dynamo_fragment_exit, %r2` with
 * the application's r1 and r2 already stored; r2 is then the address of the stub's record
 * word (plus the privilege bits). The rest of the application's state goes to the context:
 * DCOR,I of 0 is 6 in each nibble whose PSW[C/B] bit is set; then DS 0,0 leaves the result
 * alone but carries out exactly when V is set, so ADD,C 0,0 reads V (C/B is already saved).
 * Dynamo's registers come back and dynamo_enter_fragment returns the record address. */
	.globl	dynamo_fragment_exit
	.type	dynamo_fragment_exit, @function
dynamo_fragment_exit:
	STORE_APP_3_31
	depwi	0, 31, 2, %r2
	stw	%r2, CTX_ABS(CTX_EXIT)(%r0)
	dcor,i	%r0, %r1
	stw	%r1, CTX_ABS(CTX_EXIT_CB)(%r0)
	ds	%r0, %r0, %r0
	add,c	%r0, %r0, %r1
	stw	%r1, CTX_ABS(CTX_EXIT_V)(%r0)
	mfctl	%sar, %r1
	stw	%r1, CTX_ABS(CTX_SAR)(%r0)
	STORE_APP_FR
	RESTORE_DYNAMO
	ldw	CTX_ABS(CTX_EXIT)(%r0), %r28
	bv	%r0(%r2)
	nop
	.size	dynamo_fragment_exit, . - dynamo_fragment_exit

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

/* dynamo_signal_entry: Dynamo's own signal handler, the one the OS knows for every signal
 * the application handles (signals.h). The OS enters it on Dynamo's alternate stack
 * (SA_ONSTACK, SA_SIGINFO, every signal blocked) with r26 = signo, r25 = siginfo, r24 =
 * ucontext, r2 = the return trampoline and r30 above the frame, whatever ran: fragment
 * code with the application's registers, or Dynamo's own code. Dynamo's global pointer
 * (gr27) is set from its absolute address, and dynamo_signal_arrive gets the trampoline as
 * its fourth argument; returning goes through the trampoline to rt_sigreturn. */
	.globl	dynamo_signal_entry
	.type	dynamo_signal_entry, @function
dynamo_signal_entry:
	stw	%r2, -20(%r30)
	copy	%r2, %r23
	ldil	L%$global$, %r27
	ldo	R%$global$(%r27), %r27
	bl	dynamo_signal_arrive, %r2
	ldo	64(%r30), %r30
	ldo	-64(%r30), %r30
	ldw	-20(%r30), %r2
	bv	%r0(%r2)
	nop
	.size	dynamo_signal_entry, . - dynamo_signal_entry

/* dynamo_signal_exit: where a synchronous signal in fragment code resumes (signal_arrival.cc
 * points the OS's frame here after rectifying the context): as if the fragment had left
 * through dynamo_fragment_exit, except that the context already holds the application's
 * state. dynamo_enter_fragment returns dynamo_signal_exit_record's address. */
	.globl	dynamo_signal_exit
	.type	dynamo_signal_exit, @function
dynamo_signal_exit:
	RESTORE_DYNAMO
	ldil	L%dynamo_signal_exit_record, %r28
	ldo	R%dynamo_signal_exit_record(%r28), %r28
	bv	%r0(%r2)
	nop
	.size	dynamo_signal_exit, . - dynamo_signal_exit

/* uint32_t dynamo_probe_write(uint32_t addr): 1 if the word at addr (readable: the caller
 * checked) can be written, else 0. User code can probe only readability (PROBEI,R), so
 * this writes the word back to itself and lets the hardware decide: a fault on the store
 * reaches Dynamo's handler (signal_arrival.cc), which resumes at dynamo_probe_write_failed
 * instead. The word keeps its value either way. */
	.globl	dynamo_probe_write
	.type	dynamo_probe_write, @function
dynamo_probe_write:
	ldw	0(%r26), %r28
	.globl	dynamo_probe_write_store
dynamo_probe_write_store:
	stw	%r28, 0(%r26)
	bv	%r0(%r2)
	ldi	1, %r28
	.globl	dynamo_probe_write_failed
dynamo_probe_write_failed:
	bv	%r0(%r2)
	ldi	0, %r28
	.size	dynamo_probe_write, . - dynamo_probe_write
