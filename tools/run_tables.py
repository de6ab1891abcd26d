#!/usr/bin/env python3
"""./run's tables, from the runs it made: DIR/PROGRAM/MODE.{json,out,err,status} (MODE
native, dynamo, qemu, a Dynamo configuration's name). Dynamo's counters are read by name
from sim.guest.counters (the stats contract, DESIGN.md) and shown as "-" until Dynamo
reports them. Also the readers the reproduction report (tools/reproduction_report.py)
shares.

Usage: tools/run_tables.py DIR SIZE DYNAMO(0|1) NOLINK(0|1) ABLATION(0|1) PROGRAM...
Exits 1 if any run's stdout, stderr or exit status differs from qemu-hppa's.
"""
import json
import math
import sys

ABLATION_STEPS = ["traces_only", "conservative", "through_calls", "chains", "aggressive"]

# Dynamo's own cycles by mechanism: region groups of configs/dynamo/regions.yaml.
MECHANISMS = [("interp", ["dynamo.interpreter", "dynamo.monitor"]),
              ("build+opt", ["dynamo.builder", "dynamo.optimizer", "dynamo.emitter", "dynamo.fragment_cache",
                             "dynamo.linker"]),
              ("lookup", ["dynamo.lookup"]),
              ("dispatch+exits", ["dynamo.dispatch", "dynamo.exit_stubs", "dynamo.bailout"])]


def read(path, default=None):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return default


def stats(out, p, mode):
    try:
        return json.loads(read("%s/%s/%s.json" % (out, p, mode), b"") or b"null") or {}
    except ValueError:
        return {}


def agrees(out, p, mode, qemu="qemu"):
    """Same stdout, stderr and exit status as qemu-hppa (the run `qemu`), and that status is
    success."""
    base, q = "%s/%s/%s" % (out, p, mode), "%s/%s/%s" % (out, p, qemu)
    qs, s = read(q + ".status"), read(base + ".status")
    return qs is not None and qs == s and qs.strip() == b"0" and all(
        read(q + ext) == read(base + ext) for ext in (".out", ".err"))


