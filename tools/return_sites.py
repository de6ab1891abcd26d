#!/usr/bin/env python3
"""What each inline indirect-branch compare in Dynamo's fragment code sees: per site, how
often the compare hit and, when it missed, which fragments the probe's `bv` reached; and
how many of the misses one, two, three or four more compares per site (each with one of
the site's most frequent miss targets) would have caught.

A site is the builder's inline compare (dynamo/fragment_builder.cc, ProbeIndirect): an
`addil L%-target,rX,r1` (and an `ldo` for the low part) then `cmpib,<<,n 3,r1`, which
falls through to its delay slot on a hit and is taken, its delay slot nullified, on a
miss. A miss goes through the probe, whose `bv r0(r1)` and delay slot lead to the
fragment the lookup table names (or out of the fragment cache, counted as "Dynamo").

Input: a fragment dump (`dynsim run --dynamo --dump-fragments FILE`) and an instruction
trace of the same run (`--debug-flags Exec --debug-start A --debug-end B --debug-file F`;
a window of a few million cycles is plenty and the trace is about 90 bytes a slot).
Run Dynamo with `indirect_chain_slots: 0`: a miss a chain slot catches never reaches the
probe's `bv` this reads the outcome from.
Usage: tools/return_sites.py DUMP EXEC [--sites N]
"""
import argparse
import collections
import re
import sys

FRAGMENT = re.compile(r"fragment (\d+): head app pc (0x[0-9a-f]+)")
WORD = re.compile(r"\s+0x(c[0-9a-f]+): [0-9a-f]{8}\s+(.*)")
EXEC = re.compile(r"Exec: 0x([0-9a-f]+): [0-9a-f]{8}\s+(.*)")
ADDIL_FROM = re.compile(r"addil L%\S+,(\w+),r1$")


def read_dump(path):
    """Cache pc -> (fragment number, disassembly), and fragment number -> head app pc."""
    words, heads, fragment = {}, {}, None
    with open(path) as f:
        for line in f:
            m = FRAGMENT.match(line)
            if m:
                fragment = int(m.group(1))
                heads[fragment] = m.group(2)
                continue
            m = WORD.match(line)
            if m and fragment is not None:
                words[int(m.group(1), 16)] = (fragment, m.group(2).strip())
    return words, heads


def find_sites(words):
    """Cache pc of each inline compare -> the register the branch goes through."""
    sites = {}
    for pc, (fragment, text) in words.items():
        if not text.startswith("cmpib,<<,n 3,r1,"):
            continue
        for back in (4, 8):
            before = words.get(pc - back)
            m = before and before[0] == fragment and ADDIL_FROM.search(before[1])
            if m:
                sites[pc] = m.group(1)
                break
    return sites


def classify(exec_path, words, heads, sites):
    """Per site: hits, and a Counter of where its misses went (head app pcs)."""
    hits = collections.Counter()
    misses = collections.defaultdict(collections.Counter)
    waiting = None  # a site whose compare just ran: its outcome is the next slot
    probing = None  # a site that missed: the probe's bv is on its way
    after_bv = 0  # slots since that site's probe `bv r0(r1)` (its delay slot is the first)
    with open(exec_path) as f:
        for line in f:
            m = EXEC.search(line)
            if not m:
                continue
            pc, nullified = int(m.group(1), 16), line.rstrip().endswith("(nullified)")
            if waiting is not None:
                if pc == waiting + 4 and not nullified:
                    hits[waiting] += 1
                else:
                    probing, after_bv = waiting, 0
                waiting = None
            elif probing is not None:
                if after_bv:
                    after_bv += 1
                    if after_bv == 3:  # the slot after the bv's delay slot
                        word = words.get(pc)
                        misses[probing][heads[word[0]] if word else "Dynamo"] += 1
                        probing = None
                elif not nullified and words.get(pc, (None, ""))[1].startswith("bv r0(r1)"):
                    after_bv = 1
            if pc in sites and not nullified:
                waiting = pc
    return hits, misses


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump")
    ap.add_argument("exec_trace")
    ap.add_argument("--sites", type=int, default=10, help="sites to list, most misses first")
    args = ap.parse_args()
    words, heads = read_dump(args.dump)
    sites = find_sites(words)
    hits, misses = classify(args.exec_trace, words, heads, sites)
    ran = sorted(set(hits) | set(misses))
    total_hits, total_misses = sum(hits.values()), sum(sum(c.values()) for c in misses.values())
    print("sites that ran: %d; compares: %d hits, %d misses" % (len(ran), total_hits, total_misses))
    for k in (1, 2, 3, 4):
        caught = sum(sum(n for _, n in c.most_common(k)) for c in misses.values())
        share = 100.0 * caught / total_misses if total_misses else 0.0
        print("%d more compare%s per site: %d of the misses caught (%.1f%%)" % (k, "" if k == 1 else "s", caught, share))
    order = sorted(ran, key=lambda s: (-sum(misses[s].values()), s))
    for site in order[: args.sites]:
        targets = ", ".join("%s %d" % t for t in sorted(misses[site].items(), key=lambda t: (-t[1], t[0]))[:4])
        print("0x%x (bv through %s): %d hits, %d misses to %d targets%s" % (
            site, sites[site], hits[site], sum(misses[site].values()), len(misses[site]),
            ": " + targets if targets else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
