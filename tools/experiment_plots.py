"""The plots of an experiment's report (tools/experiment.py), drawn with matplotlib as PNG
and SVG: lines over a swept parameter, grouped or stacked bars, and time series from the
points' timelines. The same rows give the same files: no dates in the metadata, a fixed
SVG hash salt, rows in the experiment's order.
"""
import json
import os

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

plt.rcParams["svg.hashsalt"] = "dynsim-experiment"


def _number(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _selected(rows, plot):
    return [r for r in rows if all(str(r.get(k)) == str(v) for k, v in plot.where.items())]


def _series_key(row, plot):
    return tuple(str(row[s]) for s in plot.series)


def _label(key, column, plot):
    parts = list(key) + ([column] if len(plot.y) > 1 else [])
    return " ".join(parts) if parts else column


def _ordered_keys(rows, plot):
    keys = []
    for r in rows:
        k = _series_key(r, plot)
        if k not in keys:
            keys.append(k)
    return keys


def _line(ax, rows, plot):
    for key in _ordered_keys(rows, plot):
        mine = [r for r in rows if _series_key(r, plot) == key]
        mine.sort(key=lambda r: _number(r[plot.x]) if _number(r[plot.x]) is not None else 0)
        xs = [_number(r[plot.x]) for r in mine]
        for column in plot.y:
            ys = [_number(r.get(column)) for r in mine]
            if all(not y for y in ys):
                continue  # code this series never ran (Dynamo's in a native run): nothing to draw
            ax.plot(xs, ys, marker="o", label=_label(key, column, plot))
    if plot.logx:
        ax.set_xscale("log", base=2)
        xs = sorted({_number(r[plot.x]) for r in rows})
        ax.set_xticks(xs)
        ax.set_xticklabels([f"{x:g}" for x in xs], rotation=45)


def _bar(ax, rows, plot):
    categories = []
    for r in rows:
        if str(r[plot.x]) not in categories:
            categories.append(str(r[plot.x]))
    keys = _ordered_keys(rows, plot)
    groups = len(keys) * (1 if plot.stacked else len(plot.y))
    width = 0.8 / max(groups, 1)
    slot = 0
    for key in keys:
        mine = {str(r[plot.x]): r for r in rows if _series_key(r, plot) == key}
        bottom = [0.0] * len(categories)
        for column in plot.y:
            values = [_number(mine[c].get(column)) or 0.0 if c in mine else 0.0 for c in categories]
            xs = [i - 0.4 + width * (slot + 0.5) for i in range(len(categories))]
            ax.bar(xs, values, width, bottom=bottom if plot.stacked else None, label=_label(key, column, plot))
            if plot.stacked:
                bottom = [b + v for b, v in zip(bottom, values)]
            else:
                slot += 1
        if plot.stacked:
            slot += 1
    ax.set_xticks(range(len(categories)))
    ax.set_xticklabels(categories, rotation=30 if len(categories) > 6 else 0)


def _timeline_value(row, path):
    v = row
    for part in path.split("."):
        if not isinstance(v, dict) or part not in v:
            return 0
        v = v[part]
    return v


def _timeline(ax, rows, plot, out_dir):
    for r in rows:
        with open(os.path.join(out_dir, r["timeline"])) as f:
            samples = [json.loads(line) for line in f if line.strip()]
        key = _series_key(r, plot) or (r["point"],)
        for column in plot.y:
            ax.plot([s["start_cycle"] / 1e6 for s in samples], [_timeline_value(s, column) for s in samples],
                    label=_label(key, column, plot), linewidth=1)


def draw(plot, rows, out_dir):
    """Writes plots/NAME.png and plots/NAME.svg under out_dir; returns their relative paths."""
    rows = _selected(rows, plot)
    fig, ax = plt.subplots(figsize=(8, 4.8))
    if plot.kind == "line":
        _line(ax, rows, plot)
    elif plot.kind == "bar":
        _bar(ax, rows, plot)
    else:
        _timeline(ax, rows, plot, out_dir)
    ax.set_title(plot.title)
    ax.set_xlabel("simulated time (millions of cycles)" if plot.kind == "timeline" and plot.xlabel == "interval"
                  else plot.xlabel)
    ax.set_ylabel(plot.ylabel)
    if plot.logy:
        ax.set_yscale("log")
    ax.grid(True, alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize="small")
    return [os.path.relpath(path, out_dir) for path in save_figure(fig, os.path.join(out_dir, "plots"), plot.name)]


def save_figure(fig, directory, name):
    """Writes directory/NAME.png and NAME.svg without dates or versions in their metadata
    (the same figure, the same bytes) and closes the figure; returns the two paths."""
    fig.tight_layout()
    os.makedirs(directory, exist_ok=True)
    paths = []
    for ext, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        path = os.path.join(directory, f"{name}.{ext}")
        fig.savefig(path, metadata=meta, dpi=100)
        paths.append(path)
    plt.close(fig)
    return paths
