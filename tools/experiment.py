#!/usr/bin/python3
"""Runs an experiment file (configs/experiments/*.yaml; docs/experiments.md): every point of
programs x sizes x modes x the grid of --set overrides, in parallel on the local cores, with
a progress line and an ETA. A finished point is kept under OUT/points/KEY, KEY being a hash
of everything that decides its result (the program's, dynsim's and Dynamo's binaries, the
configuration files' contents, the arguments, dynsim's version), so a rerun runs only the
points that changed. Writes OUT/results.csv (one row a point), each point's stats JSON, and
OUT/report.md with its plots (PNG and SVG).

Usage, from the repository root after building what the experiment runs (the file's
programs, //sim:dynsim):
  tools/experiment.py configs/experiments/icache_size.yaml [--jobs N] [--out DIR]
  tools/experiment.py --validate FILE...     # check the files only
"""
import argparse
import concurrent.futures
import csv
import hashlib
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dynsim_runs  # noqa: E402
import experiment_schema  # noqa: E402

# The key's format: change it when what a point's directory holds changes.
CACHE_FORMAT = 1


def sha256_file(path, memo={}):
    if path not in memo:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        memo[path] = h.hexdigest()
    return memo[path]


class Point:
    """One run of the experiment (repeated `repetitions` times): its identity, its command
    and its cache key."""

    def __init__(self, exp, program, size, mode, grid_values, dynsim, version):
        self.exp, self.program, self.size, self.mode = exp, program, size, mode
        self.grid_values = grid_values  # [(key, value)]
        overrides = exp.fixed_overrides + [f"{k}={v}" for k, v in grid_values]
        self.options = dict(machine=exp.machine, overrides=overrides, dynamo=mode.dynamo,
                            dynamo_config=mode.dynamo_config, dynamo_elf=exp.dynamo_elf if mode.dynamo else None,
                            regions=exp.regions, argv0=program.argv0)
        files = {"dynsim": dynsim, "program": program.binary}
        for k in ("machine", "dynamo_config", "dynamo_elf", "regions"):
            if self.options[k]:
                files[k] = self.options[k]
        for what, path in files.items():
            if not os.path.isfile(path):
                raise SystemExit(f"experiment: {exp.path}: {what} {path!r} does not exist (build it first: "
                                 f"bazel build //sim:dynsim and the programs)")
        # Contents, not paths: the same inputs anywhere give the same key.
        inputs = {"format": CACHE_FORMAT, "version": version,
                  "files": {k: sha256_file(p) for k, p in sorted(files.items())},
                  "overrides": overrides, "dynamo": mode.dynamo, "arguments": [size],
                  "argv0": program.argv0 or program.binary,
                  "repetitions": exp.repetitions, "timeline_interval": exp.timeline_interval}
        self.key = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:16]
        self.inputs = inputs

    def identity(self):
        row = {"program": self.program.name, "size": self.size, "mode": self.mode.name}
        row.update(self.grid_values)
        return row

    def describe(self):
        return " ".join(f"{k}={v}" for k, v in self.identity().items())


def remap_bin_dir(exp, bin_dir):
    """Paths under bazel-bin/ in the experiment file, read from `bin_dir` instead (a Bazel
    action's $(BINDIR), a test's runfiles)."""
    def remap(path):
        return os.path.join(bin_dir, path[len("bazel-bin/"):]) if path and path.startswith("bazel-bin/") else path
    for p in exp.programs:
        p.argv0 = p.argv0 or p.binary
        p.binary = remap(p.binary)
    exp.dynamo_elf = remap(exp.dynamo_elf)


def points_of(exp, dynsim, version):
    grid_keys = [k for k, _ in exp.grid]
    combos = list(itertools.product(*[v for _, v in exp.grid])) if exp.grid else [()]
    return [Point(exp, p, s, m, list(zip(grid_keys, c)), dynsim, version)
            for p in exp.programs for s in exp.sizes for m in exp.modes for c in combos]


def check_overrides(exp, points, dynsim):
    """Every machine the points use, checked by `dynsim config` before anything runs, so a
    misspelt grid key or a value out of range stops the experiment at once."""
    seen = set()
    for point in points:
        overrides = tuple(point.options["overrides"])
        if overrides in seen:
            continue
        seen.add(overrides)
        cmd = [dynsim, "config", "--dump"] + (["--config", exp.machine] if exp.machine else [])
        for o in overrides:
            cmd += ["--set", o]
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if done.returncode != 0:
            error = done.stderr.decode(errors="replace").strip().splitlines()
            raise SystemExit(f"experiment: {exp.path}: the machine of {point.describe()}: "
                             f"{error[0] if error else 'rejected by dynsim config'}")


