// For GoogleTest binaries that run against a guest program given on the command line
// (`args = ["$(location //some:guest)"]` in Bazel): link //tests:guest_binary_test_main
// instead of gtest_main, and read the path here.
#ifndef DYNSIM_TESTS_GUEST_BINARY_TEST_MAIN_H
#define DYNSIM_TESTS_GUEST_BINARY_TEST_MAIN_H

#include <string>

namespace dynsim {

// The guest program passed as the test's one argument.
const std::string& GuestBinaryArgument();

}  // namespace dynsim

#endif  // DYNSIM_TESTS_GUEST_BINARY_TEST_MAIN_H
