/* A two-pass assembler for R32, driven by an opcode table, and the program it assembles.
 *
 * Source syntax: one statement per string; "label:" prefixes; "; comment"; registers r0..r31
 * (sp = r2, ra = r1); immediates in decimal or 0x hex. Pseudo-instructions: li (always two
 * words: lui + ori), mv, j, call, ret.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "r32.h"

enum fmt {
	F_N,   /* halt */
	F_R,   /* op rd, rs, rt */
	F_I,   /* op rd, rs, imm */
	F_U,   /* op rd, imm */
	F_M,   /* op rd, imm(rs) */
	F_B,   /* op ra, rb, label */
	F_J,   /* op rd, label */
	F_JR,  /* op rd, rs, imm */
	F_S,   /* op rs, imm */
	F_LI,  /* li rd, imm32 */
	F_MV,  /* mv rd, rs */
	F_JMP, /* j label */
	F_CALL,
	F_RET,
};

static const struct {
	const char *name;
	int op;
	enum fmt fmt;
} optab[] = {
	{"halt", OP_HALT, F_N}, {"add", OP_ADD, F_R}, {"sub", OP_SUB, F_R},
	{"and", OP_AND, F_R}, {"or", OP_OR, F_R}, {"xor", OP_XOR, F_R},
	{"sll", OP_SLL, F_R}, {"srl", OP_SRL, F_R}, {"sra", OP_SRA, F_R},
	{"mul", OP_MUL, F_R}, {"divu", OP_DIVU, F_R}, {"remu", OP_REMU, F_R},
	{"slt", OP_SLT, F_R}, {"sltu", OP_SLTU, F_R}, {"addi", OP_ADDI, F_I},
	{"andi", OP_ANDI, F_I}, {"ori", OP_ORI, F_I}, {"xori", OP_XORI, F_I},
	{"slli", OP_SLLI, F_I}, {"srli", OP_SRLI, F_I}, {"srai", OP_SRAI, F_I},
	{"slti", OP_SLTI, F_I}, {"lui", OP_LUI, F_U}, {"ldw", OP_LDW, F_M},
	{"stw", OP_STW, F_M}, {"ldb", OP_LDB, F_M}, {"stb", OP_STB, F_M},
	{"beq", OP_BEQ, F_B}, {"bne", OP_BNE, F_B}, {"blt", OP_BLT, F_B},
	{"bge", OP_BGE, F_B}, {"bltu", OP_BLTU, F_B}, {"bgeu", OP_BGEU, F_B},
	{"jal", OP_JAL, F_J}, {"jalr", OP_JALR, F_JR}, {"sys", OP_SYS, F_S},
	{"li", -1, F_LI}, {"mv", OP_ADDI, F_MV}, {"j", OP_JAL, F_JMP},
	{"call", OP_JAL, F_CALL}, {"ret", OP_JALR, F_RET},
};

