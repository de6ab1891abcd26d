#!/usr/bin/env bash
# dynsim run --dynamo: the command line, the boot and the stats.
# Usage: dynamo_cli_test.sh DYNSIM DYNAMO_ELF PROGRAM DEFAULT_YAML REGIONS_YAML
set -u
dynsim=$1 dynamo=$2 prog=$3 default_yaml=$4 regions_yaml=$5
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/dynamo_cli.XXXXXX")
fail=0
bad() {
	echo "FAIL: $*" >&2
	fail=1
}
sim_stats() { sed '/"host"/,$d' "$1"; }  # the stats without the host section
counter() { sed -n "s/.*\"dynamo\.$2\": \([0-9]*\).*/\1/p" "$1" | head -1; }
size=20000  # tight_loop iterations: a short run

# Plain --dynamo and --dynamo with the default YAML, twice: identical output, status and
# simulation stats (the YAML spells out the defaults; runs are deterministic).
"$dynsim" run --stats "$tmp/native.json" "$prog" $size >"$tmp/native.out" 2>&1
native_status=$?
for run in a b c; do
	yaml=()
	[ $run = c ] && yaml=("$default_yaml")
	"$dynsim" run --dynamo "${yaml[@]}" --stats "$tmp/$run.json" "$prog" $size >"$tmp/$run.out" 2>&1
	status=$?
	[ "$status" = "$native_status" ] || bad "run $run: status $status, natively $native_status"
	cmp -s "$tmp/native.out" "$tmp/$run.out" || bad "run $run: output differs from the native run"
done
cmp -s <(sim_stats "$tmp/a.json") <(sim_stats "$tmp/b.json") || bad "two --dynamo runs give different stats"
cmp -s <(sim_stats "$tmp/a.json") <(sim_stats "$tmp/c.json") || bad "--dynamo and --dynamo default.yaml give different stats"
cmp -s <(sim_stats "$tmp/native.json") <(sim_stats "$tmp/a.json") && bad "the --dynamo run's stats equal the native run's"

# Dynamo's counters are in guest.counters; the hot loop ran from the fragment cache, so
# Dynamo interpreted under 5% of what the native run retired.
native_insts=$(sed -n '0,/"instructions"/s/.*"instructions": \([0-9]*\).*/\1/p' "$tmp/native.json")
for c in interpreted_instructions nullified_instructions syscalls trace_head_candidates decode_misses native_transfers \
	fragments cache_entries links lookup_hits exits_branch; do
	[ -n "$(counter "$tmp/a.json" $c)" ] || bad "no dynamo.$c in guest.counters"
done
[ "$(( $(counter "$tmp/a.json" interpreted_instructions) * 20 ))" -lt "$native_insts" ] ||
	bad "dynamo.interpreted_instructions $(counter "$tmp/a.json" interpreted_instructions), native instructions $native_insts"
[ "$(counter "$tmp/a.json" syscalls)" -gt 0 ] || bad "no system calls counted"
[ "$(counter "$tmp/a.json" trace_head_candidates)" -gt 0 ] || bad "no trace-head candidates counted"

# A bad YAML file: one line FILE:LINE: KEY: message, status 1, before the guest runs.
printf 'hot_threshold: 5\nhot_treshold: 7\n' >"$tmp/bad.yaml"
"$dynsim" run --dynamo "$tmp/bad.yaml" "$prog" $size >"$tmp/bad.out" 2>"$tmp/bad.err"
status=$?
[ "$status" = 1 ] || bad "bad YAML: status $status, expected 1"
expected="dynsim: $tmp/bad.yaml:2: hot_treshold: unknown key (did you mean hot_threshold?)"
[ "$(cat "$tmp/bad.err")" = "$expected" ] || bad "bad YAML: stderr is '$(cat "$tmp/bad.err")', expected '$expected'"
[ -s "$tmp/bad.out" ] && bad "bad YAML: the guest ran"
printf 'linking: 3\n' >"$tmp/bad2.yaml"
"$dynsim" run --dynamo="$tmp/bad2.yaml" "$prog" $size >/dev/null 2>"$tmp/bad2.err"
[ "$(cat "$tmp/bad2.err")" = "dynsim: $tmp/bad2.yaml:1: linking: expected true or false, got '3'" ] ||
	bad "bad YAML (--dynamo=FILE): stderr is '$(cat "$tmp/bad2.err")'"

# A missing or wrong Dynamo ELF: one line, status 1.
"$dynsim" run --dynamo --dynamo-elf "$tmp/none" "$prog" $size >/dev/null 2>"$tmp/elf.err"
status=$?
[ "$status" = 1 ] && [ "$(wc -l <"$tmp/elf.err")" = 1 ] && grep -q "$tmp/none" "$tmp/elf.err" ||
	bad "missing Dynamo ELF: status $status, stderr '$(cat "$tmp/elf.err")'"
"$dynsim" run --dynamo --dynamo-elf "$prog" "$prog" $size >/dev/null 2>"$tmp/elf2.err"
grep -q "no 'dynamo_boot' symbol: not a Dynamo image" "$tmp/elf2.err" || bad "not a Dynamo ELF: '$(cat "$tmp/elf2.err")'"
"$dynsim" run --dynamo --dynamo-elf "$dynamo" "$prog" $size >/dev/null 2>&1 || bad "--dynamo-elf $dynamo failed"

# Cycles in Dynamo's code are charged to its functions (demangled, under dynamo::) and to
# the group "dynamo"; --profile right before PROGRAM takes no count.
"$dynsim" run --dynamo --set core.model=inorder --stats "$tmp/p.json" --profile "$prog" $size >/dev/null 2>"$tmp/profile.txt"
for f in "dynamo::Interpreter::Run" "dynamo::Dispatch"; do
	grep -q "$f" "$tmp/profile.txt" || bad "--profile does not show $f: $(head -5 "$tmp/profile.txt")"
done
grep -q '"dynamo": [1-9]' "$tmp/p.json" || bad "no region group 'dynamo' in the stats"
# configs/dynamo/regions.yaml puts every function Dynamo ran into a mechanism's group.
"$dynsim" run --dynamo --set core.model=functional --regions "$regions_yaml" --profile --stats "$tmp/r.json" "$prog" $size \
	>/dev/null 2>&1 || bad "--regions $regions_yaml failed"
grep -q '"dynamo.interpreter": [1-9]' "$tmp/r.json" || bad "no region group dynamo.interpreter with $regions_yaml"
leftover=$(grep -o '"dynamo:[^"]*"' "$tmp/r.json" | sort -u | tr '\n' ' ')
[ -z "$leftover" ] || bad "functions in no mechanism group of $regions_yaml: $leftover"

# Dynamo never uses the application's heap: nothing in its image can call brk.
if syms=$(hppa-linux-gnu-nm "$dynamo"); then
	for s in malloc free sbrk brk; do
		echo "$syms" | grep -qw "$s" && bad "Dynamo's ELF contains $s"
	done
	echo "$syms" | grep -qw dynamo_boot || bad "Dynamo's ELF has no dynamo_boot"
else
	bad "cannot run hppa-linux-gnu-nm"
fi

rm -rf "$tmp"
[ $fail = 0 ] && echo "PASS"
exit $fail
