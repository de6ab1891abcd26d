/* m88ksim: an instruction-set simulator of a small 32-bit RISC machine ("R32") running a
 * program written in its machine code.
 *
 * Modeled on SPECint95 124.m88ksim (a Motorola 88100 simulator): the hot code is a
 * fetch / decode / dispatch loop whose `switch` on the opcode compiles to an indirect jump
 * through a table, plus a small pipeline timing model (load-use interlocks, multiply and
 * divide latencies, taken-branch bubbles) like m88ksim's scoreboard. The simulated program
 * (assembled at start-up by a two-pass assembler driven by an opcode table, see asm.c) runs
 * four kernels in turn - a sieve, a pseudo-random fill plus recursive quicksort plus sorted
 * check, a recursive Fibonacci, and a table-driven CRC-32 - so the simulator's own hot paths
 * shift between phases, as m88ksim's do.
 *
 * Usage: m88ksim [test|train|ref]. Prints the simulated program's outputs folded into a
 * checksum, with instruction and cycle counts, and exits 0 only if they match the values
 * expected for the size.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "r32.h"
#include "size_arg.h"

uint8_t r32_mem[R32_MEMSIZE];

/* Big-endian memory, composed byte by byte so the host's byte order never matters. */
static inline uint32_t load32(uint32_t a)
{
	const uint8_t *p = &r32_mem[a];
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void store32(uint32_t a, uint32_t v)
{
	uint8_t *p = &r32_mem[a];
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

void r32_poke(uint32_t a, uint32_t v)
{
	store32(a, v);
}

struct cpu {
	uint32_t r[32];
	uint32_t pc;
	uint32_t insts;     /* retired instructions */
	uint32_t cycles;    /* timing-model cycles */
	uint32_t stalls;    /* of which interlock stalls */
	int pending_reg;    /* destination of an in-flight long-latency op, or -1 */
	uint32_t ready_at;  /* cycle when pending_reg becomes available */
	uint32_t out_sum;   /* checksum of the program's SYS output */
	uint32_t out_count;
	uint32_t last_out[8];
	uint32_t op_count[64];
};

/* Stall until a source register produced by a load, multiply or divide is available. */
static inline void interlock(struct cpu *c, int reg)
{
	if (reg == c->pending_reg && c->cycles < c->ready_at) {
		c->stalls += c->ready_at - c->cycles;
		c->cycles = c->ready_at;
	}
}

static inline void produce(struct cpu *c, int reg, uint32_t latency)
{
	c->pending_reg = reg;
	c->ready_at = c->cycles + latency;
}

enum { RUN_HALT = 0, RUN_FAULT = 1, RUN_LIMIT = 2 };

/* Runs until HALT, a fault, or max_insts instructions. */
static int run(struct cpu *c, uint32_t max_insts)
{
	uint32_t *r = c->r;
	for (;;) {
		if (c->insts >= max_insts)
			return RUN_LIMIT;
		uint32_t pc = c->pc;
		if ((pc & 3) || pc >= R32_CODE_END)
			return RUN_FAULT;
		uint32_t w = load32(pc);
		uint32_t op = w >> 26;
		int rd = (int)((w >> 21) & 31);
		int rs = (int)((w >> 16) & 31);
		int rt = (int)((w >> 11) & 31);
		uint32_t uimm = w & 0xffff;
		int32_t simm = (int32_t)(int16_t)uimm;
		uint32_t npc = pc + 4;
		c->insts++;
		c->cycles++;
		c->op_count[op]++;
		switch (op) {
		case OP_HALT:
			return RUN_HALT;
		/* register-register ALU */
		case OP_ADD: interlock(c, rs); interlock(c, rt); r[rd] = r[rs] + r[rt]; break;
		case OP_SUB: interlock(c, rs); interlock(c, rt); r[rd] = r[rs] - r[rt]; break;
		case OP_AND: interlock(c, rs); interlock(c, rt); r[rd] = r[rs] & r[rt]; break;
		case OP_OR: interlock(c, rs); interlock(c, rt); r[rd] = r[rs] | r[rt]; break;
		case OP_XOR: interlock(c, rs); interlock(c, rt); r[rd] = r[rs] ^ r[rt]; break;
		case OP_SLL: interlock(c, rs); interlock(c, rt); r[rd] = r[rs] << (r[rt] & 31); break;
		case OP_SRL: interlock(c, rs); interlock(c, rt); r[rd] = r[rs] >> (r[rt] & 31); break;
		case OP_SRA:
			interlock(c, rs);
			interlock(c, rt);
			r[rd] = (uint32_t)((int32_t)r[rs] >> (r[rt] & 31));
			break;
		case OP_MUL:
			interlock(c, rs);
			interlock(c, rt);
			r[rd] = r[rs] * r[rt];
			produce(c, rd, 3);
			break;
		case OP_DIVU:
		case OP_REMU:
			interlock(c, rs);
			interlock(c, rt);
			if (r[rt] == 0)
				return RUN_FAULT; /* divide trap */
			r[rd] = op == OP_DIVU ? r[rs] / r[rt] : r[rs] % r[rt];
			produce(c, rd, 12);
			break;
		case OP_SLT: interlock(c, rs); interlock(c, rt); r[rd] = (int32_t)r[rs] < (int32_t)r[rt]; break;
		case OP_SLTU: interlock(c, rs); interlock(c, rt); r[rd] = r[rs] < r[rt]; break;
		/* register-immediate ALU */
		case OP_ADDI: interlock(c, rs); r[rd] = r[rs] + (uint32_t)simm; break;
		case OP_ANDI: interlock(c, rs); r[rd] = r[rs] & uimm; break;
		case OP_ORI: interlock(c, rs); r[rd] = r[rs] | uimm; break;
		case OP_XORI: interlock(c, rs); r[rd] = r[rs] ^ uimm; break;
		case OP_SLLI: interlock(c, rs); r[rd] = r[rs] << (uimm & 31); break;
		case OP_SRLI: interlock(c, rs); r[rd] = r[rs] >> (uimm & 31); break;
		case OP_SRAI: interlock(c, rs); r[rd] = (uint32_t)((int32_t)r[rs] >> (uimm & 31)); break;
		case OP_SLTI: interlock(c, rs); r[rd] = (int32_t)r[rs] < simm; break;
		case OP_LUI: r[rd] = uimm << 16; break;
		/* memory */
		case OP_LDW: {
			interlock(c, rs);
			uint32_t a = r[rs] + (uint32_t)simm;
			if ((a & 3) || a < R32_DATA_START || a > R32_MEMSIZE - 4)
				return RUN_FAULT;
			r[rd] = load32(a);
			produce(c, rd, 2);
			break;
		}
		case OP_LDB: {
			interlock(c, rs);
			uint32_t a = r[rs] + (uint32_t)simm;
			if (a < R32_DATA_START || a >= R32_MEMSIZE)
				return RUN_FAULT;
			r[rd] = r32_mem[a];
			produce(c, rd, 2);
			break;
		}
		case OP_STW: {
			interlock(c, rs);
			interlock(c, rd);
			uint32_t a = r[rs] + (uint32_t)simm;
			if ((a & 3) || a < R32_DATA_START || a > R32_MEMSIZE - 4)
				return RUN_FAULT;
			store32(a, r[rd]);
			break;
		}
		case OP_STB: {
			interlock(c, rs);
			interlock(c, rd);
			uint32_t a = r[rs] + (uint32_t)simm;
			if (a < R32_DATA_START || a >= R32_MEMSIZE)
				return RUN_FAULT;
			r32_mem[a] = (uint8_t)r[rd];
			break;
		}
		/* conditional branches: compare rd with rs, word offset from the next pc */
		case OP_BEQ:
		case OP_BNE:
		case OP_BLT:
		case OP_BGE:
		case OP_BLTU:
		case OP_BGEU: {
			interlock(c, rd);
			interlock(c, rs);
			uint32_t a = r[rd], b = r[rs];
			int taken;
			switch (op) {
			case OP_BEQ: taken = a == b; break;
			case OP_BNE: taken = a != b; break;
			case OP_BLT: taken = (int32_t)a < (int32_t)b; break;
			case OP_BGE: taken = (int32_t)a >= (int32_t)b; break;
			case OP_BLTU: taken = a < b; break;
			default: taken = a >= b; break;
			}
			if (taken) {
				npc = pc + 4 + ((uint32_t)simm << 2);
				c->cycles++; /* taken-branch bubble */
			}
			break;
		}
		case OP_JAL: {
			/* 21-bit signed word offset */
			int32_t off = (int32_t)(w << 11) >> 11;
			r[rd] = pc + 4;
			npc = pc + 4 + ((uint32_t)off << 2);
			c->cycles++;
			break;
		}
		case OP_JALR: {
			interlock(c, rs);
			uint32_t target = r[rs] + (uint32_t)simm;
			r[rd] = pc + 4;
			npc = target;
			c->cycles += 2; /* register-indirect: no target until execute */
			break;
		}
		case OP_SYS:
			interlock(c, rs);
			if (uimm == SYS_OUT) {
				uint32_t v = r[rs];
				c->out_sum = (c->out_sum ^ v) * 16777619u;
				c->last_out[c->out_count & 7] = v;
				c->out_count++;
			} else {
				return RUN_FAULT;
			}
			break;
		default:
			return RUN_FAULT; /* illegal instruction */
		}
		r[0] = 0;
		c->pc = npc;
	}
}

struct size {
	const char *name;
	struct r32_params p;
	uint32_t expect_sum; /* checksum printed by an independent host build (x86-64 gcc -O2) */
};

/* Expected values: this same source built for the host (//workloads/m88ksim:m88ksim_host,
 * x86-64 gcc) and run at each size; the PA-RISC guest builds must agree. */
static const struct size sizes[] = {
	{"test", {1000, 120, 10, 1, 12345}, 0x89ecb6cfu},
	{"train", {20000, 2000, 16, 4, 777}, 0x71d844d7u},
	{"ref", {50000, 5000, 20, 4, 4242}, 0x8309c0acu},
};

int main(int argc, char **argv)
{
	const struct size *sz = WORKLOAD_SIZE(sizes, argc, argv, "m88ksim");
	memset(r32_mem, 0, sizeof r32_mem);
	uint32_t code_words = r32_assemble_program();
	r32_load_params(&sz->p);

	static struct cpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.pc = R32_CODE_START;
	cpu.r[R32_SP] = R32_STACK_TOP;
	cpu.pending_reg = -1;
	int status = run(&cpu, 2000000000u);

	uint32_t sum = cpu.out_sum;
	sum = (sum ^ cpu.insts) * 16777619u;
	sum = (sum ^ cpu.cycles) * 16777619u;
	printf("m88ksim %s: %u words of code, %u outputs, last %u %u %u %u\n", sz->name,
	       (unsigned)code_words, (unsigned)cpu.out_count, (unsigned)cpu.last_out[0],
	       (unsigned)cpu.last_out[1], (unsigned)cpu.last_out[2], (unsigned)cpu.last_out[3]);
	printf("simulated: %u instructions, %u cycles (%u stall), %u loads, %u branches taken+not\n",
	       (unsigned)cpu.insts, (unsigned)cpu.cycles, (unsigned)cpu.stalls,
	       (unsigned)(cpu.op_count[OP_LDW] + cpu.op_count[OP_LDB]),
	       (unsigned)(cpu.op_count[OP_BEQ] + cpu.op_count[OP_BNE] + cpu.op_count[OP_BLT] +
			  cpu.op_count[OP_BGE] + cpu.op_count[OP_BLTU] + cpu.op_count[OP_BGEU]));
	printf("m88ksim %s: checksum %08x\n", sz->name, (unsigned)sum);
	int ok = status == RUN_HALT;
	if (!ok)
		printf("simulation stopped abnormally (%s) at pc %08x\n",
		       status == RUN_FAULT ? "fault" : "instruction limit", (unsigned)cpu.pc);
	if (sum != sz->expect_sum) {
		printf("checksum MISMATCH: expected %08x\n", (unsigned)sz->expect_sum);
		ok = 0;
	}
	printf("%s\n", ok ? "OK" : "FAILED");
	return ok ? 0 : 1;
}
