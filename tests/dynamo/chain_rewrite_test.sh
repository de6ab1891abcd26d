#!/usr/bin/env bash
# Per-site chains and rewritten code (chain_rewrite.c): natively, under qemu-hppa and
# under Dynamo with the defaults, the same stdout and exit status. Under Dynamo the call
# site's chain slot is filled with B's fragment during the warm round (chain_slots_filled
# at least 1), and each rewrite of B deletes the fragments made from its line
# (fragments_deleted at least 1): were the slot left pointing at a deleted fragment, the
# rounds after a rewrite would add the old K and print other sums than natively.
# Usage: chain_rewrite_test.sh DYNSIM CHAIN_REWRITE
dynsim=$1 binary=$2
. "$(dirname "$0")/mechanism_lib.sh"
run native --
run_qemu qemu
run default --dynamo --
same native qemu
same default native
show default
expect default native_transfers 0
expect_range default chain_slots_filled 1 1000
expect_range default fragments_deleted 1 1000
finish "chain_rewrite: a chained target rewritten and flushed is not reached through its old fragment; identical to native and qemu-hppa"
