#include "tests/guest_binary_test_main.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace dynsim {
namespace {
std::string g_guest_binary;
}  // namespace

const std::string& GuestBinaryArgument() { return g_guest_binary; }

}  // namespace dynsim

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s GUEST_BINARY [gtest options]\n", argv[0]);
    return 2;
  }
  dynsim::g_guest_binary = argv[1];
  return RUN_ALL_TESTS();
}
