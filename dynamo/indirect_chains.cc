#include "dynamo/indirect_chains.h"

#include "dynamo/context_layout.h"
#include "dynamo/emitter.h"
#include "dynamo/fragment_cache.h"

namespace dynamo {

void IndirectChains::Init(uint32_t samples, uint32_t min_percent, uint32_t line_bytes, Counters* counters) {
  samples_needed_ = samples > kMaxSamples ? kMaxSamples : samples;
  min_percent_ = min_percent;
  line_bytes_ = line_bytes;
  counters_ = counters;
  Clear();
}

void IndirectChains::Clear() { count_ = free_n_ = 0; }

uint32_t IndirectChains::Add(const BuiltChainSite& built, CachePc entry) {
  if (!samples_needed_) return 0;
  uint32_t index;
  if (free_n_) index = free_[--free_n_];
  else if (count_ < kMaxSites) index = count_++;
  else return 0;
  Site& s = sites_[index];
  uint32_t* code = reinterpret_cast<uint32_t*>(entry.addr());
  s.compare = code + built.compare;
  s.code = code + built.word;
  s.probe = entry.addr() + built.probe * 4;
  s.learn = entry.addr() + built.learn * 4;
  s.slots = static_cast<uint8_t>(built.slots);
  s.reg = static_cast<uint8_t>(built.reg);
  s.filled = s.targets = 0;
  s.samples = 0;
  s.live = s.learning = true;
  *s.compare = BranchTo(s.compare, s.learn, Branch::kCompare);  // published with the fragment
  ++counters_->chain_sites;
  return index + 1;
}

void IndirectChains::Sample(uint32_t number, AppPc target, const FragmentCache& cache) {
  Site& s = sites_[number - 1];
  ++counters_->chain_samples;
  if (!cache.Contains(target)) return;
  uint32_t t = 0;
  while (t < s.targets && s.target[t] != target.addr()) ++t;
  if (t < s.targets) {
    ++s.count[t];
  } else if (s.targets < kMaxTargets) {
    s.target[s.targets] = target.addr();
    s.count[s.targets++] = 1;
  }
  if (++s.samples < samples_needed_) return;
  s.learning = false;
  Fill(s, cache);
}

// The targets seen at least twice and in at least min_percent of the samples, most often
// first (the first seen first among equals), into the slots while they last; the compare
// to the first slot, and after the last one filled, the probe.
void IndirectChains::Fill(Site& s, const FragmentCache& cache) {
  bool taken[kMaxTargets] = {};
  while (s.filled < s.slots) {
    uint32_t best = kMaxTargets;
    for (uint32_t t = 0; t < s.targets; ++t)
      if (!taken[t] && s.count[t] >= 2 && s.count[t] * 100u >= min_percent_ * s.samples &&
          (best == kMaxTargets || s.count[t] > s.count[best]))
        best = t;
    if (best == kMaxTargets) break;
    taken[best] = true;
    const Fragment* f = cache.Find(AppPc(s.target[best]));
    if (f && WriteSlot(s, s.filled, s.target[best], f->entry.addr())) ++s.filled;
  }
  uint32_t* after = s.code + s.filled * kChainSlotWords;
  if (s.filled && s.filled < s.slots) *after = BranchTo(after, s.probe, Branch::kBranchN);
  *s.compare = BranchTo(s.compare, s.filled ? reinterpret_cast<uint32_t>(s.code) : s.probe, Branch::kCompare);
  counters_->chain_slots_filled += s.filled;
  emit::PublishCode(reinterpret_cast<uint32_t>(s.compare), 4, line_bytes_);
  emit::PublishCode(reinterpret_cast<uint32_t>(s.code), s.slots * kChainSlotWords * 4, line_bytes_);
}

bool IndirectChains::WriteSlot(Site& s, uint32_t k, uint32_t target, uint32_t entry) {
  uint32_t* w = s.code + k * kChainSlotWords;
  const uint32_t restore = emit::Ldw(CTX_ABS(CTX_GR + 4 * 1), 0, 1);
  if (Reaches(w + 2, entry, Branch::kCompareHit)) {
    w[2] = BranchTo(w + 2, entry, Branch::kCompareHit);
    w[3] = restore;
    w[4] = emit::Nop();
  } else if (Reaches(w + 3, entry, Branch::kBranch)) {
    w[2] = BranchTo(w + 2, reinterpret_cast<uint32_t>(w + kChainSlotWords), Branch::kCompare);
    w[3] = BranchTo(w + 3, entry, Branch::kBranch);
    w[4] = restore;
  } else {
    return false;
  }
  const uint32_t minus = 0u - target;
  w[0] = emit::Addil(minus, s.reg);
  w[1] = emit::Ldo(emit::RightPart(minus), 1, 1);
  s.entry[k] = entry;
  s.hit_taken[k] = w[4] != restore;
  return true;
}

namespace {

int32_t Disp(const uint32_t* word, uint32_t to) {
  return static_cast<int32_t>(to - (reinterpret_cast<uint32_t>(word) + 8));
}

}  // namespace

bool IndirectChains::Reaches(const uint32_t* word, uint32_t to, Branch kind) {
  const bool conditional = kind == Branch::kCompare || kind == Branch::kCompareHit;
  return conditional ? emit::FitsCondBranch(Disp(word, to)) : emit::FitsBranch17(Disp(word, to));
}

uint32_t IndirectChains::BranchTo(const uint32_t* word, uint32_t to, Branch kind) {
  switch (kind) {
    case Branch::kBranchN: return emit::BranchN(Disp(word, to));
    case Branch::kBranch: return emit::Branch(Disp(word, to));
    case Branch::kCompareHit: return emit::CmpibGreaterEqualUnsigned(3, 1, Disp(word, to));
    case Branch::kCompare: break;
  }
  return emit::CmpibLessUnsignedN(3, 1, Disp(word, to));
}

// A slot whose fragment goes sends its hits to the probe instead (rX is still the
// target, and the probe finds what it can).
void IndirectChains::FragmentDeleted(CachePc entry, uint32_t words) {
  const uint32_t begin = entry.addr(), bytes = words * 4;
  for (uint32_t n = 0; n < count_; ++n) {
    Site& s = sites_[n];
    if (!s.live) continue;
    if (reinterpret_cast<uint32_t>(s.compare) - begin < bytes) {
      s.live = false;  // inside the fragment: gone with it
      free_[free_n_++] = static_cast<uint16_t>(n);
      continue;
    }
    for (uint32_t k = 0; k < s.filled; ++k) {
      if (s.entry[k] != entry.addr()) continue;
      uint32_t* w = s.code + k * kChainSlotWords;
      uint32_t* branch = s.hit_taken[k] ? w + 2 : w + 3;
      *branch = BranchTo(branch, s.probe, s.hit_taken[k] ? Branch::kCompareHit : Branch::kBranchN);
      s.entry[k] = 0;
      emit::PublishCode(reinterpret_cast<uint32_t>(branch), 4, line_bytes_);
    }
  }
}

}  // namespace dynamo
