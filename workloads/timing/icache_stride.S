/* icache_stride: a loop of 2 KiB of straight-line code (512 instructions: 510 nops and
 * loop_end), from a 64-byte boundary.
 *
 * Per iteration: 512 slots, and one instruction fetch per cache line, body_bytes /
 * icache.line_bytes of them. In a direct-mapped I-cache of less than 2 KiB (for example
 * icache.size_kb: 1) every set holds two or more of the loop's lines, which evict each
 * other: every fetch misses and stalls icache.miss_penalty. In a cache of 2 KiB or more
 * (tiny-icache.yaml: 4 KiB) the loop fits: no misses once warm. */
#include "kernel.h"

	kernel_begin icache_stride
	loop_top
	.rept 510
	nop
	.endr
	loop_end
	kernel_end
