#include "machine/memory.h"

#include <gtest/gtest.h>

namespace dynsim {
namespace {

TEST(GuestMemory, LoadsAndStoresAreBigEndian) {
  GuestMemory mem;
  ASSERT_TRUE(mem.Map(0x10000, 4096, kPermRead | kPermWrite));
  EXPECT_EQ(mem.Store<uint32_t>(0x10000, 0x11223344u), MemFault::kNone);
  uint8_t b = 0;
  EXPECT_EQ(mem.Load<uint8_t>(0x10000, &b), MemFault::kNone);
  EXPECT_EQ(b, 0x11);
  uint16_t h = 0;
  EXPECT_EQ(mem.Load<uint16_t>(0x10002, &h), MemFault::kNone);
  EXPECT_EQ(h, 0x3344);
  EXPECT_EQ(mem.Store<uint64_t>(0x10008, 0x0102030405060708ull), MemFault::kNone);
  uint32_t w = 0;
  EXPECT_EQ(mem.Load<uint32_t>(0x1000c, &w), MemFault::kNone);
  EXPECT_EQ(w, 0x05060708u);
}

TEST(GuestMemory, FaultsNameTheirCause) {
  GuestMemory mem;
  ASSERT_TRUE(mem.Map(0x20000, 4096, kPermRead));
  uint32_t w = 0xdead;
  EXPECT_EQ(mem.Load<uint32_t>(0x30000, &w), MemFault::kUnmapped);
  EXPECT_EQ(mem.Load<uint32_t>(0x20002, &w), MemFault::kMisaligned);
  EXPECT_EQ(mem.Store<uint32_t>(0x20000, 1), MemFault::kProtection);
  EXPECT_EQ(mem.Fetch(0x20000, &w), MemFault::kProtection);
  EXPECT_EQ(w, 0xdeadu) << "a failed access leaves the destination untouched";
  mem.Unmap(0x20000, 4096);
  EXPECT_EQ(mem.Load<uint32_t>(0x20000, &w), MemFault::kUnmapped);
}

TEST(GuestMemory, StoreToWatchedCodePageNotifiesOnceThenRunsFast) {
  GuestMemory mem;
  ASSERT_TRUE(mem.Map(0x40000, 8192, kPermRead | kPermWrite | kPermExec));
  std::vector<GuestAddr> notified;
  mem.SetCodeWriteListener([&](GuestAddr page) { notified.push_back(page); });
  mem.WatchCode(0x41004);
  EXPECT_EQ(mem.Store<uint32_t>(0x40000, 1), MemFault::kNone);
  EXPECT_TRUE(notified.empty()) << "the other page is not watched";
  EXPECT_EQ(mem.Store<uint32_t>(0x41ff0, 2), MemFault::kNone);
  ASSERT_EQ(notified.size(), 1u);
  EXPECT_EQ(notified[0], 0x41000u);
  EXPECT_EQ(mem.Store<uint32_t>(0x41ff4, 3), MemFault::kNone);
  EXPECT_EQ(notified.size(), 1u) << "the watch is cleared by the first store";
  uint32_t w = 0;
  EXPECT_EQ(mem.Load<uint32_t>(0x41ff0, &w), MemFault::kNone);
  EXPECT_EQ(w, 2u);
}

TEST(GuestMemory, HostCopiesCrossPagesAndRespectMapping) {
  GuestMemory mem;
  ASSERT_TRUE(mem.Map(0x50000, 8192, kPermRead));  // read-only for the guest
  const char text[] = "crosses a page boundary";
  EXPECT_TRUE(mem.WriteBytes(0x50ff8, text, sizeof text));
  std::string s;
  EXPECT_TRUE(mem.ReadString(0x50ff8, 100, &s));
  EXPECT_EQ(s, text);
  EXPECT_FALSE(mem.ReadString(0x50ff8, 5, &s)) << "longer than the limit";
  EXPECT_FALSE(mem.WriteBytes(0x51ff0, text, sizeof text)) << "runs into an unmapped page";
}

TEST(GuestMemory, MapRejectsWrapAndFindFreeSkipsMappedPages) {
  GuestMemory mem;
  EXPECT_FALSE(mem.Map(0xfffff000, 8192, kPermRead));
  ASSERT_TRUE(mem.Map(0x60000, 4096, kPermRead));
  EXPECT_EQ(mem.FindFree(0x5f000, 8192, 0x70000), 0x61000u);
  EXPECT_TRUE(mem.RangeHas(0x60000, 4096, kPermRead));
  EXPECT_FALSE(mem.RangeHas(0x60000, 4097, kPermRead));
}

// Mapping costs no host memory until a page is written; reads of untouched pages see
// zeros (the kernel's zero page), and writes, also host-side copies, give a page storage.
TEST(GuestMemory, PagesTakeHostMemoryOnlyWhenWritten) {
  GuestMemory m;
  ASSERT_TRUE(m.Map(0x10000000, 1u << 30, kPermRead | kPermWrite));  // 1 GiB
  EXPECT_EQ(m.mapped_bytes(), uint64_t{1} << 30);
  EXPECT_EQ(m.backed_pages(), 0u);
  uint32_t v = 1;
  EXPECT_EQ(m.Load(0x20000000, &v), MemFault::kNone);
  EXPECT_EQ(v, 0u);
  EXPECT_EQ(m.PageData(0x20000000), nullptr) << "a read gives no storage";
  EXPECT_EQ(m.Store<uint32_t>(0x20000004, 0x12345678), MemFault::kNone);
  EXPECT_EQ(m.Load(0x20000004, &v), MemFault::kNone);
  EXPECT_EQ(v, 0x12345678u);
  EXPECT_EQ(m.Load(0x20001000, &v), MemFault::kNone);
  EXPECT_EQ(v, 0u) << "the next page still reads as zeros";
  const uint8_t bytes[3] = {1, 2, 3};
  EXPECT_TRUE(m.WriteBytes(0x30000ffe, bytes, 3));
  EXPECT_EQ(m.backed_pages(), 3u);
  m.Unmap(0x20000000, 0x1000);
  EXPECT_EQ(m.backed_pages(), 2u);
  EXPECT_EQ(m.mapped_bytes(), (uint64_t{1} << 30) - 0x1000);
}

// The limit counts mapped pages: a Map that would pass it maps nothing and fails.
TEST(GuestMemory, MapFailsPastTheLimit) {
  GuestMemory m;
  m.set_limit_bytes(16 * GuestMemory::kPageSize);
  ASSERT_TRUE(m.Map(0x10000, 10 * GuestMemory::kPageSize, kPermRead));
  EXPECT_FALSE(m.Map(0x40000, 7 * GuestMemory::kPageSize, kPermRead));
  EXPECT_FALSE(m.IsMapped(0x40000)) << "nothing of a failed Map is mapped";
  EXPECT_TRUE(m.Map(0x40000, 6 * GuestMemory::kPageSize, kPermRead));
  EXPECT_TRUE(m.Map(0x10000, 10 * GuestMemory::kPageSize, kPermRead | kPermWrite)) << "re-mapping adds nothing";
  m.Unmap(0x10000, GuestMemory::kPageSize);
  EXPECT_TRUE(m.Map(0x80000, GuestMemory::kPageSize, kPermRead));
}

}  // namespace
}  // namespace dynsim
