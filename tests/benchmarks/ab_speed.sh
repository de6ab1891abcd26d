#!/usr/bin/env bash
# Host speed of two dynsim binaries on the same runs: the nine workloads (or those named)
# on the functional core, on pa8000.yaml and under Dynamo on pa8000.yaml, each run by A
# and then by B, rounds repeated --runs times, so load on the machine falls on both alike.
# Prints per workload and mode the median wall seconds of A and B, B's guest MIPS and the
# speedup A/B, then the medians over the workloads. A benchmark, not a test: it asserts
# nothing but that A and B retire the same instructions (a host-speed change must not
# move any simulated figure; tests/benchmarks/stats_identity.sh checks every stat).
# Usage, from the workspace root after `bazel build //sim:dynsim //dynamo:dynamo //workloads/...`:
#   tests/benchmarks/ab_speed.sh [--size S] [--runs N] DYNSIM_A DYNSIM_B [PROGRAM ...]
set -u
size=train
runs=3
while [ $# -gt 0 ]; do
	case "$1" in
	--size) size=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	-*) echo "ab_speed.sh: unknown option '$1'" >&2; exit 2 ;;
	*) break ;;
	esac
done
if [ $# -lt 2 ]; then
	echo "usage: ab_speed.sh [--size S] [--runs N] DYNSIM_A DYNSIM_B [PROGRAM ...]" >&2
	exit 2
fi
a=$1 b=$2
shift 2
programs=("$@")
[ ${#programs[@]} -eq 0 ] && programs=(compress go ijpeg li m88ksim perl vortex deltablue boyer)
modes=(functional pa8000 dynamo)
# shellcheck source=tests/benchmarks/bench_lib.sh
. "$(dirname "$0")/bench_lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
declare -A times insts
status=0
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$runs"); do
	for prog in "${programs[@]}"; do
		bin=bazel-bin/workloads/$prog/${prog}_O2
		for mode in "${modes[@]}"; do
			for side in a b; do
				dynsim=$a
				[ $side = b ] && dynsim=$b
				start=$(date +%s%N)
				# shellcheck disable=SC2046
				"$dynsim" run --quiet $(bench_mode_args . bazel-bin "$mode") --stats "$tmp/$side.json" "$bin" "$size" >/dev/null 2>&1
				times[$prog.$mode.$side]+="$(awk -v ns=$(($(date +%s%N) - start)) 'BEGIN {print ns / 1e9}') "
				insts[$prog.$mode.$side]=$(bench_stats_number "$tmp/$side.json" sim instructions)
			done
			if [ "${insts[$prog.$mode.a]}" != "${insts[$prog.$mode.b]}" ]; then
				echo "ab_speed.sh: $prog $mode: A retired ${insts[$prog.$mode.a]} instructions, B ${insts[$prog.$mode.b]}" >&2
				status=1
			fi
		done
	done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %-10s %8s %8s %9s %8s\n' program mode "A s" "B s" "B MIPS" "A/B"
declare -A speedups mips
for prog in "${programs[@]}"; do
	for mode in "${modes[@]}"; do
		ta=$(tr ' ' '\n' <<<"${times[$prog.$mode.a]}" | grep . | bench_median)
		tb=$(tr ' ' '\n' <<<"${times[$prog.$mode.b]}" | grep . | bench_median)
		m=$(awk -v i="${insts[$prog.$mode.b]}" -v s="$tb" 'BEGIN {printf "%.1f", i / s / 1e6}')
		x=$(awk -v a="$ta" -v b="$tb" 'BEGIN {printf "%.3f", a / b}')
		printf '%-10s %-10s %8.2f %8.2f %9s %8s\n' "$prog" "$mode" "$ta" "$tb" "$m" "$x"
		speedups[$mode]+="$x "
		mips[$mode]+="$m "
	done
done
for mode in "${modes[@]}"; do
	printf '%-10s %-10s %8s %8s %9s %8s\n' median "$mode" "" "" \
		"$(tr ' ' '\n' <<<"${mips[$mode]}" | grep . | bench_median)" "$(tr ' ' '\n' <<<"${speedups[$mode]}" | grep . | bench_median)"
done
exit $status
