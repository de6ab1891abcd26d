/* Maps 4 MiB at a time, touching each mapping, until mmap fails, then grows the break
 * 1 MiB at a time until brk refuses. Under `dynsim run --set memory.limit_mb=64` the
 * program (8 MiB of stack, a few pages of image and the signal trampoline page) has
 * just under 56 MiB left: 13 mappings (52 MiB) fit and the 14th gets ENOMEM; of the
 * remaining 3.9 MiB the break takes 3 steps. The simulator must neither abort nor
 * allocate more than that. */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	unsigned mapped = 0;
	for (;;) {
		char *p = mmap(0, 4 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			break;
		p[0] = p[(4 << 20) - 1] = 1;
		mapped += 4;
	}
	printf("mmap: %u MiB, then %s\n", mapped, errno == ENOMEM ? "ENOMEM" : "another error");
	unsigned grown = 0;
	while (sbrk(1 << 20) != (void *)-1)
		grown += 1;
	printf("brk: %u MiB, then %s\n", grown, errno == ENOMEM ? "ENOMEM" : "another error");
	return 0;
}
