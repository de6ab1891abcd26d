"""Experiment files (configs/experiments/*.yaml, docs/experiments.md): read, validated, and
turned into an Experiment. Every error is one line "FILE:LINE: KEY: what is wrong", like the
simulator's own configs, and stops before anything runs.
"""
import dataclasses
import os
import re

import yaml

SIZES = ("test", "train", "ref")
PLOT_KINDS = ("line", "bar", "timeline")
TOP_KEYS = ("name", "description", "programs", "sizes", "machine", "set", "grid", "modes", "regions",
            "dynamo_elf", "repetitions", "timeline", "collect", "ratios", "plots")
PLOT_KEYS = ("name", "kind", "title", "x", "y", "series", "where", "stacked", "logx", "logy", "xlabel", "ylabel")
COLUMN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class SchemaError(Exception):
    pass


@dataclasses.dataclass
class Program:
    name: str
    binary: str
    # The guest's argv[0] when `binary` is read from elsewhere (experiment.remap_bin_dir):
    # the path the file gives, so that the stack, and so the cycles, are the same.
    argv0: str = None


@dataclasses.dataclass
class Mode:
    name: str                  # "native", "dynamo", or the file's own name
    dynamo: bool
    dynamo_config: str = None  # None: Dynamo's defaults


@dataclasses.dataclass
class Plot:
    name: str
    kind: str
    title: str
    x: str
    y: list
    series: list
    where: dict
    stacked: bool
    logx: bool
    logy: bool
    xlabel: str
    ylabel: str


@dataclasses.dataclass
class Experiment:
    path: str
    name: str
    description: str
    programs: list
    sizes: list
    machine: str
    fixed_overrides: list       # "key=value", for every point
    grid: list                  # [(key, [values])], in file order
    modes: list
    regions: str
    dynamo_elf: str
    repetitions: int
    timeline_interval: int      # 0: no timeline
    collect: list               # [(column, stats path)], in file order
    ratios: list                # [(column, numerator column, denominator column)]
    plots: list


def _value(node):
    """A YAML node as plain Python, with the types YAML's resolver gave its scalars."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: _value(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_value(v) for v in node.value]
    return yaml.SafeLoader(" ").construct_object(node) if node.tag != "tag:yaml.org,2002:str" else node.value


class _Reader:
    """Checks one file's nodes, each error with the line of the node it is about."""

    def __init__(self, path):
        self.path = path

    def fail(self, node, key, what):
        raise SchemaError(f"{self.path}:{node.start_mark.line + 1}: {key}: {what}")

    def mapping(self, node, key, allowed=None):
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, key, "expected a map")
        out = {}
        for k, v in node.value:
            name = k.value
            if allowed is not None and name not in allowed:
                self.fail(k, f"{key}.{name}" if key else name, "unknown key (known: " + ", ".join(allowed) + ")")
            if name in out:
                self.fail(k, f"{key}.{name}" if key else name, "given twice")
            out[name] = (k, v)
        return out

    def sequence(self, node, key, nonempty=True):
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, key, "expected a list")
        if nonempty and not node.value:
            self.fail(node, key, "the list is empty")
        return node.value

    def scalar(self, node, key, kind=str):
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, key, f"expected a {kind.__name__}")
        v = _value(node)
        if kind is str:
            if v is None or isinstance(v, (dict, list)):
                self.fail(node, key, "expected a string")
            return str(v) if not isinstance(v, bool) else str(v).lower()
        if kind is int and (not isinstance(v, int) or isinstance(v, bool)):
            self.fail(node, key, f"expected an integer, not {node.value!r}")
        if kind is bool and not isinstance(v, bool):
            self.fail(node, key, f"expected true or false, not {node.value!r}")
        return v

    def path_to_file(self, node, key, base):
        p = self.scalar(node, key)
        if not os.path.isfile(os.path.join(base, p)):
            self.fail(node, key, f"no such file {p!r} (paths are relative to the repository root)")
        return p


def _programs(r, node):
    out = []
    for item in r.sequence(node, "programs"):
        if isinstance(item, yaml.ScalarNode):
            name = r.scalar(item, "programs")
            # "go" is the -O2 build of workloads/go; "micro/tight_loop" of workloads/micro.
            folder, _, prog = name.rpartition("/")
            folder = folder or name
            out.append(Program(name.replace("/", "_"), f"bazel-bin/workloads/{folder}/{prog}_O2"))
            continue
        m = r.mapping(item, "programs[]", ("name", "binary"))
        for k in ("name", "binary"):
            if k not in m:
                r.fail(item, f"programs[].{k}", "missing")
        name = r.scalar(m["name"][1], "programs[].name")
        if not COLUMN.match(name):
            r.fail(m["name"][1], "programs[].name", "a name is letters, digits and _")
        out.append(Program(name, r.scalar(m["binary"][1], "programs[].binary")))
    names = [p.name for p in out]
    if len(set(names)) != len(names):
        r.fail(node, "programs", "two programs have the same name")
    return out


