#!/usr/bin/env python3
"""Dynamo's trace selection rate over time (the paper's m88ksim figure, section 2): runs a
program under Dynamo with a timeline (`dynsim run --interval CYCLES --timeline FILE`) and
prints, per interval, the fragments Dynamo created and the whole-cache flushes, as a
Markdown table with a bar per interval.

Usage (after `bazel build //sim:dynsim //workloads/m88ksim:m88ksim_O2`):
  tools/selection_rate.py [--program PATH] [--size test|train|ref] [--interval CYCLES]
                          [--dynamo CONFIG] [--timeline FILE]
Defaults: m88ksim -O2 at ref on configs/machines/pa8000.yaml, intervals of 10 M cycles,
the default Dynamo configuration. With --timeline FILE, an existing timeline (JSON lines)
is read instead of running.
"""
import argparse
import json
import os
import sys
import tempfile

import dynsim_runs


def counter(row, name):
    d = row.get("dynamo") or {}
    return d.get(name, d.get("dynamo." + name, 0))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--program", default="bazel-bin/workloads/m88ksim/m88ksim_O2")
    ap.add_argument("--size", default="ref", choices=["test", "train", "ref"])
    ap.add_argument("--interval", type=int, default=10_000_000)
    ap.add_argument("--dynamo", default=None, help="a Dynamo configuration (default: Dynamo's defaults)")
    ap.add_argument("--dynsim", default="bazel-bin/sim/dynsim")
    ap.add_argument("--machine", default="configs/machines/pa8000.yaml")
    ap.add_argument("--timeline", default=None, help="read this timeline instead of running")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.timeline
        if not path:
            path = os.path.join(tmp, "timeline.jsonl")
            cmd = dynsim_runs.run_command(args.dynsim, args.program, [args.size], machine=args.machine, dynamo=True,
                                          dynamo_config=args.dynamo, timeline=path, interval=args.interval)
            try:
                dynsim_runs.run(cmd, tool="selection_rate")
            except dynsim_runs.RunFailed as e:
                sys.exit(str(e))
        with open(path) as f:
            rows = [json.loads(line) for line in f if line.strip()]
    print(f"{os.path.basename(args.program)} {args.size}: fragments created per interval of "
          f"{args.interval:,} cycles\n")
    print("| from cycle | fragments | flushes | |")
    print("|---:|---:|---:|---|")
    for row in rows:
        made = counter(row, "fragments")
        flushes = counter(row, "cache_flushes")
        print(f"| {row['start_cycle']:,} | {made} | {flushes or ''} | {'#' * min(made, 60)} |")
    total = sum(counter(r, "fragments") for r in rows)
    print(f"\n{total} fragments in {len(rows)} intervals")


if __name__ == "__main__":
    main()
