/* ADDB and ADDIB with every word condition of the PA-RISC 2.0 table "Add and Branch
 * Conditions": c = 0..4 with f = 0 (never, =, <, <=, NUV) and f = 1 (TR, <>, >=, >, UV).
 * Each instruction (as GNU as assembled it, addb_forms.S) runs from a fresh code page on
 * six operand pairs chosen to separate the conditions: a zero sum without and with a
 * carry, a plain sum, a signed overflow that looks negative, a negative sum with a carry,
 * and an overflow to zero. For each one the program prints the sum the instruction wrote
 * and whether it branched; the expected lines follow from the manual's definitions.
 * c = 5..7 are the doubleword conditions (*=, *<, *<=), which test the 64-bit sum; the
 * simulator models narrow-mode registers only and treats them as illegal (docs/isa.md). */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

typedef unsigned long long (*thunk)(uint32_t r26, uint32_t r25);
static uint32_t *code_page;

/* The instruction at word 0 adds into r26 and branches to word 4 when its condition holds;
 * its delay slot copies the sum to r29, and r28 says which way it went. */
static thunk make_thunk(uint32_t branch)
{
	code_page[0] = branch;
	code_page[1] = 0x081a025d; /* copy r26,r29 */
	code_page[2] = 0xe840c000; /* bv r0(rp) */
	code_page[3] = 0x341c0000; /* ldi 0,r28 */
	code_page[4] = 0xe840c000; /* bv r0(rp) */
	code_page[5] = 0x341c0002; /* ldi 1,r28 */
	__asm__ volatile("fdc 0(%0)\n\tsync\n\tfic 0(%%sr4,%0)\n\tsync" : : "r"(code_page) : "memory");
	return (thunk)code_page;
}

/* The instructions as assembled (addb_forms.S), indexed by 5 * f + c. */
extern const uint32_t addb_forms[10], addib_forms[10];

static uint32_t addib(int im5, unsigned index)
{
	uint32_t low_sign_ext = ((uint32_t)(im5 & 0xf) << 1) | (im5 < 0 ? 1u : 0u);
	return (addib_forms[index] & ~(0x1fu << 16)) | (low_sign_ext << 16);
}

static const char *const names[2][5] = {{"", ",=", ",<", ",<=", ",nuv"}, {",tr", ",<>", ",>=", ",>", ",uv"}};

struct pair {
	uint32_t a, b;
};
static const struct pair reg_pairs[] = {
	{0, 0}, {1, 0xffffffff}, {1, 2}, {0x7fffffff, 1}, {0xffffffff, 0xffffffff}, {0x80000000, 0x80000000}};
/* ADDIB: the same six cases with a 5-bit immediate as the first operand. */
static const int imm_values[] = {0, 1, 2, 1, -1, -16};
static const uint32_t imm_regs[] = {0, 0xffffffff, 1, 0x7fffffff, 0xffffffff, 0x80000000};

static void run(const char *mnemonic, unsigned c, unsigned f, int immediate)
{
	printf("%-6s%-5s", mnemonic, names[f][c]);
	for (unsigned k = 0; k < 6; k++) {
		uint32_t word = immediate ? addib(imm_values[k], 5 * f + c) : addb_forms[5 * f + c];
		uint32_t r26 = immediate ? imm_regs[k] : reg_pairs[k].b;
		uint32_t r25 = immediate ? 0 : reg_pairs[k].a;
		unsigned long long out = make_thunk(word)(r26, r25);
		printf(" %08x:%s", (uint32_t)out, (out >> 32) ? "taken" : "fall ");
	}
	printf("\n");
}

int main(void)
{
	code_page = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code_page == MAP_FAILED)
		return 1;
	for (unsigned f = 0; f < 2; f++)
		for (unsigned c = 0; c < 5; c++)
			run("addb", c, f, 0);
	for (unsigned f = 0; f < 2; f++)
		for (unsigned c = 0; c < 5; c++)
			run("addib", c, f, 1);
	return 0;
}
