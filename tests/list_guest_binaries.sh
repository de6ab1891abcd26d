#!/bin/bash
# Prints the path of every built guest program in the workspace, one per line (run from
# the workspace root after `bazel build //...`). Checks that cover "every guest binary
# the project builds" use this, so a new program is covered without editing them.
# With --no-fixtures, testonly targets (test fixtures such as a guest that never ends)
# are left out.
set -euo pipefail
query='kind("guest_binary", //...)'
[ "${1:-}" = "--no-fixtures" ] && query="$query except attr(testonly, 1, //...)"
# (Bazel 4 has no --output=files; a starlark expression lists each target's outputs.)
bazel cquery --keep_going "$query" --output=starlark \
	--starlark:expr='"\n".join([f.path for f in target.files.to_list()])' 2>/dev/null | grep . | sort -u |
	while read -r path; do [ -f "$path" ] && echo "$path"; done
