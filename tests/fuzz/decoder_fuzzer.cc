// libFuzzer harness for the instruction table: every 32-bit word decodes (to an
// instruction or to illegal) without reading out of bounds; every legal word re-encodes to
// itself and disassembles, in objdump's and in GNU as syntax, without an unknown operand
// code or running off the buffer. Inputs are read as big-endian words, four bytes each.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "isa/codec.h"
#include "isa/disasm.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (size_t at = 0; at + 4 <= size; at += 4) {
    const uint32_t word = (uint32_t{data[at]} << 24) | (uint32_t{data[at + 1]} << 16) |
                          (uint32_t{data[at + 2]} << 8) | data[at + 3];
    const isa::Insn insn = isa::decode(word);
    char text[160];
    isa::disassemble_word(word, static_cast<uint32_t>(0x10000 + at), text, sizeof text);
    if (insn.op == isa::Op::kIllegal) continue;
    if (isa::encode(insn) != word) __builtin_trap();
    if (std::strstr(text, "{?}")) __builtin_trap();
    isa::gas_syntax(insn, text, sizeof text);
    if (std::strstr(text, "{?}")) __builtin_trap();
    isa::mnemonic(insn, text, sizeof text);
    // A buffer too small for the text must still be NUL-terminated within it.
    char tiny[4];
    isa::disassemble(insn, 0x10000, tiny, sizeof tiny);
    if (std::memchr(tiny, 0, sizeof tiny) == nullptr) __builtin_trap();
  }
  return 0;
}
