#!/usr/bin/env bash
# Runs a guest program under qemu-hppa and checks its stdout and exit status.
# Usage: run_guest_golden.sh --binary B --status N [--stdout FILE] [--stdin FILE] -- ARGS...
set -u
binary="" status="" expected_stdout="" stdin_file=/dev/null
while [ $# -gt 0 ]; do
	case "$1" in
	--binary) binary=$2; shift 2 ;;
	--status) status=$2; shift 2 ;;
	--stdout) expected_stdout=$2; shift 2 ;;
	--stdin) stdin_file=$2; shift 2 ;;
	--) shift; break ;;
	*) echo "run_guest_golden.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
out=$(mktemp "${TEST_TMPDIR:-/tmp}/stdout.XXXXXX")
# A fixed, empty environment keeps the guest's view deterministic.
env -i qemu-hppa "$binary" "$@" <"$stdin_file" >"$out"
actual=$?
fail=0
if [ "$actual" != "$status" ]; then
	echo "FAIL: $binary exited with status $actual, expected $status" >&2
	fail=1
fi
if [ -n "$expected_stdout" ] && ! cmp -s "$expected_stdout" "$out"; then
	echo "FAIL: $binary stdout differs from $expected_stdout:" >&2
	diff -u "$expected_stdout" "$out" | head -40 >&2
	fail=1
fi
[ $fail = 0 ] && echo "PASS: $binary $*"
exit $fail
