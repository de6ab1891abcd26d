"""Tests that run guest programs under Dynamo (dynsim run --dynamo)."""

def dynamo_transparency_test(name, binary, args = [], data = [], stdin = None, exact = True, kept = False, config = None, **kwargs):
    """`binary ARGS` natively and under Dynamo: identical stdout, stderr and exit status.

    Args:
      binary: label of a guest_binary.
      args: guest arguments ("$(location X)" works for labels in `data`).
      data: files the guest reads.
      stdin: label of a file fed to standard input.
      exact: also require that Dynamo interpreted exactly the instructions the native run
        retired (false for programs whose work depends on timing or that trap).
      kept: also require that Dynamo kept control (no native transfer), for programs
        that trap or depend on timing.
      config: label of a Dynamo configuration YAML (default: the defaults).
    """
    test_args = ["--dynsim", "$(location //sim:dynsim)", "--binary", "$(location %s)" % binary]
    test_data = [binary, "//sim:dynsim"] + data
    if stdin:
        test_args += ["--stdin", "$(location %s)" % stdin]
        test_data.append(stdin)
    if config:
        test_args += ["--config", "$(location %s)" % config]
        test_data.append(config)
    if exact:
        test_args.append("--exact")
    if kept:
        test_args.append("--kept")
    native.sh_test(
        name = name,
        srcs = ["//tests/dynamo:transparency_test.sh"],
        args = test_args + ["--"] + args,
        data = test_data,
        **kwargs
    )
