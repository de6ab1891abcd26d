#!/usr/bin/python3
"""Runs the commands of tutorial Markdown files and checks the figures they quote.

Usage: tutorial_check.py [--root DIR] [--keep] [--print] FILE.md...

Conventions of a tutorial (docs/tutorials/README.md, "Keeping the tutorials true"):

- A fenced block whose info string is `sh` is a command. It runs with `bash -e -o pipefail`
  in a scratch directory of its own tutorial (one per file, shared by its commands in
  order), where `bazel-bin`, `configs` and `tools` are links into --root (the repository
  root, or Bazel's runfiles root, which has the same layout with bazel-bin's files at the
  top). A command that exits non-zero fails the file.
- A command may not pipe into `head` (under pipefail the writer may die of SIGPIPE, so the
  command would fail only sometimes): `sed -n 1,Np` reads everything.
- A `sh notest` block is shown but not run; it may hold only `bazel build` lines (a test
  cannot run Bazel).
- A `text` block that follows a command, with nothing but blank lines between, is that
  command's output (stdout and stderr together), abridged: its lines must appear in the
  output in order and next to each other, except that a line holding only `...` skips any
  number of output lines; blank lines are ignored on both sides. A line ending in ` ...` matches an output line that starts with
  what comes before it. Trailing blanks are ignored.
- `<!-- check: N REGEX -->` in the prose: REGEX (Python, multiline) must match the output
  of the file's command N (1 is the first `sh` block).
- Every figure in the prose (outside code blocks and `inline code`) that has a thousands
  separator or a decimal point, or is an integer of four or more digits (years 1950 to
  2035 aside, and "section 4.2"-style references), must occur in the output of some
  command of the same file as a whole number (not part of a longer one), commas ignored.
- A file without a single command fails.

Exit status 0 when every file passes; 1 otherwise, with one line per failure.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^( *)```(\S*)\s*(.*)$")
CHECK = re.compile(r"<!--\s*check:\s*(\d+)\s+(.*?)\s*-->", re.S)
FIGURE = re.compile(r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d{4,})(?![\w]|[.,]\d)")
COMMAND_TIMEOUT = 600


def parse(path):
    """Returns (blocks, prose): blocks are dicts {kind, info, text, line}; prose is the
    text outside fenced blocks, with its line numbers."""
    blocks, prose = [], []
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m:
            start = i
            body = []
            i += 1
            indent = len(m.group(1))
            while i < len(lines) and not lines[i].lstrip().startswith("```"):
                line = lines[i]
                body.append(line[indent:] if line[:indent].strip() == "" else line)
                i += 1
            if i == len(lines):
                raise SystemExit(f"{path}:{start + 1}: unterminated code block")
            blocks.append({"kind": m.group(2), "info": m.group(3).strip(),
                           "text": "\n".join(body), "line": start + 1, "end": i + 1})
        else:
            prose.append((i + 1, lines[i]))
        i += 1
    return blocks, prose


def pair_commands(path, blocks, lines):
    """The commands in order, each with its expected output block or None."""
    commands, errors = [], []
    for k, b in enumerate(blocks):
        if b["kind"] != "sh":
            if b["kind"] == "text":
                prev = blocks[k - 1] if k > 0 else None
                gap = lines[prev["end"]:b["line"] - 1] if prev else ["x"]
                if not (prev and prev["kind"] == "sh" and prev["info"] != "notest"
                        and all(not g.strip() for g in gap)):
                    errors.append(f"{path}:{b['line']}: a text block that does not follow a command")
            continue
        if b["info"] == "notest":
            bad = [l for l in b["text"].split("\n") if l.strip() and not l.startswith("bazel build ")]
            if bad:
                errors.append(f"{path}:{b['line']}: a notest block may hold only bazel build lines: {bad[0]!r}")
            continue
        if b["info"]:
            errors.append(f"{path}:{b['line']}: unknown info string 'sh {b['info']}' (sh or sh notest)")
        if re.search(r"\|\s*head\b", b["text"]):
            # Under pipefail a writer that head stops reading gets SIGPIPE, sometimes.
            errors.append(f"{path}:{b['line']}: '| head' can kill the command before it with SIGPIPE under "
                          "pipefail; use '| sed -n 1,Np'")
        expected = None
        if k + 1 < len(blocks) and blocks[k + 1]["kind"] == "text":
            gap = lines[b["end"]:blocks[k + 1]["line"] - 1]
            if all(not g.strip() for g in gap):
                expected = blocks[k + 1]
        commands.append({"block": b, "expected": expected})
    return commands, errors


def match_output(expected, output):
    """None if the expected lines occur in output (see the module doc), else the first
    expected line that does not, with the reason."""
    want = [l.rstrip() for l in expected.split("\n") if l.strip()]
    got = [l.rstrip() for l in output.split("\n") if l.strip()]

    def line_ok(w, g):
        if w.endswith(" ...") and w != "...":
            return g.startswith(w[:-4])
        return w == g

    # Groups of consecutive lines, separated by "..." lines; each group must match
    # consecutive output lines, the groups in order.
    groups, cur, anchored_start = [], [], True
    for w in want:
        if w == "...":
            if cur:
                groups.append(cur)
            cur = []
            if not groups:
                anchored_start = False
        else:
            cur.append(w)
    if cur:
        groups.append(cur)
    pos = 0
    for gi, group in enumerate(groups):
        found = -1
        for start in range(pos, len(got) - len(group) + 1):
            if all(line_ok(w, got[start + j]) for j, w in enumerate(group)):
                found = start
                break
        if found < 0:
            # Report the first line of the group that cannot be placed.
            for j in range(len(group), 0, -1):
                part = group[:j]
                if any(all(line_ok(w, got[s + t]) for t, w in enumerate(part))
                       for s in range(pos, len(got) - len(part) + 1)):
                    return f"line {group[j] if j < len(group) else group[-1]!r} not found after {part[-1]!r}"
            return f"line {group[0]!r} not found in the output"
        pos = found + len(group)
    return None


def figures(prose):
    """(line, figure) for every checked figure in the prose."""
    out = []
    for lineno, text in prose:
        text = re.sub(r"`[^`]*`", " ", text)        # inline code: inputs, names, literals
        text = CHECK.sub(" ", text)
        text = re.sub(r"<!--.*?-->", " ", text)
        text = re.sub(r"\]\([^)]*\)", "]", text)    # link targets
        for m in FIGURE.finditer(text):
            f = m.group(1)
            before = text[max(0, m.start() - 9):m.start()].lower()
            if re.search(r"(section|sections|§|table|figure|pa-|risc)\s*$", before):
                continue
            if re.fullmatch(r"\d{4}", f) and 1950 <= int(f) <= 2035:
                continue
            out.append((lineno, f))
    return out


def make_scratch(root, base):
    d = tempfile.mkdtemp(prefix="tutorial.", dir=base)
    bazel_bin = os.path.join(root, "bazel-bin")
    if not os.path.isdir(bazel_bin):
        bazel_bin = root  # Bazel's runfiles: the built files are at the top.
    os.symlink(os.path.abspath(bazel_bin), os.path.join(d, "bazel-bin"))
    for name in ("configs", "tools"):
        os.symlink(os.path.abspath(os.path.join(root, name)), os.path.join(d, name))
    return d


def check_file(path, root, keep, show, base):
    errors = []
    blocks, prose = parse(path)
    lines = open(path, encoding="utf-8").read().split("\n")
    commands, errs = pair_commands(path, blocks, lines)
    errors += errs
    if not commands:
        return errors + [f"{path}: no commands (a tutorial must have at least one sh block)"]
    scratch = make_scratch(root, base)
    env = dict(os.environ)
    env["PATH"] = "/usr/bin:/bin:" + env.get("PATH", "")  # Debian's python3 first
    env["LC_ALL"] = "C.UTF-8"
    env.setdefault("MPLCONFIGDIR", os.path.join(scratch, ".matplotlib"))  # the runner's plots
    outputs = []
    try:
        for n, c in enumerate(commands, 1):
            b = c["block"]
            try:
                p = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", b["text"]], cwd=scratch,
                                   env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, timeout=COMMAND_TIMEOUT)
                out, rc = p.stdout.decode("utf-8", "replace"), p.returncode
            except subprocess.TimeoutExpired as e:
                out, rc = (e.stdout or b"").decode("utf-8", "replace"), "timeout"
            outputs.append(out)
            if show:
                print(f"==== {path} command {n} (line {b['line']}), exit {rc}\n{out}", end="")
            if rc != 0:
                tail = "\n    ".join(out.rstrip().split("\n")[-5:])
                errors.append(f"{path}:{b['line']}: command {n} exited {rc}; its last lines:\n    {tail}")
                continue
            if c["expected"] is not None:
                why = match_output(c["expected"]["text"], out)
                if why:
                    errors.append(f"{path}:{c['expected']['line']}: output of command {n}: {why}")
    finally:
        if keep:
            print(f"{path}: scratch directory kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    for lineno, text in prose:
        for m in CHECK.finditer(text):
            n, regex = int(m.group(1)), m.group(2)
            if not 1 <= n <= len(outputs):
                errors.append(f"{path}:{lineno}: check names command {n}; the file has {len(outputs)}")
            elif not re.search(regex, outputs[n - 1], re.M):
                errors.append(f"{path}:{lineno}: check {regex!r} does not match the output of command {n}")
    # check comments may span lines: look at the whole prose too
    joined = "\n".join(t for _, t in prose)
    single = sum(len(CHECK.findall(t)) for _, t in prose)
    if len(CHECK.findall(joined)) != single:
        errors.append(f"{path}: a check comment spans lines; keep each on one line")
    numbers = set()
    for out in outputs:
        for tok in re.findall(r"\d[\d,]*(?:\.\d+)?", out):
            numbers.add(tok.replace(",", "").rstrip("."))
    for lineno, f in figures(prose):
        if f.replace(",", "") not in numbers:
            errors.append(f"{path}:{lineno}: figure {f} occurs in no command's output")
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=".", help="repository root (or runfiles root)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch directories")
    ap.add_argument("--print", dest="show", action="store_true", help="print every command's output")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    base = os.environ.get("TEST_TMPDIR") or tempfile.gettempdir()
    failures = 0
    for f in args.files:
        errs = check_file(f, args.root, args.keep, args.show, base)
        for e in errs:
            print("FAIL: " + e)
        failures += len(errs)
        print(f"{f}: {'ok' if not errs else str(len(errs)) + ' failure(s)'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
