#!/bin/bash
# Differential check over every guest program the project builds (run from the workspace
# root after `bazel build //...`): each runs without arguments under qemu-hppa and under
# dynsim, and stdout, exit status and (for a normal exit) stderr must be identical; dynsim
# runs twice, and its statistics must be byte-identical apart from the host section.
# Programs with golden tests are also checked with their arguments by NAME_dynsim tests;
# this catches the rest (the ISA probes, for example). Test fixtures are left out.
set -uo pipefail
cd "$(dirname "$0")/../.."
bazel build //sim:dynsim >/dev/null 2>&1 || { echo "cannot build //sim:dynsim" >&2; exit 1; }
mapfile -t bins < <(tests/list_guest_binaries.sh --no-fixtures)
if [ "${#bins[@]}" -eq 0 ]; then
	echo "differential: no guest binaries built (run bazel build //... first)" >&2
	exit 1
fi
dynsim=$(realpath bazel-bin/sim/dynsim)
compare_one() {
	local bin=$1 dynsim=$2 tmp
	tmp=$(mktemp -d)
	# (The braces keep bash's own "Aborted" notices for guests killed by a signal quiet.)
	{ timeout 60 env -i qemu-hppa "$bin" </dev/null >"$tmp/q.out" 2>"$tmp/q.err"; } 2>/dev/null
	local qs=$?
	"$dynsim" run --max-insts 3000000000 --log "$tmp/log" --stats "$tmp/s1.json" "$bin" </dev/null >"$tmp/d.out" 2>"$tmp/d.err"
	local ds=$?
	"$dynsim" run --max-insts 3000000000 --log /dev/null --stats "$tmp/s2.json" "$bin" </dev/null >/dev/null 2>&1
	local why=""
	cmp -s <(sed '/"host"/,$d' "$tmp/s1.json") <(sed '/"host"/,$d' "$tmp/s2.json") || why="; stats differ between two identical runs"
	[ "$qs" != "$ds" ] && why="$why; exit status qemu $qs, dynsim $ds ($(head -c 200 "$tmp/log"))"
	cmp -s "$tmp/q.out" "$tmp/d.out" || why="$why; stdout differs"
	[ "$qs" -lt 128 ] && ! cmp -s "$tmp/q.err" "$tmp/d.err" && why="$why; stderr differs"
	rm -rf "$tmp"
	if [ -n "$why" ]; then echo "FAIL $bin: ${why#; }"; else echo "ok $bin"; fi
}
export -f compare_one
printf '%s\n' "${bins[@]}" | xargs -P 2 -I{} bash -c 'compare_one "$@"' _ {} "$dynsim" >"${TMPDIR:-/tmp}/differential.$$" 
failures=$(grep -c '^FAIL' "${TMPDIR:-/tmp}/differential.$$")
grep '^FAIL' "${TMPDIR:-/tmp}/differential.$$"
echo "differential: ${#bins[@]} guest programs under qemu-hppa and dynsim (twice), $failures disagree"
rm -f "${TMPDIR:-/tmp}/differential.$$"
[ "$failures" -eq 0 ]
