#!/usr/bin/env bash
# Code generated at run time inside fragments (smc_fragment.c): natively, under qemu-hppa,
# and under Dynamo with the defaults, hot_threshold 1, no linking, one-block traces and a
# 1 KB cache, the same stdout and exit status: every rewrite of the generated function is
# seen, so no fragment made from the old words survived its flush. Counts (defaults):
# - code_flushes: 9 flushes in the first part (1 before warming + 8 rewrites) and 32 in
#   the loop that rewrites itself (i = 0, 64, ..., 1984), each `fic` on 2 words of one
#   line: 2 * 41 = 82.
# - fragments_deleted: the generated words lie on the trace of run()'s loop (built in warm
#   round 0 after 50 back edges), so each of the 8 rewrites deletes that fragment (the 2nd
#   fic of the same flush finds none) and the next round rebuilds it: 8. In the
#   self-rewriting loop, the flush at i = 0 deletes run()'s last fragment, and each flush
#   at i = 64k (k = 1..31) deletes the loop's own fragment, rebuilt 50 back edges after
#   the previous flush: 32. Total 40. Each of those loops goes round by its own branch to
#   the fragment's first word (close_loops), so nothing links to them: unlinks 0. With
#   close_loops: false the back edge is an exit stub linked to the fragment itself, and
#   each deletion undoes it: unlinks 40.
# Usage: smc_fragment_test.sh DYNSIM SMC_FRAGMENT HOT1 NO_LINKING TRACE1 TINY_CACHE OPEN_LOOPS
dynsim=$1 binary=$2 hot1=$3 no_linking=$4 trace1=$5 tiny_cache=$6 open_loops=$7
. "$(dirname "$0")/mechanism_lib.sh"
run native --
run_qemu qemu
run default --dynamo --
run hot1 --dynamo "$hot1" --
run nolink --dynamo "$no_linking" --
run trace1 --dynamo "$trace1" --
run tiny --dynamo "$tiny_cache" --
run open --dynamo "$open_loops" --
same native qemu
for r in default hot1 nolink trace1 tiny open; do
	same $r native
	show $r
	expect $r code_flushes 82
	expect $r native_transfers 0
	# Every configuration puts the generated code into fragments that the flushes delete.
	check "$(counter $r fragments_deleted)" -ge 8 "$r: only $(counter $r fragments_deleted) fragments deleted"
done
expect default fragments_deleted 40
expect default unlinks 0
expect open fragments_deleted 40
expect open unlinks 40
expect nolink fragments_deleted 40
expect nolink unlinks 0
finish "smc_fragment: every rewrite seen under Dynamo; $(counter default fragments_deleted) fragments deleted by the application's flushes"
