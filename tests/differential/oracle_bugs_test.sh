#!/usr/bin/env bash
# The differential must be able to fail: with progen.py's oracle rules off (--oracle-bugs:
# DS with t = r2, DCOR, ADDB/ADDIB with c = 5..7), 8 seeds must show qemu-hppa 7.2's
# known bugs as disagreements between qemu and dynsim, each reduced to at most 12
# instructions that contain one of those forms, while Dynamo still agrees with the native
# run on every one of them.
# Usage: oracle_bugs_test.sh DYNSIM
set -u
dynsim=$1
here=$(dirname "$0")
out=$(mktemp "${TEST_TMPDIR:-/tmp}/oracle_bugs.XXXXXX")
"$here/run.sh" --dynsim "$dynsim" --config default --seeds 8 --batch 4 --oracle-bugs >"$out" 2>&1
status=$?
fail=0
check() {
	if ! eval "$1"; then
		echo "FAIL: $2" >&2
		fail=1
	fi
}
check '[ "$status" = 1 ]' "run.sh exited with $status, expected 1 (disagreements)"
found=$(grep -c '^DISAGREEMENT seed [0-9]*: qemu and native' "$out")
check '[ "$found" -ge 1 ]' "no qemu/native disagreement found"
check '! grep -q "and dynamo" "$out"' "Dynamo disagrees with the native run"
# Every reduction is small and keeps a form the rules exclude.
while read -r n; do
	check '[ "$n" -le 12 ]' "a disagreement reduced to $n instructions only"
done < <(sed -n 's/^  reduced to \([0-9]*\) instructions:$/\1/p' "$out")
reductions=$(grep -c '^  reduced to' "$out")
check '[ "$reductions" = "$found" ]' "$found disagreements but $reductions reductions"
forms=$(grep -cE '^    	(ds|dcor|dcor,i|addi?b,(znv|sv|od|vnz|nsv|ev)(,n)?) ' "$out")
check '[ "$forms" -ge "$found" ]' "the reduced programs lack the excluded forms"
if [ $fail = 0 ]; then
	echo "PASS: $found disagreements with qemu-hppa found and reduced"
else
	sed 's/^/  | /' "$out" | head -60 >&2
fi
rm -f "$out"
exit $fail
