// What a trace stored in its own stack frames, for constant propagation through memory
// (optimizer_constants.h): word slots, at offsets from the stack pointer the fragment was
// entered with, that hold a value known at build time. A callee recorded into its caller's
// trace saves its return link (`stw %rp,-20(%sp)`) and reloads it before returning; with
// the slot known, the reloaded link is known and the return folds like a leaf's.
//
// Conservative: a store whose address is not a known offset from the entry stack pointer
// may alias any slot and forgets them all; a store over part of a slot forgets it.
#ifndef DYNSIM_DYNAMO_OPTIMIZER_STACK_SLOTS_H
#define DYNSIM_DYNAMO_OPTIMIZER_STACK_SLOTS_H

#include <stdint.h>

namespace dynamo {

class StackSlots {
 public:
  static constexpr unsigned kSlots = 16;  // the oldest is dropped past this

  void Clear() { count_ = 0; }
  // `size` bytes at entry-sp offset `offset` are written: every slot they touch is forgotten.
  void Overwrite(int32_t offset, unsigned size);
  // The word at `offset` now holds `value` (after Overwrite of the same store).
  void Record(int32_t offset, uint32_t value);
  bool Lookup(int32_t offset, uint32_t* value) const;

 private:
  struct Slot {
    int32_t offset;
    uint32_t value;
  };
  Slot slots_[kSlots];
  unsigned count_ = 0;
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_OPTIMIZER_STACK_SLOTS_H
