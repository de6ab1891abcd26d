/* Faults and code stores in the middle of a basic block: the simulator runs a block's
 * straight-line words without the instruction queue's bookkeeping between them, and this
 * program checks that nothing of that shows.
 *
 * 1. A load that faults as the third word of a block: the handler's context holds the
 *    load's address in sc_iaoq[0] and its successor in sc_iaoq[1] (the queue is sequential
 *    there), r28 holds what the first word wrote (5) and not what the word after the load
 *    would (6), and the load's target r19 keeps its old value.
 * 2. A store that rewrites a later word of its own block (on an RWX page, no fic between):
 *    the rewritten word is what runs, as dynsim promises (sim/core.h: a store to a page of
 *    predecoded code drops it before the store completes). PA-RISC leaves this undefined
 *    without fic, and qemu-hppa runs the old word (its translated block goes on), so this
 *    part runs under dynsim only: `straight_line store`; `straight_line fault` is part 1.
 *
 * Encodings (hppa-linux-gnu-as, objdump):
 *   stw %r25,8(%r26) = 0x0f591290     ldi K,%r28 = 0x341c0000 | K << 1 (0 <= K < 4096)
 *   bv,n %r0(%r2)    = 0xe840c002 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

#include "rt_out.h"

extern char block_fault[];
int block_load_fn(uintptr_t address);

/* The block: r19 and r28 are caller-saved, so the function may write both. */
__asm__(
	"\t.text\n"
	"\t.align 4\n"
	"\t.globl block_load_fn\n"
	"\t.globl block_fault\n"
	"block_load_fn:\n"
	"\tldi 5,%r28\n"
	"\tldi 77,%r19\n"
	"block_fault:\n"
	"\tldw 0(%r26),%r19\n"
	"\tldi 6,%r28\n"
	"\tbv,n %r0(%r2)\n");

static sigjmp_buf recover;
static volatile unsigned long seen_iaoq0, seen_iaoq1, seen_r28, seen_r19;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = (ucontext_t *)ctx;
	(void)sig;
	(void)si;
	seen_iaoq0 = uc->uc_mcontext.sc_iaoq[0];
	seen_iaoq1 = uc->uc_mcontext.sc_iaoq[1];
	seen_r28 = uc->uc_mcontext.sc_gr[28];
	seen_r19 = uc->uc_mcontext.sc_gr[19];
	siglongjmp(recover, 1);
}

static uint32_t enc_ldi(unsigned k) { return 0x341c0000u | k << 1; }

static void fault_in_block(void)
{
	struct sigaction sa;
	sa.sa_sigaction = on_segv;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, 0);
	if (sigsetjmp(recover, 1) == 0) {
		block_load_fn(16); /* page zero is never mapped */
		out("no fault", 1);
		return;
	}
	out("sc_iaoq[0] is the load", (seen_iaoq0 & ~3UL) == (unsigned long)block_fault);
	out("sc_iaoq[1] is the next word", (seen_iaoq1 & ~3UL) == (unsigned long)block_fault + 4);
	out("r28 before the load", (long)seen_r28);
	out("r19 kept", (long)seen_r19);
}

static void store_into_block(void)
{
	volatile uint32_t *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code == MAP_FAILED) {
		out("mmap failed", 1);
		return;
	}
	code[0] = 0x0f591290u; /* stw %r25,8(%r26): rewrites code[2] */
	code[1] = enc_ldi(1);
	code[2] = enc_ldi(2);
	code[3] = 0xe840c002u; /* bv,n %r0(%r2) */
	for (int i = 0; i < 4; i++)
		__asm__ volatile("fdc 0(%0)\n\tsync\n\tfic 0(%%sr4,%0)\n\tsync" : : "r"(code + i) : "memory");
	int (*fn)(volatile uint32_t *, uint32_t) = (int (*)(volatile uint32_t *, uint32_t))(uintptr_t)code;
	out("first call returns the rewritten word's value", fn(code, enc_ldi(7)));
	out("second call returns it too", fn(code, enc_ldi(9)));
}

int main(int argc, char **argv)
{
	if (argc == 2 && argv[1][0] == 'f')
		fault_in_block();
	else if (argc == 2 && argv[1][0] == 's')
		store_into_block();
	else
		out_str("usage: straight_line fault|store\n");
	return 0;
}
