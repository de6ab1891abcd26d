#!/usr/bin/env bash
# Runs one guest program natively and under Dynamo (`dynsim run` and `dynsim run --dynamo`,
# both on the functional core) and checks that stdout, stderr and the exit status are
# identical, and that Dynamo reported its counters. With --exact (programs that never
# trap), also that Dynamo kept control: no native transfer, and it interpreted at most the
# instructions the native run retired (fewer once it ran fragments).
# With --kept (programs that trap or wait on time), that Dynamo kept control: no native
# transfer.
# Usage: transparency_test.sh --dynsim PATH --binary B [--stdin FILE] [--config YAML] [--exact] [--kept] -- ARGS...
# --config: the Dynamo configuration (default: the defaults).
set -u
dynsim="" binary="" stdin_file=/dev/null exact=0 kept=0 config=""
while [ $# -gt 0 ]; do
	case "$1" in
	--dynsim) dynsim=$2; shift 2 ;;
	--binary) binary=$2; shift 2 ;;
	--stdin) stdin_file=$2; shift 2 ;;
	--exact) exact=1; shift ;;
	--kept) kept=1; shift ;;
	--config) config=$2; shift 2 ;;
	--) shift; break ;;
	*) echo "transparency_test.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/dynamo.XXXXXX")
# The guest may open files under the working directory and beside its file arguments, as
# in tests/run_guest_golden.sh.
fs_roots=(--fs-root "$PWD")
for arg in "$@"; do
	[ -f "$arg" ] && fs_roots+=(--fs-root "$(dirname "$(realpath "$arg")")")
done
run() {
	local who=$1
	shift
	"$dynsim" run --set core.model=functional --stats "$tmp/$who.json" "${fs_roots[@]}" "$@" -- "$binary" "${args[@]}" \
		<"$stdin_file" >"$tmp/$who.out" 2>"$tmp/$who.err"
}
args=("$@")
run native
native_status=$?
if [ -n "$config" ]; then run dynamo --dynamo "$config"; else run dynamo --dynamo; fi
dynamo_status=$?
fail=0
if [ "$native_status" != "$dynamo_status" ]; then
	echo "FAIL: $binary exit status: native $native_status, under Dynamo $dynamo_status" >&2
	head -5 "$tmp/dynamo.err" | sed 's/^/  dynamo stderr: /' >&2
	fail=1
fi
if ! cmp -s "$tmp/native.out" "$tmp/dynamo.out"; then
	echo "FAIL: $binary stdout differs (native -, Dynamo +):" >&2
	diff -u "$tmp/native.out" "$tmp/dynamo.out" | head -40 >&2
	fail=1
fi
if ! cmp -s "$tmp/native.err" "$tmp/dynamo.err"; then
	echo "FAIL: $binary stderr differs (native -, Dynamo +):" >&2
	diff -u "$tmp/native.err" "$tmp/dynamo.err" | head -20 >&2
	fail=1
fi
# The counters: guest.counters in the stats, "dynamo.interpreted_instructions": N.
counter() { sed -n "s/.*\"dynamo\.$1\": \([0-9]*\).*/\1/p" "$tmp/dynamo.json" | head -1; }
interpreted=$(counter interpreted_instructions)
if [ -z "$interpreted" ] || [ "$interpreted" -eq 0 ]; then
	echo "FAIL: $binary: no dynamo.interpreted_instructions in the stats" >&2
	fail=1
fi
if [ "$exact" = 1 ]; then
	native_insts=$(sed -n '0,/"instructions"/s/.*"instructions": \([0-9]*\).*/\1/p' "$tmp/native.json" | head -1)
	# Every application instruction is interpreted or runs from the fragment cache, so
	# the interpreter's share is at most the native count, and below it once fragments ran.
	if [ "$interpreted" -gt "$native_insts" ] || [ "$(counter native_transfers)" != 0 ] ||
		{ [ "$(counter cache_entries)" -gt 0 ] && [ "$interpreted" -ge "$native_insts" ]; }; then
		echo "FAIL: $binary: Dynamo interpreted $interpreted instructions ($(counter native_transfers) native transfers, $(counter cache_entries) fragment-cache entries), the native run retired $native_insts" >&2
		fail=1
	fi
fi
if [ "$kept" = 1 ] && [ "$(counter native_transfers)" != 0 ]; then
	echo "FAIL: $binary: $(counter native_transfers) native transfers (at app pc $(counter native_transfer_pc))" >&2
	fail=1
fi
rm -rf "$tmp"
[ $fail = 0 ] && echo "PASS: $binary $* (status $native_status, $interpreted instructions interpreted)"
exit $fail
