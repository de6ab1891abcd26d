#include "sim/tlb.h"

#include <cstdio>
#include <cstdlib>

namespace dynsim {
namespace {

const TlbParams& Checked(const TlbParams& p) {
  const std::string error = CheckTlbParams(p);
  if (!error.empty()) {
    std::fprintf(stderr, "dynsim: bad TLB parameters: %s\n", error.c_str());
    std::abort();
  }
  return p;
}

}  // namespace

std::string CheckTlbParams(const TlbParams& p) {
  if (p.entries == 0 || p.entries > (1u << 20)) {
    return "entries " + std::to_string(p.entries) + " is outside 1..1048576";
  }
  if (!IsPowerOfTwo(p.page_bytes) || p.page_bytes < 4096) {
    // PA-RISC's smallest page is 4 KB; the per-page index needs no more pages than that.
    return "page_bytes " + std::to_string(p.page_bytes) + " is not a power of two of at least 4096";
  }
  if (p.micro_entries > p.entries) {
    return "micro_entries " + std::to_string(p.micro_entries) + " exceeds entries " + std::to_string(p.entries);
  }
  return "";
}

Tlb::Tlb(const TlbParams& params)
    : params_(Checked(params)),
      page_shift_(CeilLog2(params.page_bytes)),
      vpn_(params.entries, 0),
      valid_(params.entries, 0),
      index_(size_t{1} << (32 - page_shift_), 0),
      prev_(params.entries, kNone),
      next_(params.entries, kNone),
      rng_(params.seed),
      // The micro-TLB draws from its own stream, so enabling it never changes the main TLB's
      // random choices.
      micro_(1, params.micro_entries == 0 ? 1 : params.micro_entries, params.replacement, params.seed ^ 0x1u) {
  for (uint32_t w = 0; w < params.entries; ++w) LinkBack(w);
}

void Tlb::LinkBack(uint32_t way) {
  next_[way] = kNone;
  prev_[way] = tail_;
  if (tail_ != kNone) next_[tail_] = way; else head_ = way;
  tail_ = way;
}

void Tlb::DropEntry(uint32_t way) {
  index_[vpn_[way]] = 0;
  valid_[way] = 0;
  --valid_count_;
  if (params_.micro_entries != 0) {
    // Keep the micro-TLB a subset of the main TLB.
    const int m = micro_.Find(0, vpn_[way]);
    if (m >= 0) micro_.Drop(0, m);
  }
}

TlbAccess Tlb::Miss(uint32_t vpn) {
  ++main_counters_.misses;
  // The tail is invalid while any way is; a full TLB gives up its tail (LRU, FIFO) or a
  // uniformly random way.
  uint32_t way = tail_;
  if (params_.replacement == ReplacementPolicy::kRandom && valid_count_ == params_.entries) {
    way = rng_.Below(params_.entries);
  }
  if (valid_[way]) DropEntry(way);
  vpn_[way] = vpn;
  valid_[way] = 1;
  ++valid_count_;
  index_[vpn] = way + 1;
  MoveToFront(way);
  return {false, params_.hit_latency + params_.miss_penalty};
}

TlbAccess Tlb::AccessThroughMicro(uint32_t vaddr) {
  const uint32_t vpn = vaddr >> page_shift_;
  ++micro_counters_.accesses;
  int way = micro_.Find(0, vpn);
  if (way >= 0) {
    ++micro_counters_.hits;
    micro_.Touch(0, way);
    return {true, params_.micro_hit_latency};
  }
  ++micro_counters_.misses;
  const TlbAccess below = Access(vaddr);
  way = micro_.Victim(0);
  micro_.Fill(0, way, vpn);
  return {false, params_.micro_hit_latency + params_.micro_miss_penalty + below.cycles};
}

void Tlb::Flush() {
  ++main_counters_.flushes;
  for (uint32_t w = 0; w < params_.entries; ++w) {
    if (valid_[w]) {
      index_[vpn_[w]] = 0;
      valid_[w] = 0;
    }
  }
  valid_count_ = 0;
  if (params_.micro_entries != 0) {
    ++micro_counters_.flushes;
    micro_.DropAll();
  }
}

bool Tlb::FlushPage(uint32_t vaddr) {
  const uint32_t vpn = vaddr >> page_shift_;
  if (params_.micro_entries != 0) {
    const int m = micro_.Find(0, vpn);
    if (m >= 0) {
      ++micro_counters_.page_flushes;
      micro_.Drop(0, m);
    }
  }
  const uint32_t slot = index_[vpn];
  if (slot == 0) return false;
  ++main_counters_.page_flushes;
  DropEntry(slot - 1);
  // Invalid ways live at the tail of the list.
  Unlink(slot - 1);
  LinkBack(slot - 1);
  return true;
}

bool Tlb::MicroContains(uint32_t vaddr) const {
  return params_.micro_entries != 0 && micro_.Find(0, vaddr >> page_shift_) >= 0;
}

namespace {

void RegisterTlbCounters(StatGroup& g, const TlbCounters* c, const char* what) {
  g.Counter("accesses", "count", std::string(what) + " lookups", &c->accesses);
  g.Counter("hits", "count", std::string(what) + " lookups that found the page", &c->hits);
  g.Counter("misses", "count", std::string(what) + " lookups that missed and refilled", &c->misses);
  g.Formula("miss_rate", "ratio", "misses / accesses (0 when no accesses)",
            [c] { return double(c->misses) / double(c->accesses); });
  g.Counter("flushes", "count", "whole-TLB flushes", &c->flushes);
  g.Counter("page_flushes", "count", "entries dropped by single-page purges", &c->page_flushes);
}

}  // namespace

void Tlb::RegisterStats(StatGroup& g) const {
  RegisterTlbCounters(g, &main_counters_, "unified TLB");
  if (params_.micro_entries != 0) RegisterTlbCounters(g.Group("micro"), &micro_counters_, "instruction micro-TLB");
  StatGroup& f = g.Group("fetches");
  f.Counter("accesses", "count", "instruction fetches translated (data accesses are not counted here)",
            &fetch_counters_.accesses);
  f.Counter("misses", "count", "instruction fetches that missed the first TLB level asked", &fetch_counters_.misses);
  f.Counter("miss_cycles", "cycles", "what the fetches' misses cost beyond the first level's hit latency",
            &fetch_counters_.miss_cycles);
}

}  // namespace dynsim
