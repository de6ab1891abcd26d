"""workload(): one benchmark program with everything the project checks about it.

For a program NAME whose sources print a checksum and exit 0 only when it is right:
  NAME_O0 .. NAME_O3, NAME       guest binaries (NAME is the -O2 build, the paper's +O2)
  NAME_O<n>_test                 golden test at `test` size under qemu-hppa, and its
  NAME_O<n>_test_dynsim          twin under dynsim (see //tests:guest_test.bzl)
  NAME_host, NAME_host_test      (host = True) the same source built for the host, which
                                 must print the same expected output: the checksum is thus
                                 derived twice, independently, on two architectures.
The expected output is NAME.expected beside the BUILD file.
"""

load("//workloads:guest.bzl", "OPT_LEVELS", "guest_binary_all_levels")
load("//tests:guest_test.bzl", "guest_golden_test")

def workload(name, srcs, host = True, host_copts = ["-O2"]):
    guest_binary_all_levels(
        name = name,
        srcs = srcs,
        deps = [
            "//os_model/guest:runtime",
            "//workloads:size_arg_guest",
        ],
        visibility = ["//visibility:public"],
    )
    expected = name + ".expected"
    for level in OPT_LEVELS:
        guest_golden_test(
            name = "%s_%s_test" % (name, level),
            binary = ":%s_%s" % (name, level),
            args = ["test"],
            expected_stdout = expected,
            size = "small",
        )
    if not host:
        return
    native.cc_binary(
        name = name + "_host",
        srcs = srcs,
        copts = host_copts,
        deps = ["//workloads:size_arg"],
        testonly = True,
    )
    native.sh_test(
        name = name + "_host_test",
        srcs = ["//workloads:host_check.sh"],
        args = [
            "$(location :%s_host)" % name,
            "$(location %s)" % expected,
            "test",
        ],
        data = [
            expected,
            ":%s_host" % name,
            "//workloads:host_lsan.supp",
        ],
        size = "small",
    )
