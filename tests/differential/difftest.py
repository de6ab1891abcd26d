#!/usr/bin/env python3
"""The random-program differential: every seed's program (progen.py) runs under qemu-hppa,
under `dynsim run` natively, and under `dynsim run --dynamo` with each Dynamo
configuration given; all must print the same lines and exit alike. Programs are batched
(BATCH seeds to a guest binary, run one after another by harness.s) because process
start-up would otherwise dominate. A disagreement is located to its seed, confirmed on
that program alone, reduced (reduce.py) unless --no-reduce, and reported with the three
outputs. Exit status 1 if any seed disagrees.

  difftest.py --dynsim PATH --seeds N [--first F] [--batch B] [--jobs J]
              [--config YAML ...] [--rotate K] [--no-fp] [--no-reduce] [--assemble-only]

--config: a Dynamo configuration (repeatable; "default" is dynsim's defaults).
--rotate K: batch b runs the default and every K-th other configuration starting at b
mod K (./test's bounded run); 0 (the default) runs every configuration on every batch.
"""

import argparse
import multiprocessing
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # nothing written beside the sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import progen  # noqa: E402
import reduce as reducer  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
# The words of a checkpoint line (harness.s).
FIELDS = (["program", "checkpoint", "r1"] + ["r%d" % n for n in range(3, 22)] + ["r28", "r29", "sar", "fpsr"] +
          ["fr%d%s" % (n, h) for n in range(4, 19) for h in ("L", "R")] + ["checksum"])
RUN_TIMEOUT_S = 120
MAX_INSTS = "2000000000"


class Result:
    def __init__(self, status, out, err):
        self.status, self.out, self.err = status, out, err

    def same_as(self, other, stderr=True):
        """Same exit status and stdout, and (with stderr) the same stderr."""
        return (self.status, self.out) == (other.status, other.out) and (not stderr or self.err == other.err)


def agree(ref_way, ref, result):
    # qemu's stderr after a death by signal is its own register dump, not the guest's
    # (as tests/run_guest_golden.sh compares).
    dead = isinstance(ref.status, int) and ref.status >= 128
    return result.same_as(ref, stderr=not (ref_way == "qemu" and dead))


class Machine:
    """Builds guest binaries and runs them one way ("qemu", "native" or "dynamo:CONFIG")."""

    def __init__(self, dynsim, qemu, workdir):
        self.dynsim, self.qemu, self.workdir = dynsim, qemu, workdir
        self.harness = os.path.join(workdir, "harness.o")
        subprocess.run(["hppa-linux-gnu-as", os.path.join(HERE, "harness.s"), "-o", self.harness], check=True)

    def build(self, programs, name):
        source = os.path.join(self.workdir, name + ".s")
        with open(source, "w") as f:
            f.write(progen.render_batch(programs))
        obj, elf = source[:-2] + ".o", source[:-2] + ".elf"
        for cmd in (["hppa-linux-gnu-as", source, "-o", obj],
                    ["hppa-linux-gnu-ld", "-static", "-o", elf, self.harness, obj]):
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError("%s: %s failed: %s" % (source, cmd[0], done.stderr.strip().splitlines()[:3]))
        return elf

    def run(self, way, elf):
        if way == "qemu":
            cmd = ["env", "-i", self.qemu, elf]
        else:
            cmd = [self.dynsim, "run", "--set", "core.model=functional", "--max-insts", MAX_INSTS]
            if way.startswith("dynamo:"):
                config = way.split(":", 1)[1]
                cmd += ["--dynamo"] if config == "default" else ["--dynamo", config]
            cmd += ["--", elf]
        try:
            done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=RUN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return Result("timeout", b"", b"")
        status = done.returncode if done.returncode >= 0 else 128 - done.returncode
        return Result(status, done.stdout, done.stderr)


def way_name(way):
    return os.path.basename(way).rsplit(".", 1)[0] if way.startswith("dynamo:") else way


