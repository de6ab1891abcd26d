#!/usr/bin/env bash
# --debug-flags: each flag's lines on small programs (one line per event, with the
# cycle), the cycle window, the file, and that flags never change a run's results.
# Usage: debug_flags_test.sh DYNSIM HELLO_GUEST TIMER_GUEST PROGRAM
set -u
dynsim=$1 hello=$2 timer=$3 prog=$4
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/debug_flags.XXXXXX")
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}
count() { grep -c "^ *[0-9]*: $1: " "$2"; }
stat() { python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['sim']; print(eval(sys.argv[2]))" "$@"; }

"$dynsim" run --debug-flags=help >"$tmp/help" || bad "--debug-flags=help failed"
for flag in Exec Syscall Signal Mem Trace Fragment Link Lookup Flush Bailout; do
	grep -q "^  $flag " "$tmp/help" || bad "--debug-flags=help does not document $flag"
done
"$dynsim" run --debug-flags=Exec,Bogus "$hello" >"$tmp/out" 2>&1
[ $? = 2 ] && grep -q "unknown flag 'Bogus'" "$tmp/out" && [ "$(wc -l <"$tmp/out")" = 1 ] || bad "unknown flag: $(cat "$tmp/out")"
"$dynsim" run --debug-start 5 "$hello" >"$tmp/out" 2>&1
[ $? = 2 ] && grep -q "needs --debug-flags" "$tmp/out" || bad "--debug-start without flags: $(cat "$tmp/out")"

# Exec: one line per slot (retired or nullified), in order, the first at the entry point.
"$dynsim" run --set core.model=inorder --debug-flags=Exec,Syscall,Mem --debug-file "$tmp/hello.txt" \
	--stats "$tmp/hello.json" "$hello" >/dev/null || bad "the Exec run failed"
slots=$(stat "$tmp/hello.json" "s['instructions'] + s['core']['nullified']")
[ "$(count Exec "$tmp/hello.txt")" = "$slots" ] || bad "$(count Exec "$tmp/hello.txt") Exec lines for $slots slots"
head -1 "$tmp/hello.txt" | grep -qE '^ +0: Exec: 0x[0-9a-f]{8}: [0-9a-f]{8}  [a-z]' || bad "first Exec line: $(head -1 "$tmp/hello.txt")"
grep -qE '^ +[0-9]+: Syscall: write\(0x1, 0x[0-9a-f]+, 0x7, 0x0\) = 7$' "$tmp/hello.txt" || bad "no write(1, ..., 7) = 7 line"
grep -qE '^ +[0-9]+: Syscall: exit_group\(0x0' "$tmp/hello.txt" || bad "no exit_group line"
grep -qE '^ +[0-9]+: Mem: 0x[0-9a-f]+: (load|store) [1248] bytes at 0x' "$tmp/hello.txt" || bad "no Mem line"
awk '{ sub(":", "", $1); if ($1 + 0 < last) { print "cycles go back at " NR; exit 1 } last = $1 + 0 }' "$tmp/hello.txt" ||
	bad "debug lines out of cycle order"
# The window: no line outside [start, end).
"$dynsim" run --set core.model=inorder --debug-flags=Exec --debug-start 200 --debug-end 400 "$hello" >/dev/null 2>"$tmp/window.txt"
awk '{ sub(":", "", $1); if ($1 < 200 || $1 >= 400) exit 1 }' "$tmp/window.txt" && [ -s "$tmp/window.txt" ] ||
	bad "--debug-start 200 --debug-end 400: $(head -2 "$tmp/window.txt")"

# Signal: the timer program's SIGALRMs.
"$dynsim" run --debug-flags=Signal --debug-file "$tmp/timer.txt" --stats "$tmp/timer.json" "$timer" >/dev/null ||
	bad "the timer program failed"
alarms=$(stat "$tmp/timer.json" "s['os']['signals_delivered'].get('SIGALRM', 0)")
[ "$(grep -c ': Signal: SIGALRM, the guest goes on at pc 0x' "$tmp/timer.txt")" = "$alarms" ] && [ "$alarms" -gt 0 ] ||
	bad "$(grep -c SIGALRM "$tmp/timer.txt") SIGALRM lines, $alarms delivered"

# Dynamo's events: as many as its counters count, and the run's stats unchanged.
"$dynsim" run --dynamo --stats "$tmp/plain.json" "$prog" test >/dev/null || bad "the Dynamo run failed"
"$dynsim" run --dynamo --debug-flags=Trace,Fragment,Link,Lookup,Flush,Bailout --debug-file "$tmp/dynamo.txt" \
	--stats "$tmp/dynamo.json" "$prog" test >/dev/null || bad "the Dynamo run with flags failed"
cmp -s <(sed '/"host"/,$d' "$tmp/plain.json") <(sed '/"host"/,$d' "$tmp/dynamo.json") || bad "debug flags changed the stats"
counter() { stat "$tmp/dynamo.json" "s['guest']['counters'].get('dynamo.$1', 0)"; }
for pair in Trace:hot_trace_heads Fragment:fragments Link:links Lookup:exits_lookup_miss Flush:cache_flushes; do
	flag=${pair%%:*} name=${pair#*:}
	[ "$(count "$flag" "$tmp/dynamo.txt")" = "$(counter "$name")" ] ||
		bad "$(count "$flag" "$tmp/dynamo.txt") $flag lines, dynamo.$name = $(counter "$name")"
done
[ "$(counter fragments)" -gt 0 ] || bad "no fragments"
grep -qE ': Fragment: add a fragment for the trace at app pc 0x[0-9a-f]+, [1-9][0-9]* instructions$' "$tmp/dynamo.txt" ||
	bad "Fragment line: $(grep -m1 Fragment: "$tmp/dynamo.txt")"
[ $fail = 0 ] && echo PASS
exit $fail
