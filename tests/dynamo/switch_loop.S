/* A switch through a jump table in read-only memory, for jump_table_test.sh.
 * unsigned switch_loop(unsigned n): for i = n down to 1, goes through switch_table[i & 3]
 * to one of four cases, which add 1, 10, 100 and 1000 to the sum returned.
 * unsigned steady_switch_loop(unsigned n, unsigned k): the same switch at a second site,
 * whose index is always k (a register the trace cannot know): with k = 2, n times case 2,
 * so it returns 100 * n.
 * unsigned far_switch_loop(unsigned n): the switch on the low three bits, through an
 * 8-word table whose last four words lead to a case more than 64 KiB away, which adds
 * 10000; the builder translates the first four (jump_tables.h), and since the index is an
 * unsigned 3-bit extract its table has 8 words and no bounds check, the last four the
 * probe of the branch's register for good. n = 2000 returns 250 * 1111 + 1000 * 10000. */
	.level 2.0

/* NAME(n): the loop, switching through TABLE on the low BITS bits of INDEX (a register);
 * with BITS 3, table words 4 to 7 lead to a case more than 64 KiB away that adds 10000. */
	.macro SWITCH_LOOP name, table, index, bits=2
	.text
	.align 4
	.globl \name
	.type \name,@function
\name:
	ldi 0,%r28
	copy %r26,%r20
.L\name\()_head:
	extrw,u \index,31,\bits,%r21
	ldil L%\table,%r19
	ldo R%\table(%r19),%r19
	ldw,s %r21(%r19),%r19
	bv,n %r0(%r19)
.L\name\()_case0:
	b .L\name\()_next
	addi 1,%r28,%r28
.L\name\()_case1:
	b .L\name\()_next
	addi 10,%r28,%r28
.L\name\()_case2:
	b .L\name\()_next
	addi 100,%r28,%r28
.L\name\()_case3:
	b .L\name\()_next
	addi 1000,%r28,%r28
.L\name\()_next:
	addib,<> -1,%r20,.L\name\()_head
	nop
	bv %r0(%r2)
	nop
	.if \bits == 3
	.skip 0x10100
.L\name\()_far:
	ldil L%10000,%r1
	ldo R%10000(%r1),%r1
	b .L\name\()_next
	add %r1,%r28,%r28
	.endif

	.section .rodata
	.align 4
	.globl \table
\table:
	.word .L\name\()_case0, .L\name\()_case1, .L\name\()_case2, .L\name\()_case3
	.if \bits == 3
	.word .L\name\()_far, .L\name\()_far, .L\name\()_far, .L\name\()_far
	.endif
	.endm

	SWITCH_LOOP switch_loop, switch_table, %r20
	SWITCH_LOOP steady_switch_loop, steady_table, %r25
	SWITCH_LOOP far_switch_loop, far_table, %r20, 3

