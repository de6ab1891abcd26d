#!/usr/bin/env bash
# Keeps docs/tutorials/ true: runs every command of every tutorial and checks every
# figure it quotes (tutorial_check.py says how), after checking that the checker itself
# fails on wrong figures, failing commands and tutorials without commands, and that every
# YAML file of configs/tutorials/ validates.
# Usage: tutorials_test.sh DYNSIM PROGRAM (runfiles paths; run from the runfiles root,
# where bazel-bin's files, configs/, tools/ and docs/tutorials/ are, as Bazel does).
set -u
dynsim=$1 program=$2
py=/usr/bin/python3  # Debian's, which python3-yaml and python3-matplotlib install into
check="$py tests/tutorials/tutorial_check.py --root ."
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/tutorials.XXXXXX")
fail=0

# 1. The checker: a right file passes; each kind of mistake fails, naming it.
if ! out=$($check tests/tutorials/testdata/good.md 2>&1); then
	echo "FAIL: the checker rejects a right file:"; echo "$out"; fail=1
fi
while IFS='|' read -r file want; do
	if out=$($check "tests/tutorials/testdata/$file" 2>&1); then
		echo "FAIL: the checker passes $file, which is wrong"; fail=1
	elif ! grep -qF -- "$want" <<<"$out"; then
		echo "FAIL: the checker's report on $file lacks '$want':"; echo "$out"; fail=1
	fi
done <<'LIST'
wrong_output.md|output of command 1: line 'cycles 1234568' not found in the output
wrong_prose_figure.md|figure 1,234,568 occurs in no command's output
wrong_check.md|check '^sim identical: True$' does not match the output of command 1
failing_command.md|command 1 exited 1
no_commands.md|no commands
out_of_order.md|line 'three' not found after 'one'
head_pipe.md|'| head' can kill the command before it with SIGPIPE
LIST
# ... and on a real tutorial with one figure changed.
sed 's/^\(sim\.cycles  *\)2938358 /\12938359 /' \
	docs/tutorials/01-run-and-read-stats.md >"$tmp/01-wrong.md"
if cmp -s docs/tutorials/01-run-and-read-stats.md "$tmp/01-wrong.md"; then
	echo "FAIL: the mutation of tutorial 1 changed nothing (update this test)"; fail=1
elif out=$($check "$tmp/01-wrong.md" 2>&1); then
	echo "FAIL: the checker passes tutorial 1 with a wrong cycle count"; fail=1
elif ! grep -qF "2938359" <<<"$out"; then
	echo "FAIL: the checker's report on the wrong tutorial 1 does not name the figure:"; echo "$out"; fail=1
fi

# 2. Every tutorial YAML validates: experiment files with the runner, machine files with
# dynsim config, Dynamo files by starting a run under Dynamo (a bad file stops it before
# the first instruction, with a FILE:LINE error).
n=0
for f in configs/tutorials/*.yaml; do
	n=$((n + 1))
	if grep -q '^programs:' "$f"; then
		out=$("$py" tools/experiment.py --validate "$f" 2>&1) || { echo "FAIL: $f: $out"; fail=1; }
	elif grep -q '^name:' "$f"; then
		out=$("$dynsim" config --dump --config "$f" 2>&1) || { echo "FAIL: $f: $out"; fail=1; }
	else
		out=$("$dynsim" run --dynamo "$f" --max-insts 1000 "$program" test 2>&1)
		rc=$?
		if [ "$rc" -ne 124 ]; then echo "FAIL: $f (exit $rc): $out"; fail=1; fi
	fi
done
[ "$n" -gt 0 ] || { echo "FAIL: no YAML files under configs/tutorials"; fail=1; }

# 3. The tutorials themselves.
tutorials=(docs/tutorials/0*.md)
[ "${#tutorials[@]}" -ge 5 ] || { echo "FAIL: expected at least 5 tutorials, found ${#tutorials[@]}"; fail=1; }
$check "${tutorials[@]}" || fail=1

rm -rf "$tmp"
[ "$fail" -eq 0 ] && echo "PASS"
exit "$fail"
