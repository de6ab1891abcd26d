#!/usr/bin/env bash
# --trace-events FILE: a Chrome trace-event file (JSON object format) that validates
# against the format, whose phases tile the run (their cycles sum to the total, in order,
# without overlap, each named by a region group), whose instant events are the debug
# flags' (as many fragments as Dynamo built), and whose run has the stats of one without.
# Usage: trace_events_test.sh DYNSIM PROGRAM REGIONS_YAML
set -u
dynsim=$1 prog=$2 regions=$3
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/trace_events.XXXXXX")
fail=0
"$dynsim" run --dynamo --regions "$regions" --stats "$tmp/plain.json" "$prog" test >/dev/null || fail=1
"$dynsim" run --dynamo --regions "$regions" --stats "$tmp/s.json" --trace-events "$tmp/trace.json" "$prog" test \
	>/dev/null || fail=1
cmp -s <(sed '/"host"/,$d' "$tmp/plain.json") <(sed '/"host"/,$d' "$tmp/s.json") ||
	{ echo "FAIL: --trace-events changed the stats"; fail=1; }
python3 - "$tmp/trace.json" "$tmp/s.json" <<'PY' || fail=1
import json, sys
trace = json.load(open(sys.argv[1]))
stats = json.load(open(sys.argv[2]))["sim"]
problems = []
def need(cond, what):
    if not cond and len(problems) < 10: problems.append(what)
# The Trace Event Format, JSON object form: {"traceEvents": [event, ...], ...}, each event
# with a name, a phase type, a pid and tid; X (complete) events a ts and dur in
# microseconds, i (instant) events a ts and a scope, M (metadata) events args.name.
need(isinstance(trace, dict) and isinstance(trace.get("traceEvents"), list), "no traceEvents list")
need(trace.get("displayTimeUnit") in ("ms", "ns"), "displayTimeUnit")
phases, instants = [], []
for e in trace["traceEvents"]:
    need(isinstance(e.get("name"), str) and e.get("ph") in ("X", "i", "M"), "event %r" % e)
    need(isinstance(e.get("pid"), int) and isinstance(e.get("tid"), int), "pid/tid of %r" % e)
    if e["ph"] == "X":
        need(isinstance(e.get("ts"), (int, float)) and e["ts"] >= 0 and isinstance(e.get("dur"), (int, float)) and e["dur"] >= 0, "X %r" % e)
        phases.append(e)
    elif e["ph"] == "i":
        need(isinstance(e.get("ts"), (int, float)) and e.get("s") in ("g", "p", "t"), "i %r" % e)
        instants.append(e)
    else:
        need(e["name"] in ("thread_name", "process_name") and isinstance(e.get("args", {}).get("name"), str), "M %r" % e)
groups = set(stats["regions"]["groups"]["cycles"])
cycle = 0
for p in phases:
    need(p["args"]["start_cycle"] == cycle, "phase at %d, expected %d" % (p["args"]["start_cycle"], cycle))
    need(p["name"] in groups, "phase %r is no region group" % p["name"])
    cycle = p["args"]["start_cycle"] + p["args"]["cycles"]
need(cycle == stats["cycles"], "phases end at %d, the run at %d" % (cycle, stats["cycles"]))
need(any(p["name"] == "dynamo.interpreter" for p in phases), "no interpreter phase")
need(any(p["name"] == "fragment_cache" for p in phases), "no fragment-cache phase")
fragments = sum(1 for e in instants if e["name"] == "Fragment")
need(fragments == stats["guest"]["counters"]["dynamo.fragments"] and fragments > 0, "%d Fragment events" % fragments)
need(any(e["name"] == "Syscall" for e in instants), "no Syscall events")
need(not any(e["name"] == "Exec" for e in instants), "Exec events without asking")
if problems:
    print("FAIL: " + "\n      ".join(problems))
    sys.exit(1)
PY
[ $fail = 0 ] && echo PASS
exit $fail
