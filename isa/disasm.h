// Disassembly in objdump's spelling (hppa-linux-gnu-objdump 2.40, PA-RISC 2.0 mnemonics),
// written into a caller's buffer. Freestanding: no heap, no stdio.
#ifndef DYNSIM_ISA_DISASM_H
#define DYNSIM_ISA_DISASM_H

#include <stddef.h>
#include <stdint.h>

#include "isa/insn.h"

namespace isa {

// Optional branch-target annotation: writes e.g. "<main+0x10>" into buf (at most size
// bytes, NUL-terminated) and returns its length, or 0 for no annotation.
struct Symbolizer {
  size_t (*fn)(void* ctx, uint32_t addr, char* buf, size_t size);
  void* ctx;
};

// Writes "mnemonic operands" for insn at address pc; returns the length written (the
// output is always NUL-terminated and truncated to size - 1 characters).
size_t disassemble(const Insn& insn, uint32_t pc, char* buf, size_t size,
                   const Symbolizer* sym = nullptr);
// Same for a raw word; unknown words print as ".word 0x%08x".
size_t disassemble_word(uint32_t word, uint32_t pc, char* buf, size_t size,
                        const Symbolizer* sym = nullptr);

// The mnemonic with its completers as objdump prints them (e.g. "cmpb,<<=,n"), used to
// count instructions per mnemonic.
size_t mnemonic(const Insn& insn, char* buf, size_t size);

// The same instruction in GNU as syntax (%registers, 0x-prefixed numbers, branch targets
// relative to ".", explicit L/R halves): assembling it gives the instruction back.
size_t gas_syntax(const Insn& insn, char* buf, size_t size);

const char* gr_name(unsigned r);
const char* cr_name(unsigned r);

}  // namespace isa

#endif
