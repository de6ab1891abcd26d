/* The long-displacement FP loads and stores of fp_long_forms.S, each run on a buffer of
 * words holding their own index (word k holds 0x10000000 + k) with the base register at
 * word 4096. For each routine the program prints the two words that passed through `out`,
 * how far the routine moved the base register (bytes), and every buffer word a store
 * changed (index and value). The expected lines follow from the displacements in the
 * source: fp_long_displacement.expected. */
#include <stdint.h>
#include <stdio.h>

#define WORDS 8192
#define BASE 4096
static uint32_t buffer[WORDS] __attribute__((aligned(8)));

typedef uint32_t *routine(uint32_t *base, uint32_t *out);
extern routine load_double_plus, load_double_minus, load_double_modify_after,
	load_double_modify_before, store_double_plus, store_double_modify_before, load_word_right,
	store_word_left, load_word_modify_after, store_word_modify_before;

static void run(const char *name, routine *f, uint32_t out0, uint32_t out1)
{
	uint32_t out[2] __attribute__((aligned(8))) = {out0, out1};
	for (unsigned k = 0; k < WORDS; ++k) buffer[k] = 0x10000000u + k;
	uint32_t *after = f(&buffer[BASE], out);
	printf("%s: out %08x %08x, base %+d", name, (unsigned)out[0], (unsigned)out[1],
	       (int)((after - &buffer[BASE]) * 4));
	for (unsigned k = 0; k < WORDS; ++k)
		if (buffer[k] != 0x10000000u + k) printf(", word %u = %08x", k, (unsigned)buffer[k]);
	printf("\n");
}

int main(void)
{
	run("fldd 4096", load_double_plus, 0, 0);
	run("fldd -8192", load_double_minus, 0, 0);
	run("fldd,ma 800", load_double_modify_after, 0, 0);
	run("fldd,mb -800", load_double_modify_before, 0, 0);
	run("fstd 8184", store_double_plus, 0xdead0001u, 0xdead0002u);
	run("fstd,mb 1024", store_double_modify_before, 0xdead0003u, 0xdead0004u);
	run("fldw -4100 R", load_word_right, 0, 0);
	run("fstw 2052", store_word_left, 0xdead0005u, 0);
	run("fldw,ma 404", load_word_modify_after, 0, 0);
	run("fstw,mb -404 R", store_word_modify_before, 0xdead0006u, 0);
	return 0;
}
