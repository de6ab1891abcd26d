#!/usr/bin/env bash
# Linking, on compress -O2 at `test` size: the defaults against `linking: false`. Both
# give the native run's stdout and exit status (and qemu-hppa's). Linking changes only
# how exits are taken, never what is interpreted or built: the same fragments, the same
# interpreted instructions, the same exit-target candidates (an exit to an existing
# fragment is entered directly, linked or not). With linking, each exit stub to an
# existing fragment is patched once, so exits to Dynamo are few (measured: 875 entries and
# 875 branch exits, 64 links); without, every fragment-to-fragment transfer goes through
# Dynamo (measured: 257,950 entries and exits, 0 links): asserted at least 100x more.
# Every entry ends in exactly one exit to Dynamo, all through exit stubs here. Both runs
# flush only when the cache is full: the pre-emptive flush decides on cycles, which
# linking changes by design, so it may flush in one run and not in the other.
# Usage: linking_test.sh DYNSIM COMPRESS NO_LINKING_FLUSH_ON_FULL_YAML FLUSH_ON_FULL_YAML
dynsim=$1 binary=$2 no_linking=$3 flush_on_full=$4
. "$(dirname "$0")/mechanism_lib.sh"
run native -- test
run_qemu qemu test
run link --dynamo "$flush_on_full" -- test
run nolink --dynamo "$no_linking" -- test
same native qemu
same link native
same nolink native
show link
show nolink
for c in fragments fragment_instructions interpreted_instructions exit_target_candidates hot_trace_heads; do
	check "$(counter link $c)" = "$(counter nolink $c)" "dynamo.$c: $(counter link $c) with linking, $(counter nolink $c) without"
done
for r in link nolink; do
	expect $r native_transfers 0
	expect $r exits_lookup_miss 0
	expect $r exits_stop 0
	check "$(counter $r cache_entries)" = "$(counter $r exits_branch)" "$r: $(counter $r cache_entries) entries, $(counter $r exits_branch) exits"
done
expect nolink links 0
check "$(counter link links)" -gt 0 "link: no links"
check "$(counter link fragments)" -gt 10 "link: only $(counter link fragments) fragments"
check "$(counter nolink exits_branch)" -ge "$((100 * $(counter link exits_branch)))" \
	"exits to Dynamo: $(counter link exits_branch) with linking, $(counter nolink exits_branch) without (expected >= 100x)"
check "$(counter nolink cache_entries)" -ge "$((100 * $(counter link cache_entries)))" \
	"cache entries: $(counter link cache_entries) with linking, $(counter nolink cache_entries) without (expected >= 100x)"
finish "compress: linking cuts exits to Dynamo from $(counter nolink exits_branch) to $(counter link exits_branch)"
