// What signals need of the fragment cache (signals.h): the fragment and the application
// instruction at a fragment-cache pc (rectification), and the unlinking that bounds an
// asynchronous signal's delay (paper section 2: "the links of the current fragment are
// removed", self-loops included, and restored after delivery).
#include "dynamo/emitter.h"
#include "dynamo/fragment_cache.h"
#include "isa/codec.h"

namespace dynamo {

const Fragment* FragmentCache::FragmentAt(uint32_t pc) const {
  if (!InCode(pc) || count_ == 0) return nullptr;
  auto holds = [pc](const Fragment& f) { return pc >= f.entry.addr() && pc < f.entry.addr() + 4 * f.words; };
  if (fifo_) {  // the code area is circular: no order to search by
    for (uint32_t k = 0; k < count_; ++k)
      if (Nth(k).live && holds(Nth(k))) return &Nth(k);
    return nullptr;
  }
  // Fragments are laid out one after the other from the start of the code area (a flush
  // starts again at its start), so their entries increase with their index.
  uint32_t lo = 0, hi = count_;
  while (hi - lo > 1) {
    const uint32_t mid = (lo + hi) / 2;
    if (fragments_[mid].entry.addr() <= pc) lo = mid;
    else hi = mid;
  }
  const Fragment& f = fragments_[lo];
  return holds(f) ? &f : nullptr;
}

const AppWordRecord* FragmentCache::AppWordAt(const Fragment& f, uint32_t pc) const {
  const uint32_t word = (pc - f.entry.addr()) / 4;
  for (uint32_t k = 0; k < f.app_word_count; ++k) {
    const AppWordRecord& r = app_words_[f.first_app_word + k];
    if (r.word == word) return &r;
  }
  return nullptr;
}

void FragmentCache::UnlinkForDelivery(const Fragment& f) {
  if (!f.live) return;
  if (delivery_exit_count_ == 0 && delivery_loop_count_ == 0)
    delivery_flushes_ = counters_->cache_flushes + counters_->fragments_evicted;
  for (uint32_t k = 0; k < f.exit_count; ++k) {
    Exit& e = linker_.at(f.first_exit + k);
    if (!e.linked || delivery_exit_count_ == kMaxDeliveryUnlinks) continue;
    linker_.DetachForDelivery(&e);
    delivery_exits_[delivery_exit_count_++] = f.first_exit + k;
    ++counters_->signal_unlinks;
  }
  if (f.loop_stub == kNoLoop || delivery_loop_count_ == kMaxDeliveryLoops) return;
  uint32_t* branch = code_ + (f.entry.addr() - reinterpret_cast<uint32_t>(code_)) / 4 + f.loop_branch;
  const int32_t to_stub = static_cast<int32_t>((f.loop_stub - f.loop_branch) * 4) - 8;
  const uint32_t word = emit::WithDisplacement(isa::decode(*branch), to_stub);
  if (word == *branch) return;  // already sent there
  *reinterpret_cast<volatile uint32_t*>(branch) = word;
  emit::PublishCode(reinterpret_cast<uint32_t>(branch), 4, line_bytes_);
  delivery_loops_[delivery_loop_count_++] = static_cast<uint32_t>(&f - fragments_);
  ++counters_->signal_unlinks;
}

void FragmentCache::RelinkAfterDelivery() {
  if (delivery_exit_count_ == 0 && delivery_loop_count_ == 0) return;
  // A flush or an eviction since has dropped those fragments and exits, or given their
  // records to others: nothing to restore.
  if (delivery_flushes_ == counters_->cache_flushes + counters_->fragments_evicted) {
    for (uint32_t k = 0; k < delivery_exit_count_; ++k) {
      Exit& e = linker_.at(delivery_exits_[k]);
      const Fragment* to = e.kind == ExitKind::kBranch ? Find(e.target) : nullptr;
      if (!to) continue;
      if (linker_.ReattachAfterDelivery(&e, to->entry)) ++counters_->signal_relinks;
    }
    for (uint32_t k = 0; k < delivery_loop_count_; ++k) {
      const Fragment& f = fragments_[delivery_loops_[k]];
      if (!f.live) continue;
      uint32_t* branch = code_ + (f.entry.addr() - reinterpret_cast<uint32_t>(code_)) / 4 + f.loop_branch;
      const int32_t to_head = -static_cast<int32_t>(f.loop_branch * 4) - 8;
      *reinterpret_cast<volatile uint32_t*>(branch) = emit::WithDisplacement(isa::decode(*branch), to_head);
      emit::PublishCode(reinterpret_cast<uint32_t>(branch), 4, line_bytes_);
      ++counters_->signal_relinks;
    }
  }
  delivery_exit_count_ = delivery_loop_count_ = 0;
}

}  // namespace dynamo
