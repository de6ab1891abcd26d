/* Signal handlers under Dynamo: each case's output depends only on what the handlers saw
 * and did, so a native run, a run under Dynamo and qemu-hppa print the same. The loops in
 * fault_loops.S run hundreds of times before they fault, so under Dynamo the faults land in
 * fragment code (with hot_threshold 1 at once, with the defaults after 50 iterations).
 *
 * Cases, in order:
 *   skip    SIGSEGV in a hot loop; the handler (SA_SIGINFO) checks si_addr,
 *           writes 1000 into the load's target register (r21) and skips the load by
 *           editing the context's IAOQ; an ordinary instruction and a delay slot.
 *   tsv     SIGFPE from add,tsv in a hot loop; the handler resets the sum register (r28)
 *           and skips the add.
 *   jump    SIGSEGV in a hot loop left with siglongjmp, many times.
 *   mask    a blocked signal stays pending (sigpending) until unblocked; nested handlers;
 *           SA_NODEFER; SA_RESETHAND reads back as SIG_DFL.
 *   altstack a handler with SA_ONSTACK runs on the alternate stack (its local's address
 *           and sigaltstack's SS_ONSTACK say so), one without does not.
 *   readonly stores to a read-only page, once from cold code (interpreted under Dynamo)
 *           and in a hot loop, each SIGSEGV (SEGV_ACCERR) left with siglongjmp.
 *   timer   setitimer at 50 microseconds while hot loops run: the loops' results are
 *           independent of the ticks; the handler checks that it never sees a wrong pc.
 * Usage: handlers [ROUNDS] (default 3). */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>

int sum_loads(int **ptrs, int n);
int sum_loads_in_slot(int **ptrs, int n);
int sum_branchy(int **ptrs, int n);
int sum_trapping(int *values, int n);

#define N 600
static int values[N];
static int *ptrs[N];
static volatile int segv_count, fpe_count, wrong_addr, wrong_code;
static int *bad_pointer;

static void on_segv_skip(int sig, siginfo_t *info, void *context)
{
	ucontext_t *uc = context;
	(void)sig;
	segv_count++;
	/* (si_code is not checked: qemu-hppa reports SEGV_ACCERR for page zero, Linux and
	 * dynsim SEGV_MAPERR.) */
	if (info->si_addr != (void *)bad_pointer)
		wrong_addr++;
	uc->uc_mcontext.sc_gr[21] = 1000;
	/* Skip the faulting instruction: the queue moves on by one, delay slot or not. */
	uc->uc_mcontext.sc_iaoq[0] = uc->uc_mcontext.sc_iaoq[1];
	uc->uc_mcontext.sc_iaoq[1] += 4;
}

static void on_fpe_reset(int sig, siginfo_t *info, void *context)
{
	ucontext_t *uc = context;
	(void)sig;
	fpe_count++;
	if (info->si_code != FPE_INTOVF)
		wrong_code++;
	uc->uc_mcontext.sc_gr[28] = 7;
	uc->uc_mcontext.sc_iaoq[0] = uc->uc_mcontext.sc_iaoq[1];
	uc->uc_mcontext.sc_iaoq[1] += 4;
}

static void install(int sig, void (*action)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = action;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL) != 0)
		printf("sigaction %d failed\n", sig);
}

static void case_skip(void)
{
	int i, expect = 0;
	bad_pointer = NULL;
	for (i = 0; i < N; i++) {
		values[i] = i * 3 + 1;
		ptrs[i] = (i % 200 == 150) ? bad_pointer : &values[i];
		expect += ptrs[i] ? values[i] : 1000;
	}
	install(SIGSEGV, on_segv_skip, 0);
	segv_count = 0;
	printf("skip: sum %d (expected %d), faults %d\n", sum_loads(ptrs, N), expect, segv_count);
	segv_count = 0;
	printf("skip in delay slot: sum %d (expected %d), faults %d\n", sum_loads_in_slot(ptrs, N), expect, segv_count);
	for (i = 0; i < N; i++)
		expect += (N - i) % 2 == 0;
	segv_count = 0;
	printf("skip in a forward branch's delay slot: sum %d (expected %d), faults %d\n", sum_branchy(ptrs, N), expect,
	       segv_count);
	printf("skip: wrong si_addr %d, wrong si_code %d\n", wrong_addr, wrong_code);
}

static void case_tsv(void)
{
	int i, expect = 0, faults = 0;
	for (i = 0; i < N; i++) {
		values[i] = (i % 250 == 200) ? 0x7fffff00 : i;
		if ((expect > 0 && values[i] > 0x7fffffff - expect)) {
			expect = 7;
			faults++;
		} else {
			expect += values[i];
		}
	}
	install(SIGFPE, on_fpe_reset, 0);
	fpe_count = 0;
	printf("tsv: sum %d (expected %d), traps %d (expected %d)\n", sum_trapping(values, N), expect, fpe_count,
	       faults);
}

static sigjmp_buf jump_env;
static void on_segv_jump(int sig)
{
	(void)sig;
	segv_count++;
	siglongjmp(jump_env, 1);
}

static void case_jump(void)
{
	int round, total = 0, i;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_segv_jump;
	sigaction(SIGSEGV, &sa, NULL);
	for (i = 0; i < N; i++) {
		values[i] = i;
		ptrs[i] = &values[i];
	}
	segv_count = 0;
	for (round = 0; round < 40; round++) {
		ptrs[N - 1 - round] = NULL;
		if (sigsetjmp(jump_env, 1) == 0)
			total += sum_loads(ptrs, N);
		else
			total += 1;
		ptrs[N - 1 - round] = &values[N - 1 - round];
	}
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	printf("jump: total %d, faults %d, SIGSEGV blocked after siglongjmp %d\n", total, segv_count,
	       sigismember(&now, SIGSEGV));
}

