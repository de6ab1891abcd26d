/* Process termination: exit runs atexit handlers (last registered first), the static
 * destructors and the stdio flush hook, then ends the process with exit_group. */
#include <stdlib.h>
#include <unistd.h>
#include <dynsim/syscall.h>
#include <dynsim/unistd_nr.h>

/* ISO C requires at least 32 atexit registrations. */
#define ATEXIT_MAX 32

static void (*atexit_handlers[ATEXIT_MAX])(void);
static int atexit_count;

typedef void (*fini_fn)(void);
extern fini_fn __fini_array_start[] __attribute__((weak, visibility("hidden")));
extern fini_fn __fini_array_end[] __attribute__((weak, visibility("hidden")));

/* stdio defines this to flush its buffers; a program without stdio has nothing to flush. */
void __stdio_exit(void) __attribute__((weak));

int atexit(void (*fn)(void))
{
	if (atexit_count == ATEXIT_MAX)
		return -1;
	atexit_handlers[atexit_count++] = fn;
	return 0;
}

void exit(int status)
{
	while (atexit_count > 0)
		atexit_handlers[--atexit_count]();
	for (fini_fn *f = __fini_array_end; f > __fini_array_start;)
		(*--f)();
	if (__stdio_exit)
		__stdio_exit();
	_exit(status);
}

void _exit(int status)
{
	for (;;)
		__dynsim_syscall1(__NR_exit_group, status);
}

void _Exit(int status)
{
	_exit(status);
}
