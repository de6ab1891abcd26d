// The initial stack matches what qemu-hppa builds. The expected addresses were read off
// qemu-hppa running a probe that dumped r30, r25, r24 and the stack (argv "./stk arg1",
// environment "A=1"): sp 0xfa000140, argc 2, argv at 0xfa000034.
#include "os_model/process.h"

#include <gtest/gtest.h>

#include "tests/guest_binary_test_main.h"

namespace dynsim {
namespace {


uint32_t Word(const GuestMemory& mem, GuestAddr addr) {
  uint8_t b[4];
  EXPECT_TRUE(mem.ReadBytes(addr, b, 4));
  return GuestMemory::FromBigEndian<uint32_t>(b);
}

TEST(Process, InitialStackMatchesQemuHppa) {
  ElfImage image;
  std::string error;
  ASSERT_TRUE(ReadElf(GuestBinaryArgument(), &image, &error)) << error;
  GuestMemory mem;
  ASSERT_TRUE(LoadElf(image, &mem, &error)) << error;
  ProcessSpec spec;
  spec.argv = {"./stk", "arg1"};
  spec.envp = {"A=1"};
  ArchState state;
  ASSERT_TRUE(SetUpProcess(image, spec, &mem, &state, &error)) << error;

  EXPECT_EQ(state.gr[30], 0xfa000140u);
  EXPECT_EQ(state.gr[25], 2u);
  EXPECT_EQ(state.gr[24], 0xfa000034u);
  EXPECT_EQ(state.gr[23], 0u);
  EXPECT_EQ(state.pc(), image.entry);
  EXPECT_EQ(state.iaoq_front & 3, kUserPrivilege);

  char strings[0x1c];
  ASSERT_TRUE(mem.ReadBytes(0xfa000000, strings, sizeof strings));
  EXPECT_EQ(std::string(strings, sizeof strings),
            std::string("./stk\0arg1\0A=1\0./stk\0PARISC\0", sizeof strings));
  EXPECT_EQ(Word(mem, 0xfa000030), 2u);           // argc
  EXPECT_EQ(Word(mem, 0xfa000034), 0xfa000000u);  // argv[0]
  EXPECT_EQ(Word(mem, 0xfa000038), 0xfa000006u);  // argv[1]
  EXPECT_EQ(Word(mem, 0xfa00003c), 0u);
  EXPECT_EQ(Word(mem, 0xfa000040), 0xfa00000bu);  // envp[0]
  EXPECT_EQ(Word(mem, 0xfa000044), 0u);
  EXPECT_EQ(Word(mem, 0xfa000048), 3u);  // AT_PHDR first, as qemu orders the auxv
  // AT_RANDOM (the 14th pair) points at the 16 bytes after the strings.
  EXPECT_EQ(Word(mem, 0xfa000048 + 13 * 8), 25u);
  EXPECT_EQ(Word(mem, 0xfa000048 + 13 * 8 + 4), 0xfa000020u);
}

TEST(Process, OversizedArgumentsAreRefused) {
  ElfImage image;
  std::string error;
  ASSERT_TRUE(ReadElf(GuestBinaryArgument(), &image, &error)) << error;
  GuestMemory mem;
  ProcessSpec spec;
  spec.stack_bytes = 64 * 1024;
  spec.argv = {"prog", std::string(20000, 'x')};
  ArchState state;
  EXPECT_FALSE(SetUpProcess(image, spec, &mem, &state, &error));
  EXPECT_NE(error.find("do not fit in the guest stack"), std::string::npos) << error;
}

}  // namespace
}  // namespace dynsim
