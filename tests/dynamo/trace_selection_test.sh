#!/usr/bin/env bash
# Trace selection and the fragment cache on simple_loop.S (see its comment), with counts
# derived by hand below: with the default configuration (hot_threshold 50) exactly one
# trace forms, of 3 instructions and 1 block, ended by the backward branch, and the rest of
# the loop runs from the cache; with hot_threshold 1 it forms at the first taken branch.
# Also determinism: two runs give identical stats.
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
# The loop runs 100 times: addi, addib (taken 99 times), nop. Before it: ldi, ldi; after
# it: ldi, ble (the exit system call), ldi in its delay slot. 305 instructions natively.
[ "$native" = 305 ] || { echo "FAIL: simple_loop retired $native instructions natively, expected 305" >&2; fail=1; }
for f in "$tmp/a.json" "$tmp/h.json"; do
	expect "$f" trace_ends_backward 1
	expect "$f" trace_ends_length 0
	expect "$f" traces_abandoned 0
	# Entered once, at the head, right after recording; the loop's own back edge branches
	# to the fragment's first word (close_loops); the one exit is the loop's fall-through,
	# to the ldi.
	expect "$f" fragment_loops 1
	expect "$f" cache_entries 1
	expect "$f" exits_branch 1
	expect "$f" exits_stop 0
	expect "$f" fragment_head_reached 0
done
# hot_threshold 50: the 50th taken branch makes the head hot; its delay slot runs and the
# 51st iteration is recorded (its addib is the 51st candidate). Interpreted: 2 + 50 * 3 + 3
# + the 3 after the loop = 158; iterations 52..100 (147 instructions) run in the fragment.
expect "$tmp/a.json" fragments 1
expect "$tmp/a.json" hot_trace_heads 1
expect "$tmp/a.json" fragment_instructions 3
expect "$tmp/a.json" trace_head_candidates 51
expect "$tmp/a.json" interpreted_instructions 158
expect "$tmp/a.json" exit_target_candidates 1
expect "$tmp/a.json" links 0
# hot_threshold 1: iteration 2 is recorded (2 candidates), iterations 3..100 run in the
# fragment; its exit target, the ldi, is at once hot too: its trace (ldi, ble, ldi) ends at
# the system call, so that fragment holds the ldi only (cut before the ble) and is never
# entered, though the loop's exit is linked to it (1 link). Interpreted: 2 + 3 + 3 + 3 = 11.
expect "$tmp/h.json" links 1
expect "$tmp/h.json" fragments 2
expect "$tmp/h.json" hot_trace_heads 2
expect "$tmp/h.json" fragment_instructions 4
expect "$tmp/h.json" trace_ends_syscall 1
expect "$tmp/h.json" traces_cut 1
expect "$tmp/h.json" trace_head_candidates 2
expect "$tmp/h.json" interpreted_instructions 11
sim_stats() { sed '/"host"/,$d' "$1"; }  # the stats without the host section
if ! cmp -s <(sim_stats "$tmp/a.json") <(sim_stats "$tmp/b.json"); then
	echo "FAIL: two runs give different stats" >&2
	fail=1
fi
rm -rf "$tmp"
[ $fail = 0 ] && echo "PASS: simple_loop forms exactly one 3-instruction trace and runs it from the cache ($native instructions)"
exit $fail
