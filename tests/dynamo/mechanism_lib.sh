# Shared helpers of the Dynamo mechanism tests (psw_live_test.sh, indirect_branch_test.sh,
# linking_test.sh, direct_link_test.sh, smc_fragment_test.sh). Source it after setting `dynsim` and `binary`.
#   run NAME [dynsim run options] -- [guest args]   dynsim run on the functional core;
#                                                   $tmp/NAME.{out,err,status,json}
#   run_qemu NAME [guest args]                      qemu-hppa; $tmp/NAME.{out,err,status}
#   same NAME REF [SED]        stdout and exit status of NAME equal REF's (SED: a sed
#                              script applied to both stdouts first)
#   counter NAME C             dynamo.C in NAME's stats
#   expect NAME C VALUE        dynamo.C == VALUE
#   expect_range NAME C LO HI  LO <= dynamo.C <= HI
#   check COND MESSAGE         fails with MESSAGE unless `test COND` holds
set -u
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/mechanism.XXXXXX")
fail=0
run() {
	local name=$1 opts=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	"$dynsim" run --set core.model=functional --stats "$tmp/$name.json" "${opts[@]}" -- "$binary" "$@" \
		</dev/null >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.status"
}
run_qemu() {
	local name=$1
	shift
	env -i qemu-hppa "$binary" "$@" </dev/null >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.status"
}
same() {
	local name=$1 ref=$2 filter=${3:-}
	if [ "$(cat "$tmp/$name.status")" != "$(cat "$tmp/$ref.status")" ]; then
		echo "FAIL: $name: exit status $(cat "$tmp/$name.status"), $ref: $(cat "$tmp/$ref.status")" >&2
		head -5 "$tmp/$name.err" | sed 's/^/  stderr: /' >&2
		fail=1
	fi
	if ! cmp -s <(sed -e "$filter" "$tmp/$ref.out") <(sed -e "$filter" "$tmp/$name.out"); then
		echo "FAIL: $name: stdout differs from $ref's ($ref -, $name +):" >&2
		diff -u <(sed -e "$filter" "$tmp/$ref.out") <(sed -e "$filter" "$tmp/$name.out") | head -30 >&2
		fail=1
	fi
}
counter() { sed -n "s/.*\"dynamo\.$2\": \([0-9]*\).*/\1/p" "$tmp/$1.json" | head -1; }
expect() {
	local got
	got=$(counter "$1" "$2")
	if [ "$got" != "$3" ]; then
		echo "FAIL: $1: dynamo.$2 = '$got', expected $3" >&2
		fail=1
	fi
}
expect_range() {
	local got
	got=$(counter "$1" "$2")
	if [ -z "$got" ] || [ "$got" -lt "$3" ] || [ "$got" -gt "$4" ]; then
		echo "FAIL: $1: dynamo.$2 = '$got', expected $3..$4" >&2
		fail=1
	fi
}
check() {
	local msg=${*: -1}
	if ! test "${@:1:$#-1}"; then
		echo "FAIL: $msg" >&2
		fail=1
	fi
}
# Prints NAME's non-zero dynamo counters (for the log).
show() { echo "$1: $(grep -o '"dynamo\.[a-z_]*": [1-9][0-9]*' "$tmp/$1.json" | sed 's/"dynamo\.//;s/"//' | tr '\n' ' ')"; }
finish() {
	rm -rf "$tmp"
	[ $fail = 0 ] && echo "PASS: $*"
	exit $fail
}
