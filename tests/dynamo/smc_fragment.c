/* smc_fragment: code generated at run time, called from a HOT loop, then rewritten and
 * flushed (fdc, sync, fic, sync) and called again from the same loop, for Dynamo's
 * smc_fragment_test.sh.
 *
 * An RWX page holds `addi K,%r26,%r28 ; bv,n %r0(%r2)` (return x + K; encodings as in
 * workloads/micro/self_modifying.c). Each of ROUNDS rounds writes a new K, flushes the two
 * words, then calls the code CALLS times through a function pointer in a loop (the
 * $$dyncall `bv` and the generated code lie on the loop's trace, so the generated words
 * are inside a fragment), and prints the sum. A fragment that survived the rewrite would
 * return the old K: the sums would differ from the native run's. The page is first
 * filled with one K for WARM rounds without rewriting (so the loop's fragment is built
 * with the generated code in it), then K changes every round.
 *
 * Then a second loop rewrites the code from inside the hot loop: every 64th of 2000
 * iterations writes a new K and flushes before the call, so the flush (FIC, which Dynamo
 * must interpret: fragments stop before it) deletes the loop's own fragment while the
 * loop runs, and the trace is rebuilt 50 iterations later.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#define BV_N_RP 0xe840c002u

static uint32_t enc_addi(int k) /* -1024 <= k < 1024 */
{
	return 0xb75c0000u | (((uint32_t)k & 0x3ffu) << 1) | (k < 0 ? 1u : 0u);
}

static void flush(volatile uint32_t *p, int words)
{
	int i;
	for (i = 0; i < words; i++)
		__asm__ volatile("fdc 0(%0)" : : "r"(p + i) : "memory");
	__asm__ volatile("sync" : : : "memory");
	for (i = 0; i < words; i++)
		__asm__ volatile("fic 0(%%sr4,%0)" : : "r"(p + i) : "memory");
	__asm__ volatile("sync\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop" : : : "memory");
}

typedef int (*fn)(int);

/* Not inlined: the loop is the same code (one trace head) in every round. */
static __attribute__((noinline)) uint32_t run(fn f, int calls)
{
	uint32_t sum = 0;
	int i;
	for (i = 0; i < calls; i++)
		sum = sum * 3 + (uint32_t)f(i);
	return sum;
}

int main(void)
{
	volatile uint32_t *code;
	fn f;
	int round;
	code = (volatile uint32_t *)mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if ((void *)code == MAP_FAILED) {
		printf("smc_fragment: mmap failed\n");
		return 1;
	}
	f = (fn)(uintptr_t)code;
	code[0] = enc_addi(5);
	code[1] = BV_N_RP;
	flush(code, 2);
	for (round = 0; round < 3; round++)
		printf("warm %d: %08lx\n", round, (unsigned long)run(f, 200));
	for (round = 0; round < 8; round++) {
		int k = round * 37 - 100;
		code[0] = enc_addi(k);
		flush(code, 2);
		printf("K=%d: %08lx\n", k, (unsigned long)run(f, 200));
	}
	{
		uint32_t sum = 0;
		int i;
		for (i = 0; i < 2000; i++) {
			if (i % 64 == 0) {
				code[0] = enc_addi(i / 64 * 11 - 150);
				flush(code, 2);
			}
			sum = sum * 5 + (uint32_t)f(i);
		}
		printf("inner rewrites: %08lx\n", (unsigned long)sum);
	}
	return 0;
}
