/* A signal whose frame cannot be written: the alternate stack lies at an unmapped address.
 * Linux's force_sigsegv (kernel/signal.c) then forces SIGSEGV with si_code SI_KERNEL
 * (0x80) in place of the signal; its own handler runs if it can (here without SA_ONSTACK,
 * so on the ordinary stack). With "fatal" as argument the SIGSEGV handler also asks for
 * the alternate stack, so its frame fails too, and a frame failing for SIGSEGV itself
 * kills the process with SIGSEGV (status 139), never with the original signal. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void on_usr1(int signo)
{
	(void)signo;
	printf("SIGUSR1 handler ran\n");
}

static void on_segv(int signo, siginfo_t *info, void *context)
{
	(void)context;
	printf("signal %d code 0x%x\n", signo, info->si_code);
	fflush(stdout);
	_exit(3);
}

int main(int argc, char **argv)
{
	int fatal = argc > 1 && strcmp(argv[1], "fatal") == 0;
	stack_t ss;
	memset(&ss, 0, sizeof ss);
	ss.ss_sp = (void *)0x40000000; /* never mapped */
	ss.ss_size = 65536;
	if (sigaltstack(&ss, 0) != 0)
		return 1;

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | (fatal ? SA_ONSTACK : 0);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, 0);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR1, &sa, 0);

	printf("raising SIGUSR1\n");
	fflush(stdout);
	kill(getpid(), SIGUSR1);
	printf("not reached\n");
	return 0;
}
