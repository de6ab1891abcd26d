/* What Dynamo's stage 1 promises about signals (dynamo/signals.h), checked natively and
 * under Dynamo by //tests/dynamo:signals_stage1_transparency_test:
 *   - a handler reads back as the program's own from sigaction, even though the OS holds
 *     Dynamo's trampoline; SIG_IGN, SIG_DFL and SA_RESETHAND behave as natively;
 *   - handlers that touch globals work, both for signals raised by a system call and for
 *     timer signals that arrive while the program (under Dynamo: Dynamo's interpreter)
 *     computes, whose handler must find the program's own global pointer;
 *   - a synchronous fault reaches the program's SA_SIGINFO handler with the faulting
 *     address, and siglongjmp leaves it.
 * Prints only timing-independent results; exits 0 when all hold. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t usr1_sum, alarms;
static volatile unsigned long fault_addr;
static sigjmp_buf env;

static void on_usr1(int sig) { usr1_sum += sig; }
static void on_alarm(int sig) { (void)sig; alarms++; }
static void on_segv(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	fault_addr = (unsigned long)info->si_addr;
	siglongjmp(env, sig);
}

static int check(int ok, const char *what)
{
	printf("%-40s %s\n", what, ok ? "ok" : "WRONG");
	return ok ? 0 : 1;
}

int main(void)
{
	struct sigaction sa, old;
	struct itimerval it;
	unsigned long spin = 1;
	int errors = 0;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_usr1;
	errors += check(sigaction(SIGUSR1, &sa, 0) == 0, "sigaction(SIGUSR1)");
	errors += check(sigaction(SIGUSR1, 0, &old) == 0 && old.sa_handler == on_usr1, "old action is the program's handler");
	raise(SIGUSR1);
	raise(SIGUSR1);
	errors += check(usr1_sum == 2 * SIGUSR1, "handler ran twice with its globals");

	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGUSR2, &sa, 0);
	raise(SIGUSR2);
	errors += check(sigaction(SIGUSR2, 0, &old) == 0 && old.sa_handler == SIG_DFL, "SA_RESETHAND leaves SIG_DFL");
	errors += check(signal(SIGUSR2, SIG_IGN) == SIG_DFL, "signal() returns the old SIG_DFL");
	raise(SIGUSR2);
	errors += check(signal(SIGUSR2, on_usr1) == SIG_IGN, "SIG_IGN ignored the signal");
	errors += check(signal(SIGUSR2, SIG_DFL) == on_usr1, "signal() returns the program's handler");

	/* Timer signals while computing: no system call in the loop. */
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, 0);
	it.it_interval.tv_sec = 0;
	it.it_interval.tv_usec = 200;
	it.it_value = it.it_interval;
	setitimer(ITIMER_REAL, &it, 0);
	while (alarms < 5)
		spin = spin * 1103515245u + 12345u;
	memset(&it, 0, sizeof it);
	setitimer(ITIMER_REAL, &it, 0);
	errors += check(alarms >= 5 && spin != 0, "timer handler ran while computing");

	/* A synchronous fault, left with siglongjmp. */
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, 0);
	if (sigsetjmp(env, 1) == 0) {
		*(volatile int *)64 = 1;
		errors += check(0, "store to address 64 faulted");
	} else {
		errors += check(fault_addr == 64, "SIGSEGV handler saw the fault address");
	}
	printf("signals_stage1: %s\n", errors ? "WRONG" : "all ok");
	return errors ? 1 : 0;
}
