// Interprets the SYNTAX templates of insns.def. Operand codes are documented there.
#include "isa/disasm.h"

#include "isa/codec.h"
#include "isa/conditions.h"

namespace isa {
namespace {

// A bounded writer into the caller's buffer.
struct Out {
  char* p;
  char* end;  // last usable byte (reserved for the NUL)
  bool gas;   // GNU as syntax: %registers, 0x numbers, relative targets
  size_t n = 0;
  void ch(char c) {
    if (p < end) *p++ = c;
    ++n;
  }
  void str(const char* s) {
    while (*s) ch(*s++);
  }
  void hex(uint32_t v) {
    char tmp[8];
    int k = 0;
    do {
      tmp[k++] = "0123456789abcdef"[v & 15];
      v >>= 4;
    } while (v);
    while (k) ch(tmp[--k]);
  }
  void dec(uint32_t v) {
    char tmp[10];
    int k = 0;
    do {
      tmp[k++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    while (k) ch(tmp[--k]);
  }
  void shex(int32_t v) {
    if (v < 0) ch('-');
    if (gas) str("0x");
    hex(v < 0 ? 0u - static_cast<uint32_t>(v) : static_cast<uint32_t>(v));
  }
  void sdec(int32_t v) {
    if (v < 0) ch('-');
    dec(v < 0 ? 0u - static_cast<uint32_t>(v) : static_cast<uint32_t>(v));
  }
};

constexpr const char* kGrNames[32] = {
    "r0",  "r1",  "rp",  "r3",  "r4",  "r5",  "r6",  "r7",  "r8",   "r9",   "r10",
    "r11", "r12", "r13", "r14", "r15", "r16", "r17", "r18", "r19",  "r20",  "r21",
    "r22", "r23", "r24", "r25", "r26", "dp",  "ret0", "ret1", "sp", "r31"};
constexpr const char* kCrNames[32] = {
    "rctr", "cr1",  "cr2",  "cr3",  "cr4",  "cr5",  "cr6",  "cr7",  "pidr1", "pidr2", "ccr",
    "sar",  "pidr3", "pidr4", "iva", "eiem", "itmr", "pcsq", "pcoq", "iir",  "isr",   "ior",
    "ipsw", "eirr", "tr0",  "tr1",  "tr2",  "tr3",  "tr4",  "tr5",  "tr6",   "tr7"};

// FP register; `word` operands name a half, which GNU as wants spelled out as L or R.
void fr(Out& o, unsigned r, bool right, bool word) {
  // objdump names fr1..fr3 and the right halves of fr0..fr3 after the exception
  // registers they hold: frNL -> fpe(2N), frNR -> fpe(2N+1); fr0L stays "fr0".
  if (!o.gas && r < 4 && (r > 0 || right)) {
    o.str("fpe");
    o.dec(2 * r + (right ? 1 : 0));
    return;
  }
  o.str(o.gas ? "%fr" : "fr");
  o.dec(r);
  if (right) o.ch('R');
  else if (o.gas && word) o.ch('L');
}

// FCMP conditions c (PA-RISC 2.0 manual, table 9-? "Floating-point compare conditions"),
// as objdump spells them.
constexpr const char* kFcmpNames[32] = {
    "false?", "false", "?",   "!<=>", "=",    "=t",  "?=",   "!<>", "!?>=", "<",    "?<",
    "!>=",    "!?>",   "<=",  "?<=",  "!>",   "!?<=", ">",   "?>",  "!<=",  "!?<",  ">=",
    "?>=",    "!<",    "!?=", "<>",   "!=",   "!=t", "!?",   "<=>", "true?", "true"};

bool has_slot(Format f, Slot s) {
  for (const Field* x = format_fields(f); x->slot != Slot::end; ++x)
    if (x->slot == s) return true;
  return false;
}

// FMPYADD's 5-bit register fields: doubles name fr0..fr31; singles name fr16..fr31 by
// the low four bits, bit 4 selecting the right half (manual, FMPYADD). objdump 2.40 does
// not print that half; GNU as needs it.
void fmpyadd_reg(Out& o, const Insn& i, unsigned field) {
  const bool single = i.op == Op::FMPYADD_SGL || i.op == Op::FMPYSUB_SGL;
  if (!single) return fr(o, field, false, false);
  o.str(o.gas ? "%fr" : "fr");
  o.dec(16 + (field & 15));
  if (o.gas && (field & 16)) o.ch('R');
}

void gr(Out& o, unsigned r) {
  if (o.gas) {
    o.str("%r");
    o.dec(r & 31);
  } else {
    o.str(kGrNames[r & 31]);
  }
}

void mem_completer(Out& o, const Insn& i) {
  const uint32_t am = info(i).props & prop::AM_MASK;
  const bool m = i.flags & kFlagM, a = i.flags & kFlagA;
  if (am == prop::AM_LONGM) {
    // The architecture (and qemu) modify before for a negative displacement; objdump
    // decides by bit 18, the top bit of im14, which differs for |d| >= 4096.
    const bool before = o.gas ? i.im < 0 : ((i.im >> 12) & 1) != 0;
    o.str(before ? ",mb" : ",ma");
  } else if (m) {
    // objdump spells a short form that modifies by 0 ",o", a long one ",ma".
    const bool o_form = am == prop::AM_SHORT && i.im == 0 && !o.gas;
    o.str(a ? ",mb" : o_form ? ",o" : ",ma");
  }
}

void index_completer(Out& o, const Insn& i) {
  const bool m = i.flags & kFlagM, u = i.flags & kFlagU;
  if (u && m) o.str(",sm");
  else if (u) o.str(",s");
  else if (m) o.str(",m");
}

void target(Out& o, const Insn& i, uint32_t pc, const Symbolizer* sym) {
  if (o.gas) {  // relative to this instruction: .+8+disp
    o.ch('.');
    if (i.im + 8 >= 0) o.ch('+');
    o.sdec(i.im + 8);
    return;
  }
  const uint32_t t = pc + 8 + static_cast<uint32_t>(i.im);
  o.hex(t);
  if (sym && sym->fn) {
    char buf[128];
    if (sym->fn(sym->ctx, t, buf, sizeof buf)) {
      o.ch(' ');
      o.str(buf);
    }
  }
}

// One {code}; returns false for an unknown code (a table error the tests catch).
bool operand(Out& o, const char* code, size_t len, const Insn& i, uint32_t pc,
             const Symbolizer* sym) {
  auto is = [&](const char* s) {
    size_t k = 0;
    while (k < len && s[k] == code[k]) ++k;
    return k == len && s[k] == 0;
  };
  const bool word = info(i).size == 4 || i.op == Op::XMPYU;
  // FP operations name halves where their format has the operand's half-select bit.
  const bool fp_op = info(i).sem >= Sem::FpUnary;
  const Format fmt = info(i).format;
  if (is("r1")) gr(o, i.r1);
  else if (is("r2")) gr(o, i.r2);
  else if (is("t")) gr(o, i.t);
  else if (is("gr1")) { if (!o.gas) o.str(",r1"); }  // GNU as wants ADDIL's r1 implicit
  else if (is("rp")) gr(o, 2);
  else if (is("r31")) gr(o, 31);
  else if (is("sar")) o.str(o.gas ? "%sar" : "sar");
  else if (is("sr0")) o.str(o.gas ? "%sr0" : "sr0");
  else if (is("f1")) fr(o, i.r1, i.flags & kFlagLR1, fp_op ? has_slot(fmt, Slot::lr1) : word);
  else if (is("f2")) fr(o, i.r2, i.flags & kFlagLR2, fp_op ? has_slot(fmt, Slot::lr2) : word);
  else if (is("ft")) fr(o, i.t, i.flags & kFlagLRT, fp_op ? has_slot(fmt, Slot::lrt) : word && i.op != Op::XMPYU);
  else if (is("fa")) fr(o, i.len, i.flags & kFlagLRA, has_slot(fmt, Slot::lra));
  else if (is("fm1")) fmpyadd_reg(o, i, i.r1);
  else if (is("fm2")) fmpyadd_reg(o, i, i.r2);
  else if (is("fmt")) fmpyadd_reg(o, i, i.t);
  else if (is("fmra")) fmpyadd_reg(o, i, i.len);
  else if (is("fmta")) fmpyadd_reg(o, i, i.sr);
  else if (is("fc")) { o.ch(','); o.str(kFcmpNames[i.im2 & 31]); }
  else if (len > 2 && code[0] == 'o' && code[1] == ':') {
    size_t bar = 2;
    while (bar < len && code[bar] != '|') ++bar;
    const size_t from = o.gas ? bar + 1 : 2, to = o.gas ? len : bar;
    for (size_t k = from; k < to; ++k) o.ch(code[k]);
  }
  else if (is("im")) o.shex(i.im);
  else if (is("im2")) o.shex(i.im2);
  else if (is("imd")) o.sdec(i.im);
  else if (is("L")) { o.str("L%"); o.shex(i.im); }
  else if (is("tgt")) target(o, i, pc, sym);
  else if (is("p")) o.dec(i.p);
  else if (is("px")) o.gas ? o.dec(i.p) : o.hex(i.p);
  else if (is("len")) o.dec(i.len);
  else if (is("sr")) { o.str(o.gas ? "%sr" : "sr"); o.dec(i.sr); }
  else if (is("cr")) { if (o.gas) { o.str("%cr"); o.dec(i.r2 & 31); } else o.str(kCrNames[i.r2 & 31]); }
  else if (is("c")) {
    const char* c = kCondNames[info(i).cond][i.cond & 15];
    if (c && *c) { o.ch(','); o.str(c); }
  } else if (is("n")) { if (i.flags & kFlagN) o.str(",n"); }
  else if (is("ma")) mem_completer(o, i);
  else if (is("sx")) index_completer(o, i);
  else return false;
  return true;
}

size_t render(const Insn& i, uint32_t pc, char* buf, size_t size, const Symbolizer* sym,
              bool mnemonic_only, bool gas) {
  Out o{buf, buf + (size ? size - 1 : 0), gas};
  if (i.op == Op::kIllegal) {
    o.str(".word 0x");
    const uint32_t w = static_cast<uint32_t>(i.im);
    for (int s = 28; s >= 0; s -= 4) o.ch("0123456789abcdef"[(w >> s) & 15]);
  } else {
    for (const char* s = info(i).syntax; *s; ++s) {
      if (mnemonic_only && *s == ' ') break;
      if (*s != '{') { o.ch(*s); continue; }
      const char* e = s + 1;
      while (*e && *e != '}') ++e;
      if (!operand(o, s + 1, static_cast<size_t>(e - s - 1), i, pc, sym)) o.str("{?}");
      s = *e ? e : e - 1;
    }
  }
  if (size) *o.p = 0;
  return o.n < size ? o.n : (size ? size - 1 : 0);
}

}  // namespace

const char* gr_name(unsigned r) { return kGrNames[r & 31]; }
const char* cr_name(unsigned r) { return kCrNames[r & 31]; }

size_t disassemble(const Insn& i, uint32_t pc, char* buf, size_t size, const Symbolizer* sym) {
  return render(i, pc, buf, size, sym, false, false);
}

size_t disassemble_word(uint32_t w, uint32_t pc, char* buf, size_t size, const Symbolizer* sym) {
  return render(decode(w), pc, buf, size, sym, false, false);
}

size_t mnemonic(const Insn& i, char* buf, size_t size) {
  return render(i, 0, buf, size, nullptr, true, false);
}

size_t gas_syntax(const Insn& i, char* buf, size_t size) {
  return render(i, 0, buf, size, nullptr, false, true);
}

}  // namespace isa
