#!/usr/bin/env bash
# Hermeticity of experiments built by Bazel: builds //experiments:tiny (or the targets
# given) in two fresh output bases and compares every output byte for byte (the points'
# stats and the CSV). Each output base builds everything from scratch (the simulator,
# Dynamo, the guest programs), so this takes a while (about 10 minutes on 2 cores) and is
# not part of ./test. Run from the repository root:
#   tools/experiment_hermeticity.sh [//experiments:TARGET ...]
set -u
cd "$(dirname "$0")/.."
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(//experiments:tiny)
work=$(mktemp -d /tmp/dynsim_hermeticity.XXXXXX)
trap 'for b in a b; do bazel --output_base="$work/$b" shutdown 2>/dev/null; done; rm -rf "$work"' EXIT
for b in a b; do
	echo "Building ${targets[*]} in output base $b ..." >&2
	# --symlink_prefix=/: no bazel-bin symlinks, so the tree's own stay as they are.
	bazel --output_base="$work/$b" build --symlink_prefix=/ --jobs=2 "${targets[@]}" >"$work/$b.log" 2>&1 ||
		{ grep -E "^(ERROR|FAILED)" "$work/$b.log" >&2; exit 1; }
	bin=$(bazel --output_base="$work/$b" info bazel-bin 2>/dev/null)
	mkdir -p "$work/out_$b"
	(cd "$bin/experiments" && find . -path './*.points/*.json' -o -name results.csv | sort |
		while read -r f; do mkdir -p "$work/out_$b/$(dirname "$f")"; cp "$f" "$work/out_$b/$f"; done)
done
count=$(find "$work/out_a" -type f | wc -l)
if diff -r "$work/out_a" "$work/out_b" >"$work/diff"; then
	echo "PASS: $count outputs byte-identical from two output bases"
else
	echo "FAIL: outputs differ between output bases:"
	head -20 "$work/diff"
	exit 1
fi