def _modes(r, node, base):
    out = []
    for item in r.sequence(node, "modes"):
        if isinstance(item, yaml.ScalarNode):
            name = r.scalar(item, "modes")
            if name not in ("native", "dynamo"):
                r.fail(item, "modes", f"{name!r}: a mode is native, dynamo, or {{name: N, dynamo: FILE.yaml}}")
            out.append(Mode(name, name == "dynamo"))
            continue
        m = r.mapping(item, "modes[]", ("name", "dynamo"))
        if "name" not in m or "dynamo" not in m:
            r.fail(item, "modes[]", "a Dynamo mode needs both name and dynamo (its configuration file)")
        name = r.scalar(m["name"][1], "modes[].name")
        if not COLUMN.match(name) or name == "native":
            r.fail(m["name"][1], "modes[].name", f"{name!r}: letters, digits and _, not native")
        out.append(Mode(name, True, r.path_to_file(m["dynamo"][1], "modes[].dynamo", base)))
    if len({m.name for m in out}) != len(out):
        r.fail(node, "modes", "two modes have the same name")
    return out


def _overrides(r, node, key):
    out = []
    for name, (k, v) in r.mapping(node, key).items():
        if key == "grid":
            values = [r.scalar(x, f"grid.{name}") for x in r.sequence(v, f"grid.{name}")]
            if len(set(values)) != len(values):
                r.fail(v, f"grid.{name}", "a value is given twice")
            out.append((name, values))
        else:
            out.append(f"{name}={r.scalar(v, f'set.{name}')}")
    return out


def _collect(r, node):
    out = []
    for column, (k, v) in r.mapping(node, "collect").items():
        if not COLUMN.match(column):
            r.fail(k, f"collect.{column}", "a column name is letters, digits and _")
        path = r.scalar(v, f"collect.{column}")
        if path.split(".")[0] not in ("sim", "host", "run"):
            r.fail(v, f"collect.{column}", f"{path!r}: a stats path starts with sim., host. or run.")
        out.append((column, path))
    if not out:
        r.fail(node, "collect", "name at least one statistic")
    return out


def _ratios(r, node, collected):
    """column: "A / B", A and B collected columns (a map's entry as column.key)."""
    out = []
    for column, (k, v) in r.mapping(node, "ratios").items():
        if not COLUMN.match(column) or column in collected:
            r.fail(k, f"ratios.{column}", "a new column name of letters, digits and _")
        text = r.scalar(v, f"ratios.{column}")
        parts = [p.strip() for p in text.split("/")]
        if len(parts) != 2 or not all(parts):
            r.fail(v, f"ratios.{column}", f"{text!r}: expected \"NUMERATOR / DENOMINATOR\"")
        for p in parts:
            if p.split(".")[0] not in collected:
                r.fail(v, f"ratios.{column}", f"{p!r} is not a collected column")
        out.append((column, parts[0], parts[1]))
    return out


def _plot(r, node, index, columns, grid_keys, has_timeline):
    key = f"plots[{index}]"
    m = r.mapping(node, key, PLOT_KEYS)
    for k in ("name", "kind", "title", "y"):
        if k not in m:
            r.fail(node, f"{key}.{k}", "missing")
    get = lambda k, kind=str, default=None: r.scalar(m[k][1], f"{key}.{k}", kind) if k in m else default
    kind = get("kind")
    if kind not in PLOT_KINDS:
        r.fail(m["kind"][1], f"{key}.kind", f"{kind!r}: one of " + ", ".join(PLOT_KINDS))
    if kind == "timeline" and not has_timeline:
        r.fail(m["kind"][1], f"{key}.kind", "a timeline plot needs the experiment's timeline.interval")
    ynode = m["y"][1]
    y = ([r.scalar(x, f"{key}.y") for x in r.sequence(ynode, f"{key}.y")] if isinstance(ynode, yaml.SequenceNode)
         else [r.scalar(ynode, f"{key}.y")])
    known = set(columns) | set(grid_keys) | {"program", "size", "mode"}
    if kind != "timeline":
        for c in y:
            if c.split(".")[0] not in columns:
                r.fail(ynode, f"{key}.y", f"{c!r} is not a collected column (collect: " + ", ".join(columns) + ")")
    x = get("x", default="interval" if kind == "timeline" else None)
    if kind != "timeline" and x not in known:
        r.fail(m["x"][1] if "x" in m else node, f"{key}.x", f"{x!r}: a grid key, program, size, mode or column")
    snode = m.get("series", (None, None))[1]
    series = ([] if snode is None else [r.scalar(s, f"{key}.series") for s in r.sequence(snode, f"{key}.series")]
              if isinstance(snode, yaml.SequenceNode) else [r.scalar(snode, f"{key}.series")])
    for s in series:
        if s not in known:
            r.fail(snode, f"{key}.series", f"{s!r}: a grid key, program, size, mode or column")
    where = {}
    if "where" in m:
        for wk, (wkn, wv) in r.mapping(m["where"][1], f"{key}.where").items():
            if wk not in known:
                r.fail(wkn, f"{key}.where.{wk}", "not a grid key, program, size, mode or column")
            where[wk] = r.scalar(wv, f"{key}.where.{wk}")
    name = get("name")
    if not COLUMN.match(name):
        r.fail(m["name"][1], f"{key}.name", "a plot name is letters, digits and _ (it names the files)")
    return Plot(name, kind, get("title"), x, y, series, where, get("stacked", bool, False), get("logx", bool, False),
                get("logy", bool, False), get("xlabel", default=x), get("ylabel", default=", ".join(y)))


