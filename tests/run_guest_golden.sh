#!/usr/bin/env bash
# Runs a guest program and checks its stdout and exit status against expectations, or
# (--differential) runs it under both dynsim and qemu-hppa and checks that they agree.
# Usage: run_guest_golden.sh --runner qemu|dynsim|differential --binary B --status N
#            [--dynsim PATH] [--dynsim-flag FLAG]... [--stdout FILE] [--stdin FILE] -- ARGS...
# The guest always gets an empty environment, so its view is deterministic.
set -u
runner=qemu binary="" status="" expected_stdout="" stdin_file=/dev/null dynsim=""
dynsim_flags=()
while [ $# -gt 0 ]; do
	case "$1" in
	--runner) runner=$2; shift 2 ;;
	--dynsim) dynsim=$2; shift 2 ;;
	--dynsim-flag) dynsim_flags+=("$2"); shift 2 ;;
	--binary) binary=$2; shift 2 ;;
	--status) status=$2; shift 2 ;;
	--stdout) expected_stdout=$2; shift 2 ;;
	--stdin) stdin_file=$2; shift 2 ;;
	--) shift; break ;;
	*) echo "run_guest_golden.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/guest.XXXXXX")

run_as() {
	local who=$1
	shift
	case "$who" in
	qemu) env -i qemu-hppa "$binary" "$@" <"$stdin_file" >"$tmp/$who.out" 2>"$tmp/$who.err" ;;
	dynsim) "$dynsim" run --log "$tmp/dynsim.log" "${fs_roots[@]}" "${dynsim_flags[@]}" -- "$binary" "$@" <"$stdin_file" >"$tmp/$who.out" 2>"$tmp/$who.err" ;;
	esac
}

# dynsim lets a guest open only files under granted directories: the working directory
# (relative paths resolve there, as under qemu), and the real directory of each argument
# that names a file (Bazel's runfiles are symlinks, and the sandbox follows a symlink only
# into a granted directory).
fs_roots=(--fs-root "$PWD")
for arg in "$@"; do
	[ -f "$arg" ] && fs_roots+=(--fs-root "$(dirname "$(realpath "$arg")")")
done

fail=0
check_expectations() {
	local who=$1 actual=$2
	if [ "$actual" != "$status" ]; then
		echo "FAIL: $binary under $who exited with status $actual, expected $status" >&2
		[ -s "$tmp/dynsim.log" ] && sed 's/^/  dynsim log: /' "$tmp/dynsim.log" | head -5 >&2
		fail=1
	fi
	if [ -n "$expected_stdout" ] && ! cmp -s "$expected_stdout" "$tmp/$who.out"; then
		echo "FAIL: $binary under $who: stdout differs from $expected_stdout:" >&2
		diff -u "$expected_stdout" "$tmp/$who.out" | head -40 >&2
		fail=1
	fi
}

case "$runner" in
qemu | dynsim)
	run_as "$runner" "$@"
	check_expectations "$runner" $?
	;;
differential)
	run_as qemu "$@"
	qemu_status=$?
	run_as dynsim "$@"
	dynsim_status=$?
	if [ "$qemu_status" != "$dynsim_status" ]; then
		echo "FAIL: $binary exit status: qemu-hppa $qemu_status, dynsim $dynsim_status" >&2
		sed 's/^/  dynsim log: /' "$tmp/dynsim.log" | head -5 >&2
		fail=1
	fi
	if ! cmp -s "$tmp/qemu.out" "$tmp/dynsim.out"; then
		echo "FAIL: $binary stdout differs (qemu-hppa -, dynsim +):" >&2
		diff -u "$tmp/qemu.out" "$tmp/dynsim.out" | head -40 >&2
		fail=1
	fi
	# stderr must agree too when the program ended normally (a signal death's message is
	# the emulator's own, and differs by design).
	if [ "$qemu_status" -lt 128 ] && ! cmp -s "$tmp/qemu.err" "$tmp/dynsim.err"; then
		echo "FAIL: $binary stderr differs (qemu-hppa -, dynsim +):" >&2
		diff -u "$tmp/qemu.err" "$tmp/dynsim.err" | head -20 >&2
		fail=1
	fi
	# And both must still meet the hand-derived expectations.
	[ -n "$status" ] && check_expectations dynsim "$dynsim_status"
	;;
*) echo "run_guest_golden.sh: unknown runner $runner" >&2; exit 2 ;;
esac
rm -rf "$tmp"
[ $fail = 0 ] && echo "PASS: $runner $binary $*"
exit $fail
