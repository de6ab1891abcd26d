// Pattern overlaps: no two patterns of insns.def match a common word unless the overlap
// is declared in overlaps.def, and then the declared winner comes first in the table.
// Also: every pattern's match lies inside its mask, has a semantic handler, and its
// syntax template uses only known operand codes.
#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "isa/codec.h"
#include "isa/disasm.h"

namespace {

const std::set<std::pair<isa::Op, isa::Op>>& declared() {
  static const std::set<std::pair<isa::Op, isa::Op>> s = {
#define ISA_OVERLAP(A, B) {isa::Op::A, isa::Op::B},
#include "isa/overlaps.def"
#undef ISA_OVERLAP
  };
  return s;
}

TEST(Table, NoUndeclaredOverlaps) {
  for (unsigned a = 0; a < isa::kNumOps; ++a) {
    for (unsigned b = a + 1; b < isa::kNumOps; ++b) {
      const isa::Info& x = isa::info(static_cast<isa::Op>(a));
      const isa::Info& y = isa::info(static_cast<isa::Op>(b));
      const bool overlap = ((x.match ^ y.match) & x.mask & y.mask) == 0;
      const bool ok = declared().count({static_cast<isa::Op>(a), static_cast<isa::Op>(b)}) > 0;
      EXPECT_EQ(overlap, ok) << x.name << " and " << y.name
                             << (overlap ? " overlap without a declaration in overlaps.def"
                                         : " are declared to overlap but do not");
    }
  }
}

TEST(Table, DeclaredWinnerDecodes) {
  for (const auto& [first, second] : declared()) {
    const isa::Info& x = isa::info(first);
    EXPECT_NE(isa::decode(x.match | isa::info(second).match).op, second) << x.name;
    EXPECT_LT(static_cast<unsigned>(first), static_cast<unsigned>(second));
  }
}

TEST(Table, EveryPatternIsWellFormed) {
  for (unsigned k = 0; k < isa::kNumOps; ++k) {
    const isa::Op op = static_cast<isa::Op>(k);
    const isa::Info& in = isa::info(op);
    EXPECT_EQ(in.match & ~in.mask, 0u) << in.name << ": match has bits outside its mask";
    EXPECT_NE(in.sem, isa::Sem::Illegal) << in.name << " has no semantics";
    isa::Insn i = isa::decode(in.match);
    if (i.op != op) continue;  // shadowed at match by a declared alias
    char buf[160];
    isa::disassemble(i, 0, buf, sizeof buf);
    EXPECT_EQ(std::string(buf).find("{?}"), std::string::npos) << in.name << ": " << buf;
  }
}

}  // namespace
