/* Runs two instructions copied into a buffer on the stack (what GCC's trampolines for
 * nested functions do). Linux maps the stack executable only when the program's
 * PT_GNU_STACK header has PF_X: hppa-linux-gnu-ld sets it by default, and -z noexecstack
 * clears it, in which case the call takes SIGSEGV with SEGV_ACCERR (2) at the buffer. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void on_segv(int signo, siginfo_t *info, void *context)
{
	(void)context;
	printf("signal %d code %d\n", signo, info->si_code);
	fflush(stdout);
	_exit(0);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, 0);

	uint32_t code[4] __attribute__((aligned(16))) = {
		0xe840c000, /* bv r0(rp) */
		0x341c0054, /* ldi 42,r28 */
	};
	__asm__ volatile("fdc 0(%0)\n\tsync\n\tfic 0(%%sr4,%0)\n\tsync" : : "r"(code) : "memory");
	int (*f)(void) = (int (*)(void))(uintptr_t)code;
	printf("stack code returned %d\n", f());
	return 0;
}
