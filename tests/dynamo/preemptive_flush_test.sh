#!/usr/bin/env bash
# The pre-emptive flush in the guest. phase_change (train) moves its working set between
# two groups of kernels four times (A, B, A, B; about 10 M cycles each at train, each
# move creating its group's 18 fragments within about 1.5 M cycles). Under
# eager_flush.yaml (intervals of 1 M cycles, a history of 2) each of the three moves after
# the first is a spike over a quiet (zero) history: exactly 3 pre-emptive flushes, and each
# rebuilds the group it moves to. The first group's build-up is no spike: it starts with
# the run, before a history exists, and its own intervals are that history. The output
# stays the native run's. With flush_on_full neither phase_change nor tight_loop (one hot
# loop) ever flushes: their caches never fill. Under the defaults neither does: a history
# is 4 intervals of 10 M cycles, and phase_change's last move (about 38 M cycles in) comes
# before one has passed; tight_loop builds its fragments at the start.
# Usage: preemptive_flush_test.sh DYNSIM PHASE_CHANGE TIGHT_LOOP EAGER_YAML FLUSH_ON_FULL_YAML
dynsim=$1 phase=$2 tight=$3 eager=$4 on_full=$5
. "$(dirname "$0")/mechanism_lib.sh"
binary=$phase
run native -- train
run eager --dynamo "$eager" -- train
run default --dynamo -- train
run full --dynamo "$on_full" -- train
same eager native
same default native
same full native
show eager
expect eager flushes_rate_spike 3
expect eager flushes_full 0
for r in default full; do
	expect $r cache_flushes 0
	expect $r flushes_rate_spike 0
done
binary=$tight
run tight_native -- train
run tight --dynamo -- train
same tight tight_native
expect tight cache_flushes 0
finish "phase_change: $(counter eager flushes_rate_spike) pre-emptive flushes when eager, none by default"
