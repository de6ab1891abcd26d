/* psw_live: drives the loops of psw_live.S (see its comment) and prints their results,
 * so that a lost carry/borrow or V bit on entering or leaving Dynamo's fragment cache
 * changes the output. The expected quotients are computed in C as well. */
#include <stdint.h>
#include <stdio.h>

uint32_t carry_loop(uint32_t n, uint32_t x);
uint32_t dcor_loop(uint32_t n, uint32_t x);
uint32_t carry_loop_bb(uint32_t n, uint32_t x);
uint32_t dcor_loop_bb(uint32_t n, uint32_t x);
uint32_t ds_divide(uint32_t x, uint32_t d, uint32_t *rem);

int main(void)
{
	uint32_t h = 0, bad = 0, i;
	for (i = 0; i < 60; i++) {
		uint32_t r = carry_loop(37 + i, 0x9e3779b9u * (i + 1));
		h = (h ^ r) * 0x01000193u;
		if (i % 20 == 0)
			printf("carry_loop(%lu) = %08lx\n", (unsigned long)(37 + i), (unsigned long)r);
	}
	printf("carry checksum %08lx\n", (unsigned long)h);
	h = 0;
	for (i = 0; i < 60; i++)
		h = (h ^ carry_loop_bb(37 + i, 0x7f4a7c15u * (i + 1))) * 0x01000193u;
	printf("carry (bb) checksum %08lx\n", (unsigned long)h);
	/* Lines starting "dcor" are not compared with qemu-hppa 7.2 (its DCOR is wrong). */
	h = 0;
	for (i = 0; i < 60; i++)
		h = (h ^ dcor_loop(37 + i, 0x9e3779b9u * (i + 1))) * 0x01000193u;
	printf("dcor checksum %08lx\n", (unsigned long)h);
	h = 0;
	for (i = 0; i < 60; i++)
		h = (h ^ dcor_loop_bb(37 + i, 0x7f4a7c15u * (i + 1))) * 0x01000193u;
	printf("dcor (bb) checksum %08lx\n", (unsigned long)h);
	h = 0;
	for (i = 0; i < 300; i++) {
		uint32_t x = 0x7f4a7c15u * (i + 3) ^ (i << 7), d = (0x2545f491u * (i + 1)) >> (i % 31 + 1);
		uint32_t raw, q;
		if (d == 0)
			d = 7;
		q = ds_divide(x, d, &raw);
		if (q != x / d) {
			if (bad < 5)
				printf("ds_divide(%08lx, %08lx) = %08lx, expected %08lx\n", (unsigned long)x,
				       (unsigned long)d, (unsigned long)q, (unsigned long)(x / d));
			bad++;
		}
		h = ((h ^ q) * 0x01000193u) ^ raw;
	}
	printf("divide checksum %08lx, %lu wrong\n", (unsigned long)h, (unsigned long)bad);
	return (int)(bad ? 100 : h & 0x3f);
}
