#!/usr/bin/env bash
# Trace selection on simple_loop.S (see its comment): with the default configuration
# (hot_threshold 50) exactly one trace forms, of 3 instructions and 1 block, ended by the
# backward branch; with hot_threshold 1 it forms at the first taken branch. Also
# determinism: two runs give identical stats.
# Usage: trace_selection_test.sh DYNSIM SIMPLE_LOOP HOT1_YAML
set -u
dynsim=$1 binary=$2 hot1=$3
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/trace.XXXXXX")
fail=0
counter() { sed -n "s/.*\"dynamo\.$2\": \([0-9]*\).*/\1/p" "$1" | head -1; }
expect() {  # FILE NAME VALUE
	local got
	got=$(counter "$1" "$2")
	if [ "$got" != "$3" ]; then
		echo "FAIL: $(basename "$1"): dynamo.$2 = '$got', expected $3" >&2
		fail=1
	fi
}
"$dynsim" run --set core.model=functional --stats "$tmp/a.json" --dynamo -- "$binary" || { echo "FAIL: exit status $?" >&2; fail=1; }
"$dynsim" run --set core.model=functional --stats "$tmp/b.json" --dynamo -- "$binary" || fail=1
"$dynsim" run --set core.model=functional --stats "$tmp/h.json" --dynamo "$hot1" -- "$binary" || fail=1
"$dynsim" run --set core.model=functional --stats "$tmp/n.json" -- "$binary" || fail=1
native=$(sed -n '0,/"instructions"/s/.*"instructions": \([0-9]*\).*/\1/p' "$tmp/n.json" | head -1)
for f in "$tmp/a.json" "$tmp/h.json"; do
	expect "$f" fragments 1
	expect "$f" hot_trace_heads 1
	expect "$f" fragment_instructions 3
	expect "$f" trace_ends_backward 1
	expect "$f" trace_ends_length 0
	expect "$f" traces_abandoned 0
	expect "$f" trace_head_candidates 99
	expect "$f" interpreted_instructions "$native"
done
expect "$tmp/a.json" fragment_head_reached 48
expect "$tmp/h.json" fragment_head_reached 97
sim_stats() { sed '/"host"/,$d' "$1"; }  # the stats without the host section
if ! cmp -s <(sim_stats "$tmp/a.json") <(sim_stats "$tmp/b.json"); then
	echo "FAIL: two runs give different stats" >&2
	fail=1
fi
rm -rf "$tmp"
[ $fail = 0 ] && echo "PASS: simple_loop forms exactly one 3-instruction trace ($native instructions)"
exit $fail
