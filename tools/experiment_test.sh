#!/usr/bin/env bash
# tools/experiment.py end to end on a tiny experiment (a micro workload, natively and under
# Dynamo, two I-cache sizes: four points): the schema's FILE:LINE errors; the CSV's rows,
# compared with dynsim run directly; a rerun that runs nothing and rewrites the same bytes;
# a changed input that reruns only its own points; the plots and the report.
# Usage: experiment_test.sh DYNSIM DYNAMO_ELF PROGRAM (runfiles paths; run from the runfiles
# root, where configs/ and tools/ are)
set -u
dynsim=$1 dynamo_elf=$2 program=$3
py=/usr/bin/python3  # Debian's, which python3-yaml and python3-matplotlib install into
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/experiment.XXXXXX")
fail=0
check() {  # WHAT GOT WANT
	if [ "$2" != "$3" ]; then
		echo "FAIL: $1"
		echo "  got:  $2"
		echo "  want: $3"
		fail=1
	fi
}

# 1. Schema errors: one line each, naming the file, the line and the key.
while IFS='|' read -r file want; do
	got=$("$py" tools/experiment.py --validate "tools/testdata/$file" 2>&1)
	check "error of $file" "$got" "tools/testdata/$file:$want"
done <<'EOF'
bad_unknown_key.yaml|4: plots_typo: unknown key (known: name, description, programs, sizes, machine, set, grid, modes, regions, dynamo_elf, repetitions, timeline, collect, ratios, plots)
bad_size.yaml|4: sizes: 'huge': one of test, train, ref
bad_collect_path.yaml|4: collect.misses: 'timing.icache.misses': a stats path starts with sim., host. or run.
bad_plot_column.yaml|11: plots[0].y: 'instructions' is not a collected column (collect: cycles)
bad_ratio.yaml|5: ratios.rate: 'misses': expected "NUMERATOR / DENOMINATOR"
bad_grid.yaml|3: grid.icache.size_kb: expected a list
bad_yaml.yaml|2: malformed YAML: expected ',' or ']', but got ':'
bad_mode.yaml|4: modes[].dynamo: no such file 'configs/dynamo/no_such.yaml' (paths are relative to the repository root)
EOF
"$py" tools/experiment.py --validate configs/experiments/*.yaml || { echo "FAIL: the shipped experiments do not validate"; fail=1; }

# 2. A tiny experiment.
cat >"$tmp/tiny.yaml" <<EOF
name: tiny
programs:
  - {name: tight_loop, binary: $program}
machine: configs/machines/pa8000.yaml
set:
  icache.assoc: 1
grid:
  icache.size_kb: [4, 8]
modes: [native, dynamo]
regions: configs/dynamo/regions.yaml
dynamo_elf: $dynamo_elf
repetitions: 2
timeline:
  interval: 200000
collect:
  cycles: sim.cycles
  misses: sim.regions.icache.kinds.misses
  seconds: host.seconds
ratios:
  fragment_share: misses.fragment_cache / misses.dynamo
plots:
  - {name: cycles, kind: line, title: Cycles, x: icache.size_kb, y: cycles, series: mode, logx: true}
  - {name: misses, kind: bar, title: Misses, x: mode, y: [misses.dynamo, misses.fragment_cache], stacked: true}
  - {name: timeline, kind: timeline, title: Over time, y: icache_misses, series: mode, where: {icache.size_kb: 4}}
EOF
out=$tmp/out
"$py" tools/experiment.py --jobs 2 --dynsim "$dynsim" --out "$out" "$tmp/tiny.yaml" 2>"$tmp/first.err" ||
	{ echo "FAIL: first run: $(cat "$tmp/first.err")"; fail=1; }
check "first run: progress" "$(grep -c '^\[[0-9]/4\] ' "$tmp/first.err")" 4
check "first run: nothing cached" "$(grep -c '^\[4/4\] 0 cached' "$tmp/first.err")" 1

# The rows, against dynsim run directly (the same options) for each point.
"$py" - "$out/results.csv" "$dynsim" "$dynamo_elf" "$program" "$tmp" <<'PY' || fail=1
import csv, json, subprocess, sys
csv_path, dynsim, dynamo_elf, program, tmp = sys.argv[1:]
rows = list(csv.DictReader(open(csv_path)))
problems = []
header = list(rows[0]) if rows else []
want_header = ["program", "size", "mode", "icache.size_kb", "point", "cycles", "misses.application", "misses.dynamo",
               "misses.exit_stubs", "misses.fragment_cache", "seconds", "fragment_share"]
if header != want_header:
    problems.append("header %s, expected %s" % (header, want_header))
ids = [(r["program"], r["size"], r["mode"], r["icache.size_kb"]) for r in rows]
want_ids = [("tight_loop", "test", m, kb) for m in ("native", "dynamo") for kb in ("4", "8")]
if ids != want_ids:
    problems.append("rows %s, expected %s" % (ids, want_ids))
for r in rows:
    cmd = [dynsim, "run", "--config", "configs/machines/pa8000.yaml", "--set", "icache.assoc=1",
           "--set", "icache.size_kb=" + r["icache.size_kb"], "--regions", "configs/dynamo/regions.yaml",
           "--stats", tmp + "/direct.json"]
    if r["mode"] == "dynamo":
        cmd += ["--dynamo", "--dynamo-elf", dynamo_elf]
    subprocess.run(cmd + ["--", program, "test"], check=True, stdout=subprocess.DEVNULL)
    sim = json.load(open(tmp + "/direct.json"))["sim"]
    misses = sim["regions"]["icache"]["kinds"]["misses"]
    want = {"cycles": sim["cycles"], **{"misses." + k: v for k, v in misses.items()}}
    for column, value in want.items():
        if int(r[column]) != value:
            problems.append("%s %s: %s is %s, dynsim run says %d" % (r["mode"], r["icache.size_kb"], column,
                                                                     r[column], value))
    share = misses["fragment_cache"] / misses["dynamo"] if misses["dynamo"] else 0.0
    if float(r["fragment_share"]) != share:
        problems.append("fragment_share %s, expected %r" % (r["fragment_share"], share))
    if float(r["seconds"]) <= 0:
        problems.append("host seconds %s" % r["seconds"])
    if r["mode"] == "native" and int(r["misses.dynamo"]) != 0:
        problems.append("a native run with Dynamo's misses")
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
PY

# 3. Plots and report.
for f in cycles misses timeline; do
	head -c 8 "$out/plots/$f.png" | od -An -c | grep -q 'P   N   G' || { echo "FAIL: $f.png is not a PNG"; fail=1; }
	grep -q '<svg' "$out/plots/$f.svg" || { echo "FAIL: $f.svg is not SVG"; fail=1; }
	grep -q "(plots/$f.png)" "$out/report.md" || { echo "FAIL: report.md does not show $f.png"; fail=1; }
done
check "report rows" "$(grep -c '^| tight_loop | test |' "$out/report.md")" 4

# 4. A rerun runs nothing and writes the same CSV and report (the host-time column aside,
# which comes from the cached stats, so it is the same too).
cp "$out/results.csv" "$tmp/first.csv"
cp "$out/report.md" "$tmp/first.md"
cp "$out/plots/cycles.svg" "$tmp/first.svg"
find "$out/points" -name stats.json -newer "$tmp/first.csv" >"$tmp/newer.before"
"$py" tools/experiment.py --dynsim "$dynsim" --out "$out" "$tmp/tiny.yaml" 2>"$tmp/second.err" ||
	{ echo "FAIL: rerun: $(cat "$tmp/second.err")"; fail=1; }
check "rerun: every point cached" "$(grep -c '^\[4/4\] 4 cached, 0 failed, 0 running' "$tmp/second.err")" 1
check "rerun: no stats rewritten" "$(find "$out/points" -name stats.json -newer "$tmp/first.csv" | wc -l)" 0
cmp -s "$out/results.csv" "$tmp/first.csv" || { echo "FAIL: rerun changed results.csv"; fail=1; }
cmp -s "$out/report.md" "$tmp/first.md" || { echo "FAIL: rerun changed report.md"; fail=1; }
cmp -s "$out/plots/cycles.svg" "$tmp/first.svg" || { echo "FAIL: rerun changed cycles.svg"; fail=1; }

# 5. A changed input reruns only the points it concerns: a third size adds two points.
sed -i 's/icache.size_kb: \[4, 8\]/icache.size_kb: [4, 8, 16]/' "$tmp/tiny.yaml"
"$py" tools/experiment.py --dynsim "$dynsim" --out "$out" "$tmp/tiny.yaml" 2>"$tmp/third.err" ||
	{ echo "FAIL: third run: $(cat "$tmp/third.err")"; fail=1; }
check "grown grid: old points cached" "$(grep -c '^\[6/6\] 4 cached, 0 failed' "$tmp/third.err")" 1
check "grown grid: rows" "$(($(wc -l <"$out/results.csv") - 1))" 6

# 6. A failing point is reported with its command, and nothing looks finished.
sed -i 's/icache.size_kb: \[4, 8, 16\]/icache.size_kb: [4, 8, 16, 3]/' "$tmp/tiny.yaml"
"$py" tools/experiment.py --quiet --dynsim "$dynsim" --out "$out" "$tmp/tiny.yaml" 2>"$tmp/bad.err"
check "bad value: exit status" "$?" 1
grep -q "icache.size_kb=3" "$tmp/bad.err" || { echo "FAIL: the error does not name the point: $(cat "$tmp/bad.err")"; fail=1; }

[ "$fail" = 0 ] && echo PASS
exit "$fail"
