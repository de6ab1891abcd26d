#!/bin/bash
# docs/isa.md must equal what //isa:docgen generates from the table.
# To update: bazel run //isa:docgen > docs/isa.md   (from the workspace root)
# Usage: doc_test.sh DOCGEN DOCS_ISA_MD
set -euo pipefail
docgen=$1 doc=$2
if ! diff -u "$doc" <("$docgen"); then
  echo "FAIL: docs/isa.md is stale; regenerate with: bazel run //isa:docgen > docs/isa.md" >&2
  exit 1
fi
echo "PASS: docs/isa.md matches the table"
