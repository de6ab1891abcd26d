#!/usr/bin/env bash
# SIGINT (Ctrl-C) and SIGTERM stop a run at an instruction boundary: the stats and the
# timeline are still written, the stats say the run was interrupted, and the exit status
# is 128 + the signal's number (130, 143).
# Usage: interrupt_test.sh DYNSIM FOREVER_GUEST
set -u
set -m  # background jobs keep SIGINT (without job control a script's jobs ignore it)
dynsim=$1 forever=$2
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/interrupt.XXXXXX")
fail=0
for sig in INT TERM; do
	"$dynsim" run --stats "$tmp/$sig.json" --interval 1000000 --timeline "$tmp/$sig.jsonl" "$forever" \
		>"$tmp/$sig.out" 2>"$tmp/$sig.err" &
	pid=$!
	# Wait until the guest is well under way (the timeline has rows), then signal it.
	for _ in $(seq 100); do
		[ -s "$tmp/$sig.jsonl" ] && break
		sleep 0.1
	done
	kill -s "$sig" "$pid"
	wait "$pid"
	status=$?
	want=$([ $sig = INT ] && echo 130 || echo 143)
	[ "$status" = "$want" ] || { echo "FAIL: SIG$sig: exit status $status, expected $want"; fail=1; }
	grep -q "^dynsim: interrupted at pc 0x" "$tmp/$sig.err" || { echo "FAIL: SIG$sig: $(cat "$tmp/$sig.err")"; fail=1; }
	python3 - "$tmp/$sig.json" "$tmp/$sig.jsonl" "$want" <<'PY' || fail=1
import json, sys
s = json.load(open(sys.argv[1]))
end = s["run"]["end"]
rows = [json.loads(line) for line in open(sys.argv[2])]
problems = []
if end["how"] != "interrupted" or end["interrupted"] is not True: problems.append("end %r" % end)
if end["exit_status"] != int(sys.argv[3]): problems.append("exit_status %r" % end["exit_status"])
if s["sim"]["instructions"] <= 0: problems.append("no instructions")
if sum(r["cycles"] for r in rows) != s["sim"]["cycles"]: problems.append("the timeline does not sum to the cycles")
if problems:
    print("FAIL: " + ", ".join(problems))
    sys.exit(1)
PY
done
[ $fail = 0 ] && echo PASS
exit $fail