/* The simulated program: runs the four kernels params.reps times, reporting with sys. */
static const char *const program[] = {
	"        li   r16, 0x8000        ; parameter block",
	"        ldw  r20, 12(r16)       ; repetitions",
	"        call mktab",
	"main_loop:",
	"        ldw  r3, 0(r16)",
	"        call sieve",
	"        sys  r3, 1",
	"        ldw  r3, 4(r16)",
	"        ldw  r4, 16(r16)",
	"        add  r4, r4, r20",
	"        call fill",
	"        li   r3, 0x20000",
	"        ldw  r4, 4(r16)",
	"        slli r4, r4, 2",
	"        add  r4, r3, r4",
	"        addi r4, r4, -4",
	"        call qsort",
	"        ldw  r3, 4(r16)",
	"        call check",
	"        ldw  r3, 8(r16)",
	"        call fib",
	"        sys  r3, 1",
	"        ldw  r3, 0(r16)",
	"        call crc",
	"        sys  r3, 1",
	"        addi r20, r20, -1",
	"        bne  r20, r0, main_loop",
	"        halt",
	/* sieve(r3 = n) -> r3 = number of primes below n; flags at 0x10000 */
	"sieve:  li   r8, 0x10000",
	"        addi r9, r0, 0",
	"        addi r10, r0, 1",
	"s_init: bgeu r9, r3, s_initd",
	"        add  r11, r8, r9",
	"        stb  r10, 0(r11)",
	"        addi r9, r9, 1",
	"        j    s_init",
	"s_initd: addi r9, r0, 2",
	"s_outer: mul r11, r9, r9",
	"        bgeu r11, r3, s_count",
	"        add  r12, r8, r9",
	"        ldb  r12, 0(r12)",
	"        beq  r12, r0, s_next",
	"s_inner: bgeu r11, r3, s_next",
	"        add  r12, r8, r11",
	"        stb  r0, 0(r12)",
	"        add  r11, r11, r9",
	"        j    s_inner",
	"s_next: addi r9, r9, 1",
	"        j    s_outer",
	"s_count: addi r9, r0, 2",
	"        addi r13, r0, 0",
	"s_cl:   bgeu r9, r3, s_done",
	"        add  r12, r8, r9",
	"        ldb  r12, 0(r12)",
	"        add  r13, r13, r12",
	"        addi r9, r9, 1",
	"        j    s_cl",
	"s_done: mv   r3, r13",
	"        ret",
	/* fill(r3 = n, r4 = seed): n pseudo-random words at 0x20000 */
	"fill:   li   r8, 0x20000",
	"        li   r9, 1103515245",
	"        mv   r10, r4",
	"f_loop: beq  r3, r0, f_done",
	"        mul  r10, r10, r9",
	"        addi r10, r10, 12345",
	"        srli r11, r10, 3",
	"        stw  r11, 0(r8)",
	"        addi r8, r8, 4",
	"        addi r3, r3, -1",
	"        j    f_loop",
	"f_done: ret",
	/* qsort(r3 = &first, r4 = &last): recursive quicksort, unsigned, last element pivot */
	"qsort:  bgeu r3, r4, q_leaf",
	"        addi sp, sp, -12",
	"        stw  ra, 0(sp)",
	"        stw  r16, 4(sp)",
	"        stw  r17, 8(sp)",
	"        ldw  r8, 0(r4)",
	"        mv   r9, r3",
	"        mv   r10, r3",
	"q_part: bgeu r10, r4, q_pdone",
	"        ldw  r11, 0(r10)",
	"        bgeu r11, r8, q_pnext",
	"        ldw  r12, 0(r9)",
	"        stw  r11, 0(r9)",
	"        stw  r12, 0(r10)",
	"        addi r9, r9, 4",
	"q_pnext: addi r10, r10, 4",
	"        j    q_part",
	"q_pdone: ldw r12, 0(r9)",
	"        stw  r8, 0(r9)",
	"        stw  r12, 0(r4)",
	"        mv   r16, r9",
	"        mv   r17, r4",
	"        addi r4, r9, -4",
	"        call qsort",
	"        addi r3, r16, 4",
	"        mv   r4, r17",
	"        call qsort",
	"        ldw  ra, 0(sp)",
	"        ldw  r16, 4(sp)",
	"        ldw  r17, 8(sp)",
	"        addi sp, sp, 12",
	"q_leaf: ret",
	/* check(r3 = n): outputs a rolling hash of the array and the count of descents */
	"check:  li   r8, 0x20000",
	"        addi r9, r0, 0",
	"        addi r10, r0, 0",
	"        addi r11, r0, 0",
	"k_loop: beq  r3, r0, k_done",
	"        ldw  r13, 0(r8)",
	"        bgeu r13, r11, k_ok",
	"        addi r10, r10, 1",
	"k_ok:   mv   r11, r13",
	"        slli r14, r9, 5",
	"        sub  r14, r14, r9",
	"        add  r9, r14, r13",
	"        addi r8, r8, 4",
	"        addi r3, r3, -1",
	"        j    k_loop",
	"k_done: sys  r9, 1",
	"        sys  r10, 1",
	"        ret",
	/* fib(r3 = n) -> r3, doubly recursive */
	"fib:    slti r8, r3, 2",
	"        beq  r8, r0, fib_rec",
	"        ret",
	"fib_rec: addi sp, sp, -12",
	"        stw  ra, 0(sp)",
	"        stw  r16, 4(sp)",
	"        stw  r17, 8(sp)",
	"        mv   r16, r3",
	"        addi r3, r16, -1",
	"        call fib",
	"        mv   r17, r3",
	"        addi r3, r16, -2",
	"        call fib",
	"        add  r3, r3, r17",
	"        ldw  ra, 0(sp)",
	"        ldw  r16, 4(sp)",
	"        ldw  r17, 8(sp)",
	"        addi sp, sp, 12",
	"        ret",
	/* mktab: the CRC-32 table (reflected polynomial) at 0x30000, bit by bit */
	"mktab:  li   r8, 0x30000",
	"        li   r9, 0xEDB88320",
	"        addi r10, r0, 0",
	"        addi r14, r0, 256",
	"t_loop: bgeu r10, r14, t_done",
	"        mv   r11, r10",
	"        addi r12, r0, 8",
	"t_bit:  andi r13, r11, 1",
	"        srli r11, r11, 1",
	"        beq  r13, r0, t_nox",
	"        xor  r11, r11, r9",
	"t_nox:  addi r12, r12, -1",
	"        bne  r12, r0, t_bit",
	"        slli r13, r10, 2",
	"        add  r13, r8, r13",
	"        stw  r11, 0(r13)",
	"        addi r10, r10, 1",
	"        j    t_loop",
	"t_done: ret",
	/* crc(r3 = n) -> r3 = CRC-32 of the n sieve bytes at 0x10000 */
	"crc:    li   r8, 0x10000",
	"        li   r9, 0x30000",
	"        addi r10, r0, -1",
	"c_loop: beq  r3, r0, c_done",
	"        ldb  r11, 0(r8)",
	"        xor  r11, r11, r10",
	"        andi r11, r11, 255",
	"        slli r11, r11, 2",
	"        add  r11, r9, r11",
	"        ldw  r11, 0(r11)",
	"        srli r10, r10, 8",
	"        xor  r10, r10, r11",
	"        addi r8, r8, 1",
	"        addi r3, r3, -1",
	"        j    c_loop",
	"c_done: addi r11, r0, -1",
	"        xor  r3, r10, r11",
	"        ret",
};
#define NLINES (sizeof program / sizeof program[0])

