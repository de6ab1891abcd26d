#!/usr/bin/env bash
# Runs the libFuzzer harnesses over their seed corpora.
#   tests/fuzz/run.sh --minutes N   (from the workspace root) builds the fuzzers and fuzzes
#                                   for N minutes in all, split evenly between the harnesses
#   run.sh --runs N ...             N inputs per harness with a fixed seed (fuzz_smoke_test)
# Harnesses: the ELF loader, the decoder, the machine configuration (YAML and --set),
# Dynamo's configuration, the system calls. Seeds: the ELF files given (and, made from
# the first, one whose section header 0 claims to be a symbol table: a crash once), the
# words in seeds/decoder.txt, the configuration files given (seeds/dynamo_config_nul.yaml:
# a NUL that made yaml-cpp's message two lines, once), the call sequences in
# seeds/syscalls.txt. Reports the
# executions per harness; exits 1 if any harness finds a crash, leak or timeout, leaving
# the input in the work directory it names.
set -u
minutes="" runs="" elf_fuzzer="" decoder_fuzzer="" decoder_seeds="" elf_seeds=()
config_fuzzer="" config_seeds=()
dynamo_config_fuzzer="" dynamo_config_seeds=() syscall_fuzzer="" syscall_seeds=""
while [ $# -gt 0 ]; do
	case "$1" in
	--minutes) minutes=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--elf-loader-fuzzer) elf_fuzzer=$2; shift 2 ;;
	--decoder-fuzzer) decoder_fuzzer=$2; shift 2 ;;
	--decoder-seeds) decoder_seeds=$2; shift 2 ;;
	--elf-seed) elf_seeds+=("$2"); shift 2 ;;
	--config-fuzzer) config_fuzzer=$2; shift 2 ;;
	--config-seeds)  # every argument up to the next option
		shift
		while [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; do config_seeds+=("$1"); shift; done ;;
	--dynamo-config-fuzzer) dynamo_config_fuzzer=$2; shift 2 ;;
	--dynamo-config-seeds)
		shift
		while [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; do dynamo_config_seeds+=("$1"); shift; done ;;
	--syscall-fuzzer) syscall_fuzzer=$2; shift 2 ;;
	--syscall-seeds) syscall_seeds=$2; shift 2 ;;
	*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
if [ -z "$minutes" ] && [ -z "$runs" ]; then
	echo "usage: tests/fuzz/run.sh --minutes N   or   --runs N with the harness paths" >&2
	exit 2
