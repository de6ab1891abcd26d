#include "sim/cache.h"

#include <cstdio>
#include <cstdlib>

namespace dynsim {
namespace {

// Ways actually used: 0 (and anything equal to the number of lines) is fully associative.
uint32_t Ways(const CacheParams& p) {
  const uint32_t lines = p.size_bytes / p.line_bytes;
  return p.assoc == 0 ? lines : p.assoc;
}

// Validated geometry, computed before any member is built (aborts on bad parameters).
const CacheParams& Checked(const CacheParams& p) {
  const std::string error = CheckCacheParams(p);
  if (!error.empty()) {
    std::fprintf(stderr, "dynsim: bad cache parameters: %s\n", error.c_str());
    std::abort();
  }
  return p;
}

}  // namespace

const char* ReplacementPolicyName(ReplacementPolicy policy) {
  switch (policy) {
    case ReplacementPolicy::kLru: return "lru";
    case ReplacementPolicy::kFifo: return "fifo";
    case ReplacementPolicy::kRandom: return "random";
  }
  return "?";
}

XorShift64::XorShift64(uint64_t seed) {
  // SplitMix64 of the seed: well-mixed and never zero for xorshift (zero is its fixed point).
  uint64_t z = seed + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  state_ = z != 0 ? z : 0x9E3779B97F4A7C15ull;
}

TagStore::TagStore(uint32_t sets, uint32_t ways, ReplacementPolicy policy, uint64_t seed)
    : sets_(sets), ways_(ways), policy_(policy), rng_(seed), entries_(size_t(sets) * ways) {}

int TagStore::Victim(uint32_t set) {
  const Entry* e = &entries_[size_t(set) * ways_];
  // Invalid ways fill first, lowest index first, under every policy: a working set that
  // fits is never evicted, whatever the policy.
  for (uint32_t w = 0; w < ways_; ++w) {
    if (!e[w].valid) return int(w);
  }
  if (policy_ == ReplacementPolicy::kRandom) return int(rng_.Below(ways_));
  uint32_t victim = 0;
  for (uint32_t w = 1; w < ways_; ++w) {
    if (e[w].stamp < e[victim].stamp) victim = w;
  }
  return int(victim);
}

void TagStore::DropAll() {
  for (Entry& e : entries_) e.valid = e.dirty = false;
}

std::string CheckCacheParams(const CacheParams& p) {
  if (!IsPowerOfTwo(p.line_bytes)) return "line_bytes " + std::to_string(p.line_bytes) + " is not a power of two";
  if (p.size_bytes < p.line_bytes || p.size_bytes % p.line_bytes != 0) {
    return "size_bytes " + std::to_string(p.size_bytes) + " is not a positive multiple of line_bytes " +
           std::to_string(p.line_bytes);
  }
  const uint32_t lines = p.size_bytes / p.line_bytes;
  const uint32_t ways = Ways(p);
  if (ways > lines) {
    return "assoc " + std::to_string(p.assoc) + " exceeds the " + std::to_string(lines) + " lines of the cache";
  }
  if (lines % ways != 0) {
    return "size_bytes " + std::to_string(p.size_bytes) + " is not a multiple of assoc * line_bytes";
  }
  if (!IsPowerOfTwo(lines / ways)) {
    return "the number of sets, " + std::to_string(lines / ways) + ", is not a power of two";
  }
  return "";
}

Cache::Cache(const CacheParams& params, Cache* next)
    : params_(Checked(params)),
      next_(next),
      line_shift_(CeilLog2(params.line_bytes)),
      set_mask_(params.size_bytes / params.line_bytes / Ways(params) - 1),
      tags_(set_mask_ + 1, Ways(params), params.replacement, params.seed) {}

uint32_t Cache::Fill(uint32_t set, uint32_t block, bool is_write) {
  const int way = tags_.Victim(set);
  if (tags_.valid(set, way) && tags_.dirty(set, way)) WriteBack(tags_.key(set, way));
  // The line is read from below whether the miss was a load or a store (write-allocate).
  const uint32_t below = next_ != nullptr ? next_->Access(block << line_shift_, false).cycles : params_.miss_penalty;
  tags_.Fill(set, way, block);
  if (is_write) tags_.set_dirty(set, way);
  return below;
}

void Cache::WriteBack(uint32_t block) {
  ++counters_.writebacks;
  if (next_ != nullptr) next_->Access(block << line_shift_, true);  // cycles hidden (see header)
}

bool Cache::Invalidate(uint32_t addr) {
  const uint32_t block = addr >> line_shift_;
  const uint32_t set = block & set_mask_;
  const int way = tags_.Find(set, block);
  if (way < 0) return false;
  ++counters_.invalidations;
  tags_.Drop(set, way);
  return true;
}

bool Cache::Flush(uint32_t addr) {
  const uint32_t block = addr >> line_shift_;
  const uint32_t set = block & set_mask_;
  const int way = tags_.Find(set, block);
  if (way < 0) return false;
  if (tags_.dirty(set, way)) WriteBack(block);
  ++counters_.invalidations;
  tags_.Drop(set, way);
  return true;
}

void Cache::InvalidateAll() {
  ++counters_.invalidate_alls;
  tags_.DropAll();
}

bool Cache::Contains(uint32_t addr) const {
  const uint32_t block = addr >> line_shift_;
  return tags_.Find(block & set_mask_, block) >= 0;
}

bool Cache::IsDirty(uint32_t addr) const {
  const uint32_t block = addr >> line_shift_;
  const int way = tags_.Find(block & set_mask_, block);
  return way >= 0 && tags_.dirty(block & set_mask_, way);
}

void Cache::RegisterStats(StatGroup& g) const {
  const CacheCounters* c = &counters_;
  g.Formula("accesses", "count", "lookups of the cache (instruction fetches, loads, stores)",
            [c] { return double(c->total_accesses()); });
  g.Formula("hits", "count", "accesses that found their line", [c] { return double(c->total_hits()); });
  g.Formula("misses", "count", "accesses that filled their line from below", [c] { return double(c->total_misses()); });
  g.Formula("miss_rate", "ratio", "misses / accesses (0 when no accesses)",
            [c] { return double(c->total_misses()) / double(c->total_accesses()); });
  g.Counter("read_accesses", "count", "read (load, fetch) accesses", &c->accesses[0]);
  g.Counter("read_hits", "count", "read accesses that hit", &c->hits[0]);
  g.Counter("read_misses", "count", "read accesses that missed", &c->misses[0]);
  g.Counter("write_accesses", "count", "write (store) accesses", &c->accesses[1]);
  g.Counter("write_hits", "count", "write accesses that hit", &c->hits[1]);
  g.Counter("write_misses", "count", "write accesses that missed (write-allocate fills)", &c->misses[1]);
  g.Counter("writebacks", "count", "dirty lines written back (evictions and flushes)", &c->writebacks);
  g.Counter("invalidations", "count", "lines dropped by fic/fdc-style invalidations", &c->invalidations);
  g.Counter("miss_cycles", "cycles", "cycles the misses cost beyond the hit latency (fills from below)",
            &c->miss_cycles);
}

}  // namespace dynsim
