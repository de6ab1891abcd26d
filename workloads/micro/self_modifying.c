/* self_modifying: writes PA-RISC instructions at run time, flushes, runs, rewrites.
 *
 * An RWX page gets a tiny function: `addi K,%r26,%r28` (return the argument plus K) or
 * `ldi K,%r28` (return K), followed by `bv,n %r0(%r2)` (return, nullifying the delay
 * slot). Each round rewrites the immediate (and sometimes the opcode), flushes the data
 * cache line and the instruction cache line (`fdc`, `sync`, `fic`, `sync`), calls the code
 * through a function pointer and checks the result, so a stale translation or predecoded
 * instruction is caught at once. Two slots on the page are rewritten alternately.
 *
 * Encodings (checked with hppa-linux-gnu-as and objdump):
 *   ldi K,%r28       = ldo K(%r0),%r28 = 0x341c0000 | low_sign_ext14(K)
 *   addi K,%r26,%r28 = 0xb75c0000 | low_sign_ext11(K)
 *   bv,n %r0(%r2)    = 0xe840c002
 * where low_sign_ext puts the sign in bit 0 and the other bits above it.
 *
 * Usage: self_modifying [test|train|ref|ROUNDS]. Runs on PA-RISC only (the host build is
 * not meaningful); the expected values are computed in the program. */
#include <sys/mman.h>

#include "common.h"

static uint32_t enc_ldi(int k) /* -8192 <= k < 8192 */
{
	return 0x341c0000u | (((uint32_t)k & 0x1fffu) << 1) | (k < 0 ? 1u : 0u);
}

static uint32_t enc_addi(int k) /* -1024 <= k < 1024 */
{
	return 0xb75c0000u | (((uint32_t)k & 0x3ffu) << 1) | (k < 0 ? 1u : 0u);
}

#define BV_N_RP 0xe840c002u

static void flush(volatile uint32_t *p, int words)
{
#ifdef __hppa__
	int i;
	for (i = 0; i < words; i++)
		__asm__ volatile("fdc 0(%0)" : : "r"(p + i) : "memory");
	__asm__ volatile("sync" : : : "memory");
	for (i = 0; i < words; i++)
		__asm__ volatile("fic 0(%%sr4,%0)" : : "r"(p + i) : "memory");
	__asm__ volatile("sync\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop" : : : "memory");
#else
	(void)p;
	(void)words;
#endif
}

typedef int (*fn)(int);

int main(int argc, char **argv)
{
	uint32_t rounds = micro_size(argc, argv, "self_modifying", 20000u, 40000u, 60000u);
	volatile uint32_t *page;
	uint32_t r, errors = 0, h = 0;

#ifndef __hppa__
	printf("self_modifying: PA-RISC only\n");
	return 1;
#endif
	page = (volatile uint32_t *)mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if ((void *)page == MAP_FAILED) {
		printf("self_modifying: mmap failed\n");
		return 1;
	}
	for (r = 0; r < rounds; r++) {
		/* two slots 64 bytes apart, used alternately */
		volatile uint32_t *code = page + (r & 1) * 16;
		fn f = (fn)(uintptr_t)code;
		int k = (int)(r % 2000u) - 1000, arg = (int)(r * 37u % 5000u), got, want;
		if (r % 3 == 0) {
			code[0] = enc_ldi(k * 8);
			want = k * 8;
		} else {
			code[0] = enc_addi(k);
			want = arg + k;
		}
		code[1] = BV_N_RP;
		flush(code, 2);
		got = f(arg);
		if (got != want) {
			if (errors < 5)
				printf("self_modifying: WRONG: round %lu returned %d, expected %d\n", (unsigned long)r, got,
				       want);
			errors++;
		}
		h = micro_mix(h, (uint32_t)got);
	}
	printf("self_modifying: rounds=%lu errors=%lu checksum=%08lx\n", (unsigned long)rounds, (unsigned long)errors,
	       (unsigned long)h);
	return errors ? 1 : 0;
}
