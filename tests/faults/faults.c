/* Each kind of fault a user program can take on Linux-hppa, caught by a handler that
 * reports the signal, si_code and whether si_addr is the faulting address (or, for
 * instruction faults, the faulting instruction), then siglongjmps out. The expected
 * output follows from the kernel's rules: SIGSEGV with SEGV_MAPERR (1) for an unmapped
 * address and SEGV_ACCERR (2) for a protection violation; no signal for a misaligned
 * load, which Linux's unaligned-access handler emulates for user code by default, but
 * SIGBUS with BUS_ADRALN (1) for a misaligned LDCW, which that handler refuses;
 * SIGILL with ILL_ILLOPC (1) for an unknown word, and SIGFPE with FPE_INTOVF (2) for a
 * trapping add on overflow, both at IAOQ front including the privilege bits (3); SIGTRAP
 * with TRAP_BRKPT (1) for BREAK, whose handler masks those bits off. The last store has
 * no handler, so the process dies by SIGSEGV (status 139). */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf recover;
static volatile int got_signo, got_code;
static volatile uintptr_t got_addr;

static void on_fault(int signo, siginfo_t *info, void *context)
{
	(void)context;
	got_signo = signo;
	got_code = info->si_code;
	got_addr = (uintptr_t)info->si_addr;
	siglongjmp(recover, 1);
}

static void report(const char *what, uintptr_t expected_addr)
{
	/* Instruction faults report IAOQ front, which carries the privilege level (3). */
	printf("%-22s signal %2d code %d addr %s\n", what, got_signo, got_code,
	       got_addr == expected_addr ? "exact" : got_addr == (expected_addr | 3) ? "exact+priv" : "other");
	got_signo = got_code = 0;
	got_addr = 0;
}

/* Runs `code` placed in a fresh executable page: `word` then a return. */
typedef void (*thunk)(void);
static uint32_t *code_page;

static thunk make_thunk(uint32_t word)
{
	code_page[0] = word;
	code_page[1] = 0xe840c002; /* bv,n r0(rp) */
	__asm__ volatile("fdc 0(%0)\n\tsync\n\tfic 0(%%sr4,%0)\n\tsync" : : "r"(code_page) : "memory");
	return (thunk)code_page;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE};
	for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++)
		sigaction(signals[i], &sa, 0);

	code_page = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint32_t *readonly = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code_page == MAP_FAILED || readonly == MAP_FAILED)
		return 1;

	volatile uint32_t *unmapped = (uint32_t *)0x30000000;
	if (!sigsetjmp(recover, 1))
		*unmapped = 1;
	report("store to unmapped", (uintptr_t)unmapped);

	if (!sigsetjmp(recover, 1))
		*(volatile uint32_t *)readonly = 1;
	report("store to read-only", (uintptr_t)readonly);

	if (!sigsetjmp(recover, 1))
		got_code += *(volatile uint32_t *)((char *)readonly + 2);
	report("misaligned load", (uintptr_t)readonly + 2);

	/* Linux's unaligned handler emulates ordinary loads and stores but refuses LDCW
	 * ("undefined", arch/parisc/kernel/unaligned.c): SIGBUS, BUS_ADRALN (1). */
	if (!sigsetjmp(recover, 1)) {
		uint32_t word;
		__asm__ volatile("ldcw 0(%1),%0" : "=r"(word) : "r"((char *)code_page + 2) : "memory");
		got_code += word;
	}
	report("misaligned ldcw", (uintptr_t)code_page + 2);

	thunk illegal = make_thunk(0xfc000000); /* major opcode 0x3f: unassigned in PA-RISC 2.0 */
	if (!sigsetjmp(recover, 1))
		illegal();
	report("illegal instruction", (uintptr_t)code_page);

	thunk brk = make_thunk(0x00000000); /* break 0,0 */
	if (!sigsetjmp(recover, 1))
		brk();
	report("break", (uintptr_t)code_page);

	volatile int big = 0x7fffffff, one = 1;
	int sum = 0;
	if (!sigsetjmp(recover, 1)) {
		int a = big, b = one;
		__asm__ volatile("add,tsv %1,%2,%0" : "=r"(sum) : "r"(a), "r"(b));
	}
	report("add,tsv overflow", got_addr & ~3u); /* the add's own address; only the form is checked */
	printf("sum untouched %d\n", sum == 0);

	/* A fault with no handler kills the process with the signal. */
	signal(SIGSEGV, SIG_DFL);
	fflush(stdout);
	*unmapped = 2;
	return 0;
}