def lines_of(result, program_index=None):
    lines = result.out.decode("latin-1").splitlines()
    if program_index is None:
        return lines
    return [l for l in lines if l.split(" ", 1)[0] == "%08x" % program_index]


def culprit(left, right, count):
    """The index of the program whose output first differs (None: only the exit differs)."""
    a, b = lines_of(left), lines_of(right)
    for k in range(max(len(a), len(b))):
        if k >= len(a) or k >= len(b) or a[k] != b[k]:
            line = a[k] if k < len(a) else b[k]
            try:
                index = int(line.split(" ", 1)[0], 16)
            except ValueError:
                return None
            return index if index < count else None
    return None


def first_difference(left, right, index):
    """'r5 qemu 00000001 native 00000002, ...' for the first line of program INDEX that differs."""
    a, b = lines_of(left[1], index), lines_of(right[1], index)
    for k in range(max(len(a), len(b))):
        la = a[k].split() if k < len(a) else []
        lb = b[k].split() if k < len(b) else []
        if la != lb:
            if not la or not lb:
                return "checkpoint %d printed by %s only" % (k, left[0] if la else right[0])
            fields = ["%s %s %s %s %s" % (FIELDS[n], left[0], la[n], right[0], lb[n])
                      for n in range(min(len(la), len(lb), len(FIELDS))) if la[n] != lb[n]]
            return "checkpoint %d: %s" % (k, ", ".join(fields))
    return "exit status %s %s, %s %s" % (left[0], left[1].status, right[0], right[1].status)


def check_batch(machine, seeds, ways, fp):
    """Runs one batch; returns the disagreeing pairs [(way_a, way_b, seed or None)]."""
    programs = [progen.generate(s, *fp) for s in seeds]
    elf = machine.build(programs, "batch_%d" % seeds[0])
    if not ways:  # --assemble-only
        os.remove(elf)
        return []
    results = {way: machine.run(way, elf) for way in ways}
    found = []
    # Native against qemu, each Dynamo run against the native run.
    for way in ways[1:]:
        ref = "qemu" if way == "native" else "native"
        if not agree(ref, results[ref], results[way]):
            index = culprit(results[ref], results[way], len(seeds))
            found.append((ref, way, seeds[index] if index is not None else None))
    os.remove(elf)
    return found


def describe(machine, seed, ref, way, fp, reduce_it):
    """The report of one disagreement: confirmed alone, reduced, three outputs."""
    program = progen.generate(seed, *fp)
    elf = machine.build([program], "seed_%d" % seed)
    pair = [(ref, machine.run(ref, elf)), (way, machine.run(way, elf))]
    report = ["DISAGREEMENT seed %d: %s and %s" % (seed, way_name(ref), way_name(way))]
    if agree(ref, pair[0][1], pair[1][1]):
        report.append("  (agrees when run alone: depends on the programs before it in its batch)")
        return report
    report.append("  " + first_difference((way_name(ref), pair[0][1]), (way_name(way), pair[1][1]), 0))
    if reduce_it:
        def still_fails(candidate):
            e = machine.build([candidate], "reduce_%d" % seed)
            a, b = machine.run(ref, e), machine.run(way, e)
            return a.status == pair[0][1].status and not agree(ref, a, b)

        program = reducer.reduce(program, still_fails)
        elf = machine.build([program], "reduced_%d" % seed)
        report.append("  reduced to %d instructions:" % progen.count_instructions(program["body"]))
        text = progen.render_program(0, program)[0].splitlines()
        report += ["    " + l for l in text[text.index(progen.BODY_MARK) + 1:]]
    outputs = [("qemu", machine.run("qemu", elf)), ("native", machine.run("native", elf))]
    if way.startswith("dynamo:"):
        outputs.append((way_name(way), machine.run(way, elf)))
    report.append("  " + first_difference(outputs[0] if ref == "qemu" else outputs[1], outputs[-1], 0))
    for name, result in outputs:
        report.append("  %s (exit %s):" % (name, result.status))
        report += ["    " + l for l in lines_of(result)]
        report += ["    stderr: " + l for l in result.err.decode("latin-1").splitlines()[:5]]
    return report


