"""The figures of the reproduction report (tools/reproduction_report.py), drawn with
matplotlib as SVG and PNG by experiment_plots.save_figure (no dates in the files)."""
from experiment_plots import plt, save_figure
from run_tables import geomean


def _bars(ax, programs, series, names):
    """Grouped bars: one group per program (and a last one for the geometric mean), one bar
    per series."""
    width = 0.8 / len(series)
    for k, (values, name) in enumerate(zip(series, names)):
        xs = [i - 0.4 + width * (k + 0.5) for i in range(len(values))]
        ax.bar(xs, [v or 0 for v in values], width, label=name)
    ax.set_xticks(range(len(programs)))
    ax.set_xticklabels(programs, rotation=30)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.grid(True, axis="y", alpha=0.3)


def speedups(directory, programs, ours, paper, paper_mean):
    fig, ax = plt.subplots(figsize=(8, 4.8))
    _bars(ax, programs + ["geomean"], [ours + [geomean(ours)]], ["dynsim"])
    marks = [(i, v) for i, v in enumerate(paper + [paper_mean]) if v is not None]
    ax.plot([i for i, _ in marks], [v for _, v in marks], "D", color="black", label="the paper")
    ax.set_title("Speedup under Dynamo (PA-8000 model, -O2)")
    ax.set_ylabel("native cycles / cycles under Dynamo")
    ax.legend(fontsize="small")
    save_figure(fig, directory, "speedup")


def ablation(directory, programs, names, table, means):
    fig, ax = plt.subplots(figsize=(9, 4.8))
    series = [[row[k] for row in table] + [means[k]] for k in range(len(names))]
    _bars(ax, programs + ["geomean"], series, names)
    ax.set_title("What each mechanism adds")
    ax.set_ylabel("speedup over native")
    ax.legend(fontsize="small", ncol=2)
    save_figure(fig, directory, "ablation")


def overhead(directory, programs, names, table):
    fig, ax = plt.subplots(figsize=(8, 4.8))
    bottom = [0.0] * len(programs)
    for k, name in enumerate(names):
        values = [row[k] or 0.0 for row in table]
        ax.bar(range(len(programs)), values, 0.6, bottom=bottom, label=name)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_xticks(range(len(programs)))
    ax.set_xticklabels(programs, rotation=30)
    ax.set_title("Dynamo's own cycles by mechanism")
    ax.set_ylabel("% of the run's cycles")
    ax.grid(True, axis="y", alpha=0.3)
    ax.legend(fontsize="small")
    save_figure(fig, directory, "overhead")


def nominal_interval(rows):
    """The timeline's interval (`--interval`): a row ends at the first slice boundary at or
    after its nominal end, so lengths run a few cycles over; the median, to 3 significant
    digits."""
    lengths = sorted(r["end_cycle"] - r["start_cycle"] for r in rows)
    median = lengths[len(lengths) // 2]
    return int(float(f"{median:.3g}"))


def selection_rate(directory, program, rows):
    fig, ax = plt.subplots(figsize=(8, 4.0))
    xs = [r["start_cycle"] / 1e6 for r in rows]
    ax.plot(xs, [r.get("dynamo", {}).get("fragments", 0) for r in rows], linewidth=1, label="fragments created")
    for r in rows:
        if r.get("dynamo", {}).get("cache_flushes"):
            ax.axvline(r["start_cycle"] / 1e6, color="red", linestyle="--", linewidth=0.8)
    interval = nominal_interval(rows)
    ax.set_title(f"{program}: trace selection rate under Dynamo")
    ax.set_xlabel("simulated time (millions of cycles)")
    ax.set_ylabel(f"fragments per {interval / 1e6:g} M cycles")
    ax.set_yscale("symlog", linthresh=1)
    ax.grid(True, alpha=0.3)
    save_figure(fig, directory, "selection_rate")


def dynamo_share(rows, per):
    """Dynamo's own cycles as % of the fragment cache's (exit stubs included), per interval of
    `per` cycles; None where the fragment cache did not run (after a bail-out)."""
    own, cache = {}, {}
    for r in rows:
        k = r["start_cycle"] // per
        g = r.get("groups", {})
        own[k] = own.get(k, 0) + sum(v for name, v in g.items()
                                     if name.startswith("dynamo") and name != "dynamo.exit_stubs")
        cache[k] = cache.get(k, 0) + g.get("fragment_cache", 0) + g.get("dynamo.exit_stubs", 0)
    return [100.0 * own[k] / cache[k] if cache[k] else None for k in sorted(own)]


def bailout(directory, series, per, threshold, bailed):
    fig, ax = plt.subplots(figsize=(8, 4.8))
    for p, shares in series.items():
        points = [((k + 0.5) * per / 1e6, s) for k, s in enumerate(shares) if s is not None]
        line, = ax.plot([a for a, _ in points], [b for _, b in points], marker=".", linewidth=1, label=p)
        if p in bailed:
            ax.axvline(bailed[p] / 1e6, color=line.get_color(), linestyle=":", linewidth=1.2,
                       label=f"{p} bails out")
    ax.axhline(threshold, color="black", linestyle="--", linewidth=0.8, label=f"threshold {threshold}%")
    ax.set_yscale("log")
    ax.set_title("Dynamo's share of the time, and the bail-out")
    ax.set_xlabel("simulated time (millions of cycles)")
    ax.set_ylabel("Dynamo's cycles / fragment cache's (%)")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize="small")
    save_figure(fig, directory, "bailout")


def cache_size(directory, programs, sizes, table):
    fig, ax = plt.subplots(figsize=(8, 4.8))
    for p, row in zip(programs, table):
        ax.plot(sizes, [v or 0 for v in row], marker="o", label=p)
    ax.set_xscale("log", base=2)
    ax.set_xticks(sizes)
    ax.set_xticklabels([str(s) for s in sizes])
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_title("Speedup against fragment cache size")
    ax.set_xlabel("fragment cache (KB)")
    ax.set_ylabel("speedup over native")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize="small", ncol=3)
    save_figure(fig, directory, "cache_size")

