// Per-site target chains for indirect branches (a polymorphic inline cache, as in
// DynamoRIO's and Self's): a `bv rX` on a trace is compared inline with the target seen
// while recording; where that compare keeps missing, a few more compares with the targets
// the site actually goes to, each a direct branch to the target's fragment, come before
// the table probe. A direct branch is predicted; the probe's `bv` to a changing target is
// mispredicted, and costs nine instructions besides.
//
// The builder leaves `indirect_chain_slots` empty slots at the head of each such
// compare's miss block (BuiltChainSite), which the compare skips. Each site then learns
// from the program as it runs, not from the interpreted trace: its compare first leads
// straight to its lookup exit, so its misses each come back to Dynamo with their target
// (Sample) until `indirect_chain_samples` of them went to targets that head fragments (a
// miss to a target without one is a lookup miss anyway, and makes it a trace-head
// candidate). Dynamo then fills the slots with the targets seen at least twice and in at
// least `indirect_chain_min_percent` of the samples, most frequent first (first seen
// first among equals), that still head fragments in a branch's reach, and points the
// compare at the first slot filled (none: at the probe), for good. A slot, with r1
// spilled and X unchanged, is one of
//
//   addil   L%-T,rX            ; r1 = rX - T          addil, ldo as on the left
//   ldo     R%-T(%r1),%r1                             cmpib,<<,n 3,%r1,next
//   cmpib,>>= 3,%r1,fragment(T); rX is T (with some    b       fragment(T)
//   ldw     APP(1)(%r0),%r1    ; privilege bits)       ldw     APP(1)(%r0),%r1
//   ldo     0(%r0),%r0
//
// the left one where the fragment is within the 12-bit reach of the compare: a hit is the
// one taken branch, a miss none (the application's r1 is back, but still in the context
// for the next slot or the probe). After the last slot filled come the next empty one's
// `b,n probe`, or the probe itself. Chains are Dynamo's words, not the application's: no
// signal is raised there, and rectification never sees them. As a probe hit does, a slot
// hit goes from fragment to fragment without an exit, so a signal that unlinked the first
// fragment waits until the code reached that way leaves for Dynamo.
//
// This keeps where the sites are, to keep their slots right as fragments come and go:
//   - a deleted fragment: slots leading to it go to the probe, and sites inside it are
//     forgotten;
//   - a flush: the sites went with the cache.
#ifndef DYNSIM_DYNAMO_INDIRECT_CHAINS_H
#define DYNSIM_DYNAMO_INDIRECT_CHAINS_H

#include <stdint.h>

#include "dynamo/app_pc.h"
#include "dynamo/counters.h"
#include "dynamo/fragment_builder.h"

namespace dynamo {

class FragmentCache;

class IndirectChains {
 public:
  static constexpr uint32_t kMaxSites = 4096;
  static constexpr uint32_t kMaxSamples = 64;

  // `samples`, `min_percent`: the configuration's indirect_chain_samples and
  // indirect_chain_min_percent.
  void Init(uint32_t samples, uint32_t min_percent, uint32_t line_bytes, Counters* counters);
  void Clear();
  // The site `built` of a fragment just added at `entry` starts learning; its number + 1,
  // for the exit record, or 0 (no room, or nothing to learn: the site stays the probe).
  uint32_t Add(const BuiltChainSite& built, CachePc entry);
  // True while site `number` (Add's) sends its misses to Dynamo.
  bool Learning(uint32_t number) const { return sites_[number - 1].learning; }
  // A learning site's miss went to `target`: counted, and the slots filled once the site
  // has seen enough.
  void Sample(uint32_t number, AppPc target, const FragmentCache& cache);
  // `entry`'s fragment, whose code is the `words` words there, is being deleted.
  void FragmentDeleted(CachePc entry, uint32_t words);

 private:
  static constexpr uint32_t kMaxTargets = 8;  // distinct targets a site keeps count of
  struct Site {
    uint32_t* compare;  // the inline compare, cmpib,<<,n 3,%r1
    uint32_t* code;     // slot 0's first word
    uint32_t probe;     // cache addresses
    uint32_t learn;
    uint8_t slots, filled, reg, targets;
    bool live, learning;
    uint16_t samples;
    uint32_t target[kMaxTargets];
    uint16_t count[kMaxTargets];
    uint32_t entry[kMaxChainSlots];  // the fragment each slot leads to (0: none any more)
    bool hit_taken[kMaxChainSlots];  // the slot's compare is the branch to it
  };
  void Fill(Site& s, const FragmentCache& cache);
  // Slot k of `s` to `entry`, false if out of reach.
  bool WriteSlot(Site& s, uint32_t k, uint32_t target, uint32_t entry);
  enum class Branch : uint8_t { kBranchN, kBranch, kCompare, kCompareHit };
  // The branch at `word` to `to`: b,n; b (its delay slot runs); cmpib,<<,n 3,%r1 (taken
  // on a miss); cmpib,>>= 3,%r1 (taken on a hit, its delay slot runs).
  static uint32_t BranchTo(const uint32_t* word, uint32_t to, Branch kind);
  static bool Reaches(const uint32_t* word, uint32_t to, Branch kind);

  Counters* counters_;
  uint32_t samples_needed_;
  uint32_t min_percent_;
  uint32_t line_bytes_;
  uint32_t count_;      // sites_[0, count_) have been handed out since the last Clear
  uint32_t free_n_;     // ... of which free_ lists the forgotten ones
  Site sites_[kMaxSites];
  uint16_t free_[kMaxSites];
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_INDIRECT_CHAINS_H
