/* chain_rewrite: one indirect call site with two targets, one of which the program then
 * rewrites, for Dynamo's chain_rewrite_test.sh (per-site chains, dynamo/indirect_chains.h).
 *
 * An RWX page holds two generated functions, each `addi K,%r26,%r28 ; bv,n %r0(%r2)`
 * (return x + K): A at word 0, B at word 16 (another cache line). run() calls them in
 * alternation through one function pointer variable, so both go through the same `bv`
 * of $$dyncall (raw code addresses, not plabels). Under Dynamo the loop's trace inlines
 * one target; the other misses the compare, gets a fragment of its own and then the
 * site's chain slot. The program then rewrites B's K and flushes it (fdc, sync, fic,
 * sync): Dynamo deletes B's fragment, and the slot must stop leading there, or the sums
 * that follow would still add the old K (the dead fragment's code stays in the cache
 * until the next flush).
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#define BV_N_RP 0xe840c002u /* bv,n %r0(%r2) */
#define B_WORD 16

/* addi k,%r26,%r28 (-1024 <= k < 1024: the 11-bit immediate's sign in its low bit). */
static uint32_t addi_r26_r28(int k)
{
	return 0xb75c0000u | (((uint32_t)k & 0x3ffu) << 1) | (k < 0 ? 1u : 0u);
}

static void publish(volatile uint32_t *p)
{
	__asm__ volatile("fdc 0(%0)\n\tsync\n\tfic 0(%%sr4,%0)\n\tsync\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop"
			 : : "r"(p) : "memory");
}

typedef int (*fn)(int);

/* Not inlined: the same loop (one trace head) in every round. */
static __attribute__((noinline)) uint32_t run(fn a, fn b, int calls)
{
	uint32_t sum = 0;
	int i;
	for (i = 0; i < calls; i++) {
		fn f = (i & 1) ? b : a;
		sum = sum * 3 + (uint32_t)f(i);
	}
	return sum;
}

int main(void)
{
	volatile uint32_t *code;
	fn a, b;
	int round;
	code = (volatile uint32_t *)mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if ((void *)code == MAP_FAILED) {
		printf("chain_rewrite: mmap failed\n");
		return 1;
	}
	code[0] = addi_r26_r28(5);
	code[1] = BV_N_RP;
	code[B_WORD] = addi_r26_r28(7);
	code[B_WORD + 1] = BV_N_RP;
	publish(code);
	publish(code + B_WORD);
	a = (fn)(uintptr_t)code;
	b = (fn)(uintptr_t)(code + B_WORD);
	printf("warm: %08lx\n", (unsigned long)run(a, b, 3000));
	for (round = 0; round < 4; round++) {
		int k = round * 100 - 150;
		code[B_WORD] = addi_r26_r28(k);
		publish(code + B_WORD);
		printf("B K=%d: %08lx\n", k, (unsigned long)run(a, b, 3000));
	}
	return 0;
}
