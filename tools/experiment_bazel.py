#!/usr/bin/python3
"""The two actions of an experiment built by Bazel (experiments/experiment.bzl): one point
into its stats file, and the points' stats into results.csv, the same CSV the Python runner
(tools/experiment.py) writes. A point's stats leave out the `host` section (wall-clock
time), so that every output is a function of the inputs alone, as Bazel's caches and remote
execution need.

  experiment_bazel.py point FILE N STATS_OUT --dynsim D --bin-dir B
  experiment_bazel.py csv FILE CSV_OUT STATS... --dynsim D --bin-dir B
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dynsim_runs  # noqa: E402
import experiment  # noqa: E402
import experiment_schema  # noqa: E402


def run_point(point, stats_out, dynsim):
    """One run of the point (repetitions are for host time, which is not kept here)."""
    full = stats_out + ".full"
    cmd = dynsim_runs.run_command(dynsim, point.program.binary, [point.size], stats=full, **point.options)
    try:
        dynsim_runs.run(cmd, tool="experiment")
    except dynsim_runs.RunFailed as e:
        sys.exit(f"{e} (point {point.describe()})")
    stats = dynsim_runs.load_stats(full)
    del stats["host"]
    with open(stats_out, "w") as f:
        json.dump(stats, f, indent=2)
        f.write("\n")
    os.remove(full)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["point", "csv"])
    ap.add_argument("file")
    ap.add_argument("rest", nargs="+")
    ap.add_argument("--dynsim", required=True)
    ap.add_argument("--bin-dir", required=True)
    args = ap.parse_args()
    try:
        exp = experiment_schema.load(args.file)
    except experiment_schema.SchemaError as e:
        sys.exit(str(e))
    experiment.remap_bin_dir(exp, args.bin_dir)
    version = subprocess.run([args.dynsim, "--version"], stdout=subprocess.PIPE, check=True).stdout.decode().strip()
    points = experiment.points_of(exp, args.dynsim, version)
    if args.action == "point":
        n, stats_out = int(args.rest[0]), args.rest[1]
        if n >= len(points):
            sys.exit(f"experiment: {exp.path} has {len(points)} points, not {n + 1} or more: "
                     f"its experiment() in experiments/BUILD must say points = {len(points)}")
        run_point(points[n], stats_out, args.dynsim)
        return
    csv_out, stats_files = args.rest[0], args.rest[1:]
    if len(stats_files) != len(points):
        sys.exit(f"experiment: {exp.path} has {len(points)} points, the build gave {len(stats_files)}: "
                 f"its experiment() in experiments/BUILD must say points = {len(points)}")
    by_point = {id(p): f for p, f in zip(points, stats_files)}
    for column, path in exp.collect:
        if path.startswith("host."):
            sys.exit(f"experiment: {exp.path}: collect.{column}: host time is not kept by a Bazel build")
    rows, columns = experiment.rows_of(exp, points, lambda p: ([dynsim_runs.load_stats(by_point[id(p)])],
                                                               by_point[id(p)]))
    experiment.write_csv(csv_out, rows, columns)


if __name__ == "__main__":
    main()
