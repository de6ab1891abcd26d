/* The indirect-branch lookup routine (paper section 2: an indirect branch on a fragment
 * whose target is not the one seen while recording "jumps to a lookup routine"), for the
 * indirect branches whose target fragment code computes into r1 (blr, bv with an index,
 * or a delay slot that writes the branch's register; the others probe the table inline,
 * fragment_builder.cc). Fragment code reaches it with the application's r1 and r2 stored
 * in the context, the target (privilege bits clear) in ctx.indirect_target, and
 * `b,l dynamo_lookup, %r2`.
 *
 * It probes one entry of the direct-mapped table (lookup.h): {key, fragment entry}, 8
 * bytes, at index key & mask, where the key of a clear target is the target itself. A hit
 * restores r1, r2 and r31 and jumps into the fragment with every application register in
 * place; PSW and SAR are never touched (no instruction here writes PSW[C/B] or V). A miss
 * leaves through dynamo_fragment_exit with the record of the one lookup exit (lookup.h:
 * dynamo_lookup_miss_exit), so Dynamo finds or builds the target's fragment and fills the
 * entry. dynamo_lookup_counting, used with count_lookups, counts the lookup first. */
#include "dynamo/context_layout.h"

#define APP(r) CTX_ABS(CTX_GR + 4 * (r))

	.text
	.align	4
	.globl	dynamo_lookup_counting
	.type	dynamo_lookup_counting, @function
dynamo_lookup_counting:
	ldw	CTX_ABS(CTX_LOOKUPS)(%r0), %r1
	ldo	1(%r1), %r1
	stw	%r1, CTX_ABS(CTX_LOOKUPS)(%r0)
	.size	dynamo_lookup_counting, . - dynamo_lookup_counting
	/* falls into dynamo_lookup */
	.globl	dynamo_lookup
	.type	dynamo_lookup, @function
dynamo_lookup:
	stw	%r31, APP(31)(%r0)
	ldw	CTX_ABS(CTX_INDIRECT_TARGET)(%r0), %r1
	ldw	CTX_ABS(CTX_LOOKUP_MASK)(%r0), %r2
	and	%r1, %r2, %r31			/* index */
	ldw	CTX_ABS(CTX_LOOKUP_TABLE)(%r0), %r2
	shladd,l %r31, 3, %r2, %r31		/* &table[index] */
	ldw	0(%r31), %r2
	cmpb,<>,n %r1, %r2, .Lmiss
	ldw	4(%r31), %r31			/* (runs on a hit only) the fragment's entry */
	ldw	APP(1)(%r0), %r1
	ldw	APP(2)(%r0), %r2
	bv	%r0(%r31)
	ldw	APP(31)(%r0), %r31
.Lmiss:
	ldw	APP(31)(%r0), %r31
	ldil	L%dynamo_lookup_miss_record, %r2
	b	dynamo_fragment_exit
	ldo	R%dynamo_lookup_miss_record(%r2), %r2	/* r2: the record word, as a stub's link */
	.size	dynamo_lookup, . - dynamo_lookup

/* The miss exit's record word (a stub keeps its own after its code; this one is data, so
 * that the text holds only instructions). */
	.data
	.align	4
dynamo_lookup_miss_record:
	.word	dynamo_lookup_miss_exit
