// Table-driven decoder and encoder: insns.def gives match/mask per pattern, formats.def
// gives the fields. Patterns are bucketed by major opcode at compile time.
#include "isa/codec.h"

#include "isa/bits.h"
#include "isa/conditions.h"
#include "isa/inline.h"

namespace isa {
namespace {

#define F(SLOT, ENC, POS, LEN) {Slot::SLOT, Enc::ENC, POS, LEN},
#define ISA_FORMAT(NAME, LAYOUT, FIELDS) constexpr Field kFields_##NAME[] = {FIELDS{Slot::end, Enc::U, 0, 0}};
#include "isa/formats.def"
#undef ISA_FORMAT
#undef F

constexpr const Field* kFormatFields[] = {
#define ISA_FORMAT(NAME, ...) kFields_##NAME,
#include "isa/formats.def"
#undef ISA_FORMAT
};
constexpr const char* kFormatNames[] = {
#define ISA_FORMAT(NAME, ...) #NAME,
#include "isa/formats.def"
#undef ISA_FORMAT
};
constexpr const char* kFormatLayouts[] = {
#define ISA_FORMAT(NAME, LAYOUT, ...) LAYOUT,
#include "isa/formats.def"
#undef ISA_FORMAT
};

// Pattern indices sorted (stably) by major opcode, and each major's first index.
// A pattern whose mask leaves opcode bits free (cmpb's f bit) sits in several buckets.
constexpr bool in_major(const Info& in, unsigned major) {
  return ((major << 26) & in.mask) == (in.match & in.mask & 0xfc000000u);
}
constexpr unsigned count_entries() {
  unsigned n = 0;
  for (unsigned major = 0; major < 64; ++major)
    for (unsigned op = 0; op < kNumOps; ++op) n += in_major(detail::kInfo[op], major);
  return n;
}
struct MajorIndex {
  uint16_t order[count_entries()];
  uint16_t start[65];
};
constexpr MajorIndex build_index() {
  MajorIndex ix{};
  unsigned n = 0;
  for (unsigned major = 0; major < 64; ++major) {
    ix.start[major] = static_cast<uint16_t>(n);
    for (unsigned op = 0; op < kNumOps; ++op)
      if (in_major(detail::kInfo[op], major)) ix.order[n++] = static_cast<uint16_t>(op);
  }
  ix.start[64] = static_cast<uint16_t>(n);
  return ix;
}
constexpr MajorIndex kIndex = build_index();

ISA_INLINE int32_t extract(uint32_t w, const Field& f) {
  const uint32_t x = field(w, f.pos, f.len);
  switch (f.enc) {
    case Enc::U: return static_cast<int32_t>(x);
    case Enc::LSE: return low_sign_ext(x, f.len);
    case Enc::A3: return static_cast<int32_t>(assemble_3(x));
    case Enc::CP: return static_cast<int32_t>(31 - x);
    case Enc::CL: return static_cast<int32_t>(32 - x);
    case Enc::A12: return assemble_12(field(w, 19, 11), field(w, 31, 1));
    case Enc::A17: return assemble_17(field(w, 11, 5), field(w, 19, 11), field(w, 31, 1));
    case Enc::A22:
      return assemble_22(field(w, 6, 5), field(w, 11, 5), field(w, 19, 11), field(w, 31, 1));
    case Enc::A21: return static_cast<int32_t>(assemble_21(field(w, 11, 21)));
    case Enc::FA: return static_cast<int32_t>(field(w, 16, 3) << 2 | field(w, 21, 2));
    case Enc::LD: {  // im10a (im11a) with its sign at bit 31, in doublewords (words)
      const int32_t scaled = static_cast<int32_t>(x) - static_cast<int32_t>(field(w, 31, 1) << f.len);
      return scaled * (1 << (13 - f.len));
    }
    case Enc::K1: return 1;
  }
  return 0;
}

ISA_INLINE uint32_t insert(int32_t v, const Field& f) {
  const uint32_t u = static_cast<uint32_t>(v), d = u >> 2;
  switch (f.enc) {
    case Enc::U: return put_field(u, f.pos, f.len);
    case Enc::LSE: return put_field(inv_low_sign_ext(v, f.len), f.pos, f.len);
    case Enc::A3: return put_field(inv_assemble_3(u), f.pos, f.len);
    case Enc::CP: return put_field(31 - u, f.pos, f.len);
    case Enc::CL: return put_field(32 - u, f.pos, f.len);
    case Enc::A12: return put_field(w2_of(d), 19, 11) | put_field(d >> 11, 31, 1);
    case Enc::A17:
      return put_field(d >> 11, 11, 5) | put_field(w2_of(d), 19, 11) | put_field(d >> 16, 31, 1);
    case Enc::A22:
      return put_field(d >> 16, 6, 5) | put_field(d >> 11, 11, 5) | put_field(w2_of(d), 19, 11) |
             put_field(d >> 21, 31, 1);
    case Enc::A21: return put_field(inv_assemble_21(u), f.pos, f.len);
    case Enc::FA: return put_field(u >> 2, 16, 3) | put_field(u, 21, 2);
    case Enc::LD: {
      const uint32_t scaled = static_cast<uint32_t>(v >> (13 - f.len));
      return put_field(scaled, f.pos, f.len) | put_field(scaled >> f.len, 31, 1);
    }
    case Enc::K1: return 0;
  }
  return 0;
}

ISA_INLINE void set_flag(Insn& i, uint8_t bit, int32_t v) {
  if (v) i.flags = static_cast<uint8_t>(i.flags | bit);
}

ISA_INLINE void store_slot(Insn& i, Slot s, int32_t v) {
  const uint8_t b = static_cast<uint8_t>(v);
  switch (s) {
    case Slot::r1: i.r1 = b; break;
    case Slot::r2: i.r2 = b; break;
    case Slot::t: i.t = b; break;
    case Slot::c: i.cond = static_cast<uint8_t>(i.cond | (b << 1)); break;
    case Slot::f: i.cond = static_cast<uint8_t>(i.cond | b); break;
    case Slot::sr: i.sr = b; break;
    case Slot::p: i.p = b; break;
    case Slot::len: i.len = b; break;
    case Slot::im: i.im = v; break;
    case Slot::im2: i.im2 = static_cast<int16_t>(v); break;
    case Slot::n: set_flag(i, kFlagN, v); break;
    case Slot::m: set_flag(i, kFlagM, v); break;
    case Slot::a: set_flag(i, kFlagA, v); break;
    case Slot::u: set_flag(i, kFlagU, v); break;
    case Slot::lr1: set_flag(i, kFlagLR1, v); break;
    case Slot::lr2: set_flag(i, kFlagLR2, v); break;
    case Slot::lrt: set_flag(i, kFlagLRT, v); break;
    case Slot::ra: i.len = b; break;
    case Slot::ta: i.sr = b; break;
    case Slot::lra: set_flag(i, kFlagLRA, v); break;
    case Slot::end: break;
  }
}

ISA_INLINE int32_t load_slot(const Insn& i, Slot s) {
  switch (s) {
    case Slot::r1: return i.r1;
    case Slot::r2: return i.r2;
    case Slot::t: return i.t;
    case Slot::c: return i.cond >> 1;
    case Slot::f: return i.cond & 1;
    case Slot::sr: return i.sr;
    case Slot::p: return i.p;
    case Slot::len: return i.len;
    case Slot::im: return i.im;
    case Slot::im2: return i.im2;
    case Slot::n: return (i.flags & kFlagN) != 0;
    case Slot::m: return (i.flags & kFlagM) != 0;
    case Slot::a: return (i.flags & kFlagA) != 0;
    case Slot::u: return (i.flags & kFlagU) != 0;
    case Slot::lr1: return (i.flags & kFlagLR1) != 0;
    case Slot::lr2: return (i.flags & kFlagLR2) != 0;
    case Slot::lrt: return (i.flags & kFlagLRT) != 0;
    case Slot::ra: return i.len;
    case Slot::ta: return i.sr;
    case Slot::lra: return (i.flags & kFlagLRA) != 0;
    case Slot::end: break;
  }
  return 0;
}

// A format's fields extracted (inserted) in a row: with the field list a constant,
// extract() and store_slot() (insert() and load_slot()) fold to a few shifts and masks
// per field.
template <unsigned F, unsigned K = 0>
ISA_INLINE void extract_fields(Insn& i, uint32_t w) {
  constexpr Field f = kFormatFields[F][K];
  if constexpr (f.slot != Slot::end) {
    store_slot(i, f.slot, extract(w, f));
    extract_fields<F, K + 1>(i, w);
  }
}

template <unsigned F, unsigned K = 0>
ISA_INLINE uint32_t insert_fields(const Insn& i) {
  constexpr Field f = kFormatFields[F][K];
  if constexpr (f.slot != Slot::end) {
    return insert(load_slot(i, f.slot), f) | insert_fields<F, K + 1>(i);
  } else {
    return 0;
  }
}

void extract_format(Insn& i, uint32_t w, Format format) {
  switch (format) {
#define ISA_FORMAT(NAME, ...) \
  case Format::NAME: extract_fields<static_cast<unsigned>(Format::NAME)>(i, w); break;
#include "isa/formats.def"
#undef ISA_FORMAT
  }
}

uint32_t insert_format(const Insn& i, Format format) {
  switch (format) {
#define ISA_FORMAT(NAME, ...) \
  case Format::NAME: return insert_fields<static_cast<unsigned>(Format::NAME)>(i);
#include "isa/formats.def"
#undef ISA_FORMAT
  }
  return 0;
}

}  // namespace

const Field* format_fields(Format f) { return kFormatFields[static_cast<unsigned>(f)]; }
const char* format_name(Format f) { return kFormatNames[static_cast<unsigned>(f)]; }
const char* format_layout(Format f) { return kFormatLayouts[static_cast<unsigned>(f)]; }
const char* slot_name(Slot s) {
  constexpr const char* kNames[] = {"r1", "r2", "t", "c", "f", "sr", "p", "len", "im",
                                    "im2", "n", "m", "a", "u", "lr1", "lr2", "lrt", "ra", "ta",
                                    "lra", "end"};
  return kNames[static_cast<unsigned>(s)];
}

Insn decode(uint32_t w) {
  Insn i{};
  i.op = Op::kIllegal;
  const unsigned major = w >> 26;
  for (unsigned k = kIndex.start[major]; k < kIndex.start[major + 1]; ++k) {
    const Info& in = detail::kInfo[kIndex.order[k]];
    if ((w & in.mask) != in.match) continue;
    extract_format(i, w, in.format);
    if (!cond_valid(in.cond, i.cond)) break;
    i.op = static_cast<Op>(kIndex.order[k]);
    return i;
  }
  Insn bad{};
  bad.op = Op::kIllegal;
  bad.im = static_cast<int32_t>(w);  // keep the word for diagnostics
  return bad;
}

uint32_t encode(const Insn& i) {
  const Info& in = info(i.op);
  if (i.op == Op::kIllegal) return static_cast<uint32_t>(i.im);
  return in.match | insert_format(i, in.format);
}

}  // namespace isa
