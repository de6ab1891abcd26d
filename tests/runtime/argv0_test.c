/* Prints argv[0], which `dynsim run --argv0` and `qemu-hppa -0` set. */
#include <stdio.h>

int main(int argc, char **argv)
{
	(void)argc;
	printf("argv[0] [%s]\n", argv[0]);
	return 0;
}
