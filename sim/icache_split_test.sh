#!/usr/bin/env bash
# The instruction fetches split by region on real runs: under Dynamo (both timing models)
# and natively, the groups and the kinds each sum to timing.icache's and to the TLB's
# fetch counters (accesses, misses, miss cycles) exactly. A native run fetches only the application's code; under Dynamo the
# application's own code is never fetched (the interpreter reads it as data, fragments run
# its copies; this program is too short for a bail-out to native), only Dynamo's, the exit
# stubs' and the fragment cache's.
# Usage: icache_split_test.sh DYNSIM GUEST REGIONS_YAML
set -u
dynsim=$1 guest=$2 regions=$3
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/icache_split.XXXXXX")
fail=0
run() {  # NAME ARGS...: one run into $tmp/NAME.json
	local name=$1
	shift
	"$dynsim" run --stats "$tmp/$name.json" "$@" "$guest" test >/dev/null 2>"$tmp/$name.err" ||
		{ echo "FAIL: $name: $(head -1 "$tmp/$name.err")"; fail=1; }
}
run dynamo_ooo --dynamo --regions "$regions" --set icache.size_kb=4
run dynamo_inorder --dynamo --regions "$regions" --set core.model=inorder --set l2.enabled=true
run native --set icache.size_kb=4
python3 - "$tmp" <<'PY' || fail=1
import json, sys
tmp = sys.argv[1]
problems = []
for name in ["dynamo_ooo", "dynamo_inorder", "native"]:
    s = json.load(open("%s/%s.json" % (tmp, name)))["sim"]
    for meter, total in [("icache", s["timing"]["icache"]), ("itlb", s["timing"]["tlb"]["fetches"])]:
        split = s["regions"][meter]
        for part in ["groups", "kinds"]:
            for stat in ["accesses", "misses", "miss_cycles"]:
                got = sum(split[part][stat].values())
                if got != total[stat]:
                    problems.append("%s: %s.%s.%s sum to %d, the total is %d" % (name, meter, part, stat, got,
                                                                                 total[stat]))
    split = s["regions"]["icache"]
    total = s["timing"]["icache"]
    kinds = split["kinds"]["accesses"]
    if sorted(kinds) != ["application", "dynamo", "exit_stubs", "fragment_cache"]:
        problems.append("%s: kinds %s" % (name, sorted(kinds)))
    fetched = sorted(k for k, v in kinds.items() if v > 0)
    want = ["application"] if name == "native" else ["dynamo", "exit_stubs", "fragment_cache"]
    if fetched != want:
        problems.append("%s: code fetched from %s, expected %s" % (name, fetched, want))
    if total["miss_cycles"] <= 0:
        problems.append("%s: no miss cycles with a 4 KB I-cache" % name)
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
PY
[ "$fail" = 0 ] && echo PASS
exit "$fail"
