#include "dynamo/fragment_cache.h"

namespace dynamo {

void FragmentCache::Init(uint32_t bytes, Counters* counters) {
  counters_ = counters;
  capacity_bytes_ = bytes < kMaxBytes ? bytes : kMaxBytes;
  for (uint32_t& s : slots_) s = kNone;
  used_bytes_ = used_words_ = count_ = 0;
}

uint32_t FragmentCache::Find(AppPc pc) const {
  for (uint32_t i = Hash(pc.addr());; i = (i + 1) & (kSlots - 1)) {
    const uint32_t f = slots_[i];
    if (f == kNone) return kNone;
    if (fragments_[f].head == pc.addr()) return f;
  }
}

void FragmentCache::Flush() {
  for (uint32_t& s : slots_) s = kNone;
  used_bytes_ = used_words_ = count_ = 0;
  ++counters_->cache_flushes;
}

bool FragmentCache::Add(const Trace& trace) {
  const uint32_t bytes = trace.length * 4 + kStubBytes;
  if (trace.length == 0 || bytes > capacity_bytes_) {
    ++counters_->traces_too_big;
    return false;
  }
  if (Contains(AppPc(trace.head))) return false;  // cannot happen: the monitor checks first
  if (used_bytes_ + bytes > capacity_bytes_ || count_ == kMaxFragments) Flush();
  Fragment& f = fragments_[count_];
  f.head = trace.head;
  f.start = used_words_;
  f.length = trace.length;
  for (uint32_t i = 0; i < trace.length; ++i) code_[used_words_ + i] = trace.insns[i].word;
  used_words_ += trace.length;
  used_bytes_ += bytes;
  uint32_t i = Hash(f.head);
  while (slots_[i] != kNone) i = (i + 1) & (kSlots - 1);
  slots_[i] = count_++;
  ++counters_->fragments;
  counters_->fragment_instructions += trace.length;
  counters_->fragment_bytes += bytes;
  return true;
}

}  // namespace dynamo