#define MAXLABELS 128

struct assembler {
	int pass;
	uint32_t pc;
	int line;
	int nlabels;
	char names[MAXLABELS][16];
	uint32_t addrs[MAXLABELS];
	const char *p; /* cursor in the current statement */
};

static void asm_error(struct assembler *a, const char *what)
{
	fprintf(stderr, "m88ksim: assembler error at line %d (%s): %s\n", a->line + 1,
		program[a->line], what);
	exit(1);
}

static void skip_space(struct assembler *a)
{
	while (*a->p == ' ' || *a->p == '\t')
		a->p++;
}

static int is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Reads an identifier into buf (at most 15 characters); returns its length. */
static int ident(struct assembler *a, char *buf)
{
	int n = 0;
	skip_space(a);
	while (is_ident(*a->p)) {
		if (n < 15)
			buf[n++] = *a->p;
		a->p++;
	}
	buf[n] = 0;
	return n;
}

static void expect(struct assembler *a, char c)
{
	skip_space(a);
	if (*a->p != c) {
		char msg[32];
		snprintf(msg, sizeof msg, "expected '%c'", c);
		asm_error(a, msg);
	}
	a->p++;
}

static int reg(struct assembler *a)
{
	char buf[16];
	ident(a, buf);
	if (strcmp(buf, "sp") == 0)
		return 2;
	if (strcmp(buf, "ra") == 0)
		return 1;
	if (buf[0] != 'r' || !buf[1])
		asm_error(a, "expected a register");
	int n = atoi(buf + 1);
	if (n < 0 || n > 31)
		asm_error(a, "register out of range");
	return n;
}

static uint32_t imm(struct assembler *a)
{
	skip_space(a);
	char *end;
	/* strtol for negative numbers, strtoul for the rest: 32-bit hex constants must work
	 * where long is 32 bits (the guest) as well as 64 (the host). */
	uint32_t v = *a->p == '-' ? (uint32_t)strtol(a->p, &end, 0) : (uint32_t)strtoul(a->p, &end, 0);
	if (end == a->p)
		asm_error(a, "expected a number");
	a->p = end;
	return v;
}

static uint32_t label_addr(struct assembler *a)
{
	char buf[16];
	if (!ident(a, buf))
		asm_error(a, "expected a label");
	for (int i = 0; i < a->nlabels; i++)
		if (strcmp(a->names[i], buf) == 0)
			return a->addrs[i];
	if (a->pass == 2)
		asm_error(a, "undefined label");
	return a->pc;
}

static void emit(struct assembler *a, uint32_t w)
{
	if (a->pc >= R32_CODE_END)
		asm_error(a, "program too large");
	if (a->pass == 2)
		r32_poke(a->pc, w);
	a->pc += 4;
}

