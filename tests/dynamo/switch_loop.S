/* A switch through a jump table in read-only memory, for jump_table_test.sh.
 * unsigned switch_loop(unsigned n): for i = n down to 1, goes through switch_table[i & 3]
 * to one of four cases, which add 1, 10, 100 and 1000 to the sum returned.
 * unsigned steady_switch_loop(unsigned n, unsigned k): the same switch at a second site,
 * whose index is always k (a register the trace cannot know): with k = 2, n times case 2,
 * so it returns 100 * n. */
	.level 2.0
	.section .rodata
	.align 4
	.globl switch_table
switch_table:
	.word .Lcase0, .Lcase1, .Lcase2, .Lcase3

	.text
	.align 4
	.globl switch_loop
	.type switch_loop,@function
switch_loop:
	ldi 0,%r28
	copy %r26,%r20
.Lhead:
	extrw,u %r20,31,2,%r21
	ldil L%switch_table,%r19
	ldo R%switch_table(%r19),%r19
	ldw,s %r21(%r19),%r19
	bv,n %r0(%r19)
.Lcase0:
	b .Lnext
	addi 1,%r28,%r28
.Lcase1:
	b .Lnext
	addi 10,%r28,%r28
.Lcase2:
	b .Lnext
	addi 100,%r28,%r28
.Lcase3:
	b .Lnext
	addi 1000,%r28,%r28
.Lnext:
	addib,<> -1,%r20,.Lhead
	nop
	bv %r0(%r2)
	nop

	.globl steady_switch_loop
	.type steady_switch_loop,@function
steady_switch_loop:
	ldi 0,%r28
	copy %r26,%r20
.Lsteady_head:
	extrw,u %r25,31,2,%r21
	ldil L%steady_table,%r19
	ldo R%steady_table(%r19),%r19
	ldw,s %r21(%r19),%r19
	bv,n %r0(%r19)
.Lsteady_case0:
	b .Lsteady_next
	addi 1,%r28,%r28
.Lsteady_case1:
	b .Lsteady_next
	addi 10,%r28,%r28
.Lsteady_case2:
	b .Lsteady_next
	addi 100,%r28,%r28
.Lsteady_case3:
	b .Lsteady_next
	addi 1000,%r28,%r28
.Lsteady_next:
	addib,<> -1,%r20,.Lsteady_head
	nop
	bv %r0(%r2)
	nop

	.section .rodata
	.align 4
steady_table:
	.word .Lsteady_case0, .Lsteady_case1, .Lsteady_case2, .Lsteady_case3
