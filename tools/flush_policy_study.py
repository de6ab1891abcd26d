#!/usr/bin/env python3
"""The fragment-cache policies compared (dynamo/flush_policy.h, dynamo/fifo_cache.h): a
program under each policy and each fragment cache size, on the simulated PA-8000
(configs/machines/pa8000.yaml). Prints one Markdown table: cycles, speedup over the native
run, flushes by cause, FIFO evictions, fragments built, the peak cache occupancy and the
capacity at the end. `fifo` keeps the size (fifo_max_kb = the size); `fifo+grow` may double
it up to 1024 KB (DynamoRIO's adaptive sizing).

Usage (after `bazel build //sim:dynsim //workloads/micro:phase_change_O2`):
  tools/flush_policy_study.py [--program PATH] [--size test|train|ref] [--sizes-kb 16,64,...]
Defaults: the phase_change micro workload at train, caches 16, 32, 64, 150, 256 and 1024 KB.
Two runs at a time (one per core); every figure is simulated, so one run per point.
"""
import argparse
import concurrent.futures
import os
import sys
import tempfile

import dynsim_runs

# Each policy's name in the table and its configuration at `kb` KB.
POLICIES = {
    "flush_on_full": lambda kb: f"flush_policy: flush_on_full\nfragment_cache_kb: {kb}\n",
    "preemptive": lambda kb: f"flush_policy: preemptive\nfragment_cache_kb: {kb}\n",
    "fifo": lambda kb: f"flush_policy: fifo\nfragment_cache_kb: {kb}\nfifo_max_kb: {kb}\n",
    "fifo+grow": lambda kb: f"flush_policy: fifo\nfragment_cache_kb: {kb}\nfifo_max_kb: 1024\n",
}


def run(dynsim, dynamo_elf, machine, program, size, dynamo_yaml, stats):
    cmd = dynsim_runs.run_command(dynsim, program, [size], machine=machine, stats=stats, dynamo=bool(dynamo_yaml),
                                  dynamo_config=dynamo_yaml, dynamo_elf=dynamo_elf)
    try:
        dynsim_runs.run(cmd, tool="flush_policy_study")
    except dynsim_runs.RunFailed as e:
        sys.exit(str(e))
    return dynsim_runs.load_stats(stats)["sim"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--program", default="bazel-bin/workloads/micro/phase_change_O2")
    ap.add_argument("--size", default="train", choices=["test", "train", "ref"])
    ap.add_argument("--sizes-kb", default="16,32,64,150,256,1024")
    ap.add_argument("--dynsim", default="bazel-bin/sim/dynsim")
    ap.add_argument("--dynamo-elf", default=None, help="another Dynamo build (default: dynsim's own)")
    ap.add_argument("--machine", default="configs/machines/pa8000.yaml")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes_kb.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        points = [(None, None)] + [(p, kb) for kb in sizes for p in POLICIES]
        jobs = {}
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            for policy, kb in points:
                yaml_path = None
                if policy:
                    yaml_path = os.path.join(tmp, f"{policy.replace('+', '_')}_{kb}.yaml")
                    with open(yaml_path, "w") as f:
                        f.write(POLICIES[policy](kb))
                stats = os.path.join(tmp, f"{str(policy).replace('+', '_')}_{kb}.json")
                jobs[(policy, kb)] = pool.submit(run, args.dynsim, args.dynamo_elf, args.machine, args.program, args.size,
                                                 yaml_path, stats)
        native = jobs[(None, None)].result()["cycles"]
        name = os.path.basename(args.program)
        print(f"{name} {args.size}: native {native:,} cycles\n")
        print("| cache | policy | cycles | speedup | flushes full | flushes rate spike | evicted | resizes | "
              "fragments | peak bytes | capacity at the end |")
        print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for kb in sizes:
            for policy in POLICIES:
                sim = jobs[(policy, kb)].result()
                c = sim["guest"]["counters"]
                print(f"| {kb} KB | {policy} | {sim['cycles']:,} | {native / sim['cycles']:.3f} | "
                      f"{c['dynamo.flushes_full']} | {c['dynamo.flushes_rate_spike']} | {c['dynamo.fragments_evicted']} | "
                      f"{c['dynamo.fifo_resizes']} | {c['dynamo.fragments']} | {c['dynamo.cache_peak_bytes']:,} | "
                      f"{c['dynamo.cache_capacity_bytes'] // 1024} KB |")


if __name__ == "__main__":
    main()
