#!/usr/bin/env bash
# Timing never changes architectural state: every timing workload prints the same output
# on stdout and stderr and exits with the same status under core.model functional, inorder
# and ooo (and under a machine where everything misses), and that output is the expected
# one. Usage: models_agree_test.sh DYNSIM INORDER_YAML PROGRAM...
set -u
dynsim=$1 inorder=$2
shift 2
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/models.XXXXXX")
fail=0
for program in "$@"; do
	name=$(basename "$program")
	i=0
	for setting in "--set core.model=functional" "--set core.model=inorder" "--set core.model=ooo" \
		"--config $inorder --set icache.size_kb=1 --set dcache.size_kb=1 --set branch.predictor=static"; do
		# shellcheck disable=SC2086  # $setting is several words on purpose
		"$dynsim" run $setting -- "$program" 1000 >"$tmp/$i.out" 2>"$tmp/$i.err"
		echo $? >"$tmp/$i.status"
		if [ $i -gt 0 ]; then
			for part in out err status; do
				if ! cmp -s "$tmp/0.$part" "$tmp/$i.$part"; then
					echo "FAIL: $name: $part under '$setting' differs from core.model=functional:" >&2
					diff "$tmp/0.$part" "$tmp/$i.$part" | head -10 >&2
					fail=1
				fi
			done
		fi
		i=$((i + 1))
	done
	if [ "$(cat "$tmp/0.out")" != "$name: ok" ] || [ "$(cat "$tmp/0.status")" != 0 ] || [ -s "$tmp/0.err" ]; then
		echo "FAIL: $name: expected '$name: ok' and status 0, got '$(cat "$tmp/0.out")' status $(cat "$tmp/0.status")" >&2
		fail=1
	fi
done
rm -rf "$tmp"
[ $fail = 0 ] && echo "PASS: $# programs agree under functional, inorder and ooo"
exit $fail
