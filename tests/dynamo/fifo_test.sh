#!/usr/bin/env bash
# FIFO replacement in the guest (dynamo/fifo_cache.h) on phase_change (train: 36
# fragments of about 4.8 KB in all, in two groups that take turns). In a 150 KB FIFO cache
# nothing is ever evicted: the same 36 fragments as flush_on_full, no flush, the capacity
# unchanged. In 1 KB that may not grow (fifo_tiny.yaml) fragments are evicted and never
# flushed, at most 1 KB is live at once and the capacity stays 1 KB. In 1 KB that grows
# eagerly (fifo_grow.yaml) every growth is one flush, nothing else flushes, and the
# capacity at the end is 1 KB doubled once per growth. The output stays the native run's.
# Usage: fifo_test.sh DYNSIM PHASE_CHANGE FIFO_YAML FIFO_TINY_YAML FIFO_GROW_YAML FLUSH_ON_FULL_YAML
dynsim=$1 binary=$2 fifo=$3 tiny=$4 grow=$5 on_full=$6
. "$(dirname "$0")/mechanism_lib.sh"
run native -- train
run full --dynamo "$on_full" -- train
run fifo --dynamo "$fifo" -- train
run tiny --dynamo "$tiny" -- train
run grow --dynamo "$grow" -- train
for r in full fifo tiny grow; do same $r native; done
expect fifo fragments "$(counter full fragments)"
expect fifo fragments_evicted 0
expect fifo cache_flushes 0
expect fifo fifo_resizes 0
expect fifo cache_capacity_bytes 153600
expect tiny cache_flushes 0
expect tiny fifo_resizes 0
expect tiny cache_capacity_bytes 1024
expect_range tiny fragments_evicted 1 "$(($(counter tiny fragments) - 1))"
expect_range tiny cache_peak_bytes 1 1024
resizes=$(counter grow fifo_resizes)
check "${resizes:-0}" -ge 1 "grow: the cache never grew"
expect grow cache_flushes "$resizes"
expect grow flushes_full 0
expect grow cache_capacity_bytes "$((1024 << ${resizes:-0}))"
finish "phase_change: $(counter tiny fragments_evicted) evictions in 1 KB, $resizes growths from 1 KB to $(counter grow cache_capacity_bytes) bytes"
