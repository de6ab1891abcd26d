/* The fixture of the gdb stub test: a global with known words for gdb to read, a loop
 * long enough for Dynamo to build fragments, and a known output and exit status. */
#include <stdio.h>

unsigned magic[4] = {0x600dcafeu, 0x12345678u, 0x9abcdef0u, 0x0badf00du};

__attribute__((noinline)) unsigned mix(unsigned x, unsigned i) { return (x ^ magic[i & 3]) * 33u + i; }

int main(int argc, char **argv)
{
	unsigned x = (unsigned)argc;
	for (unsigned i = 0; i < 20000; i++)
		x = mix(x, i);
	printf("gdb_guest %08x\n", x);
	return 7;
}
