// Constant propagation (optimizer_constants.h) on hand-derived instruction sequences: what
// each form makes known, and what it forgets, registers and the trace's stack slots. Words from hppa-linux-gnu-as (binutils
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

// A callee's frame, as GCC lays it out (words from hppa-linux-gnu-as).
constexpr uint32_t kStwRpSave = 0x6bc23fd9;     // stw %rp,-20(%sp)
constexpr uint32_t kStwmR3 = 0x6fc30100;        // stw,ma %r3,128(%sp)
constexpr uint32_t kLdoSp64 = 0x37de0080;       // ldo 64(%sp),%sp
constexpr uint32_t kLdwRpReload = 0x4bc23e59;   // ldw -212(%sp),%rp
constexpr uint32_t kLdwmbR4 = 0x4fc43f81;       // ldw,mb -64(%sp),%r4
constexpr uint32_t kStwThroughR26 = 0x0f451280; // stw %r5,0(%r26)
constexpr uint32_t kStbIntoRpSlot = 0x63c53e5b; // stb %r5,-211(%sp)
constexpr uint32_t kCopySpR3 = 0x081e0243;      // copy %sp,%r3
constexpr uint32_t kLdwFromR3 = 0x48663fd9;     // ldw -20(%r3),%r6
constexpr uint32_t kStwR4Slot = 0x6bc43fd9;     // stw %r4,-20(%sp)
constexpr uint32_t kLdwIndexed = 0x0fc70088;    // ldw %r7(%sp),%r8
constexpr uint32_t kLink = 0x1030b;

int32_t StackOffsetOf(const KnownValues& k, unsigned r) {
  int32_t off = 12345;
  EXPECT_TRUE(k.StackOffset(r, &off)) << "gr" << r;
  return off;
}

// The link saved by the prologue is the link the epilogue reloads: sp moved by +128
// (stw,ma) and +64 (ldo), so -212(%sp) is the entry's -20(%sp).
TEST(KnownValues, CalleeReloadsItsSavedLink) {
  KnownValues k;
  k.Clear();
  EXPECT_EQ(StackOffsetOf(k, 30), 0);
  k.Set(2, kLink);
  for (uint32_t w : {kStwRpSave, kStwmR3, kLdoSp64}) Execute(&k, w);
  EXPECT_EQ(StackOffsetOf(k, 30), 192);
  Execute(&k, kLdwRpReload);
  EXPECT_EQ(Value(k, 2), kLink);
  Execute(&k, kLdwmbR4);  // modify before: sp back to +128, r4 from the unknown slot there
  EXPECT_EQ(StackOffsetOf(k, 30), 128);
  uint32_t v;
  EXPECT_FALSE(k.Known(4, &v));
}

TEST(KnownValues, StoresThatMayTouchASlotForgetIt) {
  uint32_t v;
  {  // through a base that may point anywhere, the stack included
    KnownValues k;
    k.Clear();
    k.Set(2, kLink);
    for (uint32_t w : {kStwRpSave, kStwThroughR26, kCopySpR3, kLdwFromR3}) Execute(&k, w);
    EXPECT_EQ(StackOffsetOf(k, 3), 0);
    EXPECT_FALSE(k.Known(6, &v));
  }
  {  // one byte of the slot (-19 from the entry sp)
    KnownValues k;
    k.Clear();
    k.Set(2, kLink);
    for (uint32_t w : {kStwRpSave, kStwmR3, kLdoSp64, kStbIntoRpSlot, kLdwRpReload}) Execute(&k, w);
    EXPECT_FALSE(k.Known(2, &v));
  }
  {  // a store that may be nullified: the slot may or may not hold r4 now
    KnownValues k;
    k.Clear();
    k.Set(2, kLink);
    k.Set(4, 77);
    Execute(&k, kStwRpSave);
    Execute(&k, kStwR4Slot, /*surely=*/false);
    for (uint32_t w : {kCopySpR3, kLdwFromR3}) Execute(&k, w);
    EXPECT_FALSE(k.Known(6, &v));
  }
}

TEST(KnownValues, SlotsHoldTheLastKnownStore) {
  KnownValues k;
  k.Clear();
  k.Set(2, kLink);
  k.Set(4, 77);
  for (uint32_t w : {kStwRpSave, kStwR4Slot, kCopySpR3, kLdwFromR3}) Execute(&k, w);
  EXPECT_EQ(Value(k, 6), 77u);
  uint32_t v;
  Execute(&k, kLdwIndexed);  // the index r7 is unknown: so is the word
  EXPECT_FALSE(k.Known(8, &v));
  k.Set(7, static_cast<uint32_t>(-20));
  Execute(&k, kLdwIndexed);
  EXPECT_EQ(Value(k, 8), 77u);
}

// An unsigned extract of len bits holds at most 2^len - 1 (PA-RISC 2.0 manual, "EXTRW":
// the field is zero-extended), fixed or SAR-positioned; a signed one, a full-word one, one
// that may be nullified or a later write bound nothing. A known value bounds itself.
TEST(KnownValues, UnsignedExtractsBoundTheirTarget) {
  KnownValues k;
  k.Clear();
  uint32_t max = 0;
  Execute(&k, 0xd27f18ba);  // extrw,u r19,5,6,r31
  ASSERT_TRUE(k.UpperBound(31, &max));
  EXPECT_EQ(max, 63u);
  EXPECT_FALSE(k.Known(31, &max));
  Execute(&k, 0xd274101d);  // extrw,u r19,sar,3,r20
  ASSERT_TRUE(k.UpperBound(20, &max));
  EXPECT_EQ(max, 7u);
  Execute(&k, 0xd2751be0);  // extrw,u r19,31,32,r21
  EXPECT_FALSE(k.UpperBound(21, &max));
  EXPECT_EQ(max, 7u);  // left alone
  Execute(&k, 0x37ff0002);  // ldo 1(r31),r31
  EXPECT_FALSE(k.UpperBound(31, &max));
  Execute(&k, 0xd27f1cba);  // extrw,s r19,5,6,r31
  EXPECT_FALSE(k.UpperBound(31, &max));
  Execute(&k, 0xd27f18ba, /*surely=*/false);
  EXPECT_FALSE(k.UpperBound(31, &max));
  k.Set(31, 9);
  ASSERT_TRUE(k.UpperBound(31, &max));
  EXPECT_EQ(max, 9u);
  Execute(&k, 0xd274101d);
  k.Clear();
  EXPECT_FALSE(k.UpperBound(20, &max));
}

}  // namespace
}  // namespace dynamo
