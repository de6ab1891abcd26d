/* indirect_loop: runs the loop of indirect_loop.S (see its comment) once, with the
 * iteration count from argv[1] (default 2000), and prints its result. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

uint32_t indirect_loop(uint32_t n);

int main(int argc, char **argv)
{
	uint32_t n = argc > 1 ? (uint32_t)strtoul(argv[1], 0, 10) : 2000u;
	uint32_t r = indirect_loop(n);
	printf("indirect_loop(%lu) = %08lx\n", (unsigned long)n, (unsigned long)r);
	return (int)(r & 0x3f);
}
