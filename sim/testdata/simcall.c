/* Announces its own hot function as a region and reports a counter through dynsim's
 * simulator calls; under qemu-hppa both calls fail with ENOSYS and nothing else changes. */
#include <dynsim/simcall.h>
#include <stdio.h>

__attribute__((noinline)) static unsigned spin(unsigned n)
{
	unsigned x = 1;
	for (unsigned i = 0; i < n; ++i)
		x = x * 33 + i;
	return x;
}

/* Marks the end of spin: the linker keeps functions in source order within this file. */
__attribute__((noinline)) static void after_spin(void) { __asm__ volatile(""); }

int main(void)
{
	long announced = dynsim_announce_region("hot loop", (unsigned long)&spin, (unsigned long)&after_spin);
	long reported = dynsim_report_counter("spins", 0x100000005ull);
	printf("%u\n", spin(10000));
	after_spin();
	/* The results differ between dynsim (0) and qemu (-ENOSYS); print only whether they agree. */
	printf("%s\n", announced == reported ? "consistent" : "inconsistent");
	return 0;
}
