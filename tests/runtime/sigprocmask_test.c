/* Blocking: a blocked signal stays pending (once: standard signals do not queue) and is
 * delivered exactly once when unblocked; sigprocmask's how values and old-mask result;
 * sigsuspend delivers a pending signal and restores the mask. */
#include <signal.h>
#include <errno.h>
#include "rt_out.h"

static volatile sig_atomic_t usr1_calls, usr2_calls;
static volatile int usr1_calls_when_usr2_ran = -1;

static void on_usr1(int sig)
{
	(void)sig;
	usr1_calls++;
}

static void on_usr2(int sig)
{
	(void)sig;
	usr2_calls++;
	usr1_calls_when_usr2_ran = usr1_calls;
}

int main(void)
{
	struct sigaction sa;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, 0);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, 0);

	sigset_t usr1, old, pend;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);

	out("block", sigprocmask(SIG_BLOCK, &usr1, &old));
	out("old mask had SIGUSR1", sigismember(&old, SIGUSR1));
	out("raise", raise(SIGUSR1));
	out("raise again", raise(SIGUSR1));
	out("calls while blocked", usr1_calls);
	out("sigpending", sigpending(&pend));
	out("pending SIGUSR1", sigismember(&pend, SIGUSR1));
	out("pending SIGUSR2", sigismember(&pend, SIGUSR2));

	/* Unblocked SIGUSR2 is delivered at once, SIGUSR1 still waits. */
	raise(SIGUSR2);
	out("SIGUSR2 calls", usr2_calls);
	out("SIGUSR1 calls seen by SIGUSR2 handler", usr1_calls_when_usr2_ran);

	out("unblock", sigprocmask(SIG_UNBLOCK, &usr1, &old));
	out("old mask had SIGUSR1", sigismember(&old, SIGUSR1));
	out("calls after unblock", usr1_calls);
	sigpending(&pend);
	out("pending after unblock", sigismember(&pend, SIGUSR1));

	/* SIG_SETMASK replaces the whole mask; reading with a null set changes nothing. */
	sigset_t both, cur;
	sigemptyset(&both);
	sigaddset(&both, SIGUSR1);
	sigaddset(&both, SIGUSR2);
	sigprocmask(SIG_SETMASK, &both, 0);
	sigprocmask(SIG_SETMASK, 0, &cur);
	out("setmask: SIGUSR1", sigismember(&cur, SIGUSR1));
	out("setmask: SIGUSR2", sigismember(&cur, SIGUSR2));
	out("setmask: SIGALRM", sigismember(&cur, SIGALRM));

	/* SIGKILL and SIGSTOP cannot be blocked: the kernel drops them silently. */
	sigset_t all;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, 0);
	sigprocmask(SIG_BLOCK, 0, &cur);
	out("fill: SIGKILL blocked", sigismember(&cur, SIGKILL));
	out("fill: SIGSTOP blocked", sigismember(&cur, SIGSTOP));
	/* (Not signal 64: qemu-hppa cannot map it to a host signal and drops it from the mask.) */
	out("fill: signal 40 blocked", sigismember(&cur, 40));

	/* sigsuspend: with SIGUSR1 pending under a full mask, suspend on a mask without it. */
	usr1_calls = 0;
	raise(SIGUSR1);
	sigset_t wait_mask = all;
	sigdelset(&wait_mask, SIGUSR1);
	errno = 0;
	out("sigsuspend", sigsuspend(&wait_mask));
	out("errno EINTR", errno == EINTR);
	out("calls after sigsuspend", usr1_calls);
	sigprocmask(SIG_BLOCK, 0, &cur);
	out("mask restored: SIGUSR1 blocked", sigismember(&cur, SIGUSR1));

	errno = 0;
	out("bad how", sigprocmask(7, &usr1, 0));
	out("errno EINVAL", errno == EINVAL);
	return 0;
}
