#!/usr/bin/python3
"""Checks ./run's tables (tools/run_tables.py) and the reproduction report
(tools/reproduction_report.py) on a hand-made directory of runs whose figures are worked
out below, so a wrong formula, a dropped run or a missed qemu disagreement fails here
rather than in a report nobody rereads.

Usage: reproduction_test.py (from the repository root, or Bazel's runfiles root)
"""
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, "tools")
import run_tables  # noqa: E402

PROGRAMS = ["li", "go", "m88ksim"]
# Native cycles and instructions; cycles under each Dynamo configuration. li: 1000/800 =
# 1.25x under the defaults, go: 1000/1250 = 0.8x, m88ksim 1x, so the geometric mean is
# exactly 1.
NATIVE = {"li": (1000, 800), "go": (1000, 900), "m88ksim": (1000, 800)}
DYNAMO_CYCLES = {"li": 800, "go": 1250, "m88ksim": 1000}
OTHER_MODES = ["traces_only", "conservative", "through_calls", "chains", "aggressive", "count_lookups",
               "cache32", "cache64", "cache1024"]


def write_run(directory, p, mode, doc, out=b"hello\n", err=b"", status=b"0\n"):
    base = os.path.join(directory, p, mode)
    os.makedirs(os.path.dirname(base), exist_ok=True)
    if doc is not None:
        with open(base + ".json", "w") as f:
            json.dump(doc, f)
    for ext, data in ((".out", out), (".err", err), (".status", status)):
        with open(base + ext, "wb") as f:
            f.write(data)


