"""Seeded generator of random PA-RISC test programs for the three-way differential.

A program is a tree of nodes (plain dicts, so the reducer can copy and edit them):
  {"op": [LINES], "cond": BOOL}   one instruction, or a few that must stay together
                                  (an address set-up and its load); "cond": the last
                                  line may nullify the instruction after it
  {"skip": BRANCH, "delay": LINE, "body": [NODES]}
                                  a forward conditional branch over BODY; BRANCH has
                                  "{L}" where the label goes
  {"loop": COUNT, "reg": REG, "back": KIND, "body": [NODES]}
                                  BODY repeated COUNT times, counted in REG
  {"switch": KIND, "sel": REG, "cases": [[NODES], ...]}
                                  an indirect branch (blr, or bv through a table of
                                  addresses) on the low bits of REG
  {"call": [NODES]}               a call (bl ..,%r31) of a subroutine with that body
  {"ckpt": True}                  print the registers and a checksum of the buffer

render_batch() turns programs into one assembly file for hppa-linux-gnu-as; harness.s
holds _start, which calls each program in turn, and the checkpoint routine.

Register use: the data registers (DATA below) are written by random instructions;
r22/r23 are scratch for the multi-instruction groups, r24/r25 loop counters, r26 the
buffer's base, r31 the link of calls and checkpoints, r2 the program's return address,
r27 and r30 are left alone.

The generator follows these rules, so that a disagreement is a bug of dynsim or Dynamo
and not of the oracle (docs/isa.md, "Where the oracles disagree", qemu-hppa 7.2):
  * DS never has its target equal to its second source (qemu computes PSW[V] from the
    new GR[t]).
  * No DCOR (qemu takes the nibble carries in the wrong order).
  * ADDB/ADDIB use only c = 0..4 conditions (never, =, <, <=, NUV and their negations):
    c = 5..7 are doubleword conditions in PA-RISC 2.0, illegal in narrow mode here,
    while qemu executes PA-RISC 1.1's ZNV, SV, OD.
  * No FMPYADD/FMPYSUB (qemu reads the f bit inverted).
  * FCNV,DBL,SGL only converts doubles that cannot be a quiet NaN whose 23 leading
    fraction bits are 0 (qemu returns an infinity): double-precision registers
    (DOUBLES) are written only by double operations, by conversions to double, and by
    FLDD from the buffer's FP area, which starts with values from FP_VALUES (none such a
    NaN) and is written only by FSTD of those registers. Single-precision values
    (SINGLES) and raw 64-bit integers (RAW: XMPYU, conversions to doubleword) live in
    other registers.
Beside those, for the programs to be deterministic and terminate: no instruction that
traps (,tsv ,tc, misaligned accesses, enabled FP exceptions), loads and stores only
inside the buffer, and no instruction that may nullify another is followed by a group
that needs its first instruction (the renderer puts a nop between).
"""

MASK64 = (1 << 64) - 1

# Registers the random instructions read and write.
DATA = ["%r1"] + ["%%r%d" % n for n in range(3, 22)] + ["%r28", "%r29"]
DOUBLES = ["%%fr%d" % n for n in range(4, 12)]
SINGLES = ["%%fr%d%s" % (n, h) for n in range(12, 16) for h in ("L", "R")]
RAW = ["%fr16", "%fr17", "%fr18"]

INT_WORDS = 64  # the buffer: 64 integer words, then the FP area
FP_DOUBLES = 32
BUFFER_BYTES = INT_WORDS * 4 + FP_DOUBLES * 8
# The word the rounding-mode group uses to load a status word into fr0.
STATUS_WORD = 0