def run_point(point, out, dynsim):
    """Runs the point's repetitions into a fresh directory; point.json, written last, marks
    it finished, so an interrupted run never leaves a point that looks finished."""
    work = os.path.join(out, "points", point.key)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    sims = []
    for rep in range(1, point.exp.repetitions + 1):
        stats = os.path.join(work, "stats.json" if rep == 1 else f"stats.{rep}.json")
        timeline = os.path.join(work, "timeline.jsonl") if point.exp.timeline_interval and rep == 1 else None
        cmd = dynsim_runs.run_command(dynsim, point.program.binary, [point.size], stats=stats, timeline=timeline,
                                      interval=point.exp.timeline_interval, **point.options)
        dynsim_runs.run(cmd, stdout_path=os.path.join(work, "stdout"), stderr_path=os.path.join(work, "stderr"),
                        tool="experiment")
        sims.append(dynsim_runs.load_stats(stats)["sim"])
    # Simulated figures are deterministic: repetitions exist for host time only.
    if any(s != sims[0] for s in sims[1:]):
        raise dynsim_runs.RunFailed(f"experiment: {point.describe()}: simulated stats differ between repetitions")
    with open(os.path.join(work, "point.json"), "w") as f:
        json.dump({"identity": point.identity(), "inputs": point.inputs, "command": cmd}, f, indent=2)
        f.write("\n")


class Progress:
    """One line on stderr: points done of all, cached, failed, running, and the ETA from the
    mean time of the points run so far. Redrawn in place on a terminal, else a line a point."""

    def __init__(self, total, jobs, quiet):
        self.total, self.jobs, self.quiet = total, jobs, quiet
        self.done = self.cached = self.failed = self.running = 0
        self.run_seconds = []
        self.tty = sys.stderr.isatty()
        self.lock = threading.Lock()

    def update(self, started=0, finished=None, seconds=0.0, cached=False, failed=False):
        with self.lock:
            self.running += started
            if finished is not None:
                self.done += 1
                self.cached += cached
                self.failed += failed
                if not cached:
                    self.running -= 1
                    self.run_seconds.append(seconds)
            if self.quiet or (not self.tty and finished is None):
                return
            left = self.total - self.done
            eta = ""
            if self.run_seconds and left:
                eta = f", ETA {statistics.mean(self.run_seconds) * left / min(self.jobs, left):.0f} s"
            line = (f"[{self.done}/{self.total}] {self.cached} cached, {self.failed} failed, "
                    f"{self.running} running{eta}")
            if finished is not None and not self.tty:
                line += f"  {finished}"
            sys.stderr.write(("\r" + line + "\033[K") if self.tty else line + "\n")
            if self.tty and self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def run_all(points, out, dynsim, jobs, quiet):
    progress = Progress(len(points), jobs, quiet)
    failures = []

    def one(point):
        if os.path.isfile(os.path.join(out, "points", point.key, "point.json")):
            progress.update(finished=point.describe(), cached=True)
            return
        progress.update(started=1)
        start = time.monotonic()
        try:
            run_point(point, out, dynsim)
            progress.update(finished=point.describe(), seconds=time.monotonic() - start)
        except dynsim_runs.RunFailed as e:
            failures.append(str(e))
            progress.update(finished=point.describe(), seconds=time.monotonic() - start, failed=True)

    unique = list({p.key: p for p in points}.values())
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, unique))
    return sorted(failures)


def flatten(column, value):
    """A collected value as CSV cells: a map becomes one column per key (column.key)."""
    if isinstance(value, dict):
        cells = {}
        for k in sorted(value):
            cells.update(flatten(f"{column}.{k}", value[k]))
        return cells
    return {column: value}


def cached_stats(exp, out):
    """The stats of a point's repetitions, as run_point left them under `out`, and where."""
    def load(point):
        directory = os.path.join(out, "points", point.key)
        return ([dynsim_runs.load_stats(os.path.join(directory, "stats.json" if r == 1 else f"stats.{r}.json"))
                 for r in range(1, exp.repetitions + 1)], f"{directory}/stats.json")
    return load


