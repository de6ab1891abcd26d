"""Stand-in for @rules_cc: Bazel 4.2.3 asks for it, Debian's copy is too new.

Each rule is the native one that Bazel 4 already has built in.
"""

cc_binary = native.cc_binary
cc_library = native.cc_library
cc_test = native.cc_test
cc_import = native.cc_import
cc_toolchain = native.cc_toolchain
cc_toolchain_suite = native.cc_toolchain_suite
