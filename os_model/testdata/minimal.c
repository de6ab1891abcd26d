/* A minimal guest program, the fixture for loader tests: code, initialized data and bss. */
#include <unistd.h>

static char greeting[] = "loaded\n";
static int zeroed[64];

int main(void)
{
	write(1, greeting, sizeof greeting - 1);
	return zeroed[63];
}