def dynamo_doc(cycles, interpreted, fragment_insts, app_insts=0):
    """Stats of a run under Dynamo: 10% of its cycles in the interpreter, 5% in the lookup."""
    return {"run": {"dynsim_version": "test-version"},
            "sim": {"cycles": cycles, "instructions": 2 * fragment_insts,
                    "guest": {"counters": {"dynamo.interpreted_instructions": interpreted,
                                           "dynamo.fragments": 5, "dynamo.cache_flushes": 0,
                                           "dynamo.lookup_hits": 40, "dynamo.inline_misses": 8}},
                    "regions": {"groups": {
                        "instructions": {"fragment_cache": fragment_insts, "app": app_insts},
                        "cycles": {"dynamo.interpreter": cycles // 10, "dynamo.lookup": cycles // 20,
                                   "fragment_cache": cycles - cycles // 10 - cycles // 20}}}}}


def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def make_runs(directory):
    for p in PROGRAMS:
        cycles, insts = NATIVE[p]
        native = {"run": {"dynsim_version": "test-version"}, "sim": {"cycles": cycles, "instructions": insts}}
        for mode in ("native", "native_test"):
            write_run(directory, p, mode, native)
        for mode in ("qemu", "qemu_test"):
            write_run(directory, p, mode, None)
        # li: 100 of 800 instructions interpreted, 770 fragment instructions for the other
        # 700: 1.1 per native instruction, 87.5% from the cache.
        write_run(directory, p, "dynamo", dynamo_doc(DYNAMO_CYCLES[p], 100, 770))
        for mode in OTHER_MODES:
            write_run(directory, p, mode, dynamo_doc(DYNAMO_CYCLES[p], 100, 770))
        write_run(directory, p, "nolink_test", dynamo_doc(40 * cycles, 100, 770))
        with open(os.path.join(directory, p, "dynamo.timeline.jsonl"), "w") as f:
            # Rows end at slice boundaries, a few cycles off the nominal 100.
            bounds = (0, 100, 203, 300)
            for k, made in enumerate((3, 0, 2)):
                f.write(json.dumps({"start_cycle": bounds[k], "end_cycle": bounds[k + 1],
                                    "dynamo": {"fragments": made},
                                    "groups": {"dynamo.interpreter": 10, "fragment_cache": 90,
                                               "dynamo.exit_stubs": 10}}) + "\n")


class RunTables(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.runs = self.tmp.name
        make_runs(self.runs)

    def tearDown(self):
        self.tmp.cleanup()

    def test_figures_worked_by_hand(self):
        n, d = run_tables.stats(self.runs, "li", "native"), run_tables.stats(self.runs, "li", "dynamo")
        self.assertAlmostEqual(run_tables.speedup(self.runs, "li"), 1.25)
        self.assertAlmostEqual(run_tables.speedup(self.runs, "go"), 0.8)
        self.assertAlmostEqual(run_tables.geomean([1.25, 0.8]), 1.0)
        self.assertAlmostEqual(run_tables.from_cache_percent(n, d), 87.5)
        self.assertAlmostEqual(run_tables.fragment_insts_per_native(n, d), 1.1)
        interp, build, lookup, dispatch = run_tables.own_cycles_percent(d)
        self.assertEqual((interp, build, lookup, dispatch), (10.0, 0.0, 5.0, 0.0))

    def test_missing_figures_show_as_dashes(self):
        self.assertIsNone(run_tables.speedup(self.runs, "li", "no_such_mode"))
        self.assertIsNone(run_tables.geomean([None, None]))
        self.assertEqual(run_tables.fmt(None), "-")

    def test_agreement_needs_same_output_error_and_success(self):
        self.assertTrue(run_tables.agrees(self.runs, "li", "dynamo"))
        write_run(self.runs, "li", "dynamo", None, err=b"warning\n")
        self.assertFalse(run_tables.agrees(self.runs, "li", "dynamo"))
        write_run(self.runs, "go", "dynamo", None, status=b"1\n")
        write_run(self.runs, "go", "qemu", None, status=b"1\n")
        self.assertFalse(run_tables.agrees(self.runs, "go", "dynamo"), "a shared failure is no agreement")

    def test_table_and_its_exit_status(self):
        argv = ["run_tables.py", self.runs, "test", "1", "0", "1"] + PROGRAMS
        out = io.StringIO()
        with redirect_stdout(out):
            self.assertEqual(run_tables.main(argv), 0)
        li = [line for line in out.getvalue().splitlines() if line.startswith("li ")]
        self.assertTrue(li and "1.250x" in li[0] and "87.50" in li[0], out.getvalue())
        self.assertIn("1.000x", out.getvalue())  # the geometric mean
        write_run(self.runs, "go", "dynamo", None, out=b"goodbye\n")
        with redirect_stdout(io.StringIO()):
            self.assertEqual(run_tables.main(argv), 1)


class ReproductionReport(unittest.TestCase):
    def report(self, runs, out):
        return subprocess.run([sys.executable, "tools/reproduction_report.py", "--runs", runs, "--size", "test",
                               "--out", out, "--command", "./run --size test --report"] + PROGRAMS,
                              capture_output=True, text=True)

    def test_report_holds_the_figures_and_names_disagreements(self):
        with tempfile.TemporaryDirectory() as tmp:
            runs, out = os.path.join(tmp, "runs"), os.path.join(tmp, "report", "reproduction.md")
            make_runs(runs)
            os.makedirs(os.path.dirname(out))
            done = self.report(runs, out)
            self.assertEqual(done.returncode, 0, done.stderr)
            text = read(out)
            for want in ("`test-version`", "| li | 1,000 | 800 | 1.250x | over 22% faster | +2.5% |",
                         "| geometric mean |  |  | 1.000x |", "| li | 1,000 | 40,000 | 40.0x |",
                         "per interval of 100 cycles", "5 fragments in all", "- go does not bail out", "| li | 10.0 | 0.0 | 5.0 | 0.0 | 15.0 |"):
                self.assertIn(want, text)
            self.assertNotIn("disagreed", text)
            for name in ("speedup", "ablation", "overhead", "selection_rate", "bailout", "cache_size"):
                self.assertTrue(os.path.getsize(os.path.join(tmp, "report", "reproduction", name + ".svg")) > 0)
            first = read(out, "rb")
            self.assertEqual(self.report(runs, out).returncode, 0)
            self.assertEqual(read(out, "rb"), first, "the report is not deterministic")

            write_run(runs, "go", "cache64", None, out=b"goodbye\n")
            done = self.report(runs, out)
            self.assertEqual(done.returncode, 1)
            self.assertIn("go cache64 did not agree with qemu-hppa", done.stderr)
            self.assertIn("- go cache64", read(out))


if __name__ == "__main__":
    unittest.main()
