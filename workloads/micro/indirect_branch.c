/* indirect_branch: a workload dominated by indirect control transfers.
 *
 * Three parts, repeated: (1) a bytecode interpreter whose dispatch is a dense switch (a
 * jump table) over a small stack-machine program; (2) calls through a table of function
 * pointers chosen by data; (3) deep recursion (an Ackermann-like and a tree walk), whose
 * many returns are indirect branches through the return pointer.
 *
 * Usage: indirect_branch [test|train|ref|ROUNDS]. Expected checksums per size come from a
 * host build of this file (gcc -O2 on x86-64; 32-bit unsigned arithmetic only). Exits 0
 * when the checksum matches. */
#include "common.h"

/* ---- (1) switch dispatch ---- */

enum op { PUSH, ADD, SUB, MUL, XOR, DUP, SWAP, DROP, JNZ, DEC, SHL, SHR, AND, OVER, ROT, HALT };

/* Sums a mixed sequence over a counter: n = top; loop { ... ; n-- } while n. */
static const int program[] = {
	PUSH, 0,          /* acc */
	PUSH, 40,         /* counter */
	/* loop: stack = acc n */
	SWAP, OVER,       /* n acc n */
	DUP, PUSH, 3, SHL, XOR, /* n acc (n ^ n<<3) */
	ADD,              /* n acc' */
	DUP, PUSH, 5, SHR, XOR,
	PUSH, 0x7fffffff, AND,
	SWAP,             /* acc n */
	DEC,
	DUP, JNZ, 4,
	DROP,
	HALT,
};

static uint32_t interpret(uint32_t seed)
{
	uint32_t stack[16];
	int sp = 0, pc = 0;
	stack[sp++] = seed;
	for (;;) {
		int op = program[pc++];
		uint32_t a, b;
		switch (op) {
		case PUSH: stack[sp++] = (uint32_t)program[pc++]; break;
		case ADD: b = stack[--sp]; stack[sp - 1] += b; break;
		case SUB: b = stack[--sp]; stack[sp - 1] -= b; break;
		case MUL: b = stack[--sp]; stack[sp - 1] *= b; break;
		case XOR: b = stack[--sp]; stack[sp - 1] ^= b; break;
		case DUP: stack[sp] = stack[sp - 1]; sp++; break;
		case SWAP: a = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = a; break;
		case DROP: sp--; break;
		case JNZ: a = stack[--sp]; if (a) pc = program[pc]; else pc++; break;
		case DEC: stack[sp - 1]--; break;
		case SHL: b = stack[--sp]; stack[sp - 1] <<= b; break;
		case SHR: b = stack[--sp]; stack[sp - 1] >>= b; break;
		case AND: b = stack[--sp]; stack[sp - 1] &= b; break;
		case OVER: stack[sp] = stack[sp - 2]; sp++; break;
		case ROT: a = stack[sp - 3]; stack[sp - 3] = stack[sp - 2]; stack[sp - 2] = stack[sp - 1]; stack[sp - 1] = a; break;
		case HALT: return stack[sp - 1] ^ stack[0];
		default: return 0xdeadu;
		}
	}
}

/* ---- (2) function-pointer calls ---- */

typedef uint32_t (*fn)(uint32_t);
static uint32_t f0(uint32_t x) { return x + 1u; }
static uint32_t f1(uint32_t x) { return x ^ 0x5555u; }
static uint32_t f2(uint32_t x) { return x * 3u; }
static uint32_t f3(uint32_t x) { return x >> 1 | x << 31; }
static uint32_t f4(uint32_t x) { return x - 0x1234u; }
static uint32_t f5(uint32_t x) { return ~x; }
static uint32_t f6(uint32_t x) { return x + (x >> 4); }
static uint32_t f7(uint32_t x) { return x ^ (x << 7); }
static fn volatile table[8] = {f0, f1, f2, f3, f4, f5, f6, f7};

static uint32_t call_chain(uint32_t x, int n)
{
	int i;
	for (i = 0; i < n; i++)
		x = table[(x >> 3) & 7](x);
	return x;
}

/* ---- (3) deep recursion ---- */

static uint32_t calls;

__attribute__((noinline)) static uint32_t ack(uint32_t m, uint32_t n)
{
	calls++;
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

/* Walks an implicit binary tree of the given depth; the recursion returns through every
 * level, alternating left-first and right-first by depth. */
__attribute__((noinline)) static uint32_t walk(uint32_t node, int depth)
{
	uint32_t l, r;
	calls++;
	if (depth == 0)
		return node * 0x9e3779b1u;
	if (depth & 1) {
		l = walk(node * 2, depth - 1);
		r = walk(node * 2 + 1, depth - 1);
	} else {
		r = walk(node * 2 + 1, depth - 1);
		l = walk(node * 2, depth - 1);
	}
	return (l ^ (r >> 1)) + node;
}

/* A single long chain of calls, deeper than any return-stack predictor. */
__attribute__((noinline)) static uint32_t chain(uint32_t n)
{
	calls++;
	return n == 0 ? 7u : chain(n - 1) * 3u + n;
}

struct expect {
	uint32_t rounds, checksum;
};

static const struct expect expected[] = {
	{10u, 0x8f0bf8f3u},   /* test */
	{300u, 0xd4a5fcacu},  /* train */
	{3000u, 0xbe168ebcu}, /* ref */
};

int main(int argc, char **argv)
{
	uint32_t rounds = micro_size(argc, argv, "indirect_branch", 10u, 300u, 3000u);
	uint32_t h = 0, r, interp = 0, ptr = 0, rec = 0;
	for (r = 0; r < rounds; r++) {
		int k;
		for (k = 0; k < 20; k++)
			interp = micro_mix(interp, interpret(r * 20 + (uint32_t)k));
		ptr = micro_mix(ptr, call_chain(r, 2000));
		rec = micro_mix(rec, ack(2, 30 + r % 8));
		rec = micro_mix(rec, walk(r, 9));
		rec = micro_mix(rec, chain(1000 + r % 16));
	}
	h = micro_mix(micro_mix(micro_mix(interp, ptr), rec), calls);
	printf("indirect_branch: rounds=%lu interp=%08lx pointers=%08lx recursion=%08lx calls=%lu checksum=%08lx\n",
	       (unsigned long)rounds, (unsigned long)interp, (unsigned long)ptr, (unsigned long)rec,
	       (unsigned long)calls, (unsigned long)h);
	for (r = 0; r < sizeof(expected) / sizeof(expected[0]); r++)
		if (expected[r].rounds == rounds) {
			if (expected[r].checksum == h)
				return 0;
			printf("indirect_branch: WRONG checksum (expected %08lx)\n", (unsigned long)expected[r].checksum);
			return 1;
		}
	printf("indirect_branch: no recorded checksum for %lu rounds\n", (unsigned long)rounds);
	return 1;
}
