#!/usr/bin/env bash
# A trace head its backward branch nullifies (nullified_head.S: `b,l .Lhead` with
# `add,>=` in its delay slot, as in libgcc's $$divI). Such a head is never reached with a
# plain queue, so no fragment can start there: the trace starts at the instruction after
# it, and the branch enters that fragment (HeadAction::kEnterNext). Derived for n = 2000,
# hot_threshold 50: the 50th backward branch makes .Lhead hot; the trace recorded from
# .Lhead + 4 (addi, addib, nop, b,l, add,>=) is the one fragment, and no trace is
# abandoned; the 51st branch enters it and the loop stays in it (its nullified-side exit
# goes to its own head, linked: links 1, fragment_head_reached 1). Before, every attempt was abandoned and all 2000 passes
# were interpreted. Output "3000" as natively and under qemu-hppa.
# Usage: nullified_head_test.sh DYNSIM NULLIFIED_HEAD
dynsim=$1 binary=$2
. "$(dirname "$0")/mechanism_lib.sh"
run native
run_qemu qemu
run default --dynamo
same native qemu
same default native
check "$(cat "$tmp/native.out")" = 3000 "native stdout is '$(cat "$tmp/native.out")', expected 3000"
show default
expect default native_transfers 0
expect default traces_abandoned 0
expect default fragments 1
expect default fragment_head_reached 1
expect default links 1
# The runtime's start-up and printf are interpreted (about 1,200 instructions); the
# loop's 2000 passes of 5 instructions are not.
expect_range default interpreted_instructions 1 2000
finish "nullified_head: the trace starts after the nullified head and the loop runs from the cache"