def rows_of(exp, points, load):
    """One row a point, in the points' order; `load(point)` gives its stats and their place."""
    rows = []
    for point in points:
        stats, where = load(point)
        row = point.identity()
        row["point"] = point.key
        for column, path in exp.collect:
            try:
                values = [dynsim_runs.lookup(s, path) for s in stats]
            except KeyError:
                raise SystemExit(f"experiment: {exp.path}: collect.{column}: {path!r} is not in the stats of "
                                 f"{point.describe()} ({where})")
            value = values[0]
            if path.startswith("host.") and len(values) > 1:
                value = statistics.median(values)  # host time varies; the median resists outliers
            row.update(flatten(column, value))
        for column, numerator, denominator in exp.ratios:
            # A map's entry that a point lacks (a group it never fetched from) counts 0.
            num, den = row.get(numerator, 0), row.get(denominator, 0)
            row[column] = num / den if den else 0.0
        row["timeline"] = os.path.join("points", point.key, "timeline.jsonl") if exp.timeline_interval else None
        rows.append(row)
    # Map columns may have keys in some points only (a region group never fetched): 0 there.
    columns = []
    for r in rows:
        for c in r:
            if c not in columns and c != "timeline":
                columns.append(c)
    for r in rows:
        for c in columns:
            r.setdefault(c, 0)
    return rows, columns


def write_csv(path, rows, columns):
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: repr(v) if isinstance(v, float) else v for c, v in r.items()})


def write_report(exp, rows, columns, out, version, plot_files):
    cell = lambda v: repr(v) if isinstance(v, float) else str(v)
    lines = [f"# Experiment `{exp.name}`", ""]
    if exp.description:
        lines += [exp.description.strip(), ""]
    lines += [f"Regenerate with `tools/experiment.py {exp.path}` (docs/experiments.md). dynsim {version}; "
              f"experiment file SHA-256 {sha256_file(exp.path)[:16]}; {len(rows)} points; "
              f"machine {exp.machine or 'the PA-8000 defaults'}"
              + (f", overrides {', '.join(exp.fixed_overrides)}" if exp.fixed_overrides else "") + ".", ""]
    for plot, (png, svg) in plot_files:
        lines += [f"## {plot.title}", "", f"![{plot.title}]({png})", "", f"([SVG]({svg}))", ""]
    lines += ["## Results", "", "Every point's stats: `points/POINT/stats.json`; the same table: `results.csv`.", ""]
    lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for r in rows:
        lines.append("| " + " | ".join(cell(r[c]) for c in columns) + " |")
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", metavar="FILE")
    ap.add_argument("--out", default=None, help="output directory (default: experiments-out/NAME)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="points run at once (default: the cores)")
    ap.add_argument("--dynsim", default="bazel-bin/sim/dynsim")
    ap.add_argument("--validate", action="store_true", help="check the experiment files, run nothing")
    ap.add_argument("--no-plots", action="store_true", help="skip the plots (the CSV and report still)")
    ap.add_argument("--quiet", action="store_true", help="no progress line")
    ap.add_argument("--bin-dir", default=None, help="read the file's bazel-bin/ paths from this directory")
    args = ap.parse_args()
    try:
        experiments = [experiment_schema.load(f) for f in args.files]
    except experiment_schema.SchemaError as e:
        sys.exit(str(e))
    if args.bin_dir:
        for exp in experiments:
            remap_bin_dir(exp, args.bin_dir)
    if args.validate:
        return
    if len(experiments) > 1 and args.out:
        sys.exit("experiment: --out takes one experiment file")
    version = subprocess.run([args.dynsim, "--version"], stdout=subprocess.PIPE, check=True).stdout.decode().strip()
    status = 0
    for exp in experiments:
        out = args.out or os.path.join("experiments-out", exp.name)
        os.makedirs(os.path.join(out, "points"), exist_ok=True)
        points = points_of(exp, args.dynsim, version)
        check_overrides(exp, points, args.dynsim)
        failures = run_all(points, out, args.dynsim, max(args.jobs, 1), args.quiet)
        if failures:
            for f in failures:
                print(f, file=sys.stderr)
            status = 1
            continue
        rows, columns = rows_of(exp, points, cached_stats(exp, out))
        write_csv(os.path.join(out, "results.csv"), rows, columns)
        plot_files = []
        if not args.no_plots:
            import experiment_plots  # matplotlib is slow to import: only when drawing
            plot_files = [(p, experiment_plots.draw(p, rows, out)) for p in exp.plots]
        write_report(exp, rows, columns, out, version, plot_files)
        if not args.quiet:
            print(f"experiment {exp.name}: {len(points)} points -> {out}/results.csv, {out}/report.md",
                  file=sys.stderr)
    sys.exit(status)


if __name__ == "__main__":
    main()
