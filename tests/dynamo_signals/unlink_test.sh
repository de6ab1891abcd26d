#!/usr/bin/env bash
# A fragment unlinked for a signal's delivery and relinked after (unlink.c, spin.S):
# natively, under qemu-hppa and under Dynamo the same stdout. Counts, derived by hand:
# - with the defaults (close_loops): spin's loop becomes one fragment whose branch goes
#   back to its own first word; its only other exit (the fall-through to `bv`) leads to
#   code no fragment heads, so it is not linked. When SIGALRM lands in it, Dynamo sends
#   the loop branch to the fragment's loop stub: signal_unlinks 1. The loop leaves
#   through it (an exit before Dynamo's interpretation, to the head), the handler's frame
#   is built (signals_delivered 1, signals_async_delivered 1), and at that delivery the
#   branch goes back to word 0: signal_relinks 1. The handler runs interpreted and
#   returns (sigreturns 1), and the fragment, entered again, sees the flag and leaves.
# - with close_loops: false the back edge is an exit stub linked to the fragment itself
#   (links 1 when the fragment is built): that link is the one removed (signal_unlinks
#   1). The loop leaves through the stub as an ordinary exit, and the dispatcher links
#   that exit again at once, as it does any unlinked exit whose target heads a fragment
#   (links 2), so there is nothing left to restore at the delivery (signal_relinks 0).
# - without linking the loop still goes round by its own branch (close_loops does not
#   need the linker): the same as the defaults, 1 and 1.
# Usage: unlink_test.sh DYNSIM UNLINK OPEN_LOOPS NO_LINKING
dynsim=$1 binary=$2 open_loops=$3 no_linking=$4
. "$(dirname "$0")/../dynamo/mechanism_lib.sh"
run native --
run_qemu qemu
run default --dynamo --
run open --dynamo "$open_loops" --
run nolink --dynamo "$no_linking" --
same native qemu
for r in default open nolink; do
	same $r native
	show $r
	expect $r native_transfers 0
	expect $r signals_arrived 1
	expect $r signals_delivered 1
	expect $r signals_async_delivered 1
	expect $r sigreturns 1
done
expect default fragment_loops 1
expect default signal_unlinks 1
expect default signal_relinks 1
expect open fragment_loops 0
expect open signal_unlinks 1
expect open links 2
expect open signal_relinks 0
expect nolink fragment_loops 1
expect nolink signal_unlinks 1
expect nolink signal_relinks 1
# The delay is bounded by one iteration of the loop plus Dynamo's handler and delivery.
for r in default open nolink; do
	check "$(counter $r signal_latency_max)" -lt 3000 "$r: delivery took $(counter $r signal_latency_max) cycles"
done
finish
