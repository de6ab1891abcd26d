# shellcheck shell=bash
# Helpers the benchmark scripts share (sourced, not run).

# The `dynsim run` options of a machine mode: CONFIGS is the directory holding configs/,
# BUILT the one holding the built dynamo/dynamo (the workspace and bazel-bin, or a runfiles
# tree for both).
bench_mode_args() {
	local configs=$1 built=$2
	case "$3" in
	functional) echo "--set core.model=functional" ;;
	inorder) echo "--config $configs/configs/machines/inorder.yaml" ;;
	pa8000) echo "--config $configs/configs/machines/pa8000.yaml" ;;
	dynamo) echo "--config $configs/configs/machines/pa8000.yaml --dynamo --dynamo-elf $built/dynamo/dynamo" ;;
	*) echo "bench_lib.sh: unknown mode '$3'" >&2; return 2 ;;
	esac
}

# The median of the numbers on standard input, one a line (0 for none).
bench_median() {
	sort -g | awk '{a[NR]=$1} END {if (NR == 0) print 0; else print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

# The first "KEY": NUMBER inside the top-level section SECTION of a stats file.
bench_stats_number() {
	sed -n "/^  \"$2\": {/,/^  }/ s/^ *\"$3\": \\([0-9.e+-]*\\).*/\\1/p" "$1" | head -1
}
