#!/usr/bin/env bash
# The random-program differential (README.md here): seeded PA-RISC programs under
# qemu-hppa, dynsim natively and dynsim under Dynamo with every configuration.
#   tests/differential/run.sh --seeds N [--first F] [--jobs J]    from the workspace root:
#       builds dynsim and Dynamo, then runs seeds F..F+N-1 under qemu-hppa, natively, and
#       under Dynamo with the defaults and every configuration in tests/dynamo/configs/
#       and configs/dynamo/ (aggressive, conservative)
#   run.sh --dynsim PATH --config YAML ... [difftest.py options]   (the Bazel tests)
# Other options go to difftest.py (--batch B, --rotate K, --no-fp, --no-reduce, --quiet,
# --oracle-bugs). Exits 1 on any disagreement, each reported with its seed, the reduced
# program and the outputs.
set -u
here=$(cd "$(dirname "$0")" && pwd)
dynsim="" configs=() rest=()
while [ $# -gt 0 ]; do
	case "$1" in
	--dynsim) dynsim=$2; shift 2 ;;
	--config) configs+=(--config "$2"); shift 2 ;;
	--configs)  # every argument up to the next option
		shift
		while [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; do configs+=(--config "$1"); shift; done ;;
	*) rest+=("$1"); shift ;;
	esac
done
if [ -z "$dynsim" ]; then
	root=$(cd "$here/../.." && pwd)
	cd "$root" || exit 1
	nice bazel build //sim:dynsim //dynamo || exit 1
	dynsim=$root/bazel-bin/sim/dynsim
	if [ ${#configs[@]} -eq 0 ]; then
		configs=(--config default)
		for c in tests/dynamo/configs/*.yaml configs/dynamo/aggressive.yaml configs/dynamo/conservative.yaml; do
			configs+=(--config "$root/$c")
		done
	fi
fi
for tool in qemu-hppa hppa-linux-gnu-as hppa-linux-gnu-ld python3; do
	command -v "$tool" >/dev/null || { echo "run.sh: $tool not found (third_party/debian_packages.sh installs it)" >&2; exit 2; }
done
exec python3 "$here/difftest.py" --dynsim "$dynsim" "${configs[@]}" "${rest[@]}"
