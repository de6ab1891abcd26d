// The indirect-branch lookup table (paper section 2: indirect branches that leave a trace
// "jump to a lookup routine" mapping the app pc to its fragment): a direct-mapped hash
// table of {branch target, fragment entry}, `lookup_table_entries` entries of 8 bytes,
// probed from fragment code (fragment_builder.cc, the inline lookup) and by the routine in
// lookup_routine.S. Every fragment's head goes in when it is built; a miss exits to Dynamo,
// which refills the entry if the target has a fragment after all (it was displaced by
// another head of the same index).
//
// The key is the branch target as the register holds it, privilege bits included, and the
// index is that word modulo the entry count: so fragment code finds an entry in three
// instructions (`depw,z` of the register's low bits scaled by 8, `addil`, `ldw`) and
// compares the key with the register itself, without clearing the privilege bits first. A
// head is entered twice, as `pc | 0` (computed targets, function pointers) and `pc | 3`
// (returns: a user-mode link has privilege 3, PA-RISC 2.0 manual, "B,L"); a target with
// other bits misses and Dynamo handles it exactly.
#ifndef DYNSIM_DYNAMO_LOOKUP_H
#define DYNSIM_DYNAMO_LOOKUP_H

#include <stdint.h>

#include "dynamo/context.h"
#include "dynamo/linker.h"

extern "C" {
// lookup_routine.S. Not called from C++: fragment code branches to it.
void dynamo_lookup();
void dynamo_lookup_counting();  // counts in ctx.lookups first (count_lookups)
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
  void Insert(AppPc pc, CachePc entry) {
    Slot(pc.addr()) = Entry{pc.addr(), entry.addr()};
    Slot(pc.addr() | kUserPrivilege) = Entry{pc.addr() | kUserPrivilege, entry.addr()};
  }
  // Empties the entries of `pc` that hold `entry`.
  void Remove(AppPc pc, CachePc entry);
  uint32_t address() const { return reinterpret_cast<uint32_t>(table_); }
  // log2 of the entry count.
  uint32_t index_bits() const;

 private:
  // Plain words: lookup_routine.S reads them.
  struct Entry {
    uint32_t app_pc;  // kEmpty: no fragment
    uint32_t entry;   // cache address
  };
  static constexpr uint32_t kEmpty = 1;  // never a key: privilege bits 1 (only 0 and 3 are entered)
  static constexpr uint32_t kUserPrivilege = 3;
  Entry& Slot(uint32_t key) { return table_[key & mask_]; }
  void RemoveKey(uint32_t key, uint32_t entry);

  uint32_t mask_;
  Entry table_[kMaxEntries];
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_LOOKUP_H