def generator_options(args):
    return (not args.no_fp, args.oracle_bugs)


def worker(args, seeds, ways):
    with tempfile.TemporaryDirectory(prefix="difftest.") as workdir:
        machine = Machine(args.dynsim, args.qemu, workdir)
        try:
            found = check_batch(machine, seeds, ways, generator_options(args))
        except RuntimeError as e:  # the generator wrote something the assembler refuses
            return seeds, ways, [["GENERATOR ERROR in seeds %d-%d: %s" % (seeds[0], seeds[-1], e)]]
        reports = []
        for ref, way, seed in found:
            if seed is None:
                reports.append(["DISAGREEMENT in seeds %d-%d (exit status only): %s and %s" %
                                (seeds[0], seeds[-1], way_name(ref), way_name(way))])
            else:
                reports.append(describe(machine, seed, ref, way, generator_options(args), not args.no_reduce))
        return seeds, ways, reports


def run_task(task):
    return worker(*task)


def print_results(results, quiet):
    """Prints each batch's line and reports as they come; returns (runs, disagreements)."""
    runs = disagreements = 0
    for batch, ways, reports in results:
        runs += len(ways)
        disagreements += len(reports)
        if not quiet:
            print("seeds %d-%d: %s under %s" % (batch[0], batch[-1], "%d disagreements" % len(reports)
                                                if reports else "agree", ", ".join(map(way_name, ways)) or
                                                "the assembler only"),
                  flush=True)
        for report in reports:
            print("\n".join(report), flush=True)
    return runs, disagreements


def ways_for_batch(configs, batch_number, rotate, assemble_only):
    if assemble_only:
        return []
    dynamo = ["dynamo:" + c for c in configs]
    if rotate:
        rest = [w for w in dynamo if w != "dynamo:default"]
        dynamo = [w for w in dynamo if w == "dynamo:default"] + rest[batch_number % rotate::rotate]
    return ["qemu", "native"] + dynamo


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dynsim", required=True)
    parser.add_argument("--qemu", default="qemu-hppa")
    parser.add_argument("--seeds", type=int, required=True, help="how many seeds")
    parser.add_argument("--first", type=int, default=1, help="the first seed")
    parser.add_argument("--batch", type=int, default=50, help="seeds per guest binary")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--config", action="append", default=[], help="a Dynamo configuration YAML, or default")
    parser.add_argument("--rotate", type=int, default=0)
    parser.add_argument("--no-fp", action="store_true", help="no floating-point instructions")
    parser.add_argument("--no-reduce", action="store_true")
    parser.add_argument("--oracle-bugs", action="store_true",
                        help="also generate what qemu-hppa 7.2 gets wrong (progen.py): disagreements expected")
    parser.add_argument("--quiet", action="store_true", help="print disagreements and the summary only")
    parser.add_argument("--assemble-only", action="store_true",
                        help="only generate, assemble and link the programs (a check of the generator)")
    args = parser.parse_args()
    configs = args.config or ["default"]
    for c in configs:
        if c != "default" and not os.path.isfile(c):
            parser.error("--config %s: no such file" % c)
    seeds = list(range(args.first, args.first + args.seeds))
    batches = [seeds[k:k + args.batch] for k in range(0, len(seeds), args.batch)]
    tasks = [(args, b, ways_for_batch(configs, n, args.rotate, args.assemble_only))
             for n, b in enumerate(batches)]
    # Results in batch order whatever the number of jobs, so the report is deterministic.
    if args.jobs > 1:
        with multiprocessing.Pool(args.jobs) as pool:
            runs, disagreements = print_results(pool.imap(run_task, tasks), args.quiet)
    else:
        runs, disagreements = print_results(map(run_task, tasks), args.quiet)
    print("differential: %d random programs, %d batches, %d runs; %d disagreements" %
          (len(seeds), len(batches), runs, disagreements))
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
