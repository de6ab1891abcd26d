#!/usr/bin/env bash
# The stats file: valid UTF-8 JSON even when function names are not, exact counters, the
# run's provenance (program and SHA-256, arguments, machine and Dynamo configurations,
# dynsim's version, command line), the description of every statistic, and the text form.
# Usage: stats_file_test.sh DYNSIM NON_ASCII_GUEST HELLO_GUEST DYNAMO_ELF TINY_ICACHE_YAML
set -u
dynsim=$1 guest=$2 hello=$3 dynamo=$4 machine_yaml=$5
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/stats_file.XXXXXX")
fail=0

"$dynsim" run --profile --stats "$tmp/s.json" --stats-text "$tmp/s.txt" --config "$machine_yaml" \
	--set clock_mhz=90 --env LANG=C "$guest" one two >/dev/null 2>"$tmp/err" || { echo "FAIL: run: $(cat "$tmp/err")"; fail=1; }
sha=$(sha256sum "$guest" | cut -d' ' -f1)
python3 - "$tmp/s.json" "$guest" "$sha" "$machine_yaml" <<'PY' || fail=1
import json, sys
path, guest, sha, machine_yaml = sys.argv[1:]
raw = open(path, "rb").read()
raw.decode("utf-8")  # strict: raises on any byte that is not UTF-8
s = json.loads(raw)
problems = []
def expect(what, got, want):
    if got != want:
        problems.append("%s: %r, expected %r" % (what, got, want))
expect("sections", list(s), ["sim", "descriptions", "host", "run"])
functions = s["sim"]["regions"]["functions"]["cycles"]
expect("the UTF-8 name", "funci\u00f3n" in functions, True)
expect("the Latin-1 name, its byte replaced", "caf\ufffd" in functions, True)
expect("cycles are an exact integer", type(s["sim"]["cycles"]), int)
run = s["run"]
expect("program", run["program"]["path"], guest)
expect("sha256", run["program"]["sha256"], sha)
expect("arguments", run["program"]["arguments"], ["one", "two"])
expect("environment", run["environment"], ["LANG=C"])
expect("machine file", run["machine"]["file"], machine_yaml)
expect("machine name (from the YAML)", run["machine"]["name"], "tiny-icache")
expect("overrides", run["machine"]["overrides"], ["clock_mhz=90"])
expect("effective clock", run["machine"]["parameters"]["clock_mhz"], 90)
expect("no Dynamo", run["dynamo"], None)
expect("version is a string", type(run["dynsim_version"]) is str and len(run["dynsim_version"]) > 0, True)
expect("command line", run["command_line"][1:3], ["run", "--profile"])
expect("end", run["end"]["how"], "exited")
expect("not interrupted", run["end"]["interrupted"], False)
d = s["descriptions"]
expect("a statistic's description", d.get("sim.cycles", "").startswith("simulated cycles"), True)
expect("a described map", "sim.os.syscalls" in d, True)
if problems:
    print("FAIL: " + "\n      ".join(problems))
    sys.exit(1)
PY
# The text form, gem5's stats.txt: one statistic a line, name, value, '#' and description.
grep -q '^sim.cycles  *[0-9][0-9]*   # simulated cycles' "$tmp/s.txt" || { echo "FAIL: stats.txt: $(head -3 "$tmp/s.txt")"; fail=1; }
# Every value starts in the same column, however long the names.
[ "$(awk '{ print index($0, "   # ") }' "$tmp/s.txt" | sort -u | wc -l)" = 1 ] || {
	echo "FAIL: stats.txt values not aligned"; fail=1; }

# Under Dynamo: its configuration, its ELF's hash, and each counter's own description.
"$dynsim" run --dynamo --dynamo-elf "$dynamo" --set core.model=functional --stats "$tmp/d.json" "$hello" >/dev/null 2>&1 ||
	{ echo "FAIL: the Dynamo run failed"; fail=1; }
python3 - "$tmp/d.json" "$(sha256sum "$dynamo" | cut -d' ' -f1)" <<'PY' || fail=1
import json, sys
s = json.load(open(sys.argv[1]))
dyn = s["run"]["dynamo"]
problems = []
if dyn["parameters"].get("hot_threshold") != 50: problems.append("hot_threshold %r" % dyn["parameters"].get("hot_threshold"))
if dyn["parameters"].get("optimize") != "conservative": problems.append("optimize %r" % dyn["parameters"].get("optimize"))
if dyn["elf_sha256"] != sys.argv[2]: problems.append("elf_sha256")
doc = s["descriptions"].get("sim.guest.counters::dynamo.fragments", "")
if "fragments built into the fragment cache" not in doc: problems.append("dynamo.fragments described as %r" % doc)
if problems:
    print("FAIL: Dynamo provenance: " + ", ".join(problems))
    sys.exit(1)
PY
[ $fail = 0 ] && echo "PASS"
exit $fail
