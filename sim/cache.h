// Caches for the timing models: a set-associative tag store with LRU, FIFO or seeded random
// replacement, and on top of it a write-back, write-allocate cache that may sit in front of
// a next level (L1 -> L2). Only tags are modelled: data always comes from GuestMemory, so a
// cache can never change architectural state (DESIGN decision 5).
//
// Timing rule, applied recursively: the cost of an access to a level is its hit latency,
// plus, on a miss, the cost of the read that fills the line from the next level, or, at
// the last level, its miss penalty (memory). So with L1 (hit 1) over L2 (hit 10, miss
// penalty 100): L1 hit 1, L1 miss + L2 hit 11, L1 miss + L2 miss 111. An L1's own miss
// penalty is unused while it has a next level.
//
// Dirty victims are written back: counted in `writebacks`, and given to the next level as a
// write access (which allocates there, write-allocate); the writeback's cycles are never
// charged to the access that caused it (our assumption: a write buffer hides them).
//
// PA-8000 facts (../shared/reference/pa8000.md): separate off-chip primary I- and D-caches of
// up to 1 MB each. Line size and associativity are not given there; our defaults assume
// direct-mapped caches with 32-byte lines, and the latencies are our assumptions too. The
// machine schema (sim/config.h, CacheConfig) is the source of truth for the values; these
// defaults only mirror its icache defaults. From a CacheConfig: size_bytes = size_kb * 1024,
// replacement = ReplacementPolicy(int(replacement)) (same order), seed = MachineConfig::seed.
#ifndef DYNSIM_SIM_CACHE_H
#define DYNSIM_SIM_CACHE_H

#include <cstdint>
#include <string>
#include <vector>

#include "sim/stats.h"

namespace dynsim {

// Geometry helpers shared by the caches, the TLB and the timing models.
inline bool IsPowerOfTwo(uint32_t v) { return v != 0 && (v & (v - 1)) == 0; }
// The smallest n with 2^n >= v (the shift for a power-of-two size).
inline uint32_t CeilLog2(uint32_t v) {
  uint32_t n = 0;
  while ((1u << n) < v) ++n;
  return n;
}

// Which valid way a full set gives up. Enumerators in the order of the schema's choices
// "lru", "fifo", "random" (config.h's Replacement): ReplacementPolicy(int(r)) converts.
enum class ReplacementPolicy : uint8_t {
  kLru,     // least recently used (hits and fills count as uses)
  kFifo,    // oldest fill; hits do not reorder
  kRandom,  // uniform over the ways, from a seeded xorshift64* stream: deterministic
};

const char* ReplacementPolicyName(ReplacementPolicy policy);

// SplitMix64 seeding an xorshift64* generator: a deterministic, fast pseudo-random stream
// (Vigna, "An experimental exploration of Marsaglia's xorshift generators", 2016).
class XorShift64 {
 public:
  explicit XorShift64(uint64_t seed);
  uint64_t Next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1Dull;
  }
  // Uniform in [0, n) for n >= 1 (multiply-shift of the high 32 bits: no division).
  uint32_t Below(uint32_t n) { return uint32_t(((Next() >> 32) * uint64_t(n)) >> 32); }

 private:
  uint64_t state_;
};

// The tags of `sets` x `ways` entries, each holding a 32-bit key (a line's block address, a
// TLB's virtual page number) with valid and dirty bits, plus the replacement state.
//
// Layout: one flat array, set s at [s * ways, (s + 1) * ways): a lookup scans one set's
// contiguous entries. Replacement state is a per-entry stamp from a global use clock:
// LRU stamps on every use, FIFO only on fill; the victim is the first invalid way, else the
// way with the smallest stamp (LRU, FIFO) or a random way (random). Nothing allocates after
// construction. Fully associative = one set; a lookup there scans every way, fine for TLB
// sizes, slow for a large fully associative cache.
class TagStore {
 public:
  TagStore(uint32_t sets, uint32_t ways, ReplacementPolicy policy, uint64_t seed);

  uint32_t sets() const { return sets_; }
  uint32_t ways() const { return ways_; }

  // The way of `set` holding `key`, or -1.
  int Find(uint32_t set, uint32_t key) const {
    const Entry* e = &entries_[size_t(set) * ways_];
    for (uint32_t w = 0; w < ways_; ++w) {
      if (e[w].valid && e[w].key == key) return int(w);
    }
    return -1;
  }
  // A hit on (set, way): an LRU use.
  void Touch(uint32_t set, int way) {
    if (policy_ == ReplacementPolicy::kLru) At(set, way).stamp = ++clock_;
  }
  // The way to fill next in `set` (its current content, if valid, is the victim).
  int Victim(uint32_t set);
  // Puts `key` into (set, way), clean, as the newest entry.
  void Fill(uint32_t set, int way, uint32_t key) {
    Entry& e = At(set, way);
    e.key = key;
    e.valid = true;
    e.dirty = false;
    e.stamp = ++clock_;
  }

  bool valid(uint32_t set, int way) const { return At(set, way).valid; }
  bool dirty(uint32_t set, int way) const { return At(set, way).dirty; }
  uint32_t key(uint32_t set, int way) const { return At(set, way).key; }
  void set_dirty(uint32_t set, int way) { At(set, way).dirty = true; }
  void Drop(uint32_t set, int way) { At(set, way).valid = At(set, way).dirty = false; }
  void DropAll();

