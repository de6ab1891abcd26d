#!/usr/bin/env bash
# Simulation speed: runs compute-heavy guest programs under `dynsim run` with each timing
# model (functional, inorder.yaml, pa8000.yaml = ooo) and under qemu-hppa, several times
# each, and prints guest MIPS (median) per mode and the ratio of each to qemu-hppa.
# Guest instructions are counted by dynsim; qemu's MIPS uses the same count over its own
# wall time. A benchmark, not a test: it asserts nothing.
# Usage: bazel run //tests/benchmarks:speed [-- --runs N] [-- PROGRAM:ARGS ...]
set -u
runs=5
programs=()
while [ $# -gt 0 ]; do
	case "$1" in
	--runs) runs=$2; shift 2 ;;
	*) programs+=("$1"); shift ;;
	esac
done
here=${RUNFILES_DIR:-$0.runfiles}/dynsim
dynsim=$here/sim/dynsim
if [ ${#programs[@]} -eq 0 ]; then
	programs=(
		"workloads/micro/tight_loop_O2:ref"
		"workloads/compress/compress_O2:ref"
		"workloads/li/li_O2:ref"
		"workloads/m88ksim/m88ksim_O2:ref"
	)
fi
modes=(functional inorder pa8000)
mode_args() {
	case "$1" in
	functional) echo "--set core.model=functional" ;;
	inorder) echo "--config $here/configs/machines/inorder.yaml" ;;
	pa8000) echo "--config $here/configs/machines/pa8000.yaml" ;;
	esac
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
mips() { awk -v i="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? i / s / 1e6 : 0) }'; }

printf '%-28s %12s %11s %11s %11s %11s   %s\n' program instructions functional inorder pa8000 qemu \
	"ratio to qemu (functional/inorder/pa8000)"
declare -A column
for spec in "${programs[@]}"; do
	prog=${spec%%:*}
	args=${spec#*:}
	[ "$args" = "$spec" ] && args=""
	bin=$here/$prog
	[ -f "$bin" ] || bin=$prog
	if [ ! -f "$bin" ]; then
		printf '%-28s (not built)\n' "$prog"
		continue
	fi
	stats=$(mktemp)
	insts=0
	for mode in "${modes[@]}"; do
		times=()
		for _ in $(seq "$runs"); do
			# shellcheck disable=SC2046,SC2086
			"$dynsim" run $(mode_args "$mode") --stats "$stats" "$bin" $args >/dev/null 2>&1
			insts=$(sed -n 's/^ *"instructions": \([0-9]*\).*/\1/p' "$stats" | head -1)
			# The host section's wall-clock seconds (the sim section has simulated seconds).
			times+=("$(sed -n '/"host": {/,$ s/^ *"seconds": \([0-9.e+-]*\).*/\1/p' "$stats" | head -1)")
		done
		column[$mode]=$(mips "$insts" "$(printf '%s\n' "${times[@]}" | median)")
	done
	rm -f "$stats"
	times=()
	for _ in $(seq "$runs"); do
		t0=$(now_ms)
		# shellcheck disable=SC2086
		env -i qemu-hppa "$bin" $args >/dev/null 2>&1
		times+=("$(awk -v ms=$(($(now_ms) - t0)) 'BEGIN {print ms / 1000}')")
	done
	qemu=$(mips "$insts" "$(printf '%s\n' "${times[@]}" | median)")
	ratios=$(awk -v f="${column[functional]}" -v i="${column[inorder]}" -v p="${column[pa8000]}" -v q="$qemu" \
		'BEGIN { if (q > 0) printf "%.2f / %.2f / %.2f", f / q, i / q, p / q }')
	printf '%-28s %12d %11s %11s %11s %11s   %s\n' "$prog" "$insts" "${column[functional]}" \
		"${column[inorder]}" "${column[pa8000]}" "$qemu" "$ratios"
done
echo "(guest MIPS, medians of $runs runs; dynsim's time excludes loading, qemu's is the whole process)"
