"""Programs built with the stock toolchain and glibc, checked the way users would check them."""

load("//tests:guest_test.bzl", "guest_golden_test")
load("//tests/dynamo:dynamo_test.bzl", "dynamo_transparency_test")
load("//workloads:guest.bzl", "glibc_binary")

LEVELS = ["O0", "O2"]

def glibc_program_tests(name, srcs, expected_stdout, expected_status = 0, args = [], data = [], linkopts = [],
                        dynamo_exact = True):
    """NAME_O0 and NAME_O2 built by glibc_binary, each with four tests.

    NAME_Ox_test          under qemu-hppa: stdout and exit status as expected_stdout says;
    NAME_Ox_test_dynsim   dynsim against qemu-hppa: stdout, stderr and status identical;
    NAME_Ox_dynamo_test   natively and under Dynamo with its default configuration;
    NAME_Ox_dynamo_tiny_cache_test  the same with a 1 KB fragment cache (flushes).

    expected_stdout may be a dict from level ("O0", "O2") to file, for output that differs
    between levels (at -O2 GCC contracts a * b + c into one rounding, FMPYFADD).
    dynamo_exact false: a program that traps (Dynamo hands it to native execution there).
    """
    for level in LEVELS:
        binary = "%s_%s" % (name, level)
        glibc_binary(name = binary, srcs = srcs, opt = "-" + level, linkopts = linkopts)
        guest_golden_test(
            name = binary + "_test",
            size = "small",
            binary = ":" + binary,
            args = args,
            data = data,
            expected_status = expected_status,
            expected_stdout = expected_stdout[level] if type(expected_stdout) == "dict" else expected_stdout,
        )
        for variant, config in [("", None), ("_tiny_cache", "//tests/dynamo:configs/tiny_cache.yaml")]:
            dynamo_transparency_test(
                name = "%s_dynamo%s_test" % (binary, variant),
                size = "small",
                binary = ":" + binary,
                args = args,
                data = data,
                config = config,
                exact = dynamo_exact,
            )
