/* main() of every timing micro workload: parses the iteration count N (argv[1], decimal;
 * default 1000), runs the program's assembly kernel timing_kernel(N) and checks that it
 * ran N iterations. The output is one fixed line, so nothing the program prints or
 * computes outside the kernel depends on N: counts with the same number of digits (1000
 * and 2000) cost the same outside the kernel, and cycles(2N) - cycles(N) is the kernel's
 * cost for N iterations (tests/timing/).
 *
 * Usage: NAME [N]; exits 0 and prints "NAME: ok" when the kernel ran N iterations, 1 when
 * it did not, 2 for a bad count. */
#include <stdio.h>

/* From the program's kernel (kernel.h): the kernel and its name. */
unsigned timing_kernel(unsigned n);
extern const char timing_kernel_name[];

/* A decimal count of 1 to 9 digits, else 0. The digit loop multiplies by a constant
 * (shifts and adds, no millicode), so its cost depends only on the number of digits. */
static unsigned parse_count(const char *s)
{
	unsigned v = 0;
	int digits = 0;
	for (; *s >= '0' && *s <= '9' && digits < 10; s++, digits++)
		v = v * 10 + (unsigned)(*s - '0');
	return (*s == 0 && digits >= 1 && digits <= 9) ? v : 0;
}

int main(int argc, char **argv)
{
	unsigned n = parse_count(argc > 1 ? argv[1] : "1000");
	unsigned ran;
	if (n == 0) {
		fprintf(stderr, "%s: bad count (use a positive decimal number of at most 9 digits)\n",
			timing_kernel_name);
		return 2;
	}
	ran = timing_kernel(n);
	if (ran != n) {
		printf("%s: WRONG: the kernel ran %u iterations, not %u\n", timing_kernel_name, ran, n);
		return 1;
	}
	printf("%s: ok\n", timing_kernel_name);
	return 0;
}