def load(path, base="."):
    """The experiment in `path`; file paths in it are relative to `base` (the repository root)."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError as e:
        raise SchemaError(f"{path}: cannot read the experiment file: {e.strerror}")
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as e:
        line = e.problem_mark.line + 1 if getattr(e, "problem_mark", None) else 1
        raise SchemaError(f"{path}:{line}: malformed YAML: {getattr(e, 'problem', e)}")
    r = _Reader(path)
    if root is None:
        raise SchemaError(f"{path}:1: the experiment file is empty")
    top = r.mapping(root, "", TOP_KEYS)
    for k in ("programs", "collect"):
        if k not in top:
            r.fail(root, k, "missing")
    get = lambda k, kind=str, default=None: r.scalar(top[k][1], k, kind) if k in top else default
    name = get("name", default=os.path.splitext(os.path.basename(path))[0])
    sizes = [r.scalar(s, "sizes") for s in r.sequence(top["sizes"][1], "sizes")] if "sizes" in top else ["test"]
    for node, s in zip(top["sizes"][1].value if "sizes" in top else [], sizes):
        if s not in SIZES:
            r.fail(node, "sizes", f"{s!r}: one of " + ", ".join(SIZES))
    repetitions = get("repetitions", int, 1)
    if repetitions < 1:
        r.fail(top["repetitions"][1], "repetitions", "at least 1")
    interval = 0
    if "timeline" in top:
        t = r.mapping(top["timeline"][1], "timeline", ("interval",))
        if "interval" not in t:
            r.fail(top["timeline"][1], "timeline.interval", "missing")
        interval = r.scalar(t["interval"][1], "timeline.interval", int)
        if interval < 1:
            r.fail(t["interval"][1], "timeline.interval", "at least 1 cycle")
    grid = _overrides(r, top["grid"][1], "grid") if "grid" in top else []
    collect = _collect(r, top["collect"][1])
    ratios = _ratios(r, top["ratios"][1], [c for c, _ in collect]) if "ratios" in top else []
    columns = [c for c, _ in collect] + [c for c, _, _ in ratios]
    identity = {"program", "size", "mode", "point"} | {k for k, _ in grid}
    for (c, _), (k, v) in zip(collect, r.mapping(top["collect"][1], "collect").items()):
        if c in identity:
            r.fail(k, f"collect.{c}", "the name of a column the runner writes itself")
    plots = []
    if "plots" in top:
        for i, p in enumerate(r.sequence(top["plots"][1], "plots")):
            plots.append(_plot(r, p, i, columns, [k for k, _ in grid], interval > 0))
        if len({p.name for p in plots}) != len(plots):
            r.fail(top["plots"][1], "plots", "two plots have the same name")
    exp = Experiment(
        path=path, name=name, description=get("description", default=""),
        programs=_programs(r, top["programs"][1]), sizes=sizes,
        machine=r.path_to_file(top["machine"][1], "machine", base) if "machine" in top else None,
        fixed_overrides=_overrides(r, top["set"][1], "set") if "set" in top else [],
        grid=grid,
        modes=_modes(r, top["modes"][1], base) if "modes" in top else [Mode("native", False)],
        regions=r.path_to_file(top["regions"][1], "regions", base) if "regions" in top else None,
        dynamo_elf=get("dynamo_elf", default="bazel-bin/dynamo/dynamo"),
        repetitions=repetitions, timeline_interval=interval, collect=collect, ratios=ratios, plots=plots)
    return exp
