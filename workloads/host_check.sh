#!/usr/bin/env bash
# Runs a host build of a workload and checks that its stdout equals the guest's expected
# stdout and that it exits 0: the host build is the independent derivation of the
# checksums embedded in the program (same source, different compiler, ISA and endianness).
# Usage: host_check.sh HOST_BINARY EXPECTED_STDOUT [ARGS...]
set -u
bin=$1 expected=$2
shift 2
# Under AddressSanitizer (--config=asan): the leaks at exit that are the benchmarks' own
# (a test runs in its runfiles tree, the workspace's layout).
export LSAN_OPTIONS="suppressions=$PWD/workloads/host_lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
out=$(mktemp "${TEST_TMPDIR:-/tmp}/host.XXXXXX")
"$bin" "$@" >"$out"
status=$?
if [ $status != 0 ]; then
	echo "FAIL: host build $bin exited with $status" >&2
	cat "$out" >&2
	exit 1
fi
if ! cmp -s "$expected" "$out"; then
	echo "FAIL: host build $bin output differs from $expected:" >&2
	diff -u "$expected" "$out" >&2
	exit 1
fi
echo "PASS: host $bin $*"
