#!/usr/bin/env bash
# --interval CYCLES --timeline FILE: rows of JSON lines (or CSV), deterministic, that sum
# to the run's totals (cycles, instructions, cache misses, mispredictions, cycles by group,
# and, under Dynamo, Dynamo's counters), and a run with a timeline has the same stats as
# one without.
# Usage: timeline_test.sh DYNSIM PROGRAM
set -u
dynsim=$1 prog=$2
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/timeline.XXXXXX")
fail=0
sim_stats() { sed '/"host"/,$d' "$1"; }

"$dynsim" run --stats "$tmp/plain.json" "$prog" test >/dev/null || fail=1
"$dynsim" run --stats "$tmp/n.json" --interval 250000 --timeline "$tmp/n.jsonl" "$prog" test >/dev/null || fail=1
"$dynsim" run --stats "$tmp/n2.json" --interval 250000 --timeline "$tmp/n2.jsonl" "$prog" test >/dev/null || fail=1
"$dynsim" run --stats "$tmp/c.json" --interval 250000 --timeline "$tmp/n.csv" "$prog" test >/dev/null || fail=1
"$dynsim" run --dynamo --stats "$tmp/d.json" --interval 1000000 --timeline "$tmp/d.jsonl" "$prog" test >/dev/null || fail=1
"$dynsim" run --dynamo --stats "$tmp/dplain.json" "$prog" test >/dev/null || fail=1
cmp -s <(sim_stats "$tmp/plain.json") <(sim_stats "$tmp/n.json") || { echo "FAIL: a timeline changed the stats"; fail=1; }
cmp -s <(sim_stats "$tmp/dplain.json") <(sim_stats "$tmp/d.json") || { echo "FAIL: a timeline changed the stats under Dynamo"; fail=1; }
cmp -s "$tmp/n.jsonl" "$tmp/n2.jsonl" || { echo "FAIL: two timelines of one run differ"; fail=1; }

python3 - "$tmp" <<'PY' || fail=1
import csv, json, sys
tmp = sys.argv[1]
problems = []
def rows_of(path):
    return [json.loads(line) for line in open(path)]
def check_sums(name, rows, stats, interval):
    s = stats["sim"]
    totals = {
        "cycles": s["cycles"], "instructions": s["instructions"],
        "icache_misses": s["timing"]["icache"]["misses"], "dcache_misses": s["timing"]["dcache"]["misses"],
        "branch_mispredictions": s["timing"]["branch"]["mispredicted"],
    }
    for key, total in totals.items():
        got = sum(int(r[key]) for r in rows)
        if got != total: problems.append("%s: %s sums to %d, the stats say %d" % (name, key, got, total))
    groups = {}
    for r in rows:
        for g, c in r["groups"].items(): groups[g] = groups.get(g, 0) + int(c)
    want = {g: c for g, c in s["regions"]["groups"]["cycles"].items() if c}
    if groups != want: problems.append("%s: groups sum to %r, the stats say %r" % (name, groups, want))
    for i, r in enumerate(rows[:-1]):
        if int(r["end_cycle"]) < (i + 1) * interval: problems.append("%s: row %d ends before its boundary" % (name, i))
    if len(rows) < 3: problems.append("%s: only %d rows" % (name, len(rows)))
n = json.load(open(tmp + "/n.json"))
check_sums("native", rows_of(tmp + "/n.jsonl"), n, 250000)
# CSV: the same rows, the groups as group:NAME columns.
csv_rows = []
for r in csv.DictReader(open(tmp + "/n.csv")):
    r["groups"] = {k[6:]: v for k, v in r.items() if k.startswith("group:")}
    csv_rows.append(r)
check_sums("csv", csv_rows, json.load(open(tmp + "/c.json")), 250000)
if [int(r["cycles"]) for r in csv_rows] != [r["cycles"] for r in rows_of(tmp + "/n.jsonl")]:
    problems.append("CSV and JSON lines rows differ")
# Under Dynamo, its counters as they changed sum to what it reported at exit.
d = json.load(open(tmp + "/d.json"))
drows = rows_of(tmp + "/d.jsonl")
check_sums("dynamo", drows, d, 1000000)
reported = {k[len("dynamo."):]: v for k, v in d["sim"]["guest"]["counters"].items() if k.startswith("dynamo.")}
summed = {}
for r in drows:
    for k, v in r["dynamo"].items(): summed[k] = summed.get(k, 0) + v
for k, v in reported.items():
    if summed.get(k, 0) != v: problems.append("dynamo.%s sums to %d, reported %d" % (k, summed.get(k, 0), v))
if reported.get("fragments", 0) == 0: problems.append("no fragments reported")
if sum(1 for r in drows if r["dynamo"].get("fragments")) < 2: problems.append("fragments were built in fewer than two intervals")
if problems:
    print("FAIL: " + "\n      ".join(problems))
    sys.exit(1)
PY
[ $fail = 0 ] && echo PASS
exit $fail
