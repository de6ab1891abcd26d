"""Shrinks a random program that shows a disagreement to a few instructions.

Delta debugging (Zeller and Hildebrandt, "Simplifying and Isolating Failure-Inducing
Input", 2002) over progen's node lists: in every list (the program's body, a loop's body,
a branch's body, a switch's cases, a subroutine) remove chunks of halving size while the
disagreement stays; then simplify what is left: a loop, branch, switch or call becomes its
body, a loop runs fewer times, a condition or a delay slot goes. Repeated until nothing
changes. `still_fails(program)` decides; the program is edited on a deep copy.
"""

import copy

import progen


def node_lists(nodes):
    """Every list of nodes inside NODES (NODES first), depth first."""
    yield nodes
    for node in nodes:
        for child in children(node):
            yield from node_lists(child)


def children(node):
    if "body" in node:
        return [node["body"]]
    if "cases" in node:
        return node["cases"]
    if "call" in node:
        return [node["call"]]
    return []


def ddmin_list(program, nodes, still_fails):
    """Removes chunks of NODES (a list inside PROGRAM) while still_fails holds."""
    changed = False
    granularity = 2
    while nodes:
        chunk = max(1, len(nodes) // granularity)
        for start in range(0, len(nodes), chunk):
            removed = nodes[start:start + chunk]
            del nodes[start:start + chunk]
            if still_fails(program):
                changed = True
                granularity = max(granularity - 1, 2)
                break
            nodes[start:start] = removed
        else:
            if chunk == 1:
                break
            granularity = min(len(nodes), granularity * 2)
    return changed


def simplifications(node):
    """Smaller replacements of one node: lists of nodes to put in its place."""
    if "loop" in node:
        yield node["body"]
        for count in sorted({1, 2, node["loop"] // 2}):
            if 1 <= count < node["loop"]:
                yield [dict(node, loop=count)]
        if node.get("delay", "nop") != "nop":
            yield [dict(node, delay="nop")]
    elif "skip" in node:
        yield node["body"]
        if node["delay"] != "nop":
            yield [dict(node, delay="nop")]
        if ",n " in node["skip"]:
            yield [dict(node, skip=node["skip"].replace(",n ", " "))]
    elif "switch" in node:
        for case in node["cases"]:
            yield case
    elif "call" in node:
        yield node["call"]
    elif "op" in node and node["cond"]:
        mnemonic, _, rest = node["op"][-1].partition(" ")
        if "," in mnemonic and not mnemonic.startswith("fcmp"):
            plain = mnemonic.split(",")[0]
            keep = [c for c in mnemonic.split(",")[1:] if c in ("l", "c", "b", "u", "s")]
            yield [{"op": node["op"][:-1] + [",".join([plain] + keep) + " " + rest], "cond": False}]


def simplify_once(program, still_fails):
    for nodes in list(node_lists(program["body"])):
        for k in range(len(nodes)):
            if k >= len(nodes):
                break
            for replacement in list(simplifications(nodes[k])):
                saved = nodes[k]
                nodes[k:k + 1] = copy.deepcopy(replacement)
                if still_fails(program):
                    return True
                del nodes[k:k + len(replacement)]
                nodes.insert(k, saved)
    return False


def reduce(program, still_fails):
    """The smallest program found that still_fails (which must hold for PROGRAM)."""
    program = copy.deepcopy(program)
    while True:
        changed = False
        for nodes in list(node_lists(program["body"])):
            # (A list an earlier step removed from the program is no longer in it.)
            if any(nodes is live for live in node_lists(program["body"])):
                changed |= ddmin_list(program, nodes, still_fails)
        if simplify_once(program, still_fails):
            changed = True
        if not changed:
            return program


def size(program):
    return progen.count_instructions(program["body"])
