/* Calls a system call dynsim does not model (acct, 51: process accounting), from a loop
 * so that under Dynamo the call is made from a fragment's exit as well as from the
 * interpreter. The simulator's log must name the application's pc in both runs. */
#include <dynsim/syscall.h>
#include <stdio.h>

int main(void)
{
	long sum = 0;
	for (int i = 0; i < 200; i++)
		sum += __dynsim_syscall0(51);
	printf("%ld\n", sum);
	return 0;
}
