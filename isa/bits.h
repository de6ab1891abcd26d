// Bit-field helpers in the PA-RISC manual's numbering (bit 0 is the most significant bit of
// the 32-bit instruction word), and the immediate "assemble" functions of the PA-RISC 2.0
// Architecture manual, chapter 5 ("Instruction Descriptions", operand notation):
// low_sign_ext, assemble_3, assemble_12, assemble_17, assemble_21, assemble_22.
// Every function has its inverse so that the encoder is exact. Freestanding.
#ifndef DYNSIM_ISA_BITS_H
#define DYNSIM_ISA_BITS_H

#include <stdint.h>

namespace isa {

// Field of `len` bits whose most significant bit is manual bit `pos`.
constexpr uint32_t field(uint32_t w, unsigned pos, unsigned len) {
  return (w >> (32 - pos - len)) & ((len == 32) ? ~0u : ((1u << len) - 1));
}
constexpr uint32_t put_field(uint32_t v, unsigned pos, unsigned len) {
  return (v & ((len == 32) ? ~0u : ((1u << len) - 1))) << (32 - pos - len);
}
constexpr int32_t sign_ext(uint32_t v, unsigned len) {
  return static_cast<int32_t>(v << (32 - len)) >> (32 - len);
}
// low_sign_ext(x, len): the sign bit is the field's least significant bit.
constexpr int32_t low_sign_ext(uint32_t x, unsigned len) {
  return (x & 1) ? -static_cast<int32_t>(1u << (len - 1)) + static_cast<int32_t>(x >> 1)
                 : static_cast<int32_t>(x >> 1);
}
constexpr uint32_t inv_low_sign_ext(int32_t v, unsigned len) {
  uint32_t u = static_cast<uint32_t>(v) & ((1u << (len - 1)) - 1);
  return (u << 1) | (v < 0 ? 1u : 0u);
}
// Space-register fields of 3 bits are rotated: sr = cat(s{2}, s{0..1}).
constexpr uint32_t assemble_3(uint32_t s) { return ((s & 1) << 2) | (s >> 1); }
constexpr uint32_t inv_assemble_3(uint32_t sr) { return ((sr & 3) << 1) | (sr >> 2); }
// Branch displacements (in bytes, already shifted left by 2).
// assemble_12(w1, w) = cat(w, w1{10}, w1{0..9}); word bits 19..29 = w1, bit 31 = w.
constexpr int32_t assemble_12(uint32_t w1, uint32_t w) {
  return sign_ext((w << 11) | ((w1 & 1) << 10) | (w1 >> 1), 12) * 4;
}
// assemble_17(w1, w2, w) = cat(w, w1, w2{10}, w2{0..9}).
constexpr int32_t assemble_17(uint32_t w1, uint32_t w2, uint32_t w) {
  return sign_ext((w << 16) | (w1 << 11) | ((w2 & 1) << 10) | (w2 >> 1), 17) * 4;
}
// assemble_22(w3, w1, w2, w) = cat(w, w3, w1, w2{10}, w2{0..9}).
constexpr int32_t assemble_22(uint32_t w3, uint32_t w1, uint32_t w2, uint32_t w) {
  return sign_ext((w << 21) | (w3 << 16) | (w1 << 11) | ((w2 & 1) << 10) | (w2 >> 1), 22) * 4;
}
// The 11-bit w2 field of the assemble functions from a word displacement's low 11 bits.
constexpr uint32_t w2_of(uint32_t d) { return ((d & 0x3ff) << 1) | ((d >> 10) & 1); }
// assemble_21(x) for LDIL/ADDIL, x = word bits 11..31; result is the immediate << 11:
// cat(x{20}, x{9..19}, x{5..6}, x{0..4}, x{7..8}) in the manual's bit naming of x.
constexpr uint32_t assemble_21(uint32_t x) {
  uint32_t r = 0;
  r |= (x & 1) << 20;               // x{20} -> result bit 0 (msb)
  r |= ((x >> 1) & 0x7ff) << 9;     // x{9..19}
  r |= ((x >> 14) & 3) << 7;        // x{5..6}
  r |= ((x >> 16) & 0x1f) << 2;     // x{0..4}
  r |= (x >> 12) & 3;               // x{7..8}
  return r << 11;
}
constexpr uint32_t inv_assemble_21(uint32_t v) {
  uint32_t r = v >> 11, x = 0;
  x |= (r >> 20) & 1;
  x |= ((r >> 9) & 0x7ff) << 1;
  x |= ((r >> 7) & 3) << 14;
  x |= ((r >> 2) & 0x1f) << 16;
  x |= (r & 3) << 12;
  return x;
}

static_assert(low_sign_ext(1, 5) == -16, "im5 sign in lsb");
static_assert(low_sign_ext(0x16, 5) == 11, "im5");
static_assert(inv_low_sign_ext(-16, 5) == 1, "im5 inverse");
static_assert(assemble_3(1) == 4 && inv_assemble_3(4) == 1, "sr rotation");
static_assert(inv_assemble_21(assemble_21(0x1fffff & 0x12345)) == 0x12345, "assemble_21");

}  // namespace isa

#endif
