#include "dynamo/optimizer_stack_slots.h"

namespace dynamo {

void StackSlots::Overwrite(int32_t offset, unsigned size) {
  unsigned kept = 0;
  for (unsigned k = 0; k < count_; ++k) {
    const Slot& s = slots_[k];
    // Byte ranges [s.offset, s.offset + 4) and [offset, offset + size) overlap.
    const bool overlaps = s.offset < offset + static_cast<int32_t>(size) && offset < s.offset + 4;
    if (!overlaps) slots_[kept++] = s;
  }
  count_ = kept;
}

void StackSlots::Record(int32_t offset, uint32_t value) {
  if (count_ == kSlots) {
    for (unsigned k = 1; k < kSlots; ++k) slots_[k - 1] = slots_[k];
    --count_;
  }
  slots_[count_++] = Slot{offset, value};
}

bool StackSlots::Lookup(int32_t offset, uint32_t* value) const {
  for (unsigned k = 0; k < count_; ++k)
    if (slots_[k].offset == offset) {
      *value = slots_[k].value;
      return true;
    }
  return false;
}

}  // namespace dynamo
