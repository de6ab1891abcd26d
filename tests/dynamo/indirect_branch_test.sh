#!/usr/bin/env bash
# Indirect branches in fragments: the inline compare, the lookup table and its refill, on
# indirect_loop (indirect_loop.S: N = 2000 iterations, each calling through `bv` to
# target_even or target_odd by the parity of the down-counter %r3 = N..1, and returning
# through `bv %r0(%r2)` to .Lret). Every run's stdout and exit status equal the native
# run's and qemu-hppa's. The counts, derived here for N even:
#
# Lookups are counted (count_lookups: true in every configuration here).
#
# Chain slots off (count_lookups_no_chains.yaml; otherwise the defaults: hot_threshold 50,
# inline_indirect on, 4096 entries). The 50th back edge makes
# .Lhead hot; iteration 51 (r3 = N-50, even) is recorded, so the fragment inlines
# target_even; its return is folded away (optimize: conservative knows %r2 = .Lret from
# the ldil/ldo on the trace: indirect_folded 1). Iterations 52..N (r3 = N-51..1) run from the
# fragment; the odd r3 among them, (N-50)/2 = 975, miss the inline compare (inline_misses).
# The first 50 of those miss the lookup table too (exits_lookup_miss: target_odd heads no
# fragment; each is an exit-target candidate and the 50th makes it hot: its trace
# target_odd, bv, .Lret, addib back to .Lhead is built and entered in the table). The
# other 975 - 50 = 925 hit the table (lookup_hits). Entries: 1 (iteration 52) + 50 (back
# into .Lhead after each of the 50 interpreted target_odd calls) = 51; exits_branch 1 (the
# loop's end); links 1 (target_odd's back edge to .Lhead; .Lhead's own back edge branches
# to its fragment's first word, close_loops).
#
# Defaults (one chain slot, indirect_chain_samples 8, indirect_chain_min_percent 75;
# dynamo/indirect_chains.h). Both bv's are chain sites (chain_sites 2: the call in
# .Lhead's fragment, target_odd's return to .Lret). The call site's first 50 misses are
# learning exits to a target without a fragment: lookup misses and candidates as above,
# but not samples. The next 8 go to target_odd's fragment: 8 samples, all one target, so
# the slot gets target_odd (chain_slots_filled 1) and Dynamo enters that fragment each
# time (cache_entries 51 + 8 = 59; chain_samples 58). The other 975 - 58 = 917 odd
# calls hit the slot and never reach the probe: no lookup counted (lookup_hits 0,
# inline_misses 0).
#
# inline_indirect: false. Each fragment ends at its indirect branch with a lookup call:
# 4 fragments (.Lhead, target_even, target_odd, .Lret: each a lookup-miss target made hot
# by 50 misses), 150 lookup misses. Lookups from fragment code: the call in each of
# iterations 52..N (N-51 = 1949) and the return in those whose call found a fragment
# (1949 - the 100 call misses = 1849), 3798; minus the 150 misses: lookup_hits 3648 =
# 2N - 352. No inline compare: inline_misses 0.
#
# lookup_table_entries: 16 (inline on): as with the defaults (target_odd alone is looked
# up). With inline off too, target_even and target_odd (64 bytes apart; the index is the
# target modulo 16) share a slot and evict each other: once all 4 fragments exist every call misses, is refilled by Dynamo
# (lookup_inserts 1949 - 100 = 1849) and re-entered; exits_lookup_miss 1849 + 150 = 1999,
# lookup_hits 1849 - 50 = 1799 (the returns, .Lret's slot is its own, minus its 50
# warm-up misses); cache_entries 2000.
# Usage: indirect_branch_test.sh DYNSIM INDIRECT_LOOP COUNT_YAML NO_INLINE_YAML LOOKUP16_YAML LOOKUP16_NO_INLINE_YAML NO_CHAINS_YAML
dynsim=$1 binary=$2 counting=$3 no_inline=$4 lookup16=$5 lookup16_no_inline=$6 no_chains=$7
. "$(dirname "$0")/mechanism_lib.sh"
run native -- 2000
run_qemu qemu 2000
run default --dynamo "$counting" -- 2000
run nochain --dynamo "$no_chains" -- 2000
run noinline --dynamo "$no_inline" -- 2000
run l16 --dynamo "$lookup16" -- 2000
run l16noinline --dynamo "$lookup16_no_inline" -- 2000
same native qemu
for r in default nochain noinline l16 l16noinline; do
	same $r native
	show $r
	expect $r native_transfers 0
	expect $r exits_branch 1
done
for r in default nochain l16; do
	expect $r fragments 2
	expect $r exits_lookup_miss 50
	expect $r lookup_inserts 0
	expect $r links 1
	expect $r fragment_loops 1
	expect $r indirect_folded 1
done
expect nochain inline_misses 975
expect nochain lookup_hits 925
expect nochain cache_entries 51
expect nochain chain_sites 0
for r in default l16; do
	expect $r chain_sites 2
	expect $r chain_samples 58
	expect $r chain_slots_filled 1
	expect $r inline_misses 0
	expect $r lookup_hits 0
	expect $r cache_entries 59
done
for r in noinline l16noinline; do
	expect $r fragments 4
	expect $r inline_misses 0
done
expect noinline exits_lookup_miss 150
expect noinline lookup_hits 3648
expect noinline lookup_inserts 0
expect l16noinline exits_lookup_miss 1999
expect l16noinline lookup_inserts 1849
expect l16noinline lookup_hits 1799
expect l16noinline cache_entries 2000
finish "indirect_loop: inline compare, chain slot, lookup hits and refills as derived; identical to native and qemu-hppa"
