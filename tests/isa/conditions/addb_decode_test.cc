// ADDB/ADDIB conditions in the decoder: c = 4 (NUV, UV) decodes and disassembles as objdump
// 2.40 prints it; c = 5..7 (PA-RISC 2.0's doubleword conditions) are illegal in narrow mode.
#include <gtest/gtest.h>

#include <string>

#include "isa/codec.h"
#include "isa/disasm.h"

namespace {

std::string Disassemble(uint32_t word) {
  char buf[128];
  isa::disassemble_word(word, 0, buf, sizeof buf);
  return buf;
}

TEST(AddbConditions, UnsignedOverflowConditionsDecodeAsObjdumpPrintsThem) {
  // Words and text from hppa-linux-gnu-objdump -d at address 0 (targets printed as in an
  // executable's listing, bare hex; objdump_diff compares addb_forms.S against objdump).
  EXPECT_EQ(Disassemble(0xa3598010), "addb,nuv r25,r26,10");
  EXPECT_EQ(Disassemble(0xab598010), "addb,uv r25,r26,10");
  EXPECT_EQ(Disassemble(0xa7468010), "addib,nuv 3,r26,10");
  EXPECT_EQ(Disassemble(0xaf5f8010), "addib,uv -1,r26,10");
  for (uint32_t w : {0xa3598010u, 0xab598010u, 0xa7468010u, 0xaf5f8010u}) EXPECT_EQ(isa::encode(isa::decode(w)), w);
}

TEST(AddbConditions, DoublewordConditionsAreIllegal) {
  for (uint32_t opcode : {0xa0000000u, 0xa8000000u, 0xa4000000u, 0xac000000u})
    for (uint32_t c = 5; c < 8; ++c) {
      const uint32_t w = opcode | 0x03590010u | (c << 13);
      EXPECT_EQ(isa::decode(w).op, isa::Op::kIllegal) << std::hex << w;
    }
}

}  // namespace
