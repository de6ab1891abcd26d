/* dcache_stride: per iteration, one lap of a ring of 64 pointers 32 bytes apart (2 KiB,
 * inside one 4 KiB page): 64 dependent loads `ldw 0(%r20),%r20`, then `copy %r20,%r21`.
 *
 * Per iteration: 64 loads + copy + loop_end = 67 slots and 64 load-use interlocks
 * (dcache.hit_latency - 1 each). The loads touch 2048 / dcache.line_bytes lines (for
 * lines of at most 32 bytes: one per load). In a direct-mapped D-cache of less than 2 KiB
 * (dcache.size_kb: 1) with 32-byte lines every load misses and stalls
 * dcache.miss_penalty; in the default 1 MiB cache none does once warm. */
#include "kernel.h"

	.data
	.p2align 12
.Lring:
	i = 0
	.rept 63
	.word .Lring + 32 * (i + 1)
	.fill 7, 4, 0
	i = i + 1
	.endr
	.word .Lring
	.fill 7, 4, 0

	kernel_begin dcache_stride
	ldil L%.Lring, %r20
	ldo R%.Lring(%r20), %r20
	loop_top
	.rept 64
	ldw 0(%r20), %r20
	.endr
	copy %r20, %r21
	loop_end
	kernel_end
