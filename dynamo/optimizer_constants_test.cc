// Constant propagation (optimizer_constants.h) on hand-derived instruction sequences: what
// each form makes known, and what it forgets. Words from hppa-linux-gnu-as (binutils
// 2.40) or the emitter, which //dynamo:fragment_builder_test checks against it.
#include "dynamo/optimizer_constants.h"

#include <gtest/gtest.h>

#include "dynamo/emitter.h"
#include "isa/codec.h"

namespace dynamo {
namespace {

constexpr uint32_t kLdwMaSp = 0x0fc810a3;  // ldw,ma 4(%r30),%r3
constexpr uint32_t kAdd = 0x08a40606;      // add %r4,%r5,%r6
constexpr uint32_t kCopy = 0x0803025c;     // copy %r3,%r28 (or %r3,%r0,%r28)

void Execute(KnownValues* k, uint32_t word, bool surely = true) { k->Apply(isa::decode(word), surely); }

uint32_t Value(const KnownValues& k, unsigned r) {
  uint32_t v = 0xdeadbeef;
  EXPECT_TRUE(k.Known(r, &v)) << "gr" << r;
  return v;
}

TEST(KnownValues, LdilLdoAddilChain) {
  KnownValues k;
  k.Clear();
  Execute(&k, emit::Ldil(0x12345800, 19));
  EXPECT_EQ(Value(k, 19), 0x12345800u);
  Execute(&k, emit::Ldo(0x123, 19, 20));  // 0x12345800 + 0x123
  EXPECT_EQ(Value(k, 20), 0x12345923u);
  Execute(&k, emit::Addil(0x10000, 20));  // r1 = r20 + 0x10000
  EXPECT_EQ(Value(k, 1), 0x12355923u);
  Execute(&k, emit::Ldo(-4, 1, 1));  // r1 = r1 - 4
  EXPECT_EQ(Value(k, 1), 0x1235591fu);
  Execute(&k, emit::Ldo(5, 0, 3));  // ldi 5,%r3 (LDO from gr0)
  EXPECT_EQ(Value(k, 3), 5u);
  Execute(&k, kCopy);  // copy %r3,%r28
  EXPECT_EQ(Value(k, 28), 5u);
}

TEST(KnownValues, WritesForget) {
  KnownValues k;
  k.Clear();
  uint32_t v;
  Execute(&k, emit::Ldil(0x10000, 6));
  Execute(&k, emit::Ldil(0x20000, 3));
  Execute(&k, emit::Ldil(0x30000, 30));
  Execute(&k, kAdd);  // writes r6 with an ADD: not modelled
  EXPECT_FALSE(k.Known(6, &v));
  Execute(&k, kLdwMaSp);  // writes r3 and modifies its base r30
  EXPECT_FALSE(k.Known(3, &v));
  EXPECT_FALSE(k.Known(30, &v));
  Execute(&k, kCopy);  // copy %r3,%r28 of an unknown r3
  EXPECT_FALSE(k.Known(28, &v));
  // An unknown base makes the result unknown, and an instruction that may be nullified
  // forgets what it may write even when it would know it.
  Execute(&k, emit::Ldo(8, 7, 9));
  EXPECT_FALSE(k.Known(9, &v));
  Execute(&k, emit::Ldil(0x50000, 9), /*surely=*/false);
  EXPECT_FALSE(k.Known(9, &v));
  k.Set(2, 0x1030b);  // the link of a dropped call
  EXPECT_EQ(Value(k, 2), 0x1030bu);
  k.Clear();
  EXPECT_FALSE(k.Known(2, &v));
}

}  // namespace
}  // namespace dynamo
