#include "dynamo/optimizer_constants.h"

#include "isa/operands.h"

namespace dynamo {

void KnownValues::Apply(const isa::Insn& in, bool surely_runs) {
  const uint32_t written = isa::operands(in).gr_written;
  uint32_t base = 0, source = 0;
  const bool base_known = Known(in.r2, &base);
  const bool source_known = Known(in.r1, &source);
  Forget(written);
  if (!surely_runs) return;
  // The forms that build addresses and constants (isa/semantics/alu.h), and COPY: their
  // results follow from the immediate and, for ADDIL and LDO, a known base.
  switch (in.op) {
    case isa::Op::LDIL:
    case isa::Op::LDI: Set(in.t, static_cast<uint32_t>(in.im)); break;
    case isa::Op::COPY:
      if (source_known) Set(in.t, source);
      break;
    case isa::Op::ADDIL:
      if (base_known) Set(1, base + static_cast<uint32_t>(in.im));
      break;
    case isa::Op::LDO:
      if (base_known) Set(in.t, base + static_cast<uint32_t>(in.im));
      break;
    default: break;
  }
}

}  // namespace dynamo
