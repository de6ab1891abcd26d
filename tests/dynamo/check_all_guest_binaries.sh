#!/bin/bash
# Transparency over every guest program the project builds (run from the workspace root
# after `bazel build //...`; not a Bazel test, like tests/differential): each runs without
# arguments under plain `dynsim run` and under `dynsim run --dynamo`, and stdout, stderr
# and exit status must be identical, and Dynamo must keep control (no native transfer:
# dynamo.native_transfers 0). Both use the functional core (the fastest; timing
# cannot change what a program computes). Dynamo's own ELF and test fixtures are left out,
# and so are programs longer than --max-native instructions natively (default 2 billion,
# which leaves none out today: the longest, about 90 million, take seconds now that Dynamo
# runs them from its fragment cache).
# Usage: tests/dynamo/check_all_guest_binaries.sh [-j JOBS] [--max-native N]
set -uo pipefail
cd "$(dirname "$0")/../.."
jobs=2
max_native=2000000000
while [ $# -gt 0 ]; do
	case "$1" in
	-j) jobs=$2; shift 2 ;;
	--max-native) max_native=$2; shift 2 ;;
	*) echo "usage: $0 [-j JOBS] [--max-native N]" >&2; exit 2 ;;
	esac
done
bazel build //sim:dynsim >/dev/null 2>&1 || { echo "cannot build //sim:dynsim" >&2; exit 1; }
mapfile -t bins < <(tests/list_guest_binaries.sh --no-fixtures | grep -v '/dynamo/dynamo$')
if [ "${#bins[@]}" -eq 0 ]; then
	echo "dynamo transparency: no guest binaries built (run bazel build //... first)" >&2
	exit 1
fi
dynsim=$(realpath bazel-bin/sim/dynsim)
compare_one() {
	local bin=$1 dynsim=$2 max_native=$3 tmp why="" insts
	tmp=$(mktemp -d)
	"$dynsim" run --set core.model=functional --stats "$tmp/n.json" --log "$tmp/n.log" "$bin" </dev/null \
		>"$tmp/n.out" 2>"$tmp/n.err"
	local ns=$?
	insts=$(sed -n 's/^ *"instructions": \([0-9]*\).*/\1/p' "$tmp/n.json" | head -1)
	if [ "${insts:-0}" -gt "$max_native" ]; then
		rm -rf "$tmp"
		echo "skip $bin ($insts instructions natively)"
		return
	fi
	"$dynsim" run --set core.model=functional --dynamo --stats "$tmp/d.json" --log "$tmp/d.log" "$bin" </dev/null \
		>"$tmp/d.out" 2>"$tmp/d.err"
	local ds=$? transfers
	transfers=$(sed -n 's/.*"dynamo\.native_transfers": \([0-9]*\).*/\1/p' "$tmp/d.json" | head -1)
	[ "${transfers:-0}" != 0 ] && why="$why; $transfers native transfers" 
	[ "$ns" != "$ds" ] && why="$why; exit status native $ns, dynamo $ds ($(head -c 200 "$tmp/d.log"))"
	cmp -s "$tmp/n.out" "$tmp/d.out" || why="$why; stdout differs"
	cmp -s "$tmp/n.err" "$tmp/d.err" || why="$why; stderr differs"
	rm -rf "$tmp"
	if [ -n "$why" ]; then echo "FAIL $bin: ${why#; }"; else echo "ok $bin"; fi
}
export -f compare_one
out=$(mktemp)
printf '%s\n' "${bins[@]}" | xargs -P "$jobs" -I{} bash -c 'compare_one "$@"' _ {} "$dynsim" "$max_native" >"$out"
failures=$(grep -c '^FAIL' "$out")
skipped=$(grep -c '^skip' "$out")
grep '^FAIL' "$out"
echo "dynamo transparency: $((${#bins[@]} - skipped)) guest programs natively and under Dynamo, $failures differ" \
	"($skipped longer than $max_native instructions left out)"
rm -f "$out"
[ "$failures" -eq 0 ]
