/* tlb_stride: per iteration, one lap of a ring of 128 pointers 4 KiB apart (one per 4 KiB
 * page: 512 KiB of .bss from a 64 KiB boundary, linked by the kernel before its loop):
 * 128 dependent loads `ldw 0(%r20),%r20`, then `copy %r20,%r21`.
 *
 * Per iteration: 128 loads + copy + loop_end = 131 slots and 128 load-use interlocks
 * (dcache.hit_latency - 1 each). The lap touches 512 KiB / tlb.page_bytes data pages, plus
 * the kernel's code page (below the ring, so never one of its pages for pages up to 64 KiB),
 * which instruction fetch touches every 8 slots and so never ages out of the LRU TLB.
 * With 4 KiB pages and 96 entries the 128 data pages cycle through the 95 other entries:
 * every load misses the TLB and stalls tlb.miss_penalty. With 8 KiB pages (64 pages) or
 * 129 entries they all stay. The nodes lie in distinct sets of the default 1 MiB D-cache:
 * no D-cache misses once warm. */
#include "kernel.h"

	.section .bss
	.p2align 16
.Lpages:
	.space 128 * 4096

	kernel_begin tlb_stride
	ldil L%.Lpages, %r20
	ldo R%.Lpages(%r20), %r20
	copy %r20, %r21			/* link node i to node i + 1, for i = 0..126 */
	ldi 127, %r22
.Llink:	ldo 4096(%r21), %r19
	stw %r19, 0(%r21)
	addib,> -1, %r22, .Llink
	copy %r19, %r21
	stw %r20, 0(%r21)		/* and node 127 to node 0 */
	loop_top
	.rept 128
	ldw 0(%r20), %r20
	.endr
	copy %r20, %r21
	loop_end
	kernel_end
