// Decoder and encoder driven by insns.def and formats.def. Freestanding.
//   decode(w): never fails and never reads out of bounds; unknown words give Op::kIllegal.
//   encode(i): the inverse, so encode(decode(w)) == w for every decodable w.
#ifndef DYNSIM_ISA_CODEC_H
#define DYNSIM_ISA_CODEC_H

#include <stdint.h>

#include "isa/insn.h"

namespace isa {

Insn decode(uint32_t word);
uint32_t encode(const Insn& insn);

// The field descriptors behind both (exposed for docs/isa.md and the tests).
enum class Slot : uint8_t { r1, r2, t, c, f, sr, p, len, im, im2, n, m, a, u, lr1, lr2, lrt, ra, ta, lra, end };
enum class Enc : uint8_t { U, LSE, A3, CP, CL, A12, A17, A22, A21, FA, LD, K1 };
struct Field {
  Slot slot;
  Enc enc;
  uint8_t pos, len;
};
const Field* format_fields(Format f);  // terminated by Slot::end
const char* format_name(Format f);
const char* format_layout(Format f);
const char* slot_name(Slot s);

}  // namespace isa

#endif
