#!/bin/bash
# docs/isa.md must equal what //isa:docgen generates from the table.
# To update: bazel run //isa:docgen > docs/isa.md   (from the workspace root)
set -euo pipefail
src="$(readlink -f "${BASH_SOURCE[0]}")"
doc="$(dirname "$src")/../../docs/isa.md"
if [ ! -f "$doc" ]; then
  echo "FAIL: cannot find docs/isa.md beside $src" >&2
  exit 1
fi
if ! diff -u "$doc" <("$1"); then
  echo "FAIL: docs/isa.md is stale; regenerate with: bazel run //isa:docgen > docs/isa.md" >&2
  exit 1
fi