static volatile int accerr;
static void on_segv_readonly(int sig, siginfo_t *info, void *context)
{
	(void)sig;
	(void)context;
	segv_count++;
	accerr += info->si_code == SEGV_ACCERR;
	siglongjmp(jump_env, 1);
}

static void case_readonly(void)
{
	int *page = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile int *p = page;
	int i, stored = 0;
	install(SIGSEGV, on_segv_readonly, 0);
	segv_count = accerr = 0;
	p[0] = 5;
	mprotect(page, 4096, PROT_READ);
	if (sigsetjmp(jump_env, 1) == 0)
		p[1] = 6; /* faults */
	for (i = 0; i < 300; i++) {
		if (i == 200)
			mprotect(page, 4096, PROT_READ);
		if (sigsetjmp(jump_env, 1) == 0) {
			p[2] = i;
			stored++;
		}
		if (i == 200)
			mprotect(page, 4096, PROT_READ | PROT_WRITE);
		if (i == 0)
			mprotect(page, 4096, PROT_READ | PROT_WRITE);
	}
	printf("readonly: faults %d (SEGV_ACCERR %d), stores %d, p[0] %d p[2] %d\n", segv_count, accerr, stored, p[0], p[2]);
	munmap(page, 4096);
}

static char order[64];
static int order_len;
static void mark(char c) { order[order_len++] = c; }
static void on_usr1(int sig) { (void)sig; mark('1'); raise(SIGUSR2); mark('!'); }
static void on_usr2(int sig) { (void)sig; mark('2'); }
static volatile int depth, max_depth;
static void on_alrm_nodefer(int sig)
{
	(void)sig;
	if (++depth > max_depth)
		max_depth = depth;
	if (depth < 4)
		raise(SIGALRM);
	depth--;
}

static void case_mask(void)
{
	struct sigaction sa, old;
	sigset_t set, pending;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_usr2;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGUSR2, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	mark('a');
	raise(SIGUSR1);
	mark('b');
	sigpending(&pending);
	printf("mask: SIGUSR1 pending while blocked %d\n", sigismember(&pending, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	mark('c');
	sigaction(SIGUSR2, NULL, &old);
	printf("mask: order %.*s, SIGUSR2 reset to SIG_DFL %d\n", order_len, order, old.sa_handler == SIG_DFL);
	sa.sa_handler = on_alrm_nodefer;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGALRM, &sa, NULL);
	raise(SIGALRM);
	printf("mask: SA_NODEFER depth %d\n", max_depth);
	signal(SIGALRM, SIG_DFL);
}

static char alt_stack[16384];
static volatile int on_alt, ss_onstack;
static void on_usr1_where(int sig)
{
	char here;
	stack_t now;
	(void)sig;
	on_alt = &here >= alt_stack && &here < alt_stack + sizeof alt_stack;
	sigaltstack(NULL, &now);
	ss_onstack = (now.ss_flags & SS_ONSTACK) != 0;
}

static void case_altstack(void)
{
	stack_t ss;
	struct sigaction sa;
	ss.ss_sp = alt_stack;
	ss.ss_size = sizeof alt_stack;
	ss.ss_flags = 0;
	if (sigaltstack(&ss, NULL) != 0)
		printf("sigaltstack failed\n");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1_where;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf("altstack: SA_ONSTACK on the alternate stack %d, SS_ONSTACK %d\n", on_alt, ss_onstack);
	sa.sa_flags = 0;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf("altstack: without SA_ONSTACK on it %d, SS_ONSTACK %d\n", on_alt, ss_onstack);
}

static volatile int ticks, bad_ticks;
extern char __executable_start[], etext[];
static void on_tick(int sig, siginfo_t *info, void *context)
{
	ucontext_t *uc = context;
	unsigned long pc = uc->uc_mcontext.sc_iaoq[0] & ~3ul;
	(void)sig;
	(void)info;
	/* The interrupted pc is the application's: in its text (or the gateway page). */
	if (!(pc < 0x1000 || (pc >= (unsigned long)__executable_start && pc < (unsigned long)etext)))
		bad_ticks++;
	ticks++;
}

static void case_timer(void)
{
	struct itimerval it;
	int round, i, total = 0;
	install(SIGALRM, on_tick, 0);
	it.it_interval.tv_sec = 0;
	it.it_interval.tv_usec = 50;
	it.it_value = it.it_interval;
	setitimer(ITIMER_REAL, &it, NULL);
	for (i = 0; i < N; i++) {
		values[i] = i;
		ptrs[i] = &values[i];
	}
	for (round = 0; round < 200 || ticks < 20; round++)
		total += sum_loads(ptrs, N) + sum_loads_in_slot(ptrs, N);
	memset(&it, 0, sizeof it);
	setitimer(ITIMER_REAL, &it, NULL);
	printf("timer: per round %d, ticks seen %d, with a wrong pc %d\n", total / round, ticks >= 20, bad_ticks);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 3, r;
	for (r = 0; r < rounds; r++) {
		case_skip();
		case_tsv();
	}
	case_jump();
	case_readonly();
	case_mask();
	case_altstack();
	case_timer();
	return 0;
}
