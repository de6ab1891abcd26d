#!/usr/bin/env bash
# Translated jump tables (dynamo/jump_tables.h) on switch_loop (switch_loop.S: a loop
# through a 4-entry table in read-only memory; switch_loop_main.c rewrites the table after
# an mprotect and runs the loop again; then steady_switch_loop, the same switch at a site
# whose index never changes; then far_switch_loop, an 8-word table indexed by a 3-bit
# extract whose last four words the builder cannot translate). Every run prints "555500
# 1050500 200000 10277750" (derived in switch_loop_main.c) and exits 0, as natively and
# under qemu-hppa.
#
# With the defaults the loop head's trace ends at the switch's bv,n with one translated
# table (jump_tables 1): the cases become fragments of their own, reached through the
# table, and the mprotect sends every table word back to its probe, so the second loop
# follows the rewritten table. The steady switch, whose target never changed while
# interpreted, keeps the compare. The far switch gets a table too (jump_tables 2), whose
# untranslated words lead to the probe. With jump_table_min_change_percent: 0 every
# switch gets a table (jump_tables 3); with jump_tables: false, none (jump_tables 0).
# Usage: jump_table_test.sh DYNSIM SWITCH_LOOP NO_JUMP_TABLES_YAML EVERY_JUMP_TABLE_YAML
dynsim=$1 binary=$2 no_tables=$3 every_table=$4
. "$(dirname "$0")/mechanism_lib.sh"
run native
run_qemu qemu
run default --dynamo
run no_tables --dynamo "$no_tables"
run every_table --dynamo "$every_table"
same native qemu
check "$(cat "$tmp/native.out")" = "555500 1050500 200000 10277750" \
	"native stdout is '$(cat "$tmp/native.out")', expected 555500 1050500 200000 10277750"
for r in default no_tables every_table; do
	same $r native
	expect $r native_transfers 0
done
expect default jump_tables 2
expect no_tables jump_tables 0
expect every_table jump_tables 3
finish "switch_loop: translated tables, followed after the application rewrites its table, none at the steady switch, the far switch's untranslated words through the probe; identical to native and qemu-hppa"
