#!/usr/bin/env bash
# Proof that a change is host speed only: runs workloads natively on the functional core,
# inorder.yaml and pa8000.yaml, and under Dynamo on pa8000.yaml, with one dynsim binary,
# and keeps each run's stats JSON cut at its "host" section (the rest is a pure function of
# the inputs, docs/simulator.md). Run it with the old and the new binary into two
# directories, then compare them: any byte that differs is a simulated result that moved.
#   bazel build //sim:dynsim //dynamo:dynamo //workloads/...
#   cp bazel-bin/sim/dynsim /tmp/dynsim_before            # before the change
#   tests/benchmarks/stats_identity.sh /tmp/dynsim_before /tmp/stats_before
#   tests/benchmarks/stats_identity.sh bazel-bin/sim/dynsim /tmp/stats_after
#   diff -r /tmp/stats_before /tmp/stats_after && echo identical
# Options: --size S (default train), --programs "li m88ksim ..." (default li m88ksim
# compress). Run from the workspace root.
set -u
size=train
programs="li m88ksim compress"
while [ $# -gt 2 ]; do
	case "$1" in
	--size) size=$2; shift 2 ;;
	--programs) programs=$2; shift 2 ;;
	*) echo "stats_identity.sh: unknown option '$1'" >&2; exit 2 ;;
	esac
done
if [ $# -ne 2 ]; then
	echo "usage: stats_identity.sh [--size S] [--programs \"P ...\"] DYNSIM OUT_DIR" >&2
	exit 2
fi
dynsim=$1
out=$2
mkdir -p "$out"
# shellcheck source=tests/benchmarks/bench_lib.sh
. "$(dirname "$0")/bench_lib.sh"
status=0
for prog in $programs; do
	bin=bazel-bin/workloads/$prog/${prog}_O2
	if [ ! -f "$bin" ]; then
		echo "stats_identity.sh: $bin is not built" >&2
		exit 2
	fi
	for mode in functional inorder pa8000 dynamo_pa8000; do
		stats=$out/$prog.$mode.full.json
		# shellcheck disable=SC2046
		"$dynsim" run --quiet $(bench_mode_args . bazel-bin "${mode%_pa8000}") --stats "$stats" "$bin" "$size" >"$out/$prog.$mode.stdout" 2>&1
		echo "exit $?" >>"$out/$prog.$mode.stdout"
		# Everything before the host section: simulated results and their descriptions.
		sed '/^  "host": {/,$d' "$stats" >"$out/$prog.$mode.json" || status=1
		rm -f "$stats"
		printf '%-10s %-14s %s\n' "$prog" "$mode" "$(sed -n 's/^ *"instructions": \([0-9]*\).*/\1/p' "$out/$prog.$mode.json" | head -1)"
	done
done
exit $status
