#!/usr/bin/env bash
# PSW[C/B] and V across fragment-cache entries and exits, on psw_live (psw_live.S: loops
# whose heads read the carries and V produced before the back edge, and whose off-trace
# paths read the carry live at a conditional branch). Natively, under Dynamo with the
# defaults, with hot_threshold 1 (every loop head a fragment at once: most exits and
# entries happen with C/B and V live) and with linking off (every fragment exit goes
# through Dynamo's context switch, so C/B and V are rebuilt at every entry and read back
# at every exit, about 36,000 times), with one-block traces and with a 1 KB cache (whole-
# cache flushes): the same stdout and exit status. qemu-hppa agrees except for the two
# "dcor" lines (qemu 7.2's DCOR takes PSW[C/B]'s nibbles in reverse order; fixed in later
# QEMU, "target/hppa: Fix DCOR reconstruction of carry bits"), compared with the native
# run only.
# Measured: 530 entries with the defaults, 77 with hot_threshold 1, about 36,000 with
# linking off (the loops run whole in the cache once linked; every entry and exit before
# that, and every one with linking off, carries live C/B and V).
# Usage: psw_live_test.sh DYNSIM PSW_LIVE HOT1_YAML NO_LINKING_YAML TRACE1_YAML TINY_CACHE_YAML
dynsim=$1 binary=$2 hot1=$3 no_linking=$4 trace1=$5 tiny_cache=$6
. "$(dirname "$0")/mechanism_lib.sh"
run native --
run default --dynamo --
run hot1 --dynamo "$hot1" --
run nolink --dynamo "$no_linking" --
run trace1 --dynamo "$trace1" --
run tiny --dynamo "$tiny_cache" --
run_qemu qemu
for r in default hot1 nolink trace1 tiny; do
	same $r native
	show $r
	# Entries really happened: each is one rebuild of C/B and V from the context.
	check "$(counter $r cache_entries)" -gt 50 "$r: only $(counter $r cache_entries) fragment-cache entries"
	expect $r native_transfers 0
done
# Linking off: no link, and every entry ends in an exit through Dynamo (no lookups here),
# many more of them than with linking.
expect nolink links 0
check "$(counter nolink exits_branch)" -gt "$(counter default exits_branch)" "nolink: no more exits than with linking"
check "$(counter nolink cache_entries)" -gt 10000 "nolink: only $(counter nolink cache_entries) fragment-cache entries"
check "$(cat "$tmp/native.status")" != 100 "native: the divide steps gave wrong quotients"
same native qemu '/^dcor /d'
finish "psw_live: identical natively, under Dynamo (default, hot_threshold 1, no linking, one-block traces, 1 KB cache) and under qemu-hppa"
