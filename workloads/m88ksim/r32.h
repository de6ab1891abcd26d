/* R32: the small 32-bit RISC machine that m88ksim simulates.
 *
 * Encoding (big-endian words): op[31:26] rd[25:21] rs[20:16] rt[15:11] | imm16[15:0];
 * JAL: op rd off21 (signed word offset from pc+4). Branches compare rd with rs and take a
 * signed 16-bit word offset from pc+4. r0 reads as zero.
 */
#ifndef M88KSIM_R32_H
#define M88KSIM_R32_H

#include <stdint.h>

enum r32_op {
	OP_HALT = 0,
	OP_ADD = 1, OP_SUB, OP_AND, OP_OR, OP_XOR, OP_SLL, OP_SRL, OP_SRA, OP_MUL, OP_DIVU,
	OP_REMU, OP_SLT, OP_SLTU,
	OP_ADDI = 16, OP_ANDI, OP_ORI, OP_XORI, OP_SLLI, OP_SRLI, OP_SRAI, OP_SLTI, OP_LUI,
	OP_LDW = 32, OP_STW, OP_LDB, OP_STB,
	OP_BEQ = 40, OP_BNE, OP_BLT, OP_BGE, OP_BLTU, OP_BGEU,
	OP_JAL = 48, OP_JALR,
	OP_SYS = 56,
};

#define SYS_OUT 1 /* sys rs, 1: append r[rs] to the program's output */

/* Memory map of the simulated machine. */
#define R32_MEMSIZE 0x40000u
#define R32_CODE_START 0x0u
#define R32_CODE_END 0x8000u   /* instructions are fetched below this */
#define R32_DATA_START 0x8000u /* loads and stores go at or above this */
#define R32_PARAMS 0x8000u     /* the parameter block below */
#define R32_STACK_TOP 0x3fff0u
#define R32_SP 2

/* The workload's parameters, stored as words at R32_PARAMS for the simulated program. */
struct r32_params {
	uint32_t sieve_n; /* sieve bytes (< 65536) */
	uint32_t sort_n;  /* words to sort (<= 8192) */
	uint32_t fib_k;   /* recursive fib argument */
	uint32_t reps;    /* times the four kernels run */
	uint32_t seed;    /* fill seed (plus the repetition number) */
};

extern uint8_t r32_mem[R32_MEMSIZE];
void r32_poke(uint32_t addr, uint32_t value);

/* Assembles the built-in program into r32_mem at R32_CODE_START; returns its word count
 * (exits with a message if the source has an error). */
uint32_t r32_assemble_program(void);
void r32_load_params(const struct r32_params *p);

#endif
