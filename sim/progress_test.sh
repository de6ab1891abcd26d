#!/usr/bin/env bash
# The progress line (sim/progress.h) is for a terminal only. Under script(1), which gives
# the run a pseudo-terminal, a run of 100 M instructions (some seconds of host time; the
# line is refreshed about twice a second) shows "dynsim: N.NM instructions, N.N MIPS,
# N.NNN s simulated" on stderr at least once. With --quiet, or with stderr a file, it
# never appears, and the stats file is the same either way.
# Usage: progress_test.sh DYNSIM FOREVER_GUEST
set -u
dynsim=$1 forever=$2
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/progress.XXXXXX")
fail=0
line='dynsim: [0-9.]*M instructions, [0-9.]* MIPS, [0-9.]* s simulated'
on_terminal() { script -qec "$1" /dev/null </dev/null | tr '\r' '\n'; }
run="'$dynsim' run --max-insts 100000000"
on_terminal "$run --stats '$tmp/tty.json' '$forever'" >"$tmp/tty.txt"
on_terminal "$run --quiet --stats '$tmp/quiet.json' '$forever'" >"$tmp/quiet.txt"
"$dynsim" run --max-insts 100000000 --stats "$tmp/file.json" "$forever" >/dev/null 2>"$tmp/file.err"
if ! grep -q "$line" "$tmp/tty.txt"; then
	echo "FAIL: no progress line on a terminal:" >&2
	head -5 "$tmp/tty.txt" >&2
	fail=1
fi
for f in quiet.txt file.err; do
	if grep -q "$line" "$tmp/$f"; then
		echo "FAIL: a progress line in $f" >&2
		fail=1
	fi
done
# The stats' simulated figures do not depend on the display.
for f in tty quiet; do
	if ! cmp -s <(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sim"])' "$tmp/$f.json") \
		<(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sim"])' "$tmp/file.json"); then
		echo "FAIL: $f.json's sim section differs from the run without a terminal" >&2
		fail=1
	fi
done
rm -rf "$tmp"
[ $fail = 0 ] && echo "PASS: the progress line shows on a terminal only"
exit $fail
