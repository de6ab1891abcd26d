#include "sim/timing_model.h"

namespace dynsim {

void FunctionalTiming::RegisterStats(StatGroup& group) const {
  group.Counter("cycles", "cycles", "cycles charged by the model (one per instruction slot)", &cycles_);
}

CacheParams CacheParamsFromConfig(const CacheConfig& c, uint64_t seed) {
  CacheParams p;
  p.size_bytes = c.size_kb * 1024;
  p.assoc = c.assoc;
  p.line_bytes = c.line_bytes;
  // The two enums list the same policies in the same order (sim/cache.h, sim/config.h).
  p.replacement = static_cast<ReplacementPolicy>(static_cast<int>(c.replacement));
  p.seed = seed;
  p.hit_latency = c.hit_latency;
  p.miss_penalty = c.miss_penalty;
  return p;
}

TlbParams TlbParamsFromConfig(const TlbConfig& c, uint64_t seed) {
  TlbParams p;
  p.entries = c.entries;
  p.page_bytes = c.page_bytes;
  p.seed = seed;
  p.miss_penalty = c.miss_penalty;
  return p;
}

}  // namespace dynsim
