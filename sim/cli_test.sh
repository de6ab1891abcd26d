#!/usr/bin/env bash
# The dynsim command line: help, usage errors, bad input, the instruction limit, a clean
# run with the guest's status and output, and deterministic statistics.
# Usage: cli_test.sh DYNSIM HELLO_GUEST LOOP_GUEST
set -u
dynsim=$1 hello=$2 loop=$3
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/cli.XXXXXX")
failures=0
check() {  # check DESCRIPTION EXPECTED_STATUS ACTUAL_STATUS [FILE PATTERN]
	local what=$1 want=$2 got=$3
	if [ "$got" != "$want" ]; then
		echo "FAIL: $what: status $got, expected $want"
		failures=$((failures + 1))
	elif [ $# -ge 5 ] && ! grep -q -- "$5" "$4"; then
		echo "FAIL: $what: '$5' not in output:"
		head -5 "$4"
		failures=$((failures + 1))
	else
		echo "ok: $what"
	fi
}

"$dynsim" --help >"$tmp/out" 2>&1
check "top-level help" 0 $? "$tmp/out" "dynsim run"
"$dynsim" run --help >"$tmp/out" 2>&1
check "run --help lists options" 0 $? "$tmp/out" "--max-insts"
"$dynsim" frobnicate >"$tmp/out" 2>&1
check "unknown command" 2 $? "$tmp/out" "unknown command 'frobnicate'"
"$dynsim" run >"$tmp/out" 2>&1
check "missing program" 2 $? "$tmp/out" "no PROGRAM given"
"$dynsim" run --no-such-option "$hello" >"$tmp/out" 2>&1
check "unknown option" 2 $? "$tmp/out" "no-such-option"
head -c 200 /dev/zero | tr '\0' x >"$tmp/bad"
"$dynsim" run "$tmp/bad" >"$tmp/out" 2>&1
check "malformed ELF is one clear line" 1 $? "$tmp/out" "$tmp/bad: not an ELF file (bad magic)"
[ "$(wc -l <"$tmp/out")" = 1 ] || { echo "FAIL: the ELF error is not one line"; failures=$((failures + 1)); }

# A clean run: the guest's stdout passes through and its exit status is ours. Guest
# arguments that look like options belong to the guest.
"$dynsim" run "$hello" -x --max-insts >"$tmp/out" 2>"$tmp/err"
check "guest stdout and status pass through" 0 $? "$tmp/out" "^loaded$"
[ -s "$tmp/err" ] && { echo "FAIL: a normal run printed to stderr:"; cat "$tmp/err"; failures=$((failures + 1)); }

# The limit stops a runaway guest cleanly.
"$dynsim" run --max-insts 100000 "$loop" >"$tmp/out" 2>"$tmp/err"
check "--max-insts stops with status 124" 124 $? "$tmp/err" "instruction limit (--max-insts 100000)"

# Machine configuration: validated before anything runs, one line naming the key.
"$dynsim" run --set icache.sise_kb=4 "$hello" >"$tmp/out" 2>&1
check "--set with an unknown key" 2 $? "$tmp/out" "icache.sise_kb: unknown key (did you mean icache.size_kb?)"
printf 'core:\n  rob_entries: 0\n' >"$tmp/bad.yaml"
"$dynsim" run --config "$tmp/bad.yaml" "$hello" >"$tmp/out" 2>&1
check "--config with an out-of-range value" 2 $? "$tmp/out" "bad.yaml:2: core.rob_entries: 0 is out of range"
# A directory is no configuration (it would read as empty and leave the defaults).
mkdir -p "$tmp/dir.yaml"
"$dynsim" run --config "$tmp/dir.yaml" "$hello" >"$tmp/out" 2>&1
check "--config with a directory" 2 $? "$tmp/out" "dir.yaml: is a directory, not a file"
[ "$(wc -l <"$tmp/out")" = 1 ] || { echo "FAIL: the --config directory error is not one line"; failures=$((failures + 1)); }
"$dynsim" run --dynamo "$tmp/dir.yaml" "$hello" >"$tmp/out" 2>&1
check "--dynamo with a directory" 1 $? "$tmp/out" "dir.yaml: cannot open the Dynamo configuration"
[ "$(wc -l <"$tmp/out")" = 1 ] || { echo "FAIL: the --dynamo directory error is not one line"; failures=$((failures + 1)); }
"$dynsim" config --dump --set clock_mhz=90 >"$tmp/out" 2>&1
check "config --dump shows overrides" 0 $? "$tmp/out" "^clock_mhz: 90"
# The clock sets simulated time: half the clock, twice the simulated seconds.
"$dynsim" run --stats "$tmp/fast.json" "$hello" >/dev/null
"$dynsim" run --set clock_mhz=90 --stats "$tmp/slow.json" "$hello" >/dev/null
fast=$(sed -n 's/^ *"sim_seconds": \(.*\),$/\1/p' "$tmp/fast.json")
slow=$(sed -n 's/^ *"sim_seconds": \(.*\),$/\1/p' "$tmp/slow.json")
if awk -v f="$fast" -v s="$slow" 'BEGIN { exit !(f > 0 && (s / f > 1.999) && (s / f < 2.001)) }'; then
	echo "ok: clock_mhz sets simulated time"
else
	echo "FAIL: sim_seconds $fast at 180 MHz, $slow at 90 MHz"
	failures=$((failures + 1))
fi

# disasm lists .text as objdump does (the ISA tests compare every word with objdump).
"$dynsim" disasm "$hello" >"$tmp/out" 2>&1
check "disasm lists .text" 0 $? "$tmp/out" "Disassembly of section .text:"
grep -q "<_start>:" "$tmp/out" || { echo "FAIL: disasm has no <_start>: header"; failures=$((failures + 1)); }
grep -q "ldil L%" "$tmp/out" || { echo "FAIL: disasm lacks crt0's ldil"; failures=$((failures + 1)); }
"$dynsim" disasm "$tmp/bad" >"$tmp/out" 2>&1
check "disasm of a malformed file fails clearly" 1 $? "$tmp/out" "$tmp/bad"

# Statistics are identical across runs apart from the host section.
"$dynsim" run --stats "$tmp/a.json" "$hello" >/dev/null
"$dynsim" run --stats "$tmp/b.json" "$hello" >/dev/null
if cmp -s <(sed '/"host"/,$d' "$tmp/a.json") <(sed '/"host"/,$d' "$tmp/b.json"); then
	echo "ok: stats are deterministic"
else
	echo "FAIL: stats differ between identical runs"
	failures=$((failures + 1))
fi
grep -q '"instructions": [1-9]' "$tmp/a.json" || { echo "FAIL: no instruction count in stats"; failures=$((failures + 1)); }
grep -q '"exit_group": 1' "$tmp/a.json" || { echo "FAIL: syscalls by name missing from stats"; failures=$((failures + 1)); }

# Every bad command line is one line naming the option and the value, before anything runs.
one_line_error() {  # one_line_error DESCRIPTION EXPECTED_STATUS PATTERN DYNSIM_ARGS...
	local what=$1 want=$2 pattern=$3
	shift 3
	"$dynsim" "$@" >"$tmp/out" 2>&1
	check "$what" "$want" $? "$tmp/out" "$pattern"
	[ "$(wc -l <"$tmp/out")" = 1 ] || { echo "FAIL: $what: not one line:"; cat "$tmp/out"; failures=$((failures + 1)); }
}
printf 'hot_threshold: 10\n' >"$tmp/dyn.conf"
one_line_error "--dynamo before a config that is not .yaml" 2 \
	"dyn.conf: not an ELF file; to give Dynamo a configuration, write --dynamo-config $tmp/dyn.conf" \
	run --dynamo "$tmp/dyn.conf" "$hello"
one_line_error "--profile with a word that is no count" 2 "abc: No such file or directory; --profile takes a number of rows" \
	run --profile abc "$hello"
one_line_error "--max-insts -5" 2 "^dynsim run: --max-insts -5: not a whole number" run --max-insts -5 "$hello"
one_line_error "--max-insts 1e6" 2 "^dynsim run: --max-insts 1e6: not a whole number" run --max-insts 1e6 "$hello"
one_line_error "--fs-root FILE" 2 "^dynsim run: --fs-root $hello: not a directory" run --fs-root "$hello" "$hello"
one_line_error "--fs-writable MISSING" 2 "^dynsim run: --fs-writable $tmp/none: No such file" run --fs-writable "$tmp/none" "$hello"
one_line_error "--env NOEQUALS" 2 "^dynsim run: --env NOEQUALS: expected NAME=VALUE" run --env NOEQUALS "$hello"
one_line_error "--set icache.size_kb=48 blames size_kb" 2 "^dynsim: --set icache.size_kb=48: icache.size_kb: 48 KiB" \
	run --set icache.size_kb=48 "$hello"
one_line_error "--stats in a missing directory" 2 "^dynsim run: cannot write --stats $tmp/none/s.json: No such file" \
	run --stats "$tmp/none/s.json" "$hello"
one_line_error "--stats-text a directory" 2 "^dynsim run: cannot write --stats-text $tmp: is a directory" \
	run --stats-text "$tmp" "$hello"
one_line_error "--timeline without --interval" 2 "^dynsim run: --timeline needs --interval CYCLES" \
	run --timeline "$tmp/t.jsonl" "$hello"
one_line_error "--interval 0" 2 "^dynsim run: --interval 0: an interval is at least 1 cycle" \
	run --interval 0 --timeline "$tmp/t.jsonl" "$hello"
one_line_error "--dynamo-config with a bad key" 1 "bad.yaml:1: hot_treshold: unknown key" \
	run --dynamo-config "$(printf 'hot_treshold: 1\n' >"$tmp/bad.yaml"; echo "$tmp/bad.yaml")" "$hello"
# The output paths are checked before the guest runs: it prints nothing.
"$dynsim" run --stats "$tmp/none/s.json" "$hello" 2>/dev/null | grep -q loaded &&
	{ echo "FAIL: the guest ran before --stats was checked"; failures=$((failures + 1)); }
"$dynsim" --version >"$tmp/out" 2>&1
check "--version" 0 $? "$tmp/out" "^dynsim [^ ]"
"$dynsim" run --help >"$tmp/out" 2>&1
check "run --help says what follows PROGRAM is the guest's" 0 $? "$tmp/out" "every word after it, even one like --stats, is an argument of the"
# --dynamo-config is --dynamo with that configuration; a guest's --stats stays the guest's.
"$dynsim" run --dynamo-config "$tmp/dyn.conf" --stats "$tmp/dc.json" "$hello" --stats "$tmp/guest.json" >"$tmp/out" 2>&1
check "--dynamo-config runs under Dynamo" 0 $? "$tmp/out" "^loaded$"
grep -q '"hot_threshold": 10' "$tmp/dc.json" || { echo "FAIL: --dynamo-config's values not in the stats"; failures=$((failures + 1)); }
[ -e "$tmp/guest.json" ] && { echo "FAIL: the guest's --stats was taken as dynsim's"; failures=$((failures + 1)); }

rm -rf "$tmp"
[ $failures = 0 ]
