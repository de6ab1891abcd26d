#!/usr/bin/env bash
# The CSV of `bazel build //experiments:tiny` is the CSV tools/experiment.py writes for
# the same file, byte for byte (the same points, keys, columns and values).
# Usage: bazel_csv_test.sh BAZEL_CSV DYNSIM (runfiles paths, from the runfiles root)
set -u
bazel_csv=$1 dynsim=$2
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/bazel_csv.XXXXXX")
/usr/bin/python3 tools/experiment.py --quiet --no-plots --jobs 2 --dynsim "$dynsim" --bin-dir . \
	--out "$tmp/out" experiments/tiny.yaml || { echo "FAIL: the Python runner failed"; exit 1; }
if ! cmp -s "$bazel_csv" "$tmp/out/results.csv"; then
	echo "FAIL: Bazel's results.csv differs from the runner's"
	diff "$bazel_csv" "$tmp/out/results.csv" | head -20
	exit 1
fi
[ "$(wc -l <"$bazel_csv")" = 5 ] || { echo "FAIL: expected a header and 4 rows:"; cat "$bazel_csv"; exit 1; }
echo PASS
