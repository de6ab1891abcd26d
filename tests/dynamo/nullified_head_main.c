/* nullified_head_test.sh's program: nullified_head_loop (nullified_head.S) with n = 2000
 * prints 3000. */
#include <stdio.h>

extern unsigned nullified_head_loop(unsigned n);

int main(void)
{
	printf("%u\n", nullified_head_loop(2000));
	return 0;
}
