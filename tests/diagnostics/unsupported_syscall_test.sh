#!/usr/bin/env bash
# The "unsupported system call" line names where the application called, also under
# Dynamo, whose gateway routine makes the call on the application's behalf: the native
# and the Dynamo run must log the same line, and its pc must be in the application.
# Usage: unsupported_syscall_test.sh DYNSIM PROGRAM
set -u
dynsim=$1 program=$2
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/diag.XXXXXX")
"$dynsim" run --log "$tmp/native.log" "$program" >"$tmp/native.out" || { echo "FAIL: native run"; exit 1; }
"$dynsim" run --dynamo --log "$tmp/dynamo.log" "$program" >"$tmp/dynamo.out" || { echo "FAIL: Dynamo run"; exit 1; }
native=$(grep "unsupported system call" "$tmp/native.log")
dynamo=$(grep "unsupported system call" "$tmp/dynamo.log")
echo "native: $native"
echo "dynamo: $dynamo"
[ -n "$native" ] || { echo "FAIL: no unsupported-call line in the native log"; exit 1; }
[ "$native" = "$dynamo" ] || { echo "FAIL: the Dynamo run names another pc"; exit 1; }
pc=$(sed -n 's/.* at pc 0x\([0-9a-f]*\);.*/\1/p' <<<"$native")
[ $((16#$pc)) -lt $((16#c0000000)) ] || { echo "FAIL: pc 0x$pc is not in the application"; exit 1; }
cmp -s "$tmp/native.out" "$tmp/dynamo.out" || { echo "FAIL: outputs differ"; exit 1; }
echo "PASS"
