#!/usr/bin/env bash
# Runs the host (x86-64) build of a workload at `test` size and checks that it exits 0 and
# prints exactly the expected stdout that the guest golden tests compare against: the
# expected checksum is thereby derived twice, independently, on two architectures.
# Usage: host_check.sh HOST_BINARY EXPECTED_STDOUT [ARGS...]
set -u
bin=$1 expected=$2
shift 2
out=$(mktemp "${TEST_TMPDIR:-/tmp}/host_stdout.XXXXXX")
"$bin" "$@" >"$out"
status=$?
if [ $status != 0 ]; then
	echo "FAIL: $bin $* exited with status $status" >&2
	cat "$out" >&2
	exit 1
fi
if ! cmp -s "$expected" "$out"; then
	echo "FAIL: $bin $* stdout differs from $expected:" >&2
	diff -u "$expected" "$out" | head -40 >&2
	exit 1
fi
echo "PASS: $bin $*"
