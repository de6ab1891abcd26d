// Random words: ten million pseudo-random words (fixed seed): decoding never crashes,
// and every word decodes to illegal or to an instruction that re-encodes to itself and
// disassembles without an unknown operand code.
#include <gtest/gtest.h>

#include <cstring>

#include "isa/codec.h"
#include "isa/disasm.h"

TEST(Random, TenMillionWordsDecodeOrAreIllegal) {
  uint64_t x = 0x9e3779b97f4a7c15ull;
  size_t legal = 0, checked_text = 0;
  for (int k = 0; k < 10000000; ++k) {
    x ^= x << 13;  // xorshift64: deterministic and fast
    x ^= x >> 7;
    x ^= x << 17;
    const uint32_t w = static_cast<uint32_t>(x >> 16);
    const isa::Insn i = isa::decode(w);
    if (i.op == isa::Op::kIllegal) continue;
    ++legal;
    ASSERT_EQ(isa::encode(i), w) << std::hex << w << " " << isa::info(i).name;
    if ((k & 255) == 0) {  // disassembly is slower; sample it
      char buf[160];
      isa::disassemble(i, 0x10000, buf, sizeof buf);
      ASSERT_EQ(std::strstr(buf, "{?}"), nullptr) << buf;
      ++checked_text;
    }
  }
  EXPECT_GT(legal, 1000000u);
  std::printf("random: 10000000 words, %zu legal, %zu disassembled\n", legal, checked_text);
}

TEST(Random, ExtremeWords) {
  for (uint32_t w : {0u, 0xffffffffu, 0x80000000u, 0x7fffffffu, 0xe4008200u}) {
    const isa::Insn i = isa::decode(w);
    if (i.op != isa::Op::kIllegal) EXPECT_EQ(isa::encode(i), w);
  }
}
