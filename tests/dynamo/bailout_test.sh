#!/usr/bin/env bash
# Bail-out (dynamo/bailout.h), on compress -O2 and signal_heavy at `test` size, with
# linking off so that Dynamo's own code (every fragment exit comes back to it) takes far
# more than 30% of the fragment cache's time, and intervals of 100,000 cycles.
# - bailout_early.yaml: after the third interval over the threshold Dynamo hands the
#   application to native execution, once: bailouts 1, at a cycle past the three
#   intervals (bailout_cycle >= 300,000), with the ratio of the deciding interval over 30%
#   (bailout_ratio_percent > 30), without a native transfer for a trap; the rest of the run
#   is native (region group `app` retires instructions); stdout and exit status are the
#   native run's and qemu-hppa's. signal_heavy's SIGALRM handler keeps working after the
#   hand-over (its digests check every run).
# - bailout_off.yaml: the same configuration without bail-out never bails out, and Dynamo
#   keeps every application instruction: none in `app` for compress; for signal_heavy only
#   its handlers' (they run natively: dynamo/README.md, "Signals"), fewer than after the
#   bail-out.
# (--profile makes the runs keep region statistics.)
# Usage: bailout_test.sh DYNSIM COMPRESS SIGNAL_HEAVY EARLY_YAML OFF_YAML
dynsim=$1 compress=$2 signal_heavy=$3 early=$4 off=$5
. "$(dirname "$0")/mechanism_lib.sh"
app_instructions() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['sim']['regions']['groups']['instructions'].get('app', 0))" "$tmp/$1.json"; }
for prog in compress signal_heavy; do
	binary=${!prog}
	run ${prog}_native -- test
	run_qemu ${prog}_qemu test
	run ${prog}_early --profile 1 --dynamo "$early" -- test
	run ${prog}_off --profile 1 --dynamo "$off" -- test
	same ${prog}_native ${prog}_qemu
	same ${prog}_early ${prog}_native
	same ${prog}_off ${prog}_native
	show ${prog}_early
	expect ${prog}_early bailouts 1
	expect ${prog}_early native_transfers 0
	check "$(counter ${prog}_early bailout_cycle)" -ge 300000 "$prog: bailed out at cycle $(counter ${prog}_early bailout_cycle)"
	check "$(counter ${prog}_early bailout_ratio_percent)" -gt 30 "$prog: ratio $(counter ${prog}_early bailout_ratio_percent)%"
	check "$(app_instructions ${prog}_early)" -gt 0 "$prog: nothing ran natively after the bail-out"
	expect ${prog}_off bailouts 0
done
check "$(app_instructions compress_off)" = 0 "compress: without bail-out, $(app_instructions compress_off) instructions ran natively"
check "$(app_instructions signal_heavy_off)" -lt "$(app_instructions signal_heavy_early)" \
	"signal_heavy: $(app_instructions signal_heavy_off) native instructions without bail-out, $(app_instructions signal_heavy_early) with"

finish "bail-out: compress and signal_heavy hand over once, at $(counter compress_early bailout_cycle) and $(counter signal_heavy_early bailout_cycle) cycles, identical to native"
