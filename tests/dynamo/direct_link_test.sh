#!/usr/bin/env bash
# Direct links, on exit_branches.S (its comment has the program): the defaults against
# `link_branches: false`. All four runs (native, qemu-hppa, both under Dynamo) exit 7.
# Derived by hand (hot_threshold 50): iteration k has r3 = 1001 - k; the 50th taken addib
# makes .Lhead hot, iteration 51 (r3 = 950, even) is recorded, so fragment A follows the
# even side, closes its loop, and runs iterations 52 to 1000. Its cmpib (negated to
# cmpib,<>) exits to the odd side on the 475 odd r3 values from 949 to 1; the first 50
# exits reach Dynamo and make that block hot (the 50th is recorded), so fragment B is built
# and both links are made: A's cmpib exit to B and B's end back to A. The remaining 425
# transitions from A to B take, without link_branches, the cmpib to A's exit block and its
# stub's b,n to B; with it, the cmpib goes to B directly: exactly 425 fewer
# fragment-cache instructions, and the same everything else.
# Usage: direct_link_test.sh DYNSIM EXIT_BRANCHES STUB_LINKS_YAML
dynsim=$1 binary=$2 stub_links=$3
. "$(dirname "$0")/mechanism_lib.sh"
run native --
run_qemu qemu
run direct --profile 1 --dynamo --
run stub --profile 1 --dynamo "$stub_links" --
same native qemu
same direct native
same stub native
check "$(cat "$tmp/native.status")" = 7 "native: exit status $(cat "$tmp/native.status"), expected 7"
show direct
show stub
for r in direct stub; do
	expect $r fragments 2
	expect $r links 2
	expect $r exits_branch 51
	expect $r native_transfers 0
done
expect direct links_direct 1
expect stub links_direct 0
fragment_insns() {
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sim"]["regions"]["groups"]["instructions"]["fragment_cache"])' "$tmp/$1.json"
}
saved=$(($(fragment_insns stub) - $(fragment_insns direct)))
check "$saved" = 425 "fragment-cache instructions saved by the direct link: $saved, expected 425 (one b,n per A-to-B transition)"
finish "exit_branches: the direct link saves $saved stub branches"
