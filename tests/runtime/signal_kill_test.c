/* Signal delivery through kill/raise: sigaction handlers, SA_SIGINFO (si_signo, si_code,
 * si_pid, the ucontext's saved mask), the handler-time mask with and without
 * SA_NODEFER, SA_RESETHAND, signal() and SIG_IGN, and the sigset/sigaction error cases. */
#include <signal.h>
#include <errno.h>
#include <unistd.h>
#include "rt_out.h"

static volatile sig_atomic_t last_signo, calls;
static volatile int self_blocked_in_handler;
static volatile int info_signo, info_code, info_pid, info_usr2_in_ucmask, info_usr1_in_ucmask;

static int currently_blocked(int sig)
{
	sigset_t cur;
	sigprocmask(SIG_BLOCK, 0, &cur);
	return sigismember(&cur, sig);
}

static void plain_handler(int sig)
{
	last_signo = sig;
	calls++;
	self_blocked_in_handler = currently_blocked(sig);
}

static void info_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = (ucontext_t *)ctx;
	last_signo = sig;
	calls++;
	info_signo = si->si_signo;
	info_code = si->si_code;
	info_pid = si->si_pid;
	/* uc_sigmask is the mask to restore on return: the one at the kill call. */
	info_usr2_in_ucmask = sigismember(&uc->uc_sigmask, SIGUSR2);
	info_usr1_in_ucmask = sigismember(&uc->uc_sigmask, SIGUSR1);
}

int main(void)
{
	pid_t me = getpid();
	struct sigaction sa, old;

	/* Plain handler via sigaction; the signal is blocked while its handler runs. */
	sa.sa_handler = plain_handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	out("sigaction", sigaction(SIGUSR1, &sa, 0));
	out("kill", kill(me, SIGUSR1));
	out("handler signo", last_signo);
	out("handler calls", calls);
	out("SIGUSR1 blocked inside handler", self_blocked_in_handler);
	out("SIGUSR1 blocked after return", currently_blocked(SIGUSR1));

	/* SA_NODEFER: not blocked inside. */
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGUSR1, &sa, 0);
	kill(me, SIGUSR1);
	out("SA_NODEFER: blocked inside handler", self_blocked_in_handler);

	/* SA_SIGINFO handler for SIGUSR1 while SIGUSR2 is blocked. */
	sa.sa_sigaction = info_handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, 0);
	sigset_t usr2;
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr2, 0);
	calls = 0;
	kill(me, SIGUSR1);
	out("siginfo calls", calls);
	out("si_signo", info_signo);
	out("si_code (SI_USER)", info_code);
	out("si_pid is getpid", info_pid == me);
	out("uc_sigmask has SIGUSR2", info_usr2_in_ucmask);
	out("uc_sigmask has SIGUSR1", info_usr1_in_ucmask);
	sigprocmask(SIG_UNBLOCK, &usr2, 0);

	/* raise sends with tgkill: si_code SI_TKILL. */
	raise(SIGUSR1);
	out("raise: si_code (SI_TKILL)", info_code);
	out("raise: si_pid is getpid", info_pid == me);

	/* The old action comes back as installed. */
	sigaction(SIGUSR1, 0, &old);
	out("old action is info_handler", old.sa_sigaction == info_handler);
	out("old flags has SA_SIGINFO", (old.sa_flags & SA_SIGINFO) != 0);

	/* SA_RESETHAND: one delivery, then the disposition is SIG_DFL again. */
	sa.sa_handler = plain_handler;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGUSR2, &sa, 0);
	calls = 0;
	kill(me, SIGUSR2);
	out("SA_RESETHAND handler signo", last_signo);
	out("SA_RESETHAND calls", calls);
	sigaction(SIGUSR2, 0, &old);
	out("SA_RESETHAND: now SIG_DFL", old.sa_handler == SIG_DFL);

	/* signal(): returns the previous handler; SIG_IGN discards the signal. */
	sighandler_t prev = signal(SIGUSR2, plain_handler);
	out("signal() previous is SIG_DFL", prev == SIG_DFL);
	prev = signal(SIGUSR2, SIG_IGN);
	out("signal() previous is plain_handler", prev == plain_handler);
	calls = 0;
	out("kill ignored", kill(me, SIGUSR2));
	out("ignored: calls", calls);
	sigset_t pend;
	sigpending(&pend);
	out("ignored: pending", sigismember(&pend, SIGUSR2));

	/* Errors. */
	errno = 0;
	out("sigaction(SIGKILL)", sigaction(SIGKILL, &sa, 0));
	out("errno EINVAL", errno == EINVAL);
	out("signal(SIGSTOP) is SIG_ERR", signal(SIGSTOP, plain_handler) == SIG_ERR);
	sigset_t s;
	errno = 0;
	out("sigaddset(0)", sigaddset(&s, 0));
	out("sigaddset(65)", sigaddset(&s, 65));
	out("errno EINVAL", errno == EINVAL);
	sigfillset(&s);
	out("filled has 64", sigismember(&s, 64));
	sigdelset(&s, 64);
	out("deleted 64", sigismember(&s, 64));
	out("still has 1", sigismember(&s, 1));
	out("kill(0 signal) probes", kill(me, 0));
	return 0;
}