static uint32_t enc(int op, int rd, int rs, int rt, uint32_t imm16)
{
	return (uint32_t)op << 26 | (uint32_t)rd << 21 | (uint32_t)rs << 16 | (uint32_t)rt << 11 |
	       (imm16 & 0xffff);
}

static uint32_t branch_offset(struct assembler *a, uint32_t target, int bits)
{
	int32_t off = ((int32_t)target - (int32_t)(a->pc + 4)) / 4;
	if (off >= (1 << (bits - 1)) || off < -(1 << (bits - 1)))
		asm_error(a, "branch out of range");
	return (uint32_t)off & ((1u << bits) - 1);
}

static void statement(struct assembler *a)
{
	char name[16];
	skip_space(a);
	if (!*a->p || *a->p == ';')
		return;
	ident(a, name);
	skip_space(a);
	if (*a->p == ':') { /* a label */
		a->p++;
		if (a->pass == 1) {
			if (a->nlabels == MAXLABELS)
				asm_error(a, "too many labels");
			strcpy(a->names[a->nlabels], name);
			a->addrs[a->nlabels++] = a->pc;
		}
		statement(a);
		return;
	}
	int k = -1;
	for (unsigned i = 0; i < sizeof optab / sizeof optab[0]; i++)
		if (strcmp(optab[i].name, name) == 0)
			k = (int)i;
	if (k < 0)
		asm_error(a, "unknown mnemonic");
	int op = optab[k].op, rd, rs, rt;
	uint32_t v;
	switch (optab[k].fmt) {
	case F_N: emit(a, enc(op, 0, 0, 0, 0)); break;
	case F_R:
		rd = reg(a); expect(a, ','); rs = reg(a); expect(a, ','); rt = reg(a);
		emit(a, enc(op, rd, rs, rt, 0));
		break;
	case F_I:
	case F_JR:
		rd = reg(a); expect(a, ','); rs = reg(a); expect(a, ','); v = imm(a);
		emit(a, enc(op, rd, rs, 0, v));
		break;
	case F_U:
		rd = reg(a); expect(a, ','); v = imm(a);
		emit(a, enc(op, rd, 0, 0, v));
		break;
	case F_M:
		rd = reg(a); expect(a, ','); v = imm(a); expect(a, '('); rs = reg(a); expect(a, ')');
		emit(a, enc(op, rd, rs, 0, v));
		break;
	case F_B:
		rd = reg(a); expect(a, ','); rs = reg(a); expect(a, ',');
		v = label_addr(a);
		emit(a, enc(op, rd, rs, 0, branch_offset(a, v, 16)));
		break;
	case F_J:
	case F_JMP:
	case F_CALL:
		rd = optab[k].fmt == F_J ? reg(a) : optab[k].fmt == F_CALL ? 1 : 0;
		if (optab[k].fmt == F_J)
			expect(a, ',');
		v = label_addr(a);
		emit(a, (uint32_t)op << 26 | (uint32_t)rd << 21 | branch_offset(a, v, 21));
		break;
	case F_S:
		rs = reg(a); expect(a, ','); v = imm(a);
		emit(a, enc(op, 0, rs, 0, v));
		break;
	case F_LI:
		rd = reg(a); expect(a, ','); v = imm(a);
		emit(a, enc(OP_LUI, rd, 0, 0, v >> 16));
		emit(a, enc(OP_ORI, rd, rd, 0, v & 0xffff));
		break;
	case F_MV:
		rd = reg(a); expect(a, ','); rs = reg(a);
		emit(a, enc(op, rd, rs, 0, 0));
		break;
	case F_RET: emit(a, enc(op, 0, 1, 0, 0)); break;
	}
	skip_space(a);
	if (*a->p && *a->p != ';')
		asm_error(a, "junk after the operands");
}

uint32_t r32_assemble_program(void)
{
	static struct assembler a;
	memset(&a, 0, sizeof a);
	for (a.pass = 1; a.pass <= 2; a.pass++) {
		a.pc = R32_CODE_START;
		for (a.line = 0; a.line < (int)NLINES; a.line++) {
			a.p = program[a.line];
			statement(&a);
		}
	}
	return (a.pc - R32_CODE_START) / 4;
}

void r32_load_params(const struct r32_params *p)
{
	r32_poke(R32_PARAMS + 0, p->sieve_n);
	r32_poke(R32_PARAMS + 4, p->sort_n);
	r32_poke(R32_PARAMS + 8, p->fib_k);
	r32_poke(R32_PARAMS + 12, p->reps);
	r32_poke(R32_PARAMS + 16, p->seed);
}
