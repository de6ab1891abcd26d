#!/bin/bash
# objdump_diff over every guest_binary the workspace builds (run from the
# workspace root after `bazel build //...`): each word of each binary must disassemble as
# objdump does and re-encode to itself; a word the table does not know fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
bazel build //tests/isa:objdump_diff >/dev/null
mapfile -t existing < <(tests/list_guest_binaries.sh)
if [ "${#existing[@]}" -eq 0 ]; then
  echo "check_all_guest_binaries: no guest binaries built (run bazel build //... first)" >&2
  exit 1
fi
exec bazel-bin/tests/isa/objdump_diff "${existing[@]}"
