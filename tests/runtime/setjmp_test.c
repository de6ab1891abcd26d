/* setjmp/longjmp/sigsetjmp: non-local returns across call levels, the value rules
 * (longjmp(env, 0) makes setjmp return 1), exact restoration of the PA-RISC 32-bit
 * callee-saved registers (r3-r18, fr12-fr21, sp, dp), and the signal-mask rules
 * (sigsetjmp(env, 1) saves the mask and siglongjmp restores it; setjmp and
 * sigsetjmp(env, 0) leave it alone). */
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include "rt_out.h"

static jmp_buf env;
static int depth_reached;

static void __attribute__((noinline)) level3(int v)
{
	depth_reached = 3;
	longjmp(env, v);
}

static void __attribute__((noinline)) level2(int v)
{
	depth_reached = 2;
	level3(v + 1);
	out_str("not reached 2\n");
}

static void __attribute__((noinline)) level1(int v)
{
	depth_reached = 1;
	level2(v + 1);
	out_str("not reached 1\n");
}

static void test_levels(void)
{
	volatile int rounds = 0;
	int r = setjmp(env);
	/* 1st return 0; then longjmp values 40+2 from level3, then 0 -> 1. */
	out("setjmp returned", r);
	rounds++;
	if (rounds == 1)
		level1(40);
	else if (rounds == 2)
		longjmp(env, 0);
	out("rounds", rounds);
	out("depth", depth_reached);
}

/* Register preservation, checked at the machine level by setjmp_regs.S: known values
 * go into every callee-saved register, setjmp is called, all of them are overwritten,
 * longjmp(reg_env, 9), and what the registers hold after the second return lands here. */
const double fr_in[10] = {12.5, 13.5, 14.5, 15.5, 16.5, 17.5, 18.5, 19.5, 20.5, 21.5};
const double fr_junk[10] = {-1, -2, -3, -4, -5, -6, -7, -8, -9, -10};
unsigned long gr_out[16];
double fr_out[10];
unsigned long sp_before, sp_after, dp_before, dp_after;
int setjmp_value;
jmp_buf reg_env;
void check_registers(void);

static void test_registers(void)
{
	check_registers();
	int gr_ok = 0;
	for (int i = 0; i < 16; i++)
		gr_ok += gr_out[i] == (unsigned long)(i + 3) * 0x01010101UL;
	/* Compared as bits: the guest ISA subset has FP loads and stores, not FP arithmetic. */
	int fr_ok = 0;
	for (int i = 0; i < 10; i++)
		fr_ok += memcmp(&fr_out[i], &fr_in[i], sizeof(double)) == 0;
	out("general registers preserved (of 16)", gr_ok);
	out("fp registers preserved (of 10)", fr_ok);
	out("setjmp value", setjmp_value);
	out("sp restored", sp_after == sp_before);
	out("dp restored", dp_after == dp_before);
}

/* C-level view: `register` locals not modified after setjmp keep their values. The double
 * is built from bits (no FP arithmetic in the guest subset) and read back as bits. */
union double_bits {
	double d;
	unsigned long long u;
};

static void test_locals(int seed)
{
	register int a = seed * 3, b = seed * 5, c = seed * 7;
	union double_bits in = {.u = 0x4000000000000000ULL + (unsigned)seed};
	register double d = in.d;
	volatile int changed = 1;
	if (setjmp(env) == 0) {
		changed = 2;
		level1(0);
	}
	out("locals a+b+c", a + b + c);
	union double_bits back = {.d = d};
	out("local double bits - 2.0", (long)(back.u - 0x4000000000000000ULL));
	out("volatile changed", changed);
}

static int usr1_blocked(void)
{
	sigset_t cur;
	sigprocmask(SIG_BLOCK, 0, &cur);
	return sigismember(&cur, SIGUSR1);
}

static void block_usr1(void)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, 0);
}

static void unblock_usr1(void)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &s, 0);
}

static void test_masks(void)
{
	sigjmp_buf senv;
	/* savemask = 1: the mask at sigsetjmp (SIGUSR1 unblocked) comes back. */
	if (sigsetjmp(senv, 1) == 0) {
		block_usr1();
		out("sigsetjmp(1): blocked before jump", usr1_blocked());
		siglongjmp(senv, 1);
	}
	out("sigsetjmp(1): blocked after jump", usr1_blocked());

	/* savemask = 0: the mask is left as it is at the jump. */
	if (sigsetjmp(senv, 0) == 0) {
		block_usr1();
		siglongjmp(senv, 1);
	}
	out("sigsetjmp(0): blocked after jump", usr1_blocked());
	unblock_usr1();

	/* setjmp does not save the mask either (glibc's choice too). */
	if (setjmp(env) == 0) {
		block_usr1();
		longjmp(env, 1);
	}
	out("setjmp: blocked after jump", usr1_blocked());
	unblock_usr1();

	/* A mask saved with SIGUSR1 blocked is restored as blocked. */
	block_usr1();
	if (sigsetjmp(senv, 1) == 0) {
		unblock_usr1();
		siglongjmp(senv, 5);
	}
	out("sigsetjmp(1) saved blocked: blocked after jump", usr1_blocked());
	unblock_usr1();
}

int main(int argc, char **argv)
{
	(void)argv;
	test_levels();
	test_registers();
	test_locals(argc + 1);
	test_masks();
	return 0;
}