fi
if [ -z "$elf_fuzzer" ]; then
	# Interactive use from the workspace root: build what the harnesses need.
	bazel build //tests/fuzz:elf_loader_fuzzer //tests/fuzz:decoder_fuzzer //tests/fuzz:config_fuzzer \
		//tests/fuzz:dynamo_config_fuzzer //tests/fuzz:syscall_fuzzer //os_model:minimal_guest \
		//workloads/li:li_O2 || exit 1
	elf_fuzzer=bazel-bin/tests/fuzz/elf_loader_fuzzer.bin
	decoder_fuzzer=bazel-bin/tests/fuzz/decoder_fuzzer.bin
	decoder_seeds=tests/fuzz/seeds/decoder.txt
	config_fuzzer=bazel-bin/tests/fuzz/config_fuzzer.bin
	config_seeds=(configs/machines/*.yaml)
	elf_seeds=(bazel-bin/os_model/minimal_guest bazel-bin/workloads/li/li_O2)
	dynamo_config_fuzzer=bazel-bin/tests/fuzz/dynamo_config_fuzzer.bin
	dynamo_config_seeds=(tests/fuzz/seeds/dynamo_config_nul.yaml configs/dynamo/*.yaml tests/dynamo/configs/*.yaml)
	syscall_fuzzer=bazel-bin/tests/fuzz/syscall_fuzzer.bin
	syscall_seeds=tests/fuzz/seeds/syscalls.txt
fi
work=$(mktemp -d "${TEST_TMPDIR:-/tmp}/fuzz.XXXXXX")

# Corpora: ELF seeds as they are, plus the section-header-0 variant; one file per word.
mkdir -p "$work/elf_loader" "$work/decoder" "$work/config" "$work/dynamo_config" "$work/syscall"
for seed in "${elf_seeds[@]}"; do cp "$seed" "$work/elf_loader/"; done
python3 - "${elf_seeds[0]}" "$work/elf_loader/sh0_symtab" <<'PY'
import struct, sys
b = bytearray(open(sys.argv[1], "rb").read())
sh0 = struct.unpack(">I", b[32:36])[0]
# name 0, type SYMTAB, offset 0x7ffffff0, size 0x100000, link 9, entsize 16
for off, val in ((0, 0), (4, 2), (16, 0x7ffffff0), (20, 0x100000), (24, 9), (36, 16)):
    b[sh0 + off:sh0 + off + 4] = struct.pack(">I", val)
open(sys.argv[2], "wb").write(b)
PY
python3 - "$decoder_seeds" "$work/decoder" <<'PY'
import sys
for n, line in enumerate(open(sys.argv[1])):
    word = line.split("#")[0].strip()
    if word:
        open("%s/seed%02d" % (sys.argv[2], n), "wb").write(bytes.fromhex(word))
PY

# Config seeds: each YAML file as YAML (first byte even), and its "key: value" lines under
# their group as --set assignments (first byte odd).
python3 - "$work/config" "${config_seeds[@]}" <<'PY'
import os, sys
out = sys.argv[1]
for n, path in enumerate(sys.argv[2:]):
    text = open(path).read()
    open(os.path.join(out, "yaml%02d" % n), "w").write("\0" + text)
    sets, group = [], ""
    for line in text.splitlines():
        body = line.split("#")[0].rstrip()
        if not body.strip() or ":" not in body:
            continue
        key, value = (s.strip() for s in body.split(":", 1))
        if not value:
            group = key + "."
        else:
            sets.append((group if body.startswith(" ") else "") + key + "=" + value)
    open(os.path.join(out, "set%02d" % n), "w").write("\1" + "\n".join(sets))
PY

# Dynamo's configuration files as they are (file names made unique).
for n in "${!dynamo_config_seeds[@]}"; do cp "${dynamo_config_seeds[$n]}" "$work/dynamo_config/seed$n.yaml"; done
# One file per paragraph of seeds/syscalls.txt, encoded as syscall_fuzzer.cc reads it.
python3 - "$syscall_seeds" "$work/syscall" <<'PY'
import struct, sys
paragraphs, calls = [], []
for line in open(sys.argv[1]).read().splitlines() + [""]:
    if line.startswith("#"):
        continue
    if not line.strip():
        if calls:
            paragraphs.append(calls)
        calls = []
        continue
    name, nr, *args = line.split()
    calls.append((name, int(nr), [int(a, 16) for a in args] + [0] * (6 - len(args))))
for n, calls in enumerate(paragraphs):
    out = b""
    for name, nr, args in calls:
        if name == "lws":
            out += bytes([0xf0 | nr])
        elif name == "tp":
            out += bytes([0xfe])
        else:
            out += bytes([0xff]) + struct.pack(">H", nr)
        out += struct.pack(">6I", *args)
    open("%s/seed%02d" % (sys.argv[2], n), "wb").write(out)
PY

harnesses=(elf_loader decoder config dynamo_config syscall)
declare -A binary=([elf_loader]=$elf_fuzzer [decoder]=$decoder_fuzzer [config]=$config_fuzzer
	[dynamo_config]=$dynamo_config_fuzzer [syscall]=$syscall_fuzzer)
# yaml-cpp makes a config input about twenty times slower than an ELF or decoder input:
# a bounded run gives those harnesses a fifth of the inputs, the system calls (a guest
# set up and torn down each time) a twentieth.
declare -A share=([elf_loader]=1 [decoder]=1 [config]=5 [dynamo_config]=5 [syscall]=20)
# The system calls write to the guest's stdout and stderr, the fuzzer's own: closed
# (libFuzzer keeps its reports on a copy of stderr).
declare -A extra=([syscall]="-close_fd_mask=3")
failed=0
for h in "${harnesses[@]}"; do
	if [ -n "$runs" ]; then
		bound=(-seed=1 -runs=$((runs / ${share[$h]})))
	else
		bound=(-max_total_time=$((minutes * 60 / ${#harnesses[@]})))
	fi
	mkdir -p "$work/$h.artifacts"
	# shellcheck disable=SC2086
	"${binary[$h]}" "${bound[@]}" ${extra[$h]:-} -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$work/$h.artifacts/" "$work/$h" </dev/null >"$work/$h.log" 2>&1
	status=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$h.log")
	if [ $status -ne 0 ]; then
		echo "FAIL: $h fuzzer exited with $status after ${execs:-?} executions; input and log in $work"
		grep -E "ERROR|SUMMARY|_fuzzer:" "$work/$h.log" | head -5
		failed=1
	else
		echo "ok: $h: ${execs:-?} executions, no crash, leak or timeout"
	fi
done
[ $failed -eq 0 ] && rm -rf "$work"
exit $failed
