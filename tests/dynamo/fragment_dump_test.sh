#!/usr/bin/env bash
# --dump-fragments FILE: the hand-written loop of simple_loop.S dumps as the listing
# derived by hand from its source (one fragment: the recorded trace addi, addib, nop; its
# code the same three with the loop branch closed onto the fragment's own entry, then the
# exit stub to Dynamo); on a larger program with a tiny fragment cache, one dump per flush
# and every fragment Dynamo built dumped once, those built from part of their trace saying
# so, translated jump tables' words as data; and the stats of a run without the dump.
# Usage: fragment_dump_test.sh DYNSIM SIMPLE_LOOP PROGRAM OBJDUMP CUT_PROGRAM
set -u
dynsim=$1 loop=$2 prog=$3 objdump=$4 cut_prog=$5
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/fragment_dump.XXXXXX")
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}
"$dynsim" run --set core.model=functional --dynamo --dump-fragments "$tmp/loop.txt" "$loop" || bad "the loop failed"
# The loop's head: the addi that the backward addib targets (objdump names the addresses).
head=$("$objdump" -d "$loop" | sed -n 's/^ *\([0-9a-f]*\):.*addi 1,r4,r4$/\1/p')
h=$((16#$head))
entry=$(sed -n 's/^fragment 1: .*cache pc 0x\([0-9a-f]*\),.*/\1/p' "$tmp/loop.txt")
[ -n "$entry" ] || bad "no fragment 1 in: $(cat "$tmp/loop.txt")"
e=$((16#${entry:-0}))
printf '%s\n' \
	"# 1 fragments, at the end of the run" \
	"  trace (the application's code, as recorded):" \
	"$(printf '    0x%08x: b4840002  addi 1,r4,r4' $h)" \
	"$(printf '    0x%08x: ac7f3fed  addib,<> -1,r3,%x' $((h + 4)) $h)" \
	"$(printf '    0x%08x: 08000240  nop' $((h + 8)))" \
	"  fragment code (as it stands in the cache, links included):" \
	"$(printf '    0x%08x: b4840002  addi 1,r4,r4' $e)" \
	"$(printf '    0x%08x: ac7f3fed  addib,<> -1,r3,%x <fragment 1: app 0x%x>' $((e + 4)) $e $h)" \
	"$(printf '    0x%08x: 08000240  nop' $((e + 8)))" >"$tmp/expected.txt"
grep -v '^fragment 1: \|^    0x.*: .*  \(stw\|b,l\|\.word\|ldw\|ldo\|bv\)' "$tmp/loop.txt" >"$tmp/got.txt"
diff "$tmp/expected.txt" "$tmp/got.txt" >"$tmp/diff.txt" || bad "the loop's dump is not the hand-derived listing: $(cat "$tmp/diff.txt")"
grep -qE "^fragment 1: head app pc 0x$head, built at cycle [0-9]+, cache pc 0x$entry, [0-9]+ words$" "$tmp/loop.txt" ||
	bad "fragment 1's header: $(grep '^fragment 1' "$tmp/loop.txt")"
grep -qE '  b,l [0-9a-f]+ <dynamo::dynamo_fragment_exit>,rp$' "$tmp/loop.txt" || bad "no exit stub to dynamo_fragment_exit"

# A 2 KiB fragment cache flushes often: a dump at each flush, each fragment once.
printf 'fragment_cache_kb: 2\n' >"$tmp/small.yaml"
"$dynsim" run --dynamo-config "$tmp/small.yaml" --stats "$tmp/plain.json" "$prog" test >/dev/null || bad "the run failed"
"$dynsim" run --dynamo-config "$tmp/small.yaml" --stats "$tmp/s.json" --dump-fragments "$tmp/small.txt" "$prog" test \
	>/dev/null || bad "the run with --dump-fragments failed"
cmp -s <(sed '/"host"/,$d' "$tmp/plain.json") <(sed '/"host"/,$d' "$tmp/s.json") || bad "--dump-fragments changed the stats"
counter() { sed -n "s/.*\"dynamo\.$1\": \([0-9]*\).*/\1/p" "$tmp/s.json" | head -1; }
flushes=$(grep -c '^# [0-9]* fragments, flush ' "$tmp/small.txt")
[ "$flushes" = "$(counter cache_flushes)" ] && [ "$flushes" -gt 0 ] || bad "$flushes flush dumps, $(counter cache_flushes) flushes"
[ "$(grep -c '^fragment ' "$tmp/small.txt")" = "$(counter fragments)" ] ||
	bad "$(grep -c '^fragment ' "$tmp/small.txt") fragments dumped, $(counter fragments) built"
# Every fragment built from part of its trace says so, and only those (m88ksim's switch
# ends its fragment in a jump table).
"$dynsim" run --set core.model=functional --dynamo --stats "$tmp/s.json" --dump-fragments "$tmp/cut.txt" "$cut_prog" test \
	>/dev/null || bad "the run of $cut_prog failed"
cut=$(grep -cE '^fragment [0-9]+: .* words, built from [0-9]+ of [0-9]+ trace instructions$' "$tmp/cut.txt")
[ "$cut" -gt 0 ] && [ "$cut" = "$(counter traces_cut)" ] ||
	bad "$cut fragments say they were built from part of their trace, traces_cut is $(counter traces_cut)"
# Its translated jump tables' words show as data, where each index goes: the opcode
# switch's table alone has 64 words (a 6-bit index), some leading to fragments.
tables=$(counter jump_tables)
words=$(grep -c '^    0x[0-9a-f]*: [0-9a-f]*  jump table: \(the probe\|<fragment [0-9]*: app 0x[0-9a-f]*>\)$' "$tmp/cut.txt")
[ "${tables:-0}" -gt 0 ] && [ "$words" -ge 64 ] && grep -q 'jump table: <fragment' "$tmp/cut.txt" ||
	bad "$tables jump tables, $words table words dumped as such"
"$dynsim" run --dump-fragments "$tmp/x.txt" "$loop" >"$tmp/out" 2>&1
[ $? = 2 ] && grep -q "without --dynamo there are no fragments" "$tmp/out" || bad "--dump-fragments without --dynamo: $(cat "$tmp/out")"
[ $fail = 0 ] && echo PASS
exit $fail
