#!/usr/bin/env bash
# Measures the workloads for docs/workloads.md: static code size of each -O2 binary, and
# under dynsim at each size the dynamic instruction count, the fraction of instructions
# that are branches, the fraction of branches that are indirect (indirect jumps, indirect
# calls, returns) and the fraction of conditional branches taken. Prints a Markdown table.
# Usage (from the workspace root, after bazel build //sim:dynsim //workloads/...):
#   workloads/measure.sh [SIZE ...]        default sizes: test ref
set -u
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(test ref)
dynsim=bazel-bin/sim/dynsim
programs=(compress go ijpeg li m88ksim perl vortex deltablue boyer)

printf '| program | .text bytes (O2) |'
for size in "${sizes[@]}"; do printf ' instructions (%s) |' "$size"; done
printf ' branches %% of insts | indirect %% of branches | conditional taken %% |\n'
printf '|---|---:|'
for _ in "${sizes[@]}"; do printf -- '---:|'; done
printf -- '---:|---:|---:|\n'
stats=$(mktemp)
for prog in "${programs[@]}"; do
	bin=bazel-bin/workloads/$prog/${prog}_O2
	[ -f "$bin" ] || continue
	text=$(hppa-linux-gnu-size -A "$bin" | awk '$1 == ".text" {print $2}')
	printf '| %s | %s |' "$prog" "$text"
	mix=""
	for size in "${sizes[@]}"; do
		if "$dynsim" run --stats "$stats" "$bin" "$size" >/dev/null 2>&1; then
			printf ' %s |' "$(python3 -c "import json; print(json.load(open('$stats'))['sim']['instructions'])")"
			# The branch mix is reported for the last size measured.
			mix=$(python3 - "$stats" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["sim"]
b = s["core"]["branches"]
total = sum(b[k] for k in ("conditional", "unconditional", "call", "indirect", "indirect_call", "return", "syscall"))
ind = b["indirect"] + b["indirect_call"] + b["return"]
print("%.1f | %.1f | %.1f" % (100.0 * total / s["instructions"], 100.0 * ind / total, 100.0 * b["taken_fraction"]))
PY
)
		else
			printf ' (failed) |'
		fi
	done
	printf ' %s |\n' "$mix"
done
rm -f "$stats"
