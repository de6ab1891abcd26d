// The translation lookaside buffer for the timing models: a unified, fully associative TLB
// (pa8000.md: 96 entries, from the Dynamo paper) with an optional instruction micro-TLB in
// front (pa8000.md: 4 entries). Only the presence of a page's translation is modelled, so
// the TLB can never change what an access does (DESIGN decision 5). Addresses are the
// guest's 32-bit virtual addresses; space registers are ignored (Linux user processes
// run in one space).
//
// Timing rule: a main-TLB access costs its hit latency, plus its miss penalty on a miss. An
// instruction access through the micro-TLB costs the micro-TLB's hit latency, plus on a
// micro miss the micro miss penalty and the cost of the main-TLB access that refills it.
// The micro-TLB is kept a subset of the main TLB: an entry the main TLB evicts or flushes
// leaves the micro-TLB too.
#ifndef DYNSIM_SIM_TLB_H
#define DYNSIM_SIM_TLB_H

#include <cstdint>
#include <string>
#include <vector>

#include "sim/cache.h"
#include "sim/stats.h"

namespace dynsim {

struct TlbParams {
  uint32_t entries = 96;        // pa8000.md: unified TLB of 96 entries
  uint32_t page_bytes = 4096;   // bytes, power of two (Linux's 4 KiB pages)
  ReplacementPolicy replacement = ReplacementPolicy::kLru;  // our assumption
  uint64_t seed = 1;            // random replacement's seed
  uint32_t hit_latency = 0;     // cycles (our assumption: translation overlaps the access)
  uint32_t miss_penalty = 40;   // cycles (our assumption, as config_schema.cc's tlb.miss_penalty)
  uint32_t micro_entries = 0;   // instruction micro-TLB entries; 0 = none; pa8000.md: 4
  uint32_t micro_hit_latency = 0;   // cycles (our assumption)
  uint32_t micro_miss_penalty = 1;  // cycles added to the main-TLB access (our assumption)
};

// "" when `params` describe a buildable TLB, else what is wrong.
std::string CheckTlbParams(const TlbParams& params);

struct TlbAccess {
  bool hit;         // the translation was found at the first level asked
  uint32_t cycles;  // total cost, per the timing rule above
};

struct TlbCounters {
  uint64_t accesses = 0;
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t flushes = 0;        // Flush() calls
  uint64_t page_flushes = 0;   // entries dropped by FlushPage
};

// Instruction fetches (AccessInstruction) only, through whichever levels there are: the
// main TLB's counters also count data accesses, so the I-TLB's own share is kept apart.
// miss_cycles: beyond the first level's hit latency.
struct TlbFetchCounters {
  uint64_t accesses = 0;
  uint64_t misses = 0;
  uint64_t miss_cycles = 0;
};

class Tlb {
 public:
  // `params` must pass CheckTlbParams (aborts with the message otherwise).
  explicit Tlb(const TlbParams& params);
  Tlb(const Tlb&) = delete;
  Tlb& operator=(const Tlb&) = delete;

  // A data (or any unified) access: the main TLB only.
  TlbAccess Access(uint32_t vaddr) {
    const uint32_t vpn = vaddr >> page_shift_;
    ++main_counters_.accesses;
    const uint32_t slot = index_[vpn];
    if (slot != 0) {
      ++main_counters_.hits;
      if (params_.replacement == ReplacementPolicy::kLru) MoveToFront(slot - 1);
      return {true, params_.hit_latency};
    }
    return Miss(vpn);
  }
  // An instruction fetch: through the micro-TLB when there is one, else like Access.
  TlbAccess AccessInstruction(uint32_t vaddr) {
    const bool micro = params_.micro_entries != 0;
    const TlbAccess a = micro ? AccessThroughMicro(vaddr) : Access(vaddr);
    ++fetch_counters_.accesses;
    if (!a.hit) {
      ++fetch_counters_.misses;
      fetch_counters_.miss_cycles += a.cycles - (micro ? params_.micro_hit_latency : params_.hit_latency);
    }
    return a;
  }

  // Drops every translation, in both TLBs (a context switch, a purge of the whole TLB).
  void Flush();
  // Drops the translation of `vaddr`'s page from both TLBs (pitlb/pdtlb). Returns whether
  // the main TLB held it.
  bool FlushPage(uint32_t vaddr);

  // Whether the main TLB / the micro-TLB holds `vaddr`'s page; no side effects.
  bool Contains(uint32_t vaddr) const { return index_[vaddr >> page_shift_] != 0; }
  bool MicroContains(uint32_t vaddr) const;

  const TlbParams& params() const { return params_; }
  const TlbCounters& counters() const { return main_counters_; }
  const TlbCounters& micro_counters() const { return micro_counters_; }
  const TlbFetchCounters& fetch_counters() const { return fetch_counters_; }

  // Binds the main TLB's counters and miss_rate into `group`, and the micro-TLB's, if any,
  // into its child group "micro". The TLB must outlive the group's dumps.
  void RegisterStats(StatGroup& group) const;

 private:
  static constexpr uint32_t kNone = 0xffffffffu;

  TlbAccess Miss(uint32_t vpn);
  TlbAccess AccessThroughMicro(uint32_t vaddr);
  void Unlink(uint32_t way) {
    const uint32_t p = prev_[way], n = next_[way];
    if (p != kNone) next_[p] = n; else head_ = n;
    if (n != kNone) prev_[n] = p; else tail_ = p;
  }
  void LinkFront(uint32_t way) {
    prev_[way] = kNone;
    next_[way] = head_;
    if (head_ != kNone) prev_[head_] = way; else tail_ = way;
    head_ = way;
  }
  void LinkBack(uint32_t way);
  void MoveToFront(uint32_t way) {
    if (head_ != way) {
      Unlink(way);
      LinkFront(way);
    }
  }
  void DropEntry(uint32_t way);

  TlbParams params_;
  uint32_t page_shift_;
  // The main TLB, fully associative. Layout and invariants:
  // - vpn_[w] is the virtual page number held by way w when valid_[w].
  // - index_[vpn] = w + 1 when way w holds vpn, else 0: one table entry per virtual page
  //   of the 32-bit space (4 MB for 4 KiB pages, touched lazily), so lookups, hits and misses alike, are
  //   one load, like the memory's per-page tables.
  // - The ways form one doubly linked list (prev_/next_, head_ to tail_): valid ways from
  //   the most recently used (LRU) or filled (FIFO, random) to the least, then every invalid
  //   way. So the tail is the victim under LRU and FIFO, and is invalid whenever any way is.
  std::vector<uint32_t> vpn_;
  std::vector<uint8_t> valid_;
  std::vector<uint32_t> index_;
  std::vector<uint32_t> prev_, next_;
  uint32_t head_ = kNone, tail_ = kNone;
  uint32_t valid_count_ = 0;
  XorShift64 rng_;
  TagStore micro_;  // one set of `micro_entries` ways (at least 1; unused when 0)
  TlbCounters main_counters_;
  TlbCounters micro_counters_;
  TlbFetchCounters fetch_counters_;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_TLB_H
