/* sync_faults: synchronous signals raised on purpose, recovered with siglongjmp.
 *
 * Each round (1) reads and writes a PROT_NONE page and reads through a null pointer,
 * each raising SIGSEGV, (2) executes a trapping add (`add,tsv`, PA-RISC's add with trap on
 * signed overflow) on operands that overflow, raising SIGFPE, and (3) divides by zero
 * through libgcc's division millicode, whose conditional trap raises SIGFPE. The handlers
 * record the signal and the faulting address and siglongjmp back; the round then checks
 * that exactly the expected signals arrived, that the registers main keeps live across the
 * fault survived, and that non-faulting versions of the same operations still work.
 *
 * Usage: sync_faults [test|train|ref|ROUNDS]. The expected results are computed in the
 * program from first principles (which signal, how many), so no host build is needed. */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

#include "common.h"

static sigjmp_buf env;
static volatile sig_atomic_t last_signal, segv_count, fpe_count;
static volatile uintptr_t last_addr;

static void on_fault(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	last_signal = sig;
	last_addr = (uintptr_t)info->si_addr;
	if (sig == SIGSEGV)
		segv_count++;
	else if (sig == SIGFPE)
		fpe_count++;
	siglongjmp(env, sig);
}

/* Adds with trap on signed overflow. */
__attribute__((noinline)) static int trapping_add(int a, int b)
{
#ifdef __hppa__
	int r;
	__asm__ volatile("add,tsv %1,%2,%0" : "=r"(r) : "r"(a), "r"(b));
	return r;
#else
	/* Host build (for development only): emulate the trap. */
	if ((b > 0 && a > 0x7fffffff - b) || (b < 0 && a < (int)0x80000000 - b))
		raise(SIGFPE);
	return a + b;
#endif
}

__attribute__((noinline)) static int divide(int a, int b)
{
#ifndef __hppa__
	if (b == 0)
		raise(SIGFPE);
#endif
	return a / b;
}

static int expect(int got_signal, int want, const char *what, uint32_t round)
{
	if (got_signal != want) {
		printf("sync_faults: WRONG: round %lu %s: got signal %d, expected %d\n", (unsigned long)round, what,
		       got_signal, want);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	uint32_t rounds = micro_size(argc, argv, "sync_faults", 200u, 2000u, 20000u);
	struct sigaction sa;
	volatile int *guard;
	volatile int *volatile null_ptr = 0;
	volatile int zero = 0, big = 0x7ffffff0;
	uint32_t r, live = 0x13579bdu, errors = 0, checksum = 0;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGSEGV, &sa, 0) != 0 || sigaction(SIGFPE, &sa, 0) != 0) {
		printf("sync_faults: sigaction failed\n");
		return 1;
	}
	guard = (volatile int *)mmap(0, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if ((void *)guard == MAP_FAILED) {
		printf("sync_faults: mmap failed\n");
		return 1;
	}

	for (r = 0; r < rounds; r++) {
		int sig;
		live = live * 69069u + r; /* kept in a register across the faults */

		last_signal = 0;
		if ((sig = sigsetjmp(env, 1)) == 0)
			checksum += (uint32_t)guard[r % 1024]; /* read: SIGSEGV */
		errors += expect(sig, SIGSEGV, "read of a PROT_NONE page", r);
		if (sig == SIGSEGV && last_addr != (uintptr_t)&guard[r % 1024]) {
			printf("sync_faults: WRONG: fault address %lx, expected %lx\n", (unsigned long)last_addr,
			       (unsigned long)(uintptr_t)&guard[r % 1024]);
			errors++;
		}

		if ((sig = sigsetjmp(env, 1)) == 0)
			guard[(r * 7) % 1024] = (int)r; /* write: SIGSEGV */
		errors += expect(sig, SIGSEGV, "write to a PROT_NONE page", r);

		if ((sig = sigsetjmp(env, 1)) == 0)
			checksum += (uint32_t)*null_ptr; /* null read: SIGSEGV */
		errors += expect(sig, SIGSEGV, "null pointer read", r);

		if ((sig = sigsetjmp(env, 1)) == 0)
			checksum += (uint32_t)trapping_add(big, 0x20 + (int)(r & 7)); /* overflow: SIGFPE */
		errors += expect(sig, SIGFPE, "add,tsv overflow", r);

		if ((sig = sigsetjmp(env, 1)) == 0)
			checksum += (uint32_t)divide((int)r + 1, zero); /* divide by zero: SIGFPE */
		errors += expect(sig, SIGFPE, "division by zero", r);

		/* The same operations without faults. */
		if ((sig = sigsetjmp(env, 1)) == 0) {
			checksum += (uint32_t)trapping_add((int)r, 1000);
			checksum += (uint32_t)divide((int)r * 7 + 3, 3);
		}
		errors += expect(sig, 0, "non-faulting operations", r);
		checksum = micro_mix(checksum, live);
		if (errors > 5)
			break;
	}
	/* Recompute live and checksum contributions without faults. */
	{
		uint32_t want_live = 0x13579bdu, want_sum = 0;
		for (r = 0; r < rounds; r++) {
			want_live = want_live * 69069u + r;
			want_sum += r + 1000u;
			want_sum += (r * 7u + 3u) / 3u;
			want_sum = micro_mix(want_sum, want_live);
		}
		printf("sync_faults: rounds=%lu segv=%d fpe=%d checksum=%08lx\n", (unsigned long)rounds, (int)segv_count,
		       (int)fpe_count, (unsigned long)checksum);
		if (errors || live != want_live || checksum != want_sum || (uint32_t)segv_count != 3 * rounds ||
		    (uint32_t)fpe_count != 2 * rounds) {
			printf("sync_faults: WRONG (expected segv=%lu fpe=%lu checksum=%08lx)\n", (unsigned long)(3 * rounds),
			       (unsigned long)(2 * rounds), (unsigned long)want_sum);
			return 1;
		}
	}
	return 0;
}
