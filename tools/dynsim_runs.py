"""Running dynsim from Python: one `dynsim run` with its stats file, a clear error when it
fails, and reading values out of the stats by dotted path. Shared by tools/experiment.py,
tools/flush_policy_study.py and tools/selection_rate.py.
"""
import json
import subprocess


class RunFailed(Exception):
    """A dynsim run exited non-zero; the message names the command and its first error."""


def run_command(dynsim, program, program_args=(), *, machine=None, overrides=(), dynamo=False,
                dynamo_config=None, dynamo_elf=None, regions=None, stats=None, timeline=None,
                interval=None, argv0=None, extra=()):
    """The argument vector of one `dynsim run`. Options come first and `--` ends them, so a
    program argument can never be read as an option. `overrides` are "key=value" strings;
    `argv0` is the guest's argv[0] if not `program`."""
    cmd = [dynsim, "run"]
    if machine:
        cmd += ["--config", machine]
    for o in overrides:
        cmd += ["--set", o]
    if dynamo:
        cmd += ["--dynamo"]
        if dynamo_elf:
            cmd += ["--dynamo-elf", dynamo_elf]
        if dynamo_config:
            cmd += ["--dynamo-config", dynamo_config]
    if regions:
        cmd += ["--regions", regions]
    if stats:
        cmd += ["--stats", stats]
    if timeline:
        cmd += ["--interval", str(interval), "--timeline", timeline]
    if argv0:
        cmd += ["--argv0", argv0]
    cmd += list(extra)
    return cmd + ["--", program] + list(program_args)


def run(cmd, *, cwd=None, stdout_path=None, stderr_path=None, tool="dynsim"):
    """Runs `cmd`; raises RunFailed with the command and the first lines of its stderr when it
    exits non-zero. Output goes to the given files, else is discarded (stderr is kept for the
    message)."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    try:
        done = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.PIPE)
    finally:
        if stdout_path:
            out.close()
    if stderr_path:
        with open(stderr_path, "wb") as f:
            f.write(done.stderr)
    if done.returncode != 0:
        first = done.stderr.decode(errors="replace").strip().splitlines()[:3]
        raise RunFailed(f"{tool}: {' '.join(cmd)} exited {done.returncode}: {' / '.join(first)}")


def load_stats(path):
    """The whole stats file (sections sim, descriptions, host, run)."""
    with open(path) as f:
        return json.load(f)


def lookup(tree, path):
    """The value at dotted `path` in the stats tree, or KeyError. Map keys may hold dots
    themselves (the region group "dynamo.interpreter"), so a key that matches more of the
    path is tried before a shorter one."""
    if path in tree:
        return tree[path]
    candidates = sorted((k for k in tree if path.startswith(k + ".")), key=len, reverse=True)
    for key in candidates:
        if isinstance(tree[key], dict):
            try:
                return lookup(tree[key], path[len(key) + 1:])
            except KeyError:
                continue
    raise KeyError(path)