ADD_CONDS = ["", "=", "<", "<=", "nuv", "znv", "sv", "od", "tr", "<>", ">=", ">", "uv", "vnz", "nsv", "ev"]
SUB_CONDS = ["", "=", "<", "<=", "<<", "<<=", "sv", "od", "tr", "<>", ">=", ">", ">>=", ">>", "nsv", "ev"]
LOGIC_CONDS = ["", "=", "<", "<=", "od", "tr", "<>", ">=", ">", "ev"]
UNIT_CONDS = ["", "sbz", "shz", "sdc", "sbc", "shc", "tr", "nbz", "nhz", "ndc", "nbc", "nhc"]
UXOR_CONDS = ["", "sbz", "shz", "tr", "nbz", "nhz"]
SHIFT_CONDS = ["", "=", "<", "od", "tr", "<>", ">=", "ev"]
COMPARE_BRANCH_CONDS = ["=", "<", "<=", "<<", "<<=", "sv", "od", "<>", ">=", ">", ">>=", ">>", "nsv", "ev"]
# c = 0..4 only (see the rules above).
ADD_BRANCH_CONDS = ["=", "<", "<=", "nuv", "<>", ">=", ">", "uv"]
FCMP_CONDS = ["false?", "false", "?", "!<=>", "=", "=t", "?=", "!<>", "!?>=", "<", "?<", "!>=", "!?>",
              "<=", "?<=", "!>", "!?<=", ">", "?>", "!<=", "!?<", ">=", "?>=", "!<", "!?=", "<>", "!=",
              "!=t", "!?", "<=>", "true?", "true"]

# Doubles the FP area starts with: signed zeros, infinities, PA-RISC NaNs (a quiet one has
# the leading fraction bit 0, a signalling one 1), denormals, extreme normals, halfway
# cases and integer limits for the conversions.
FP_VALUES = [
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x3ff8000000000000, 0x4004000000000000, 0xc004000000000000, 0x3fe0000000000000,
    0x3fb999999999999a, 0x7fefffffffffffff, 0xffefffffffffffff, 0x0010000000000000,
    0x0000000000000001, 0x800fffffffffffff, 0x7ff0000000000000, 0xfff0000000000000,
    0x7ff4000000000000, 0x7ff8000000000001, 0xfff4000000000123, 0x41dfffffffc00000,
    0x41e0000000000000, 0xc1e0000000000000, 0x41f0000000000000, 0x43e0000000000000,
    0xc3e0000000000000, 0x4330000000000001, 0x3ff0000000000001, 0x47efffffe0000000,
    0x36a0000000000000, 0x4059000000000000, 0xc08f400000000000, 0x3e80000000000000,
]


def is_qemu_bad_nan(bits):
    """A quiet NaN (PA-RISC: leading fraction bit 0) whose 23 leading fraction bits are 0."""
    exponent = (bits >> 52) & 0x7FF
    fraction = bits & ((1 << 52) - 1)
    return exponent == 0x7FF and fraction != 0 and (fraction >> 29) == 0


class Rng:
    """SplitMix64: the same numbers on every Python version and host."""

    def __init__(self, seed):
        self.state = (seed * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & MASK64

    def next64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n):
        return self.next64() % n

    def between(self, lo, hi):
        return lo + self.below(hi - lo + 1)

    def choice(self, seq):
        return seq[self.below(len(seq))]

    def percent(self, p):
        return self.below(100) < p


def interesting_word(rng):
    kind = rng.below(8)
    if kind == 0:
        return rng.choice([0, 1, 2, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFE])
    if kind == 1:
        return rng.between(0, 64)
    if kind == 2:
        return (-rng.between(1, 64)) & 0xFFFFFFFF
    if kind == 3:
        return (1 << rng.below(32)) ^ (0xFFFFFFFF if rng.percent(30) else 0)
    if kind == 4:  # decimal-looking nibbles, carries between digits
        return int("".join(rng.choice("0123456789") for _ in range(8)), 16)
    return rng.next64() & 0xFFFFFFFF


def signed(value, bits):
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