 private:
  struct Entry {
    uint64_t stamp = 0;  // replacement order: larger = newer
    uint32_t key = 0;
    bool valid = false;
    bool dirty = false;
  };
  Entry& At(uint32_t set, int way) { return entries_[size_t(set) * ways_ + uint32_t(way)]; }
  const Entry& At(uint32_t set, int way) const { return entries_[size_t(set) * ways_ + uint32_t(way)]; }

  uint32_t sets_, ways_;
  ReplacementPolicy policy_;
  uint64_t clock_ = 0;
  XorShift64 rng_;
  std::vector<Entry> entries_;
};

// A cache's parameters; defaults are the PA-8000-style primary cache we assume (see top).
struct CacheParams {
  uint32_t size_bytes = 1u << 20;  // bytes; pa8000.md: up to 1 MB
  uint32_t assoc = 1;              // ways; 1 = direct mapped; 0 or size/line = fully associative
  uint32_t line_bytes = 32;        // bytes, power of two (our assumption)
  ReplacementPolicy replacement = ReplacementPolicy::kLru;
  uint64_t seed = 1;               // random replacement's seed
  uint32_t hit_latency = 2;        // cycles (our assumption, as config_schema.cc's icache)
  uint32_t miss_penalty = 50;      // cycles to memory at the last level (our assumption, as config_schema.cc)
};

// "" when `params` describe a buildable cache, else what is wrong: line_bytes not a power
// of two, size not a multiple of assoc * line_bytes, assoc above the number of lines, or a
// number of sets that is not a power of two.
std::string CheckCacheParams(const CacheParams& params);

struct CacheAccess {
  bool hit;
  uint32_t cycles;  // total cost of the access, per the timing rule above
};

// Counts, split by reads [0] and writes [1]; totals are sums.
struct CacheCounters {
  uint64_t accesses[2] = {0, 0};
  uint64_t hits[2] = {0, 0};
  uint64_t misses[2] = {0, 0};
  uint64_t writebacks = 0;     // dirty lines written to the next level (evictions and flushes)
  uint64_t invalidations = 0;  // lines dropped by Invalidate/Flush (not by InvalidateAll)
  uint64_t invalidate_alls = 0;
  // Cycles misses cost beyond the hit latency (the fill from the next level or memory):
  // what the cache adds to the accesses that missed, before any overlap in the pipeline.
  uint64_t miss_cycles = 0;

  uint64_t total_accesses() const { return accesses[0] + accesses[1]; }
  uint64_t total_hits() const { return hits[0] + hits[1]; }
  uint64_t total_misses() const { return misses[0] + misses[1]; }
};

class Cache {
 public:
  // `params` must pass CheckCacheParams (aborts with the message otherwise: the config
  // loader validates first). `next`, if given, must outlive this cache.
  explicit Cache(const CacheParams& params, Cache* next = nullptr);
  Cache(const Cache&) = delete;
  Cache& operator=(const Cache&) = delete;

  // One load or store touching the line of `addr` (accesses that straddle two lines are
  // the caller's to split). Write-allocate: a write miss fills the line, then dirties it.
  CacheAccess Access(uint32_t addr, bool is_write) {
    const uint32_t block = addr >> line_shift_;
    const uint32_t set = block & set_mask_;
    const int k = is_write ? 1 : 0;
    ++counters_.accesses[k];
    const int way = tags_.Find(set, block);
    if (way >= 0) {
      ++counters_.hits[k];
      tags_.Touch(set, way);
      if (is_write) tags_.set_dirty(set, way);
      return {true, params_.hit_latency};
    }
    ++counters_.misses[k];
    const uint32_t fill_cycles = Fill(set, block, is_write);
    counters_.miss_cycles += fill_cycles;
    return {false, params_.hit_latency + fill_cycles};
  }

  // Drops the line of `addr` without writing it back (fic on the I-cache; pdc). Returns
  // whether the line was present.
  bool Invalidate(uint32_t addr);
  // Writes the line of `addr` back if dirty, then drops it (fdc). Returns whether present.
  bool Flush(uint32_t addr);
  // Drops every line, dirty ones included, without writebacks (a cold restart).
  void InvalidateAll();

  // Whether the line of `addr` is present; no counters or replacement state change.
  bool Contains(uint32_t addr) const;
  // Whether the line of `addr` is present and dirty; no side effects.
  bool IsDirty(uint32_t addr) const;

  const CacheParams& params() const { return params_; }
  uint32_t sets() const { return tags_.sets(); }
  uint32_t ways() const { return tags_.ways(); }
  Cache* next() const { return next_; }
  const CacheCounters& counters() const { return counters_; }

  // Binds the counters into `group` (accesses, hits, misses, each also per read/write,
  // writebacks, invalidations, miss_rate). The cache must outlive the group's dumps.
  void RegisterStats(StatGroup& group) const;

 private:
  // The miss path: chooses a victim, writes it back if dirty, fills from the next level.
  // Returns the cycles beyond this level's hit latency.
  uint32_t Fill(uint32_t set, uint32_t block, bool is_write);
  void WriteBack(uint32_t block);

  CacheParams params_;
  Cache* next_;
  uint32_t line_shift_;
  uint32_t set_mask_;
  TagStore tags_;
  CacheCounters counters_;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_CACHE_H
