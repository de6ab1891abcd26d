/* SIGSEGV from a store to address 0: an SA_SIGINFO handler sees si_addr and si_code and
 * the faulting instruction in the ucontext, and escapes with siglongjmp (which must also
 * unblock SIGSEGV again, or the next fault would kill the process). Then the same on an
 * alternate signal stack (sigaltstack, SA_ONSTACK); on hppa that stack grows upward from
 * ss_sp. */
#include <signal.h>
#include <setjmp.h>
#include <errno.h>
#include "rt_out.h"

static sigjmp_buf recover;
static volatile int faults, seen_code, seen_addr_zero, seen_iaoq_ok, seen_onstack_flag,
	seen_local_on_altstack, seen_uc_stack_ok, seen_segv_blocked;

extern char fault_insn[];

/* The store that faults, at a known address. */
static void __attribute__((noinline)) store_to_null(void)
{
	__asm__ __volatile__(
		"\t.globl fault_insn\n"
		"fault_insn:\n\t"
		"stw %%r0, 0(%%r0)"
		:
		:
		: "memory");
}

static char altstack[16384] __attribute__((aligned(64)));

static int blocked(int sig)
{
	sigset_t cur;
	sigprocmask(SIG_BLOCK, 0, &cur);
	return sigismember(&cur, sig);
}

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = (ucontext_t *)ctx;
	volatile char here;
	faults++;
	seen_code = si->si_signo == sig ? si->si_code : -100;
	seen_addr_zero = si->si_addr == 0;
	/* sc_iaoq[0] is the offset of the faulting instruction, privilege level 3 in its
	 * low bits. */
	seen_iaoq_ok = (uc->uc_mcontext.sc_iaoq[0] & ~3UL) == (unsigned long)fault_insn;
	stack_t cur;
	sigaltstack(0, &cur);
	seen_onstack_flag = (cur.ss_flags & SS_ONSTACK) != 0;
	seen_local_on_altstack = (char *)&here >= altstack && (char *)&here < altstack + sizeof(altstack);
	seen_uc_stack_ok = uc->uc_stack.ss_sp == altstack && uc->uc_stack.ss_size == sizeof(altstack);
	seen_segv_blocked = blocked(SIGSEGV);
	siglongjmp(recover, faults);
}

static void report(void)
{
	/* Linux reports SEGV_MAPERR for unmapped page 0; qemu-hppa 7.2 reports
	 * SEGV_ACCERR for every data-access fault. Accept either. */
	out("si_code is SEGV_MAPERR or SEGV_ACCERR", seen_code == SEGV_MAPERR || seen_code == SEGV_ACCERR);
	out("si_addr is 0", seen_addr_zero);
	out("sc_iaoq[0] is the faulting store", seen_iaoq_ok);
	out("SIGSEGV blocked in handler", seen_segv_blocked);
	out("SIGSEGV blocked after siglongjmp", blocked(SIGSEGV));
	out("on altstack (SS_ONSTACK)", seen_onstack_flag);
	out("handler frame inside altstack", seen_local_on_altstack);
	out("uc_stack describes altstack", seen_uc_stack_ok);
}

int main(void)
{
	struct sigaction sa;
	sa.sa_sigaction = on_segv;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, 0);

	/* 1: on the normal stack. */
	int r = sigsetjmp(recover, 1);
	if (r == 0) {
		store_to_null();
		out_str("not reached\n");
	}
	out("siglongjmp value", r);
	report();

	/* 2: again, proving the mask was restored. */
	r = sigsetjmp(recover, 1);
	if (r == 0)
		store_to_null();
	out("second fault, siglongjmp value", r);

	/* 3: on an alternate stack. */
	stack_t ss, old;
	ss.ss_sp = altstack;
	ss.ss_size = sizeof(altstack);
	ss.ss_flags = 0;
	out("sigaltstack", sigaltstack(&ss, &old));
	out("previous altstack disabled", (old.ss_flags & SS_DISABLE) != 0);
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGSEGV, &sa, 0);
	r = sigsetjmp(recover, 1);
	if (r == 0)
		store_to_null();
	out("altstack fault, siglongjmp value", r);
	report();

	/* Leaving the handler with siglongjmp leaves the alternate stack too. */
	stack_t now;
	sigaltstack(0, &now);
	out("after jump: SS_ONSTACK", (now.ss_flags & SS_ONSTACK) != 0);
	out("after jump: ss_size", (long)now.ss_size);

	/* Too small a stack is refused; SS_DISABLE turns it off. */
	ss.ss_size = MINSIGSTKSZ - 1;
	errno = 0;
	out("tiny altstack", sigaltstack(&ss, 0));
	out("errno ENOMEM", errno == ENOMEM);
	ss.ss_flags = SS_DISABLE;
	out("disable", sigaltstack(&ss, 0));
	sigaltstack(0, &now);
	out("disabled", (now.ss_flags & SS_DISABLE) != 0);
	return 0;
}
