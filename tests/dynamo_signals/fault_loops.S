/* Hot loops whose faulting instruction is known exactly, for signal handlers that edit
 * the context: which register the faulting instruction writes, and whether it sits in a
 * delay slot. PA-RISC 2.0 calling convention: arguments in r26, r25, result in r28.
 *
 * int sum_loads(int **ptrs, int n): the sum of *ptrs[i]; the load `ldw 0(%r20),%r21`
 *   is an ordinary instruction.
 * int sum_loads_in_slot(int **ptrs, int n): the same sum, the load in the delay slot of
 *   the loop's backward branch (addib without ,n: the slot runs taken or not).
 * int sum_branchy(int **ptrs, int n): the same sum plus 1 for each i where n - i is even;
 *   the load is in the delay slot of a forward conditional branch (bb,< on the count's low
 *   bit, no ,n: the slot runs on both sides), which goes one way or the other in turn.
 * int sum_trapping(int *values, int n): the sum with add,tsv (trap on signed overflow,
 *   SIGFPE), the sum in r28.
 */
	.text
	.align	4
	.globl	sum_loads
	.type	sum_loads, @function
sum_loads:
	copy	%r0, %r28
.Lloads:
	ldw,ma	4(%r26), %r20
	ldw	0(%r20), %r21
	add	%r28, %r21, %r28
	addib,<> -1, %r25, .Lloads
	nop
	bv	%r0(%r2)
	nop
	.size	sum_loads, . - sum_loads

	.globl	sum_loads_in_slot
	.type	sum_loads_in_slot, @function
sum_loads_in_slot:
	copy	%r0, %r28
	copy	%r0, %r21
.Lslot:
	ldw,ma	4(%r26), %r20
	add	%r28, %r21, %r28
	addib,<> -1, %r25, .Lslot
	ldw	0(%r20), %r21
	add	%r28, %r21, %r28
	bv	%r0(%r2)
	nop
	.size	sum_loads_in_slot, . - sum_loads_in_slot

	.globl	sum_branchy
	.type	sum_branchy, @function
sum_branchy:
	copy	%r0, %r28
.Lbranchy:
	ldw,ma	4(%r26), %r20
	bb,<	%r25, 31, .Lodd
	ldw	0(%r20), %r21
	addi	1, %r28, %r28
.Lodd:
	add	%r28, %r21, %r28
	addib,<> -1, %r25, .Lbranchy
	nop
	bv	%r0(%r2)
	nop
	.size	sum_branchy, . - sum_branchy

	.globl	sum_trapping
	.type	sum_trapping, @function
sum_trapping:
	copy	%r0, %r28
.Ltsv:
	ldw,ma	4(%r26), %r20
	add,tsv	%r28, %r20, %r28
	addib,<> -1, %r25, .Ltsv
	nop
	bv	%r0(%r2)
	nop
	.size	sum_trapping, . - sum_trapping
