#!/bin/bash
# run_objdump_diff.sh CHECKER ELF...: runs the objdump_diff checker over the given binaries.
set -euo pipefail
checker="$1"
shift
exec "$checker" "$@"
