#!/usr/bin/env bash
# `dynsim run --gdb PORT` against gdb-multiarch, and against qemu-hppa -g as the oracle of
# the register layout: the same gdb script on the same binary must print the same
# breakpoint, registers, memory, step and exit status under both. Then a raw-protocol
# client (Ctrl-C, bad addresses, kill), one run under --dynamo, and the CLI's errors.
# Every server and client runs under `timeout`, so the test can never hang.
# Usage: gdb_stub_test.sh DYNSIM GUEST FOREVER_GUEST DYNAMO_ELF MAIN_GDB DYNAMO_GDB SEGV_GDB RSP_CLIENT
set -u
dynsim=$1 guest=$2 forever=$3 dynamo=$4 main_gdb=$5 dynamo_gdb=$6 segv_gdb=$7 client=$8
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/gdb.XXXXXX")
fail=0
for tool in gdb-multiarch qemu-hppa python3; do
	command -v $tool >/dev/null || { echo "FAIL: $tool is not installed (third_party/debian_packages.sh)"; exit 1; }
done

# True if a TCP socket listens on PORT (any address), from /proc: probing by connecting
# would use up the server's one connection.
listening() {
	local hex
	hex=$(printf ':%04X' "$1")
	awk -v p="$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { found = 1 } END { exit !found }' \
		/proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# start_server NAME CMD...: runs CMD (each @PORT@ replaced by a port) in the background on
# the first free port of a sequence derived from the test's pid, retrying on a collision;
# sets $port and $pid once the port listens.
start_server() {
	local name=$1 try p
	shift
	for try in $(seq 0 19); do
		p=$((20000 + ($$ * 13 + try * 1009) % 40000))
		listening "$p" && continue
		timeout 120 "${@//@PORT@/$p}" >"$tmp/$name.out" 2>"$tmp/$name.err" &
		pid=$!
		for _ in $(seq 100); do
			if listening "$p"; then
				port=$p
				return 0
			fi
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	echo "FAIL: $name: no server started; last stderr: $(cat "$tmp/$name.err")"
	exit 1
}

# run_gdb NAME SCRIPT PROGRAM [-ex ...]: gdb-multiarch in batch mode against $port.
run_gdb() {
	local name=$1 script=$2 program=$3
	shift 3
	timeout 60 gdb-multiarch -nx -batch -ex "target remote :$port" "$@" -x "$script" "$program" \
		>"$tmp/$name.gdb" 2>&1
	wait "$pid"
	server_status=$?
}

check() {  # WHAT FILE PATTERN (grep -E)
	grep -Eq -- "$3" "$2" || { echo "FAIL: $1: no line matching '$3' in $2:"; cat "$2"; fail=1; }
}

# --- native, against qemu-hppa ---
start_server dynsim "$dynsim" run --stats "$tmp/stats.json" --gdb @PORT@ "$guest"
# While it waits for gdb, a second run on its port gets a one-line error naming the port.
"$dynsim" run --gdb "$port" "$guest" >"$tmp/inuse.out" 2>"$tmp/inuse.err"
status=$?
[ $status = 2 ] && [ "$(wc -l <"$tmp/inuse.err")" = 1 ] && grep -q "port $port is already in use" "$tmp/inuse.err" ||
	{ echo "FAIL: port in use: status $status, stderr: $(cat "$tmp/inuse.err")"; fail=1; }
run_gdb dynsim "$main_gdb" "$guest"
[ $server_status = 7 ] || { echo "FAIL: dynsim exited $server_status, expected the guest's 7"; fail=1; }
[ "$(cat "$tmp/dynsim.out")" = "gdb_guest 5e060931" ] || { echo "FAIL: guest output: $(cat "$tmp/dynsim.out")"; fail=1; }
grep -q '"how": *"exited"' "$tmp/stats.json" || { echo "FAIL: the stats were not written at the exit"; fail=1; }
# Looking at every instruction boundary changes nothing simulated: the stats up to their
# host section are those of a run without gdb.
"$dynsim" run --stats "$tmp/plain.json" "$guest" >/dev/null
cmp -s <(sed '/^  "host"/,$d' "$tmp/stats.json") <(sed '/^  "host"/,$d' "$tmp/plain.json") ||
	{ echo "FAIL: the stats under gdb differ from those without it"; fail=1; }

out=$tmp/dynsim.gdb
bp=$(sed -n 's/^Breakpoint 1 at \(0x[0-9a-f]*\)$/\1/p' "$out")
mainsym=$(sed -n 's/^MAINSYM \(0x[0-9a-f]*\)$/\1/p' "$out")
if [ -z "$bp" ] || [ -z "$mainsym" ] || [ $((bp - mainsym)) -lt 0 ] || [ $((bp - mainsym)) -ge 64 ]; then
	echo "FAIL: breakpoint '$bp' not in main '$mainsym'"
	cat "$out"
	fail=1
	bp=0
fi
check "breakpoint hit" "$out" "^Breakpoint 1, 0x0*${bp#0x} in main \(\)$"
check "pc at main" "$out" "^MAIN pc=$bp$"
check "info registers pc" "$out" "^pc +$bp +$bp <main\+[0-9]+>$"
check "r26 (argc)" "$out" "^R26 0x1$"
check "memory" "$out" "<magic>:.0x600dcafe.0x12345678.0x9abcdef0.0x0badf00d$"
check "stepi" "$out" "^STEP pc=$(printf '%#x' $((bp + 4)))$"
check "exit" "$out" "exited with code 07\]$"

# qemu-hppa with the empty environment dynsim gives the guest: the same stack, so every
# register agrees, not only the pc.
start_server qemu env -i "$(command -v qemu-hppa)" -g @PORT@ "$guest"
run_gdb qemu "$main_gdb" "$guest"
[ $server_status = 7 ] || { echo "FAIL: qemu-hppa exited $server_status"; fail=1; }
agreed() { grep -E '^(Breakpoint 1|MAIN|MAINSYM|R26|STEP|pc |0x[0-9a-f]+ <magic>)' "$1"; sed -n '/^REGS-BEGIN$/,/^REGS-END$/p' "$1"; }
if ! diff <(agreed "$tmp/qemu.gdb") <(agreed "$out") >"$tmp/diff"; then
	echo "FAIL: dynsim and qemu-hppa disagree (< qemu, > dynsim):"
	cat "$tmp/diff"
	fail=1
fi
[ "$(agreed "$out" | grep -c '^ r[0-9]\| sp \| rp \| dp \|pcoq')" -ge 30 ] ||
	{ echo "FAIL: the register dump is missing"; cat "$out"; fail=1; }
check "qemu exit" "$tmp/qemu.gdb" "exited with code 07\]$"

# --- killed by a signal: gdb hears X0b, dynsim exits 128 + SIGSEGV ---
start_server segv "$dynsim" run --gdb @PORT@ "$guest"
run_gdb segv "$segv_gdb" "$guest"
[ $server_status = 139 ] || { echo "FAIL: SIGSEGV: dynsim exited $server_status"; cat "$tmp/segv.err"; fail=1; }
check "killed by SIGSEGV" "$tmp/segv.gdb" "^Program terminated with signal SIGSEGV, Segmentation fault\.$"

# --- the raw protocol: Ctrl-C while running, bad addresses, kill ---
start_server forever "$dynsim" run --stats "$tmp/forever.json" --gdb @PORT@ "$forever"
timeout 60 python3 "$client" "$port" >"$tmp/client.txt" 2>&1 || { echo "FAIL: protocol client:"; cat "$tmp/client.txt"; fail=1; }
wait "$pid"
status=$?
[ $status = 137 ] || { echo "FAIL: kill from gdb: dynsim exited $status, expected 137"; cat "$tmp/forever.err"; fail=1; }
grep -q '"how": *"interrupted"' "$tmp/forever.json" || { echo "FAIL: no stats after kill"; fail=1; }

# --- under Dynamo: every pc is a real guest pc, here in Dynamo's interpreter ---
start_server dynamo "$dynsim" run --dynamo --dynamo-elf "$dynamo" --gdb @PORT@ "$guest"
run_gdb dynamo "$dynamo_gdb" "$guest" -ex "add-symbol-file $dynamo"
[ $server_status = 7 ] || { echo "FAIL: --dynamo: dynsim exited $server_status"; cat "$tmp/dynamo.err"; fail=1; }
[ "$(cat "$tmp/dynamo.out")" = "gdb_guest 5e060931" ] || { echo "FAIL: --dynamo output: $(cat "$tmp/dynamo.out")"; fail=1; }
out=$tmp/dynamo.gdb
dbp=$(sed -n 's/^Breakpoint 1 at \(0x[0-9a-f]*\)$/\1/p' "$out")
check "--dynamo breakpoint" "$out" "^Breakpoint 1, 0x0*${dbp#0x} in dynamo::Interpreter::Run\(\) \(\)$"
check "--dynamo pc" "$out" "^DYN pc=${dbp:-none}$"
check "--dynamo stepi" "$out" "^DYNSTEP pc=0xc[0-9a-f]{7}$"
check "--dynamo exit" "$out" "exited with code 07\]$"

# --- the port's checks ---
for bad in 0 65536 http abc -1 ""; do
	"$dynsim" run --gdb "$bad" "$guest" >/dev/null 2>"$tmp/bad.err"
	status=$?
	[ $status = 2 ] && [ "$(wc -l <"$tmp/bad.err")" = 1 ] && grep -q -- "--gdb" "$tmp/bad.err" ||
		{ echo "FAIL: --gdb '$bad': status $status, stderr: $(cat "$tmp/bad.err")"; fail=1; }
done

[ -n "${KEEP_TMP:-}" ] && echo "tmp: $tmp"
[ $fail = 0 ] && echo PASS
exit $fail
