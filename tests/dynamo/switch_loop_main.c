/* jump_table_test.sh's program: switch_loop (switch_loop.S) 2000 times, then the
 * application makes its table writable (mprotect), sends index 1 to case 3, and runs it
 * again. Natively: 500 * (1 + 10 + 100 + 1000) = 555500, then 500 * (1 + 1000 + 100 +
 * 1000) = 1050500. A translated table that kept its old words would give 555500 again.
 * Before the mprotect (which makes both tables' page writable), steady_switch_loop 2000
 * times through case 2: 2000 * 100 = 200000; then far_switch_loop 2000 times, a quarter
 * of them through each of cases 0 to 3 and half through the far case: 250 * 1111 + 1000 *
 * 10000 = 10277750. */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

extern unsigned switch_loop(unsigned n);
extern unsigned steady_switch_loop(unsigned n, unsigned k);
extern unsigned far_switch_loop(unsigned n);
extern uint32_t switch_table[4];

int main(void)
{
	const unsigned before = switch_loop(2000);
	const unsigned steady = steady_switch_loop(2000, 2);
	const unsigned far = far_switch_loop(2000);
	const uintptr_t page = (uintptr_t)switch_table & ~(uintptr_t)4095;
	if (mprotect((void *)page, 4096, PROT_READ | PROT_WRITE | PROT_EXEC) != 0) {
		printf("mprotect failed\n");
		return 1;
	}
	switch_table[1] = switch_table[3];
	const unsigned after = switch_loop(2000);
	printf("%u %u %u %u\n", before, after, steady, far);
	return 0;
}
