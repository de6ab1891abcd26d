#!/bin/bash
# Tests 1 and 2 of issue 3 over every guest_binary the workspace builds (run from the
# workspace root after `bazel build //...`): each word of each binary must disassemble as
# objdump does and re-encode to itself; a word the table does not know fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
bazel build //tests/isa:objdump_diff >/dev/null
# (Bazel 4 has no --output=files; a starlark expression lists each target's outputs.)
mapfile -t bins < <(bazel cquery --keep_going 'kind("guest_binary", //...)' --output=starlark \
  --starlark:expr='"\n".join([f.path for f in target.files.to_list()])' 2>/dev/null | grep . | sort -u)
existing=()
for b in "${bins[@]}"; do [ -f "$b" ] && existing+=("$b"); done
if [ "${#existing[@]}" -eq 0 ]; then
  echo "check_all_guest_binaries: no guest binaries built (run bazel build //... first)" >&2
  exit 1
fi
exec bazel-bin/tests/isa/objdump_diff "${existing[@]}"
