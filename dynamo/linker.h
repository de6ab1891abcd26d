// The linker (paper section 2, "fragment linking"): an exit whose target app pc heads a
// fragment gets its stub's first word replaced by `b,n fragment` (the stub then never
// reaches Dynamo). Exits whose target has no fragment yet wait on the target's incoming
// list and are linked when that fragment appears; the same list lets a fragment be
// unlinked (its incoming branches restored to their stubs) before it is deleted.
//
// Direct links: where the only way into a stub is one branch (a conditional branch to a bare
// exit block, a `b,n` of a split), linking also re-targets that branch at the fragment, so
// the exit costs the application's own branch and not a second taken one. A conditional
// branch keeps its nullification only in the same direction (isa/nullify.h: with ,n, taken
// forward nullifies, taken backward does not), so with ,n only a target after it is
// linked directly; without ,n, or for `b,n`, any target in reach.
//
// Exit records live here; an exit stub's record word holds its Exit's address, which is
// how Dynamo learns which exit was taken (dynamo_fragment_exit returns it).
#ifndef DYNSIM_DYNAMO_LINKER_H
#define DYNSIM_DYNAMO_LINKER_H

#include <stdint.h>

#include "dynamo/app_pc.h"
#include "dynamo/counters.h"
#include "dynamo/fragment_builder.h"

namespace dynamo {

struct Exit {
  AppPc target;
  CachePc stub;       // the stub's first word (the patch site)
  uint32_t next;      // the next exit on the same target's incoming list, or Linker::kNone
  uint16_t fragment;  // the fragment it leaves
  ExitKind kind;
  uint8_t linked;     // the stub's first word is a branch to the target's fragment
  uint16_t branch_words;  // the branch into the stub is this many words before it
  StubBranch branch;      // ... and of this kind (kNone: no branch to re-target)
  uint8_t linked_branch;  // that branch goes straight to the target's fragment
  uint16_t chain_site;    // kLookup: its site's number (indirect_chains.h), or 0
};

class Linker {
 public:
  static constexpr uint32_t kMaxExits = 32768;
  static constexpr uint32_t kNone = 0xffffffffu;

  // `enabled`: the configuration's `linking`; off, exits are recorded but never patched.
  // `direct`: the configuration's `link_branches` (direct links, above).
  void Init(bool enabled, bool direct, uint32_t line_bytes, Counters* counters);
  // Forgets every exit (the fragment cache was flushed).
  void Clear();
  bool enabled() const { return enabled_; }
  uint32_t free_exits() const { return kMaxExits - count_; }
  // A new exit record (free_exits() must be non-zero); index via IndexOf.
  Exit* Allocate() { return &exits_[count_++]; }
  // Where Allocate takes the next record: records are a circular array under
  // flush_policy: fifo, which moves it (fragment_cache_fifo.cc).
  uint32_t next_index() const { return count_; }
  void AllocateFrom(uint32_t index) { count_ = index; }
  // True if `more` new targets might not fit the incoming lists (only fifo, which never
  // clears them, can get there): flush first.
  bool TargetsNearlyFull(uint32_t more) const { return used_count_ + more > kMaxExits; }
  uint32_t IndexOf(const Exit* e) const { return static_cast<uint32_t>(e - exits_); }
  Exit& at(uint32_t index) { return exits_[index]; }

  // Puts a kBranch exit on its target's incoming list.
  void Register(uint32_t index);
  // Patches `e` to branch to the fragment entry `entry` (counts links; an entry out of a
  // 17-bit branch's reach is left unlinked and counted).
  void Link(Exit* e, CachePc entry);
  // Links every unlinked exit waiting for `head` to `entry`.
  void LinkIncoming(AppPc head, CachePc entry);
  // Restores every linked exit to `head` to its stub (they wait again).
  void UnlinkIncoming(AppPc head);
  // For a signal's delivery (FragmentCache::UnlinkForDelivery): puts a linked exit back
  // to its stub, and links it again after, without counting either as a link or unlink.
  void DetachForDelivery(Exit* e);
  bool ReattachAfterDelivery(Exit* e, CachePc entry);  // false: nothing to do
  // Takes the exits [first, first + count) off their incoming lists (their fragment is
  // being deleted: nothing may patch its code again).
  void Retire(uint32_t first, uint32_t count);

 private:
  static constexpr uint32_t kSlots = 2 * kMaxExits;  // incoming lists' heads by target
  struct Incoming {
    uint32_t target;  // kFree: empty
    uint32_t first;   // exit index
  };
  static constexpr uint32_t kFree = 1;  // odd: never an app pc
  static uint32_t Hash(uint32_t pc) { return ((pc >> 2) * 2654435761u) >> 16; }  // 16 bits
  Incoming* Find(AppPc target, bool insert);
  void Unlink(Exit* e);
  // Points e's stub, and where it may the branch into it, at `entry`; false if out of a
  // 17-bit branch's reach (nothing changed).
  bool Patch(Exit* e, CachePc entry);
  void LinkBranch(Exit* e, CachePc entry);
  void UnlinkBranch(Exit* e);

  bool enabled_;
  bool direct_;
  uint32_t line_bytes_;
  Counters* counters_;
  uint32_t count_;
  Exit exits_[kMaxExits];
  Incoming incoming_[kSlots];
  // The incoming_ slots in use (at most one per exit), so that Clear costs what was used:
  // a small cache flushes often.
  uint32_t used_slots_[kMaxExits];
  uint32_t used_count_;
};

static_assert(Linker::kMaxExits * 2 == (1u << 16), "Hash yields 16 bits");

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_LINKER_H
