/* Signal dispositions, masks and sending, over Linux-hppa's rt_sig* system calls.
 *
 * The kernel's struct sigaction on hppa is {handler, flags, mask} with a 64-bit mask and
 * no sa_restorer (the return trampoline is the kernel's business), so the user-facing
 * struct is translated field by field. Every rt_sig* call passes sigsetsize 8. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>
#include <stddef.h>
#include <dynsim/syscall.h>
#include <dynsim/unistd_nr.h>

#define RESULT(expr) __dynsim_syscall_result(expr)
#define SIGSET_BYTES 8

struct kernel_sigaction {
	void *handler;
	unsigned long flags;
	unsigned long mask[2];
};
_Static_assert(sizeof(struct kernel_sigaction) == 16, "hppa k_sigaction is 16 bytes");
_Static_assert(sizeof(sigset_t) == SIGSET_BYTES, "sigset_t is 64 bits");
_Static_assert(sizeof(siginfo_t) == 128, "siginfo_t is 128 bytes");
_Static_assert(offsetof(siginfo_t, si_pid) == 12, "siginfo union at offset 12");
_Static_assert(offsetof(ucontext_t, uc_mcontext) == 24, "uc_mcontext offset");
_Static_assert(offsetof(ucontext_t, uc_sigmask) == 440, "uc_sigmask offset");

static int bad_signal(int sig)
{
	return sig < 1 || sig >= _NSIG;
}

int sigemptyset(sigset_t *set)
{
	set->__bits[0] = 0;
	set->__bits[1] = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	set->__bits[0] = ~0UL;
	set->__bits[1] = ~0UL;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig)) {
		errno = EINVAL;
		return -1;
	}
	set->__bits[(sig - 1) / 32] |= 1UL << ((sig - 1) % 32);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig)) {
		errno = EINVAL;
		return -1;
	}
	set->__bits[(sig - 1) / 32] &= ~(1UL << ((sig - 1) % 32));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig)) {
		errno = EINVAL;
		return -1;
	}
	return (set->__bits[(sig - 1) / 32] >> ((sig - 1) % 32)) & 1;
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
	struct kernel_sigaction kact, kold;
	if (act) {
		/* Either union member: the kernel takes the plabel or address as given. */
		kact.handler = (void *)act->sa_handler;
		kact.flags = (unsigned long)act->sa_flags;
		kact.mask[0] = act->sa_mask.__bits[0];
		kact.mask[1] = act->sa_mask.__bits[1];
	}
	long r = RESULT(__dynsim_syscall4(__NR_rt_sigaction, sig, act ? &kact : NULL,
					  oact ? &kold : NULL, SIGSET_BYTES));
	if (r < 0)
		return -1;
	if (oact) {
		oact->sa_handler = (void (*)(int))kold.handler;
		oact->sa_flags = (int)kold.flags;
		oact->sa_mask.__bits[0] = kold.mask[0];
		oact->sa_mask.__bits[1] = kold.mask[1];
	}
	return 0;
}

/* BSD semantics, as glibc's signal(): the handler stays installed and interrupted
 * system calls restart. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act, old;
	act.sa_handler = handler;
	sigemptyset(&act.sa_mask);
	act.sa_flags = SA_RESTART;
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oldset)
{
	return (int)RESULT(__dynsim_syscall4(__NR_rt_sigprocmask, how, set, oldset, SIGSET_BYTES));
}

int sigpending(sigset_t *set)
{
	return (int)RESULT(__dynsim_syscall2(__NR_rt_sigpending, set, SIGSET_BYTES));
}

int sigsuspend(const sigset_t *mask)
{
	/* Returns only after a handler ran, always -1 with EINTR. */
	return (int)RESULT(__dynsim_syscall2(__NR_rt_sigsuspend, mask, SIGSET_BYTES));
}

int kill(pid_t pid, int sig)
{
	return (int)RESULT(__dynsim_syscall2(__NR_kill, pid, sig));
}

/* Directed at the calling thread, as POSIX asks of raise (si_code is SI_TKILL). */
int raise(int sig)
{
	pid_t pid = getpid();
	pid_t tid = gettid();
	return (int)RESULT(__dynsim_syscall3(__NR_tgkill, pid, tid, sig));
}

int sigaltstack(const stack_t *ss, stack_t *old_ss)
{
	return (int)RESULT(__dynsim_syscall2(__NR_sigaltstack, ss, old_ss));
}

void abort(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);

	/* A handler returned or SIGABRT was ignored: force the default action. */
	struct sigaction act;
	act.sa_handler = SIG_DFL;
	sigemptyset(&act.sa_mask);
	act.sa_flags = 0;
	sigaction(SIGABRT, &act, NULL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	_exit(127);
}
