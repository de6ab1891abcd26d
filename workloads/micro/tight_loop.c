/* tight_loop: a long-running integer loop for speed benchmarks.
 *
 * One small hot loop: a xorshift32 generator and a running sum of the loop counter. The
 * result is checked independently of the loop: the xorshift state after n steps equals
 * M^n applied to the seed, where M is the generator's 32x32 matrix over GF(2), computed
 * by repeated squaring; the sum of 0..n-1 has a closed form.
 *
 * Usage: tight_loop [test|train|ref|ITERATIONS]; exits 0 when both checks hold. */
#include "common.h"

#define SEED 0x2468aceu

typedef struct {
	uint32_t col[32]; /* col[i] = image of bit i */
} Mat;

static uint32_t mat_apply(const Mat *m, uint32_t v)
{
	uint32_t r = 0;
	int i;
	for (i = 0; i < 32; i++)
		if (v >> i & 1)
			r ^= m->col[i];
	return r;
}

static void mat_mul(Mat *out, const Mat *a, const Mat *b) /* out = a * b */
{
	Mat t;
	int i;
	for (i = 0; i < 32; i++)
		t.col[i] = mat_apply(a, b->col[i]);
	*out = t;
}

static uint32_t step(uint32_t x)
{
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}

static uint32_t jump_ahead(uint32_t seed, uint32_t n)
{
	Mat m, r;
	int i;
	for (i = 0; i < 32; i++) {
		m.col[i] = step(1u << i);
		r.col[i] = 1u << i;
	}
	for (; n; n >>= 1) {
		if (n & 1)
			mat_mul(&r, &m, &r);
		mat_mul(&m, &m, &m);
	}
	return mat_apply(&r, seed);
}

int main(int argc, char **argv)
{
	uint32_t n = micro_size(argc, argv, "tight_loop", 500000u, 10000000u, 100000000u);
	uint32_t x = SEED, sum = 0, i, want_x, want_sum;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		sum += i;
	}
	want_x = jump_ahead(SEED, n);
	/* sum of 0..n-1 modulo 2^32, halving the even factor first */
	want_sum = (n % 2 == 0) ? (n / 2) * (n - 1) : n * ((n - 1) / 2);
	printf("tight_loop: iterations=%lu state=%08lx sum=%08lx\n", (unsigned long)n, (unsigned long)x,
	       (unsigned long)sum);
	if (x != want_x || sum != want_sum) {
		printf("tight_loop: WRONG (expected state=%08lx sum=%08lx)\n", (unsigned long)want_x,
		       (unsigned long)want_sum);
		return 1;
	}
	return 0;
}
