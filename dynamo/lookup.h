// The indirect-branch lookup table (paper section 2: indirect branches that leave a trace
// "jump to a lookup routine" mapping the app pc to its fragment): a direct-mapped hash
// table of {app pc, fragment entry}, `lookup_table_entries` entries, probed by the routine
// in lookup_routine.S from fragment code. Every fragment's head goes in when it is built; a miss
// exits to Dynamo (the one exit record below), which refills the entry if the target has
// a fragment after all (it was displaced by another head of the same index).
#ifndef DYNSIM_DYNAMO_LOOKUP_H
#define DYNSIM_DYNAMO_LOOKUP_H

#include <stdint.h>

#include "dynamo/context.h"
#include "dynamo/linker.h"

extern "C" {
// lookup_routine.S. Not called from C++: fragment code branches to it.
void dynamo_lookup();
// The record word of the lookup's miss exit points here.
extern dynamo::Exit dynamo_lookup_miss_exit;
}

namespace dynamo {

class LookupTable {
 public:
  static constexpr uint32_t kMaxEntries = 1u << 16;  // the configuration's upper bound

  // Sizes the table and tells the routine where it is (through the context).
  void Init(uint32_t entries, AppContext* ctx);
  void Clear();
  void Insert(AppPc pc, CachePc entry) { Slot(pc.addr()) = Entry{pc.addr(), entry.addr()}; }
  // Empties the entry of `pc` if it holds `entry`.
  void Remove(AppPc pc, CachePc entry);

 private:
  // Plain words: lookup_routine.S reads them.
  struct Entry {
    uint32_t app_pc;  // kEmpty: no fragment
    uint32_t entry;   // cache address
  };
  static constexpr uint32_t kEmpty = 1;  // odd: never a target (the routine clears bits 0-1)
  Entry& Slot(uint32_t app_pc) { return table_[(app_pc >> 2) & mask_]; }

  uint32_t mask_;
  Entry table_[kMaxEntries];
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_LOOKUP_H
