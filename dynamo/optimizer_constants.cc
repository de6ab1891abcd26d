#include "dynamo/optimizer_constants.h"

#include "dynamo/emitter.h"
#include "isa/operands.h"
#include "isa/semantics/memory.h"

namespace dynamo {
namespace {

// isa::effective_address over offsets: the base register reads as its offset from the
// entry stack pointer, any other as its known value, so the address computed is an offset
// too (the addressing rules stay in one place).
struct OffsetState {
  unsigned base_register;
  uint32_t base_offset, index;
  uint32_t gr(unsigned r) const { return r == base_register ? base_offset : index; }
};

bool WritesMemory(isa::Sem sem) {
  return sem == isa::Sem::Store || sem == isa::Sem::Stby || sem == isa::Sem::Fstore || sem == isa::Sem::Ldcw;
}

}  // namespace

bool KnownValues::Near(uint32_t value, unsigned preferred, unsigned* reg, int32_t* disp) const {
  const auto reaches = [&](unsigned r) {
    uint32_t v = 0;
    if (r == 0 || !Known(r, &v) || !emit::FitsLdo(static_cast<int32_t>(value - v))) return false;
    *reg = r;
    *disp = static_cast<int32_t>(value - v);
    return true;
  };
  if (reaches(preferred)) return true;
  for (unsigned r = 1; r < 32; ++r)
    if (r != preferred && reaches(r)) return true;
  return false;
}

bool KnownValues::StackAccess(const isa::Insn& in, int32_t* at, int32_t* new_base, bool* modifies) const {
  int32_t base = 0;
  if (!StackOffset(in.r2, &base)) return false;
  uint32_t index = 0;
  if ((isa::info(in).props & isa::prop::AM_MASK) == isa::prop::AM_IDX && (in.r1 == in.r2 || !Known(in.r1, &index)))
    return false;
  OffsetState s{in.r2, static_cast<uint32_t>(base), index};
  const isa::Address a = isa::effective_address(s, in, isa::info(in).size);
  *at = static_cast<int32_t>(a.addr);
  *new_base = static_cast<int32_t>(a.new_base);
  *modifies = a.modify;
  return true;
}

bool KnownValues::ApplyMemory(const isa::Insn& in, bool surely_runs, bool on_stack, int32_t at, uint32_t* loaded) {
  const isa::Info& info = isa::info(in);
  if (WritesMemory(info.sem)) {
    if (!on_stack) {
      if (!private_slots_) slots_.Clear();  // it may write any slot
      return false;
    }
    slots_.Overwrite(at, info.sem == isa::Sem::Stby ? 4 : info.size);
    uint32_t value = 0;
    if (follow_slots_ && surely_runs && info.sem == isa::Sem::Store && info.size == 4 && Known(in.r1, &value))
      slots_.Record(at, value);
    return false;
  }
  return surely_runs && info.sem == isa::Sem::Load && info.size == 4 && on_stack && slots_.Lookup(at, loaded);
}

void KnownValues::Apply(const isa::Insn& in, bool surely_runs) {
  const uint32_t written = isa::operands(in).gr_written;
  uint32_t base = 0, source = 0, loaded = 0;
  int32_t base_offset = 0, source_offset = 0, at = 0, new_base = 0;
  bool modifies = false;
  const bool base_known = Known(in.r2, &base);
  const bool source_known = Known(in.r1, &source);
  const bool base_on_stack = StackOffset(in.r2, &base_offset);
  const bool source_on_stack = StackOffset(in.r1, &source_offset);
  const bool accesses_stack = isa::info(in).size != 0 && StackAccess(in, &at, &new_base, &modifies);
  const bool load_known = ApplyMemory(in, surely_runs, accesses_stack, at, &loaded);
  Forget(written);
  if (!surely_runs) return;
  // A base register modified by a stack access moves with it; then the loaded word (a load
  // into its own base keeps the value, isa/semantics/memory.h).
  if (accesses_stack && modifies) SetStackOffset(in.r2, new_base);
  if (load_known) Set(in.t, loaded);
  // The forms that build addresses and constants (isa/semantics/alu.h), and COPY: their
  // results follow from the immediate and, for ADDIL and LDO, a known base.
  const uint32_t im = static_cast<uint32_t>(in.im);
  switch (in.op) {
    case isa::Op::LDIL:
    case isa::Op::LDI: Set(in.t, im); break;
    case isa::Op::COPY:
      if (source_known) Set(in.t, source);
      if (source_on_stack) SetStackOffset(in.t, source_offset);
      break;
    case isa::Op::ADDIL:
      if (base_known) Set(1, base + im);
      if (base_on_stack) SetStackOffset(1, base_offset + static_cast<int32_t>(im));
      break;
    case isa::Op::LDO:
      if (base_known) Set(in.t, base + im);
      if (base_on_stack) SetStackOffset(in.t, base_offset + static_cast<int32_t>(im));
      break;
    case isa::Op::EXTRW_U:
    case isa::Op::EXTRW_U_SAR:
      if (in.len < 32 && in.t != 0) {
        bounded_ |= 1u << in.t;
        value_[in.t] = (1u << in.len) - 1;
      }
      break;
    default: break;
  }
}

}  // namespace dynamo
