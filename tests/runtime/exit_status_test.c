/* Exit status propagation. "ret": main returns 42. "nested": exit(7) from two calls
 * deep; atexit handlers run in reverse order of registration, and stdout output from
 * main and from the handlers is flushed at exit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void first(void) { printf("atexit first (runs last)\n"); }
static void second(void) { printf("atexit second\n"); }
static void third(void) { printf("atexit third (runs first)\n"); }

static void inner(int depth)
{
	printf("inner depth %d\n", depth);
	if (depth < 2)
		inner(depth + 1);
	else
		exit(7);
	printf("not reached\n");
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 1;
	if (strcmp(argv[1], "ret") == 0) {
		printf("returning 42 from main\n");
		return 42;
	}
	atexit(first);
	atexit(second);
	atexit(third);
	printf("calling exit(7) from a nested function\n");
	inner(0);
	return 99;
}
