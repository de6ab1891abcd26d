#!/usr/bin/env bash
# docs/config.md must be what `dynsim config --doc` prints (after its one comment line).
# To update: bazel build //sim:dynsim && (head -1 docs/config.md; bazel-bin/sim/dynsim config --doc) > /tmp/c && mv /tmp/c docs/config.md
set -euo pipefail
dynsim=$1 doc=$2
if ! diff -u <(tail -n +2 "$doc") <("$dynsim" config --doc); then
	echo "FAIL: docs/config.md is stale; regenerate it from dynsim config --doc" >&2
	exit 1
fi
echo "PASS: docs/config.md matches the schema"
