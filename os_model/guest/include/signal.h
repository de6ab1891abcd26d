/* Signals for the 32-bit Linux-hppa guest.
 *
 * Numbers, flags and layouts are Linux-hppa's (the kernel's asm/signal.h, asm/sigcontext.h
 * and asm-generic/siginfo.h for parisc); several differ from x86 (SIGBUS 10, SIGUSR1 16,
 * SIGUSR2 17, SIGCHLD 18, SA_SIGINFO 0x10, ...). The user-facing struct sigaction is ours;
 * sigaction() translates it to the kernel's {handler, flags, mask} layout.
 */
#ifndef _DYNSIM_SIGNAL_H
#define _DYNSIM_SIGNAL_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int sig_atomic_t;

/* 64 signals, one bit each: signal n is bit (n-1) % 32 of word (n-1) / 32, exactly the
 * kernel's sigset_t on 32-bit hppa (so it is passed to rt_sig* with sigsetsize 8). */
typedef struct {
	unsigned long __bits[2];
} sigset_t;

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGIOT 6
#define SIGSTKFLT 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGBUS 10
#define SIGSEGV 11
#define SIGXCPU 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGUSR1 16
#define SIGUSR2 17
#define SIGCHLD 18
#define SIGCLD SIGCHLD
#define SIGPWR 19
#define SIGVTALRM 20
#define SIGPROF 21
#define SIGIO 22
#define SIGPOLL SIGIO
#define SIGWINCH 23
#define SIGSTOP 24
#define SIGTSTP 25
#define SIGCONT 26
#define SIGTTIN 27
#define SIGTTOU 28
#define SIGURG 29
#define SIGXFSZ 30
#define SIGSYS 31
#define SIGRTMIN 32
#define SIGRTMAX 64
#define _NSIG 65
#define NSIG _NSIG

/* sa_flags (hppa values). There is no SA_RESTORER: the kernel supplies the trampoline. */
#define SA_ONSTACK 0x00000001
#define SA_RESETHAND 0x00000004
#define SA_NOCLDSTOP 0x00000008
#define SA_SIGINFO 0x00000010
#define SA_NODEFER 0x00000020
#define SA_RESTART 0x00000040
#define SA_NOCLDWAIT 0x00000080
#define SA_NOMASK SA_NODEFER
#define SA_ONESHOT SA_RESETHAND

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

typedef void (*sighandler_t)(int);
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

union sigval {
	int sival_int;
	void *sival_ptr;
};
typedef union sigval sigval_t;

/* Linux siginfo: 128 bytes, 4-byte aligned; si_signo, si_errno, si_code, then a union
 * starting at offset 12 (asm-generic/siginfo.h, without swapped fields on hppa). */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		int __pad[29];
		struct {
			pid_t __pid;
			uid_t __uid;
		} __kill;
		struct {
			int __tid;
			int __overrun;
			union sigval __value;
			int __sys_private;
		} __timer;
		struct {
			pid_t __pid;
			uid_t __uid;
			union sigval __value;
		} __rt;
		struct {
			pid_t __pid;
			uid_t __uid;
			int __status;
			clock_t __utime;
			clock_t __stime;
		} __chld;
		struct {
			void *__addr;
			short __addr_lsb;
		} __fault;
		struct {
			long __band;
			int __fd;
		} __poll;
		struct {
			void *__call_addr;
			int __syscall;
			unsigned int __arch;
		} __sys;
	} __fields;
} siginfo_t;

#define si_pid __fields.__kill.__pid
#define si_uid __fields.__kill.__uid
#define si_timerid __fields.__timer.__tid
#define si_overrun __fields.__timer.__overrun
#define si_status __fields.__chld.__status
#define si_utime __fields.__chld.__utime
#define si_stime __fields.__chld.__stime
#define si_value __fields.__rt.__value
#define si_int __fields.__rt.__value.sival_int
#define si_ptr __fields.__rt.__value.sival_ptr
#define si_addr __fields.__fault.__addr
#define si_addr_lsb __fields.__fault.__addr_lsb
#define si_band __fields.__poll.__band
#define si_fd __fields.__poll.__fd
#define si_call_addr __fields.__sys.__call_addr
#define si_syscall __fields.__sys.__syscall
#define si_arch __fields.__sys.__arch

/* si_code values */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE (-1)
#define SI_TIMER (-2)
#define SI_MESGQ (-3)
#define SI_ASYNCIO (-4)
#define SI_SIGIO (-5)
#define SI_TKILL (-6)
#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define ILL_ILLADR 3
#define ILL_ILLTRP 4
#define ILL_PRVOPC 5
#define ILL_PRVREG 6
#define ILL_COPROC 7
#define ILL_BADSTK 8
#define FPE_INTDIV 1
#define FPE_INTOVF 2
#define FPE_FLTDIV 3
#define FPE_FLTOVF 4
#define FPE_FLTUND 5
#define FPE_FLTRES 6
#define FPE_FLTINV 7
#define FPE_FLTSUB 8
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define BUS_OBJERR 3
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

struct sigaction {
	union {
		void (*__handler)(int);
		void (*__action)(int, siginfo_t *, void *);
	} __u;
	sigset_t sa_mask;
	int sa_flags;
};
#define sa_handler __u.__handler
#define sa_sigaction __u.__action

/* Alternate signal stack (asm/signal.h). On hppa the stack grows upward: the kernel
 * builds frames upward from ss_sp. */
typedef struct sigaltstack {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192

/* Machine context = the kernel's struct sigcontext for parisc (asm/sigcontext.h):
 * sc_gr[0] holds the PSW, sc_iaoq[0..1] the interrupted front/back offsets. */
typedef struct sigcontext {
	unsigned long sc_flags;
	unsigned long sc_gr[32];
	unsigned long long sc_fr[32];
	unsigned long sc_iasq[2];
	unsigned long sc_iaoq[2];
	unsigned long sc_sar;
} mcontext_t;
#define PARISC_SC_FLAG_ONSTACK 1
#define PARISC_SC_FLAG_IN_SYSCALL 2

/* The kernel's struct ucontext for parisc (what the third handler argument points to). */
typedef struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	stack_t uc_stack;
	mcontext_t uc_mcontext;
	sigset_t uc_sigmask;
} ucontext_t;

sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
int sigprocmask(int how, const sigset_t *set, sigset_t *oldset);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
int kill(pid_t pid, int sig);
int raise(int sig);
int sigaltstack(const stack_t *ss, stack_t *old_ss);

#ifdef __cplusplus
}
#endif

#endif
