/* abort() cannot be stopped: with SIGABRT blocked and a handler that returns, abort
 * unblocks it, the handler runs once, and abort then restores the default action and
 * the process still dies by SIGABRT (status 134). */
#include <stdlib.h>
#include <signal.h>
#include "rt_out.h"

static volatile sig_atomic_t calls;

static void on_abrt(int sig)
{
	calls++;
	out("handler signo", sig);
	out("handler calls", calls);
}

int main(void)
{
	struct sigaction sa;
	sa.sa_handler = on_abrt;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGABRT, &sa, 0);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_BLOCK, &set, 0);
	out_str("calling abort\n");
	abort();
	out_str("not reached\n");
	return 0;
}