def fp_access(mnemonic, offset, fr, rng):
    """An FP load or store of the buffer at OFFSET: short form from a nearby base, or
    indexed (scaled or not)."""
    size = 8 if mnemonic[-1] == "d" else 4
    store = mnemonic.startswith("fst")
    form = rng.below(3)
    if form == 0:
        near = rng.between(-2, 1) * size
        lines = ["ldo %d(%%r26),%%r23" % (offset - near), "%d(%%r23)" % near]
    elif form == 1:
        lines = ["ldi %d,%%r23" % (offset // size), "%r23(%r26)"]
        mnemonic += ",s"
    else:
        lines = ["ldi %d,%%r23" % offset, "%r23(%r26)"]
    where = lines.pop()
    lines.append("%s %s,%s" % (mnemonic, fr, where) if store else "%s %s,%s" % (mnemonic, where, fr))
    return op(lines)


def op(lines, cond=False):
    if isinstance(lines, str):
        lines = [lines]
    return {"op": lines, "cond": cond}


class Generator:
    """oracle_bugs: break the rules above on purpose (DS with t = r2, DCOR, ADDB/ADDIB with
    c = 5..7), so that a run must find qemu-hppa's known bugs: a check of the checker."""

    def __init__(self, seed, fp=True, oracle_bugs=False):
        self.rng = Rng(seed)
        self.fp = fp
        self.oracle_bugs = oracle_bugs

    # --- single instructions -------------------------------------------------------
    def reg(self):
        return self.rng.choice(DATA)

    def cond(self, table, p_none=55):
        return "" if self.rng.percent(p_none) else self.rng.choice(table[1:])

    @staticmethod
    def with_cond(mnemonic, c):
        return mnemonic + ("," + c if c else "")

    def alu(self, nullifying=True):
        r = self.rng
        a, b, t = self.reg(), self.reg(), self.reg()
        kind = r.below(12)
        pick = (lambda table: self.cond(table)) if nullifying else (lambda table: "")
        if kind == 0:
            c = pick(ADD_CONDS)
            line = "%s %s,%s,%s" % (self.with_cond(r.choice(["add", "addl", "addc"]), c), a, b, t)
        elif kind == 1:
            c = pick(ADD_CONDS)
            m = r.choice(["sh1add", "sh2add", "sh3add", "sh1addl", "sh2addl", "sh3addl"])
            line = "%s %s,%s,%s" % (self.with_cond(m, c), a, b, t)
        elif kind == 2:
            c = pick(SUB_CONDS)
            line = "%s %s,%s,%s" % (self.with_cond(r.choice(["sub", "subb"]), c), a, b, t)
        elif kind == 3:
            c = pick(SUB_CONDS)
            line = "%s %s,%s,%s" % (self.with_cond("comclr", c), a, b, t)
        elif kind == 4:
            c = pick(LOGIC_CONDS)
            line = "%s %s,%s,%s" % (self.with_cond(r.choice(["and", "andcm", "or", "xor"]), c), a, b, t)
        elif kind == 5:
            if r.percent(50):
                c = pick(UXOR_CONDS)
                line = "%s %s,%s,%s" % (self.with_cond("uxor", c), a, b, t)
            else:
                c = pick(UNIT_CONDS)
                line = "%s %s,%s,%s" % (self.with_cond("uaddcm", c), a, b, t)
        elif kind == 6:
            # DS: the target is never the second source (qemu-hppa 7.2's PSW[V]).
            while t == b and not self.oracle_bugs:
                t = self.reg()
            if self.oracle_bugs and r.percent(50):
                t = b
            c = ""
            line = "ds %s,%s,%s" % (a, b, t)
            if self.oracle_bugs and r.percent(30):
                line = "%s %s,%s" % (r.choice(["dcor", "dcor,i"]), a, t)
        elif kind == 7:
            c = pick(ADD_CONDS)
            line = "%s %d,%s,%s" % (self.with_cond("addi", c), self.imm(11), a, t)
        elif kind == 8:
            c = pick(SUB_CONDS)
            m = r.choice(["subi", "comiclr"])
            line = "%s %d,%s,%s" % (self.with_cond(m, c), self.imm(11), a, t)
        elif kind == 9:
            c = ""
            line = r.choice([
                "ldi %d,%s" % (self.imm(14), t),
                "ldo %d(%s),%s" % (self.imm(14), a, t),
                "ldil L%%0x%x,%s" % (interesting_word(r), t),
                "copy %s,%s" % (a, t),
            ])
        elif kind == 10:
            c = ""
            line = "addil L%%0x%x,%s" % (interesting_word(r), a)
        else:
            # Expose the carry: C/B feeds ADDC and SUBB.
            # (SUB_CONDS[k] has ADD_CONDS[k]'s encoding: the same draw serves both.)
            c = pick(ADD_CONDS)
            mnemonic = r.choice(["addc", "subb"])
            if mnemonic == "subb":
                c = SUB_CONDS[ADD_CONDS.index(c)]
            line = "%s %s,%s,%s" % (self.with_cond(mnemonic, c), "%r0", a, t)
        return op(line, cond=c != "")

    def imm(self, bits):
        r = self.rng
        if r.percent(30):
            return r.choice([0, 1, -1, (1 << (bits - 1)) - 1, -(1 << (bits - 1))])
        if r.percent(50):
            return signed(r.next64(), bits)
        return min(r.between(-16, 16), (1 << (bits - 1)) - 1)

    def shift(self, nullifying=True):
        r = self.rng
        a, b, t = self.reg(), self.reg(), self.reg()
        c = self.cond(SHIFT_CONDS) if nullifying else ""
        pos = r.below(32)
        length = r.between(1, pos + 1)
        kind = r.below(10)
        if kind == 0:
            line = "%s %s,%d,%d,%s" % (self.with_cond(r.choice(["extru", "extrs"]), c), a, pos, length, t)
        elif kind == 1:
            line = "%s %s,%d,%s" % (self.with_cond(r.choice(["vextru", "vextrs"]), c), a, r.between(1, 32), t)
        elif kind == 2:
            line = "%s %s,%d,%d,%s" % (self.with_cond(r.choice(["zdep", "dep"]), c), a, pos, length, t)
        elif kind == 3:
            line = "%s %s,%d,%s" % (self.with_cond(r.choice(["zvdep", "vdep"]), c), a, r.between(1, 32), t)
        elif kind == 4:
            line = "%s %d,%d,%d,%s" % (self.with_cond(r.choice(["zdepi", "depi"]), c), self.imm(5), pos, length, t)
        elif kind == 5:
            line = "%s %d,%d,%s" % (self.with_cond(r.choice(["zvdepi", "vdepi"]), c), self.imm(5),
                                    r.between(1, 32), t)
        elif kind == 6:
            line = "%s %s,%s,%d,%s" % (self.with_cond("shd", c), a, b, r.below(32), t)
        elif kind == 7:
            line = "%s %s,%s,%s" % (self.with_cond("vshd", c), a, b, t)
        elif kind == 8:
            c = ""
            line = "mtsar %s" % a
        else:
            c = ""
            line = "mfctl %%cr11,%s" % t
        return op(line, cond=c != "")

    def memory(self):
        r = self.rng
        t, v = self.reg(), self.reg()
        kind = r.below(9)
        if kind == 0:
            size, mnem = r.choice([(4, "ldw"), (2, "ldh"), (1, "ldb")])
            return op("%s %d(%%r26),%s" % (mnem, r.below(BUFFER_BYTES // size) * size, t))
        if kind == 1:
            size, mnem = r.choice([(4, "stw"), (2, "sth"), (1, "stb")])
            return op("%s %s,%d(%%r26)" % (mnem, v, r.below(INT_WORDS * 4 // size) * size))
        if kind == 2:
            # Indexed, scaled or not: the index is a data register's low bits.
            size, mnem, scaled = r.choice([(4, "ldwx", True), (2, "ldhx", True), (1, "ldbx", False),
                                           (4, "ldwx", False), (2, "ldhx", False)])
            limit = BUFFER_BYTES // size if scaled else BUFFER_BYTES
            bits = limit.bit_length() - 1
            lines = ["extru %s,31,%d,%%r23" % (self.reg(), bits)]
            if not scaled and size > 1:
                lines.append("depi 0,31,%d,%%r23" % (size.bit_length() - 1))
            lines.append("%s%s %%r23(%%r26),%s" % (mnem, ",s" if scaled else "", t))
            return op(lines)
        if kind == 3:
            # Base modification before or after the access, through a copy of the base.
            size, load, store = r.choice([(4, "ldws", "stws"), (2, "ldhs", "sths"), (1, "ldbs", "stbs")])
            offset = r.between(4, INT_WORDS - 4) * 4
            step = r.choice([size, -size])
            mod = r.choice(["ma", "mb"])
            access = ("%s,%s %d(%%r23),%s" % (load, mod, step, t) if r.percent(50)
                      else "%s,%s %s,%d(%%r23)" % (store, mod, v, step))
            if size == 4 and r.percent(30):
                step = r.choice([4, -4, 16, -16])
                access = ("ldwm %d(%%r23),%s" % (step, t) if r.percent(50)
                          else "stwm %s,%d(%%r23)" % (v, step))
            return op(["ldo %d(%%r26),%%r23" % offset, access, "copy %%r23,%s" % self.reg()])
        if kind == 4:
            # STBY: the byte offset of the address chooses the bytes stored.
            offset = r.below(INT_WORDS * 4)
            return op(["ldo %d(%%r26),%%r23" % offset,
                       "stbys,%s %s,0(%%r23)" % (r.choice(["b", "e"]), v)])
        if kind == 5:
            offset = r.below(INT_WORDS // 4) * 16
            return op(["ldo %d(%%r26),%%r23" % offset, "ldcw 0(%%r23),%s" % t])
        if kind == 6:
            # A loop-varying address: the outer counter's low bits pick the word.
            lines = ["extru %r24,31,5,%r23", "sh2addl %r23,%r26,%r23"]
            lines.append(r.choice(["ldw 0(%%r23),%s" % t, "stw %s,0(%%r23)" % v]))
            return op(lines)
        if kind == 7:
            # The bits of a double, read as integers.
            return op("ldw %d(%%r26),%s" % (INT_WORDS * 4 + r.below(FP_DOUBLES * 2) * 4, t))
        return op("stw %s,%d(%%r26)" % (v, r.below(INT_WORDS) * 4))

    def fp_op(self):
        r = self.rng
        d = lambda: r.choice(DOUBLES)
        s = lambda: r.choice(SINGLES)
        fp_area = INT_WORDS * 4
        kind = r.below(14)
        if kind == 0:
            return op("%s,dbl %s,%s,%s" % (r.choice(["fadd", "fsub", "fmpy", "fdiv"]), d(), d(), d()))
        if kind == 1:
            return op("%s,sgl %s,%s,%s" % (r.choice(["fadd", "fsub", "fmpy", "fdiv"]), s(), s(), s()))
        if kind == 2:
            m = r.choice(["fsqrt", "frnd", "fabs", "fneg", "fnegabs", "fcpy"])
            return op(r.choice(["%s,dbl %s,%s" % (m, d(), d()), "%s,sgl %s,%s" % (m, s(), s())]))
        if kind == 3:
            m = r.choice(["fmpyfadd", "fmpynfadd"])
            return op(r.choice(["%s,dbl %s,%s,%s,%s" % (m, d(), d(), d(), d()),
                                "%s,sgl %s,%s,%s,%s" % (m, s(), s(), s(), s())]))
        if kind == 4:
            # Conversions: double-precision results to DOUBLES, words to SINGLES,
            # doublewords to RAW (rules above).
            return op(r.choice([
                "fcnvff,sgl,dbl %s,%s" % (s(), d()),
                "fcnvff,dbl,sgl %s,%s" % (d(), s()),
                "fcnvxf,sgl,dbl %s,%s" % (s(), d()),
                "fcnvxf,sgl,sgl %s,%s" % (s(), s()),
                "fcnvxf,dbl,dbl %s,%s" % (r.choice(RAW), d()),
                "fcnvxf,dbl,sgl %s,%s" % (r.choice(RAW), s()),
                "%s,dbl,sgl %s,%s" % (r.choice(["fcnvfx", "fcnvfxt"]), d(), s()),
                "%s,sgl,sgl %s,%s" % (r.choice(["fcnvfx", "fcnvfxt"]), s(), s()),
                "%s,dbl,dbl %s,%s" % (r.choice(["fcnvfx", "fcnvfxt"]), d(), r.choice(RAW)),
                "%s,sgl,dbl %s,%s" % (r.choice(["fcnvfx", "fcnvfxt"]), s(), r.choice(RAW)),
            ]))
        if kind == 5:
            return op("xmpyu %s,%s,%s" % (s(), s(), r.choice(RAW)))
        if kind == 6:
            # Compare, then FTEST nullifies the next instruction on the compare's result.
            fmt, a, b = r.choice([("dbl", d(), d()), ("sgl", s(), s())])
            return op(["fcmp,%s,%s %s,%s" % (fmt, r.choice(FCMP_CONDS), a, b), "ftest"], cond=True)
        # FP loads and stores: the short (5-bit displacement) and indexed forms, as GCC
        # emits them; PA-RISC 2.0's long-displacement FP forms are not in dynsim's subset.
        if kind == 7:
            return fp_access("fldd", fp_area + r.below(FP_DOUBLES) * 8, d(), r)
        if kind == 8:
            return fp_access("fstd", fp_area + r.below(FP_DOUBLES) * 8, d(), r)
        if kind == 9:
            return fp_access("fldw", r.below(BUFFER_BYTES // 4) * 4, s(), r)
        if kind == 10:
            return fp_access("fstw", r.below(INT_WORDS) * 4, s(), r)
        if kind == 11:
            return fp_access("fstd", r.below(INT_WORDS // 2) * 8, r.choice(RAW), r)
        if kind == 12:
            # A new rounding mode (RM, status bits 21..22), flags cleared, traps disabled.
            return op(["ldi %d,%%r23" % (r.below(4) << 9), "stw %%r23,%d(%%r26)" % (STATUS_WORD * 4),
                       "fldw %d(%%r26),%%fr0L" % (STATUS_WORD * 4)])
        return op("fcpy,dbl %s,%s" % (d(), d()))

    def straight(self, nullifying=True):
        r = self.rng
        roll = r.below(100)
        if roll < 40:
            return self.alu(nullifying)
        if roll < 62:
            return self.shift(nullifying)
        if not nullifying:
            return self.alu(False)
        if roll < 82 or not self.fp:
            return self.memory()
        return self.fp_op()

    def delay_slot(self):
        return self.straight(nullifying=False)["op"][0] if self.rng.percent(80) else "nop"

    # --- control flow --------------------------------------------------------------
    def add_branch_conds(self):
        return ADD_BRANCH_CONDS + (["znv", "sv", "od", "vnz", "nsv", "ev"] if self.oracle_bugs else [])

    def branch(self):
        r = self.rng
        n = ",n" if r.percent(50) else ""
        a, b = self.reg(), self.reg()
        kind = r.below(6)
        if kind == 0:
            return "comb,%s%s %s,%s,{L}" % (r.choice(COMPARE_BRANCH_CONDS), n, a, b)
        if kind == 1:
            return "comib,%s%s %d,%s,{L}" % (r.choice(COMPARE_BRANCH_CONDS), n, self.imm(5), a)
        if kind == 2:
            return "addb,%s%s %s,%s,{L}" % (r.choice(self.add_branch_conds()), n, a, b)
        if kind == 3:
            return "addib,%s%s %d,%s,{L}" % (r.choice(self.add_branch_conds()), n, self.imm(5), a)
        if kind == 4:
            return r.choice(["bb,%s%s %s,%d,{L}" % (r.choice(["<", ">="]), n, a, r.below(32)),
                             "bvb,%s%s %s,{L}" % (r.choice(["<", ">="]), n, a)])
        return r.choice(["movb,%s%s %s,%s,{L}" % (r.choice(SHIFT_CONDS[1:]), n, a, b),
                         "movib,%s%s %d,%s,{L}" % (r.choice(SHIFT_CONDS[1:]), n, self.imm(5), a)])

    def block(self, size, depth, in_sub):
        nodes = []
        for _ in range(size):
            roll = self.rng.below(100)
            if roll < 12 and depth < 3:
                nodes.append({"skip": self.branch(), "delay": self.delay_slot(),
                              "body": self.block(self.rng.between(1, 4), depth + 1, in_sub)})
            elif roll < 17 and depth < 3:
                ncases = self.rng.choice([2, 4])
                nodes.append({"switch": self.rng.choice(["blr", "bv", "be"]), "sel": self.reg(),
                              "cases": [self.block(self.rng.between(0, 3), depth + 1, in_sub)
                                        for _ in range(ncases)]})
            elif roll < 20 and not in_sub:
                nodes.append({"call": self.block(self.rng.between(1, 5), depth + 1, True)})
            else:
                nodes.append(self.straight())
        return nodes

    def loop(self, inner):
        r = self.rng
        body = self.block(r.between(3, 10), 1, False)
        if not inner and r.percent(35):
            at = r.below(len(body) + 1)
            body.insert(at, self.loop(True))
        # The back edge's delay slot runs on every iteration, or (,n on a backward
        # branch) on every iteration but the last.
        return {"loop": r.between(2, 5) if inner else r.between(101, 160),
                "reg": "%r25" if inner else "%r24",
                "back": r.choice(["addib", "comib", "addb"]),
                "n": r.percent(40),
                "delay": self.delay_slot(),
                "body": body}

    def program(self):
        r = self.rng
        init_regs = {reg: interesting_word(r) for reg in DATA}
        init_sar = r.below(32)
        buffer_words = [interesting_word(r) for _ in range(INT_WORDS)]
        fp_area = [r.choice(FP_VALUES) if r.percent(70) else self.random_double() for _ in range(FP_DOUBLES)]
        body = []
        for _ in range(r.between(1, 3)):
            body += self.block(r.between(2, 8), 0, False)
            body.append(self.loop(False))
            body.append({"ckpt": True})
        body += self.block(r.between(0, 6), 0, False)
        body.append({"ckpt": True})
        return {"regs": init_regs, "sar": init_sar, "buffer": buffer_words, "fp": fp_area, "body": body}

    def random_double(self):
        while True:
            bits = self.rng.next64()
            if not is_qemu_bad_nan(bits):
                return bits


def generate(seed, fp=True, oracle_bugs=False):
    return Generator(seed, fp, oracle_bugs).program()


# --- rendering ---------------------------------------------------------------------

class Renderer:
    def __init__(self, prefix):
        self.prefix = prefix
        self.lines = []
        self.subs = []
        self.data = []
        self.labels = 0
        self.may_nullify = False  # the last instruction emitted may nullify the next

    def label(self):
        self.labels += 1
        return "%s_%d" % (self.prefix, self.labels)

    def insn(self, line, cond=False):
        self.lines.append("\t" + line)
        self.may_nullify = cond

    def guard(self):
        """A group whose first instruction must run: never right after a nullifier."""
        if self.may_nullify:
            self.insn("nop")

    def place(self, name):
        self.lines.append(name + ":")

    def nodes(self, nodes):
        for node in nodes:
            self.node(node)

    def node(self, node):
        if "op" in node:
            lines = node["op"]
            if len(lines) > 1:
                self.guard()
            for k, line in enumerate(lines):
                self.insn(line, cond=node["cond"] and k == len(lines) - 1)
        elif "ckpt" in node:
            self.insn("bl dt_checkpoint,%r31")
            self.insn("nop")
        elif "skip" in node:
            end = self.label()
            self.insn(node["skip"].replace("{L}", end))
            self.insn(node["delay"])
            self.nodes(node["body"])
            self.place(end)
        elif "loop" in node:
            self.loop(node)
        elif "switch" in node:
            self.switch(node)
        elif "call" in node:
            sub = self.label()
            self.insn("bl %s,%%r31" % sub)
            self.insn("nop")
            self.subs.append((sub, node["call"]))
        else:
            raise ValueError("unknown node %r" % (node,))

    def loop(self, node):
        reg, top = node["reg"], self.label()
        n = ",n" if node.get("n") else ""
        self.guard()
        if node["back"] == "addb":
            # Count up from -COUNT by a register holding 1 (r22: free inside the loop's
            # own instructions only between iterations, so it is set every time).
            self.insn("ldi %d,%s" % (-node["loop"], reg))
            self.place(top)
            self.nodes(node["body"])
            self.guard()
            self.insn("ldi 1,%r22")
            self.insn("addb,<>%s %%r22,%s,%s" % (n, reg, top))
        else:
            self.insn("ldi %d,%s" % (node["loop"], reg))
            self.place(top)
            self.nodes(node["body"])
            if node["back"] == "addib":
                self.insn("addib,<>%s -1,%s,%s" % (n, reg, top))
            else:
                self.guard()
                self.insn("ldo -1(%s),%s" % (reg, reg))
                self.insn("comib,<>%s 0,%s,%s" % (n, reg, top))
        self.insn(node.get("delay", "nop"))

    def switch(self, node):
        cases = node["cases"]
        bits = (len(cases) - 1).bit_length()
        labels = [self.label() for _ in cases]
        end = self.label()
        self.guard()
        self.insn("extru %s,31,%d,%%r22" % (node["sel"], bits))
        if node["switch"] == "blr":
            # BLR branches to IAOQ_back + 8*r22 + 4 ... : a table of two-instruction slots.
            self.insn("blr %r22,%r0")
            self.insn("nop")
            for lab in labels:
                self.insn("b,n %s" % lab)
                self.insn("nop")
        else:
            table = self.label()
            self.data.append("%s:\n%s" % (table, "\n".join("\t.word %s" % lab for lab in labels)))
            self.insn("ldil L%%%s,%%r23" % table)
            self.insn("ldo R%%%s(%%r23),%%r23" % table)
            self.insn("ldwx,s %r22(%r23),%r22")
            # BE: an interspace branch to the program's own space (sr4, as Linux sets it).
            self.insn("bv,n %r0(%r22)" if node["switch"] == "bv" else "be,n 0(%sr4,%r22)")
        for k, (lab, body) in enumerate(zip(labels, cases)):
            self.place(lab)
            self.may_nullify = False
            self.nodes(body)
            if k != len(cases) - 1:
                self.insn("b,n %s" % end)
        self.place(end)

    def subroutines(self):
        for name, body in self.subs:
            self.place(name)
            self.may_nullify = False
            self.nodes(body)
            self.guard()
            self.insn("bv %r0(%r31)")
            self.insn("nop")


# Where a program's generated body starts (after the fixed set-up).
BODY_MARK = "; the generated instructions"


def hex_word(value):
    return "0x%08x" % (value & 0xFFFFFFFF)


def render_program(index, program):
    """One program as the function dt_prog_INDEX and its data; returns (text, data)."""
    name = "dt_prog_%d" % index
    r = Renderer(".L%s" % name)
    r.lines.append("\t.align 4\n%s:" % name)
    # Who is printing (the checkpoint routine reads dt_state), and a known PSW: C/B = 0,
    # V = 1 (DS of r0 and 0x80000000 with C/B = 0 sets V whatever it was), C/B = 0 again,
    # FP status 0 (round to nearest, no flags, no traps).
    r.insn("ldil L%dt_state,%r23")
    r.insn("ldo R%dt_state(%r23),%r23")
    r.insn("ldi %d,%%r22" % index)
    r.insn("stw %r22,0(%r23)")
    r.insn("stw %r0,4(%r23)")
    r.insn("fldw 8(%r23),%fr0L")
    r.insn("ldil L%%%s_buffer,%%r26" % name)
    r.insn("ldo R%%%s_buffer(%%r26),%%r26" % name)
    r.insn("ldil L%0x80000000,%r22")
    r.insn("add %r0,%r0,%r0")
    r.insn("ds %r0,%r22,%r0")
    r.insn("add %r0,%r0,%r0")
    r.insn("ldi %d,%%r22" % program["sar"])
    r.insn("mtsar %r22")
    for reg in DATA:
        value = program["regs"][reg]
        r.insn("ldil L%%%s,%s" % (hex_word(value), reg))
        r.insn("ldo R%%%s(%s),%s" % (hex_word(value), reg, reg))
    r.insn("ldo %d(%%r26),%%r23" % (INT_WORDS * 4))
    for reg in DOUBLES:
        r.insn("fldd,ma 8(%%r23),%s" % reg)
    r.insn("copy %r26,%r23")
    for reg in SINGLES:
        r.insn("fldw,ma 4(%%r23),%s" % reg)
    for reg in RAW:
        r.insn("fldd,ma 8(%%r23),%s" % reg)
    r.lines.append(BODY_MARK)
    r.nodes(program["body"])
    r.guard()
    r.insn("bv %r0(%r2)")
    r.insn("nop")
    r.subroutines()
    data = ["\t.align 16", "%s_buffer:" % name]
    data += ["\t.word %s" % hex_word(w) for w in program["buffer"]]
    data += ["\t.word %s,%s" % (hex_word(d >> 32), hex_word(d)) for d in program["fp"]]
    data += r.data
    return "\n".join(r.lines), "\n".join(data)


def render_batch(programs):
    """Assembly for hppa-linux-gnu-as: dt_program_table lists the programs in order."""
    text, data = [], []
    for index, program in enumerate(programs):
        t, d = render_program(index, program)
        text.append(t)
        data.append(d)
    out = ["\t.level 2.0", "\t.text"] + text
    out += ["\t.data", "\t.align 4", "\t.globl dt_program_table", "dt_program_table:",
            "\t.word %d" % len(programs)] + ["\t.word dt_prog_%d" % k for k in range(len(programs))]
    out += data
    return "\n".join(out) + "\n"


def count_instructions(nodes):
    n = 0
    for node in nodes:
        if "op" in node:
            n += len(node["op"])
        elif "skip" in node:
            n += 2 + count_instructions(node["body"])
        elif "loop" in node:
            n += 3 + count_instructions(node["body"])
        elif "switch" in node:
            n += 4 + sum(count_instructions(c) + 1 for c in node["cases"])
        elif "call" in node:
            n += 4 + count_instructions(node["call"])
        else:
            n += 2
    return n
