"""Golden-output and differential tests for guest programs.

guest_golden_test(NAME, ...) defines two tests:
  NAME         runs the guest under qemu-hppa and compares its stdout (byte for byte) and
               exit status with expectations derived by hand;
  NAME_dynsim  runs it under both dynsim and qemu-hppa: stdout, exit status and (for a
               normal exit) stderr must be identical, and the expectations must hold.
So every program with a golden test is also a differential test of the simulator.
"""

def guest_golden_test(
        name,
        binary,
        expected_stdout = None,
        expected_status = 0,
        args = [],
        data = [],
        stdin = None,
        **kwargs):
    """Runs `binary` under qemu-hppa with `args` and checks stdout and exit status.

    Args:
      binary: label of a guest_binary.
      expected_stdout: label of a file holding the exact expected stdout (None: not checked).
      expected_status: the expected exit status (128+N for death by signal N).
      args: guest command-line arguments; "$(location X)" works for labels in `data`.
      data: extra files the guest reads.
      stdin: label of a file fed to the guest's standard input.
    """
    test_args = [
        "--binary",
        "$(location %s)" % binary,
        "--status",
        str(expected_status),
    ]
    test_data = [binary] + data
    if expected_stdout:
        test_args += ["--stdout", "$(location %s)" % expected_stdout]
        test_data.append(expected_stdout)
    if stdin:
        test_args += ["--stdin", "$(location %s)" % stdin]
        test_data.append(stdin)
    native.sh_test(
        name = name,
        srcs = ["//tests:run_guest_golden.sh"],
        args = ["--runner", "qemu"] + test_args + ["--"] + args,
        data = test_data,
        **kwargs
    )
    native.sh_test(
        name = name + "_dynsim",
        srcs = ["//tests:run_guest_golden.sh"],
        args = ["--runner", "differential", "--dynsim", "$(location //sim:dynsim)"] + test_args + ["--"] + args,
        data = test_data + ["//sim:dynsim"],
        **kwargs
    )
