#!/usr/bin/env bash
# Functional-simulation speed: runs compute-heavy guest programs under `dynsim run` and
# under qemu-hppa, several times each, and prints guest MIPS (median) for both and their
# ratio. Guest instructions are counted by dynsim; qemu's MIPS uses the same count over
# its own wall time. A benchmark, not a test: it asserts nothing.
# Usage: bazel run //tests/benchmarks:functional_speed [-- --runs N] [-- PROGRAM:ARGS ...]
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

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

printf '%-28s %14s %12s %12s %8s\n' program instructions "dynsim MIPS" "qemu MIPS" ratio
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
	dyn_times=() qemu_times=() insts=0
	for _ in $(seq "$runs"); do
		# shellcheck disable=SC2086
		"$dynsim" run --stats "$stats" "$bin" $args >/dev/null 2>&1
		insts=$(sed -n 's/^ *"instructions": \([0-9]*\).*/\1/p' "$stats" | head -1)
		dyn_times+=("$(sed -n 's/^ *"seconds": \([0-9.e+-]*\).*/\1/p' "$stats" | head -1)")
		t0=$(now_ms)
		# shellcheck disable=SC2086
		env -i qemu-hppa "$bin" $args >/dev/null 2>&1
		qemu_times+=("$(awk -v ms=$(($(now_ms) - t0)) 'BEGIN {print ms / 1000}')")
	done
	rm -f "$stats"
	dyn=$(printf '%s\n' "${dyn_times[@]}" | median)
	qemu=$(printf '%s\n' "${qemu_times[@]}" | median)
	awk -v n="$prog" -v i="$insts" -v d="$dyn" -v q="$qemu" 'BEGIN {
		dm = d > 0 ? i / d / 1e6 : 0; qm = q > 0 ? i / q / 1e6 : 0
		printf "%-28s %14d %12.1f %12.1f %8.2f\n", n, i, dm, qm, (qm > 0 ? dm / qm : 0) }'
done
echo "(medians of $runs runs; ratio = dynsim MIPS / qemu-hppa MIPS)"
