"""reduce.py against a predicate whose smallest program is known: "some loop runs a DS".
The reducer must leave exactly one loop, iterated once, around exactly one DS, and call
the predicate on copies only (the program it was given is unchanged)."""

import copy
import sys

sys.dont_write_bytecode = True  # nothing written beside the sources

import progen
import reduce as reducer


def loop_with_ds(nodes):
    for node in nodes:
        if "loop" in node and any("op" in n and n["op"][-1].startswith("ds ") for n in node["body"]):
            return True
        if any(loop_with_ds(child) for child in reducer.children(node)):
            return True
    return False


def main():
    seed = next(s for s in range(1, 1000) if loop_with_ds(progen.generate(s)["body"]))
    program = progen.generate(seed)
    before = copy.deepcopy(program)
    calls = []

    def still_fails(candidate):
        calls.append(1)
        return loop_with_ds(candidate["body"])

    reduced = reducer.reduce(program, still_fails)
    failures = []
    if program != before:
        failures.append("the original program was changed")
    body = reduced["body"]
    if not (len(body) == 1 and "loop" in body[0] and body[0]["loop"] == 1 and len(body[0]["body"]) == 1
            and body[0]["body"][0]["op"][-1].startswith("ds ")):
        failures.append("reduced to %r, not one loop of one DS run once" % body)
    print("seed %d: %d instructions reduced to %d in %d tries" %
          (seed, progen.count_instructions(before["body"]), progen.count_instructions(body), len(calls)))
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
