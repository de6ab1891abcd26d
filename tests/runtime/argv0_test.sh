#!/usr/bin/env bash
# `dynsim run --argv0 NAME` gives the guest NAME as argv[0], as `qemu-hppa -0 NAME` does,
# and a run's simulated figures then do not depend on the path PROGRAM was given by.
# Usage: argv0_test.sh DYNSIM PROGRAM (runfiles paths)
set -u
dynsim=$1 program=$2
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/argv0.XXXXXX")
fail=0
want="argv[0] [renamed/by-the-user]"
got=$("$dynsim" run --argv0 renamed/by-the-user "$program" 2>&1)
[ "$got" = "$want" ] || { echo "FAIL: dynsim --argv0 printed '$got', not '$want'"; fail=1; }
got=$(qemu-hppa -0 renamed/by-the-user "$program" 2>&1)
[ "$got" = "$want" ] || { echo "FAIL: qemu-hppa -0 printed '$got', not '$want' (the oracle disagrees)"; fail=1; }
got=$("$dynsim" run "$program" 2>&1)
[ "$got" = "argv[0] [$program]" ] || { echo "FAIL: without --argv0, argv[0] is '$got', not PROGRAM as given"; fail=1; }

# The same program by a path 40 characters longer: the stack moves (different cycles)
# unless --argv0 keeps argv[0].
long="$tmp/a-directory-name-of-exactly-40-chars-xx"
mkdir -p "$long" && cp "$program" "$long/prog"
cycles() { /usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["sim"]["cycles"])' "$1"; }
"$dynsim" run --stats "$tmp/short.json" "$program" >/dev/null 2>&1
"$dynsim" run --stats "$tmp/long.json" "$long/prog" >/dev/null 2>&1
"$dynsim" run --argv0 "$program" --stats "$tmp/kept.json" "$long/prog" >/dev/null 2>&1
short=$(cycles "$tmp/short.json") long_cycles=$(cycles "$tmp/long.json") kept=$(cycles "$tmp/kept.json")
[ "$short" != "$long_cycles" ] || { echo "FAIL: the longer path did not move the cycles ($short): this test shows nothing"; fail=1; }
[ "$short" = "$kept" ] || { echo "FAIL: with --argv0 the cycles are $kept, not the short path's $short"; fail=1; }
rm -rf "$tmp"
[ "$fail" -eq 0 ] && echo PASS
exit "$fail"
