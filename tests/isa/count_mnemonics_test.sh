#!/bin/bash
# Test 6: the guest program's per-mnemonic counts of its own .text (decoded in the guest,
# under qemu-hppa) equal the host decoder's (`disasm --count`) on the same binary.
set -euo pipefail
guest="$1"
disasm="$2"
qemu-hppa "$guest" "$guest" > "$TEST_TMPDIR/guest.txt"
"$disasm" --count "$guest" > "$TEST_TMPDIR/host.txt"
if ! diff -u "$TEST_TMPDIR/host.txt" "$TEST_TMPDIR/guest.txt"; then
  echo "FAIL: guest and host mnemonic counts differ for $guest" >&2
  exit 1
fi
echo "count_mnemonics: $(wc -l < "$TEST_TMPDIR/host.txt") mnemonics, $(awk '{s+=$2} END {print s}' "$TEST_TMPDIR/host.txt") words agree"
