#include "sim/tlb.h"

#include <cstdio>
#include <cstdlib>

namespace dynsim {
namespace {

bool IsPowerOfTwo(uint32_t v) { return v != 0 && (v & (v - 1)) == 0; }

uint32_t Log2(uint32_t v) {
  uint32_t n = 0;
  while ((1u << n) < v) ++n;
  return n;
}

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
  if (p.entries == 0) return "entries must be at least 1";
  if (!IsPowerOfTwo(p.page_bytes)) return "page_bytes " + std::to_string(p.page_bytes) + " is not a power of two";
  if (p.micro_entries > p.entries) {
    return "micro_entries " + std::to_string(p.micro_entries) + " exceeds entries " + std::to_string(p.entries);
  }
  return "";
}

Tlb::Tlb(const TlbParams& params)
    : params_(Checked(params)),
      page_shift_(Log2(params.page_bytes)),
      main_(1, params.entries, params.replacement, params.seed),
      // The micro-TLB draws from its own stream, so enabling it never changes the main TLB's
      // random choices beyond what its own accesses do.
      micro_(1, params.micro_entries == 0 ? 1 : params.micro_entries, params.replacement, params.seed ^ 0x1u) {}

TlbAccess Tlb::Lookup(uint32_t vpn) {
  int way = main_.Find(0, vpn);
  if (way >= 0) {
    ++main_counters_.hits;
    main_.Touch(0, way);
    mru_way_ = way;
    mru_vpn_ = vpn;
    return {true, params_.hit_latency};
  }
  ++main_counters_.misses;
  way = main_.Victim(0);
  if (params_.micro_entries != 0 && main_.valid(0, way)) {
    // Keep the micro-TLB a subset of the main TLB.
    const int m = micro_.Find(0, main_.key(0, way));
    if (m >= 0) micro_.Drop(0, m);
  }
  main_.Fill(0, way, vpn);
  mru_way_ = way;
  mru_vpn_ = vpn;
  return {false, params_.hit_latency + params_.miss_penalty};
}

TlbAccess Tlb::AccessInstruction(uint32_t vaddr) {
  if (params_.micro_entries == 0) return Access(vaddr);
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
  main_.DropAll();
  if (params_.micro_entries != 0) {
    ++micro_counters_.flushes;
    micro_.DropAll();
  }
  mru_way_ = -1;
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
  const int way = main_.Find(0, vpn);
  if (way < 0) return false;
  ++main_counters_.page_flushes;
  main_.Drop(0, way);
  if (way == mru_way_) mru_way_ = -1;
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
}

}  // namespace dynsim
