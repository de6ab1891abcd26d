"""experiment(): an experiment file (configs/experiments/*.yaml, docs/experiments.md) as
Bazel actions, one a point, so `bazel build //experiments:NAME --jobs=N` runs the points
with Bazel's cache, locally or on a Remote Execution API cluster (--config=remote), and
writes NAME/results.csv, the same CSV as tools/experiment.py.

Bazel reads no YAML while loading, so the BUILD file repeats two facts of the file: the
number of points (the actions check it and name the right number when it is wrong) and
the labels of the programs (an action cannot see a file it was not given).

Targets: NAME (results.csv), NAME_point_NNN (NAME.points/NNN.json: one point's stats,
without the host section), in the order tools/experiment.py lists the points.
"""

_RUNNER = "//tools:experiment_bazel.py"

# What every point may read besides the programs: the simulator, Dynamo, the runner, the
# configurations an experiment file can name.
_COMMON = [
    _RUNNER,
    "//tools:experiment_runner",
    "//sim:dynsim",
    "//dynamo",
    "//configs:machines",
    "//configs/dynamo",
    "//configs/dynamo:regions.yaml",
]

def _command(action, file, args):
    return (
        "PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 $(location %s) %s $(location %s) %s " % (_RUNNER, action, file, args) +
        "--dynsim $(location //sim:dynsim) --bin-dir $(BINDIR)"
    )

def _three_digits(i):
    return ("00" + str(i))[-3:] if i < 1000 else str(i)

def experiment(name, file, points, programs, tags = []):
    """The experiment in `file` (a label), of `points` points, running `programs`."""
    inputs = [file] + _COMMON + programs
    stats = []
    for i in range(points):
        out = "%s.points/%s.json" % (name, _three_digits(i))
        native.genrule(
            name = "%s_point_%s" % (name, _three_digits(i)),
            srcs = inputs,
            outs = [out],
            cmd = _command("point", file, "%d $@" % i),
            tags = tags,
        )
        stats.append(out)
    native.genrule(
        name = name,
        srcs = inputs + stats,
        outs = [name + "/results.csv"],
        cmd = _command("csv", file, "$@ " + " ".join(["$(location %s)" % s for s in stats])),
        tags = tags,
        visibility = ["//visibility:public"],
    )
