// The light-weight syscall entries against guest memory: results in r28/r21 as
// arch/parisc/kernel/syscall.S documents them, and memory untouched on every error.
#include "os_model/lws_gateway.h"

#include <gtest/gtest.h>

#include "os_model/guest_errno.h"

namespace dynsim {
namespace {

constexpr GuestAddr kData = 0x00100000;
constexpr GuestAddr kReadOnly = 0x00200000;

class LwsTest : public testing::Test {
 protected:
  void SetUp() override {
    memory_.Map(kData, 0x1000, kPermRead | kPermWrite);
    memory_.Map(kReadOnly, 0x1000, kPermRead);
  }
  void Put32(GuestAddr a, uint32_t v) { ASSERT_EQ(memory_.Store<uint32_t>(a, v), MemFault::kNone); }
  uint32_t Get32(GuestAddr a) {
    uint32_t v = 0;
    EXPECT_EQ(memory_.Load<uint32_t>(a, &v), MemFault::kNone);
    return v;
  }
  LwsResult Run(uint32_t entry, uint32_t r26, uint32_t r25, uint32_t r24, uint32_t r23 = 0) {
    return RunLightweightSyscall(entry, LwsArgs{r26, r25, r24, r23}, &memory_);
  }
  GuestMemory memory_;
};

TEST_F(LwsTest, CompareAndSwap32SwapsWhenEqualAndReturnsTheOldValue) {
  Put32(kData, 5);
  LwsResult r = Run(kLwsCompareAndSwap32, kData, 5, 9);
  EXPECT_EQ(r.r21, 0);
  EXPECT_EQ(r.r28, 5u);
  EXPECT_EQ(Get32(kData), 9u);
  r = Run(kLwsCompareAndSwap32, kData, 5, 11);  // now 9: no swap, r28 says what was there
  EXPECT_EQ(r.r21, 0);
  EXPECT_EQ(r.r28, 9u);
  EXPECT_EQ(Get32(kData), 9u);
}

TEST_F(LwsTest, CompareAndSwap32FaultsWithoutWriting) {
  for (GuestAddr bad : {kData + 2, kReadOnly, 0x00300000u}) {  // misaligned, read-only, unmapped
    LwsResult r = Run(kLwsCompareAndSwap32, bad, 0, 1);
    EXPECT_EQ(r.r21, -kEFAULT) << std::hex << bad;
    EXPECT_TRUE(r.sets_r28);
    EXPECT_EQ(r.r28, 1u);
  }
  EXPECT_EQ(Get32(kReadOnly), 0u);
}

TEST_F(LwsTest, TheElf64EntryAndEntriesPastTheTableAreEnosysAndKeepR28) {
  for (uint32_t entry : {kLwsCompareAndSwap64, kLwsEntries, 0x100u}) {
    LwsResult r = Run(entry, kData, 0, 1);
    EXPECT_EQ(r.r21, -kENOSYS) << entry;
    EXPECT_FALSE(r.sets_r28);
  }
  EXPECT_EQ(LwsEntryName(kLwsAtomicStore), std::string("atomic_store"));
  EXPECT_EQ(LwsEntryName(kLwsEntries), nullptr);
}

TEST_F(LwsTest, CompareAndSwap2EverySize) {
  // Expected value at kData+0x100, replacement at kData+0x200, target at kData.
  const uint64_t before = 0x1122334455667788ull, replacement = 0x99aabbccddeeff00ull;
  for (uint32_t size = 0; size <= 3; ++size) {
    uint32_t n = 1u << size;
    uint8_t target[8], expect[8], repl[8];
    for (uint32_t i = 0; i < 8; ++i) {
      target[i] = static_cast<uint8_t>(before >> (56 - 8 * i));
      repl[i] = static_cast<uint8_t>(replacement >> (56 - 8 * i));
    }
    std::copy(target, target + 8, expect);
    ASSERT_TRUE(memory_.WriteBytes(kData, target, 8));
    ASSERT_TRUE(memory_.WriteBytes(kData + 0x100, expect, 8));
    ASSERT_TRUE(memory_.WriteBytes(kData + 0x200, repl, 8));
    LwsResult r = Run(kLwsCompareAndSwap2, kData, kData + 0x100, kData + 0x200, size);
    EXPECT_EQ(r.r21, 0);
    EXPECT_EQ(r.r28, 0u) << "size " << size;
    uint8_t after[8];
    memory_.ReadBytes(kData, after, 8);
    for (uint32_t i = 0; i < 8; ++i) EXPECT_EQ(after[i], i < n ? repl[i] : target[i]) << size << ":" << i;
    // A second swap expecting the old value now fails and writes nothing.
    r = Run(kLwsCompareAndSwap2, kData, kData + 0x100, kData + 0x200, size);
    EXPECT_EQ(r.r21, 0);
    EXPECT_EQ(r.r28, 1u);
  }
  EXPECT_EQ(Run(kLwsCompareAndSwap2, kData, kData + 0x100, kData + 0x200, 4).r21, -kENOSYS);
  EXPECT_EQ(Run(kLwsCompareAndSwap2, kData + 2, kData + 0x100, kData + 0x200, 2).r21, -kEFAULT);
  EXPECT_EQ(Run(kLwsCompareAndSwap2, kData, 0x00300000, kData + 0x200, 2).r21, -kEFAULT);
  EXPECT_EQ(Run(kLwsCompareAndSwap2, kReadOnly, kData + 0x100, kData + 0x200, 0).r21, -kEFAULT);
}

TEST_F(LwsTest, ExchangeSavesTheOldValueThenStoresTheNew) {
  Put32(kData, 0xaaaaaaaa);
  Put32(kData + 0x200, 0x12345678);
  LwsResult r = Run(kLwsAtomicExchange, kData, 2, kData + 0x200, kData + 0x300);
  EXPECT_EQ(r.r21, 0);
  EXPECT_EQ(r.r28, 0u);
  EXPECT_EQ(Get32(kData), 0x12345678u);
  EXPECT_EQ(Get32(kData + 0x300), 0xaaaaaaaau);
  // Halfword: only the first two bytes change.
  r = Run(kLwsAtomicExchange, kData, 1, kData + 0x200, kData + 0x300);
  EXPECT_EQ(r.r21, 0);
  EXPECT_EQ(Get32(kData), 0x12345678u);
  EXPECT_EQ(Get32(kData + 0x300), 0x1234aaaau);
  EXPECT_EQ(Run(kLwsAtomicExchange, kData, 4, kData + 0x200, kData + 0x300).r21, -kENOSYS);
  EXPECT_EQ(Run(kLwsAtomicExchange, kData, 2, kData + 0x200, kReadOnly).r21, -kEFAULT);
  EXPECT_EQ(Get32(kData), 0x12345678u);
}

TEST_F(LwsTest, StoreWritesTheValueOfItsSize) {
  Put32(kData, 0);
  Put32(kData + 0x200, 0xcafef00d);
  Put32(kData + 0x204, 0x01020304);
  LwsResult r = Run(kLwsAtomicStore, kData, 3, kData + 0x200);
  EXPECT_EQ(r.r21, 0);
  EXPECT_EQ(r.r28, 0u);
  EXPECT_EQ(Get32(kData), 0xcafef00du);
  EXPECT_EQ(Get32(kData + 4), 0x01020304u);
  EXPECT_EQ(Run(kLwsAtomicStore, kData + 4, 3, kData + 0x200).r21, -kEFAULT) << "64-bit store needs 8-byte alignment";
  EXPECT_EQ(Run(kLwsAtomicStore, kReadOnly, 0, kData + 0x200).r21, -kEFAULT);
  EXPECT_EQ(Run(kLwsAtomicStore, kData, 7, kData + 0x200).r21, -kENOSYS);
}

}  // namespace
}  // namespace dynsim