def get(d, *keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def groups(d, what):
    return get(d, "sim", "regions", "groups", what) or {}


def counters(d):
    return get(d, "sim", "guest", "counters") or {}


def fmt(v, f="%d"):
    return "-" if v is None else f % v


def geomean(values):
    values = [v for v in values if v]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def speedup(out, p, mode="dynamo"):
    n, c = get(stats(out, p, "native"), "sim", "cycles"), get(stats(out, p, mode), "sim", "cycles")
    return n / c if n and c else None


def fragment_insts_per_native(n, d):
    """Fragment-cache instructions per application instruction that ran there: for the same
    work, the native run's instructions less those Dynamo interpreted or handed to native
    execution (region group `app`)."""
    n_insts = get(n, "sim", "instructions")
    interp = counters(d).get("dynamo.interpreted_instructions", 0)
    cached = n_insts - interp - groups(d, "instructions").get("app", 0) if n_insts else 0
    return groups(d, "instructions").get("fragment_cache", 0) / cached if cached > 0 else None


def own_cycles_percent(d):
    """Dynamo's own cycles by mechanism (MECHANISMS), % of the run's cycles (needs --regions)."""
    cycles = get(d, "sim", "cycles") or 0
    return [100.0 * sum(groups(d, "cycles").get(g, 0) for g in gs) / cycles if cycles else None
            for _, gs in MECHANISMS]


def table(head, rows):
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    for r in [head] + rows:
        print("  ".join(("%-*s" if i in (0, len(head) - 1) else "%*s") % (widths[i], c)
                        for i, c in enumerate(r)).rstrip())


def ablation_table(out, programs):
    """Speedup of each step (configs/dynamo/<step>.yaml, then the defaults); for the
    defaults: fragment-code instructions per native instruction, lookups per 1,000 native
    instructions and Dynamo's own cycles by mechanism."""
    head = ("program",) + tuple(ABLATION_STEPS) + ("+ bail-out (default)", "frag insts / native",
                                                    "hits /1k", "misses /1k") + tuple(
        m + " %" for m, _ in MECHANISMS) + ("",)
    rows, columns = [], [[] for _ in range(len(ABLATION_STEPS) + 2)]
    for p in programs:
        n, d = stats(out, p, "native"), stats(out, p, "dynamo")
        n_insts = get(n, "sim", "instructions")
        speedups = [speedup(out, p, m) for m in ABLATION_STEPS + ["dynamo"]]
        ratio = fragment_insts_per_native(n, d)
        counted = counters(stats(out, p, "count_lookups"))
        per_k = [1000.0 * counted[k] / n_insts if n_insts and k in counted else None
                 for k in ("dynamo.lookup_hits", "dynamo.inline_misses")]
        for k, v in enumerate(speedups + [ratio]):
            columns[k].append(v)
        rows.append((p,) + tuple(fmt(v, "%.3fx") for v in speedups) + (fmt(ratio, "%.3f"),) +
                    tuple(fmt(v, "%.2f") for v in per_k) + tuple(fmt(v, "%.1f") for v in own_cycles_percent(d)) +
                    ("",))
    rows.append(("geomean",) + tuple(fmt(geomean(c), "%.3fx") for c in columns[:-1]) +
                (fmt(geomean(columns[-1]), "%.3f"),) + ("",) * (len(MECHANISMS) + 3))
    print()
    table(head, rows)
    print("(ablation: speedup over native with configs/dynamo/traces_only.yaml, conservative.yaml, "
          "through_calls.yaml, chains.yaml, aggressive.yaml (all without bail-out), then the defaults; frag insts / "
          "native: instructions run in the fragment cache per application instruction that ran "
          "there (the native run's less those interpreted or run natively), default configuration; hits "
          "and misses /1k: indirect branches the lookup table found, and inline compares that missed, per "
          "1,000 native instructions (configs/dynamo/count_lookups.yaml: the defaults, counted); the last "
          "columns: Dynamo's own cycles by mechanism, % of the default run's cycles)")


def from_cache_percent(n, d):
    """Application instructions run from the fragment cache, % of the native run's: the rest
    Dynamo interpreted (dynamo.interpreted_instructions) or ran natively after handing the
    application over (region group `app`)."""
    n_insts = get(n, "sim", "instructions")
    interp = counters(d).get("dynamo.interpreted_instructions")
    if interp is None or not n_insts:
        return None
    return 100.0 * (n_insts - interp - groups(d, "instructions").get("app", 0)) / n_insts


def dynamo_row(out, p, nolink):
    n, d = stats(out, p, "native"), stats(out, p, "dynamo")
    n_cycles, d_cycles = get(n, "sim", "cycles"), get(d, "sim", "cycles")
    c = counters(d)
    # Dynamo's own code: region group `dynamo` (or `dynamo.*` when split by --regions);
    # the fragment cache, exit stubs, the application and the OS are not overhead.
    own = sum(v for g, v in groups(d, "cycles").items() if g == "dynamo" or g.startswith("dynamo."))
    overhead = 100.0 * own / d_cycles if d_cycles and groups(d, "cycles") else None
    bailed = c.get("dynamo.bailout_cycle") if c.get("dynamo.bailouts") else None
    flushes = None
    if "dynamo.cache_flushes" in c:
        flushes = "%d/%d" % (c.get("dynamo.flushes_full", 0), c.get("dynamo.flushes_rate_spike", 0))
    row = (p, fmt(n_cycles), fmt(d_cycles), fmt(speedup(out, p), "%.3fx"), fmt(from_cache_percent(n, d), "%.2f"),
           fmt(c.get("dynamo.fragments")), flushes or "-", fmt(overhead, "%.1f"), fmt(bailed))
    if nolink:
        # The paper's linking experiment: every exit back to Dynamo (section 2; about 40x).
        u_cycles = get(stats(out, p, "nolink"), "sim", "cycles")
        row += (fmt(u_cycles / n_cycles if u_cycles and n_cycles else None, "%.1fx"),)
    return row


def main(argv):
    out, size, dynamo, programs = argv[1], argv[2], argv[3] == "1", argv[6:]
    nolink = dynamo and argv[4] == "1"
    ablation = dynamo and argv[5] == "1"
    failures = 0
    rows = []
    for p in programs:
        n = stats(out, p, "native")
        n_cycles, n_insts = get(n, "sim", "cycles"), get(n, "sim", "instructions")
        bad = [m for m in ["native"] + (["dynamo"] if dynamo else []) + (["nolink"] if nolink else [])
               + (ABLATION_STEPS + ["count_lookups"] if ablation else []) if not agrees(out, p, m)]
        failures += bool(bad)
        agree = "NO: " + "+".join(bad) if bad else "yes"
        if dynamo:
            rows.append(dynamo_row(out, p, nolink) + (agree,))
        else:
            ipc = n_cycles and n_insts is not None and n_insts / n_cycles
            rows.append((p, fmt(n_insts), fmt(n_cycles), fmt(ipc or None, "%.3f"), agree))
    if dynamo:
        head = ("program", "native cycles", "Dynamo cycles", "speedup", "% from cache", "fragments",
                "flushes", "overhead %", "bailed out at") + (("no-link slowdown",) if nolink else ()) + ("= qemu",)
        rows.append(("geomean", "", "", fmt(geomean([speedup(out, p) for p in programs]), "%.3fx")) +
                    ("",) * (len(head) - 4))
    else:
        head = ("program", "instructions", "native cycles", "IPC", "= qemu")
    table(head, rows)
    if dynamo:
        print("(size %s on configs/machines/pa8000.yaml, default Dynamo configuration (configs/dynamo/"
              "default.yaml: optimize conservative, traces through calls, bail-out on); speedup: native "
              "cycles / Dynamo cycles; %% from cache: of the application's instructions; flushes: whole-cache "
              "flushes when full / on a creation-rate spike; overhead: cycles "
              "in Dynamo's own code / all Dynamo-run cycles; bailed out at: the cycle Dynamo handed the "
              "application to native execution;%s = qemu: stdout, stderr and exit status equal qemu-hppa's)"
              % (size, " no-link slowdown: Dynamo cycles with linking: false / native cycles;" if nolink else ""))
        if ablation:
            ablation_table(out, programs)
    else:
        print("(size %s on configs/machines/pa8000.yaml, native only; = qemu: stdout, stderr "
              "and exit status equal qemu-hppa's)" % size)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
