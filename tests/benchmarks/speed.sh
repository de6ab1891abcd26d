#!/usr/bin/env bash
# Simulation speed: the nine workloads under `dynsim run` natively on the functional core,
# inorder.yaml and pa8000.yaml, under Dynamo on pa8000.yaml, and under qemu-hppa on the same
# binaries. Each round runs every (workload, mode) once, rounds repeat --runs times
# (interleaved, so a burst of load on the machine spreads over the modes), and each cell
# is the median. Prints guest MIPS: instructions retired by the simulated machine (under
# Dynamo, Dynamo's own included) per host second, dynsim's seconds being the stats' host
# section (the run without loading) and qemu's the whole process; for qemu, the native
# run's instruction count. Then each mode's ratio to qemu-hppa, and the medians over the
# workloads. A benchmark, not a test: it asserts nothing, and wall time is only worth
# quoting on a quiet machine (it prints the load average before and after).
# Usage: bazel run //tests/benchmarks:speed [-- --quick] [-- --runs N] [-- PROGRAM ...]
#   --quick: train inputs instead of ref; PROGRAM: workload names (default: all nine)
set -u
runs=3
size=ref
programs=()
while [ $# -gt 0 ]; do
	case "$1" in
	--runs) runs=$2; shift 2 ;;
	--quick) size=train; shift ;;
	-*) echo "speed.sh: unknown option '$1'" >&2; exit 2 ;;
	*) programs+=("$1"); shift ;;
	esac
done
[ ${#programs[@]} -eq 0 ] && programs=(compress go ijpeg li m88ksim perl vortex deltablue boyer)
here=${RUNFILES_DIR:-$0.runfiles}/dynsim
dynsim=$here/sim/dynsim
modes=(functional inorder pa8000 dynamo qemu)
# shellcheck source=tests/benchmarks/bench_lib.sh
. "$here/tests/benchmarks/bench_lib.sh"
now_ns() { date +%s%N; }
mips() { awk -v i="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? i / s / 1e6 : 0) }'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
stats=$(mktemp)
declare -A seconds insts
for round in $(seq "$runs"); do
	for prog in "${programs[@]}"; do
		bin=$here/workloads/$prog/${prog}_O2
		[ -f "$bin" ] || continue
		for mode in "${modes[@]}"; do
			if [ "$mode" = qemu ]; then
				t0=$(now_ns)
				env -i qemu-hppa "$bin" "$size" >/dev/null 2>&1
				t=$(awk -v ns=$(($(now_ns) - t0)) 'BEGIN {print ns / 1e9}')
			else
				# shellcheck disable=SC2046
				"$dynsim" run --quiet $(bench_mode_args "$here" "$here" "$mode") --stats "$stats" "$bin" "$size" >/dev/null 2>&1
				insts[$prog.$mode]=$(bench_stats_number "$stats" sim instructions)
				t=$(bench_stats_number "$stats" host seconds)
			fi
			seconds[$prog.$mode]="${seconds[$prog.$mode]:-} $t"
		done
	done
	echo "round $round of $runs done" >&2
done
rm -f "$stats"

printf '%-10s %12s %12s' program instructions "dynamo insts"
for mode in "${modes[@]}"; do printf ' %10s' "$mode"; done
printf '   %s\n' "ratio to qemu (functional / inorder / pa8000 / dynamo)"
declare -A column
for prog in "${programs[@]}"; do
	[ -n "${insts[$prog.functional]:-}" ] || { printf '%-10s (not built)\n' "$prog"; continue; }
	insts[$prog.qemu]=${insts[$prog.functional]}
	printf '%-10s %12s %12s' "$prog" "${insts[$prog.functional]}" "${insts[$prog.dynamo]}"
	for mode in "${modes[@]}"; do
		# shellcheck disable=SC2086
		m=$(mips "${insts[$prog.$mode]}" "$(printf '%s\n' ${seconds[$prog.$mode]} | bench_median)")
		column[$prog.$mode]=$m
		column[$mode]="${column[$mode]:-} $m"
		printf ' %10s' "$m"
	done
	q=${column[$prog.qemu]}
	printf '   %s\n' "$(awk -v f="${column[$prog.functional]}" -v i="${column[$prog.inorder]}" \
		-v p="${column[$prog.pa8000]}" -v d="${column[$prog.dynamo]}" -v q="$q" \
		'BEGIN { if (q > 0) printf "%.2f / %.2f / %.2f / %.2f", f / q, i / q, p / q, d / q }')"
done
printf '%-10s %12s %12s' median "" ""
for mode in "${modes[@]}"; do
	# shellcheck disable=SC2086
	printf ' %10s' "$(printf '%s\n' ${column[$mode]:-} | bench_median)"
done
printf '\n'
echo "(guest MIPS at $size, medians of $runs interleaved runs; load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
