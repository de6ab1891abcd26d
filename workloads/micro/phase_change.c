/* phase_change: the working set moves between distinct code regions mid-run.
 *
 * Sixteen kernels live in two groups, A and B, each a separate function with its own
 * loop. The run is a sequence of phases A, B, A, B: during an A phase only the eight A
 * kernels execute, during a B phase only the eight B kernels, so the hot code changes
 * completely at each phase boundary (the case Dynamo's flush heuristic is built for).
 * Each kernel mixes a small data array in its own way; the final checksum covers every
 * kernel's result.
 *
 * Usage: phase_change [test|train|ref|ROUNDS] (rounds per phase). Expected checksums come
 * from a host build of this file (gcc -O2 on x86-64); only 32-bit unsigned arithmetic is
 * involved, so every host agrees. Exits 0 when the checksum matches. */
#include "common.h"

#define LEN 64
static uint32_t data[LEN];

#define KERNEL(name, a, b, c, op)                                   \
	__attribute__((noinline)) static uint32_t name(uint32_t h)  \
	{                                                           \
		int i;                                              \
		for (i = 0; i < LEN; i++) {                         \
			uint32_t v = data[i];                       \
			op;                                         \
			data[i] = v;                                \
			h = (h ^ v) * (a) + (b);                    \
		}                                                   \
		return h ^ (c);                                     \
	}

/* Group A: rotations, additions, xors. */
KERNEL(a0, 3u, 1u, 0x11u, v = (v << 3 | v >> 29) + 7u)
KERNEL(a1, 5u, 3u, 0x22u, v ^= v >> 7)
KERNEL(a2, 9u, 5u, 0x33u, v += (uint32_t)i * 0x9e37u)
KERNEL(a3, 17u, 7u, 0x44u, v = ~v + (v >> 3))
KERNEL(a4, 33u, 9u, 0x55u, v ^= v << 9)
KERNEL(a5, 65u, 11u, 0x66u, v = (v >> 5 | v << 27) ^ 0x5a5au)
KERNEL(a6, 129u, 13u, 0x77u, v -= v >> 11)
KERNEL(a7, 257u, 15u, 0x88u, v = v + (v << 4) + 1u)
/* Group B: branches on data, masks and conditional updates. */
KERNEL(b0, 7u, 2u, 0x99u, if (v & 1) v = v >> 1; else v = v * 3u + 1u)
KERNEL(b1, 11u, 4u, 0xaau, if (v > 0x80000000u) v -= 0x12345u; else v += 0x54321u)
KERNEL(b2, 13u, 6u, 0xbbu, v = (v & 0xff00ff00u) >> 8 | (v & 0x00ff00ffu) << 8)
KERNEL(b3, 19u, 8u, 0xccu, if ((v >> 3) & 1) v ^= 0xdeadu; v += 3u)
KERNEL(b4, 23u, 10u, 0xddu, v = v < 1000u ? v + 77777u : v - 999u)
KERNEL(b5, 29u, 12u, 0xeeu, v = (v & 0xffffu) * 3u + (v >> 16))
KERNEL(b6, 31u, 14u, 0xffu, if (v % 3u == 0) v /= 3u; else v += 2u)
KERNEL(b7, 37u, 16u, 0x100u, v ^= (v >> 13) & 0x3333u)

static uint32_t phase_a(uint32_t rounds, uint32_t h)
{
	uint32_t r;
	for (r = 0; r < rounds; r++) {
		h = a0(h);
		h = a1(h);
		h = a2(h);
		h = a3(h);
		h = a4(h);
		h = a5(h);
		h = a6(h);
		h = a7(h);
	}
	return h;
}

static uint32_t phase_b(uint32_t rounds, uint32_t h)
{
	uint32_t r;
	for (r = 0; r < rounds; r++) {
		h = b0(h);
		h = b1(h);
		h = b2(h);
		h = b3(h);
		h = b4(h);
		h = b5(h);
		h = b6(h);
		h = b7(h);
	}
	return h;
}

struct expect {
	uint32_t rounds, checksum;
};

static const struct expect expected[] = {
	{150u, 0xb4fdd5a8u},   /* test */
	{4000u, 0x7d789e06u},  /* train */
	{40000u, 0xc7984422u}, /* ref */
};

int main(int argc, char **argv)
{
	uint32_t rounds = micro_size(argc, argv, "phase_change", 150u, 4000u, 40000u);
	uint32_t h = 0x811c9dc5u, phases[4];
	unsigned i;
	int p;
	for (i = 0; i < LEN; i++)
		data[i] = i * 0x01010101u + 0x1234567u;
	for (p = 0; p < 4; p++) {
		h = (p & 1) ? phase_b(rounds, h) : phase_a(rounds, h);
		phases[p] = h;
	}
	printf("phase_change: rounds=%lu phases=%08lx %08lx %08lx %08lx\n", (unsigned long)rounds,
	       (unsigned long)phases[0], (unsigned long)phases[1], (unsigned long)phases[2],
	       (unsigned long)phases[3]);
	for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
		if (expected[i].rounds == rounds) {
			if (expected[i].checksum == h)
				return 0;
			printf("phase_change: WRONG checksum (expected %08lx)\n", (unsigned long)expected[i].checksum);
			return 1;
		}
	printf("phase_change: no recorded checksum for %lu rounds\n", (unsigned long)rounds);
	return 1;
}
