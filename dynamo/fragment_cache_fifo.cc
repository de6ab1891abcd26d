// `flush_policy: fifo` (fifo_cache.h): the fragment cache as circular arrays, the oldest
// fragment deleted (unlinked first, as an FIC deletion is) whenever a new one needs its
// room, and the cache doubled, emptied, when too many new fragments regenerate evicted ones.
#include "dynamo/fragment_cache.h"

namespace dynamo {
namespace {

// Code words a trace's fragment is likely to need at most (measured: about 2 words per
// trace instruction, bodies, exit blocks and stubs together); a bigger fragment makes
// room for itself by doubling this after a build that did not fit.
uint32_t CodeEstimate(const Trace& trace) { return 4 * trace.length + 64; }

}  // namespace

void FragmentCache::InitFifo(const BootConfig& config) {
  code_space_.Init(capacity_words_);
  source_space_.Init(kMaxSources);
  app_word_space_.Init(kMaxSources);
  exit_space_.Init(Linker::kMaxExits);
  sizing_.Init(config.fifo_window, config.fifo_regen_percent, max_capacity_words_);
}

void FragmentCache::EvictOldest() {
  Fragment& f = fragments_[oldest_];
  if (f.live) {  // else the application's FIC deleted it already
    sizing_.Evicted(f.head.addr());
    Delete(f);
    ++counters_->fragments_evicted;
  }
  const FifoCharges& c = charges_[oldest_];
  code_space_.Give(c.code);
  source_space_.Give(c.sources);
  app_word_space_.Give(c.app_words);
  exit_space_.Give(c.exits);
  oldest_ = (oldest_ + 1) & (kMaxFragments - 1);
  if (--count_ == 0) {  // empty: every array starts again at 0
    oldest_ = 0;
    code_space_.Reset();
    source_space_.Reset();
    app_word_space_.Reset();
    exit_space_.Reset();
  }
}

uint32_t FragmentCache::PlaceEvicting(FifoSpace* space, uint32_t n) {
  uint32_t start, charge;
  while (!space->Place(n, &start, &charge) && count_ > 0) EvictOldest();
  return start;
}

// Deleted fragments leave kDeleted in the head table; before they crowd out every kNone
// (Find stops at kNone), the table is built again from the live fragments.
void FragmentCache::RebuildHeadTable() {
  for (uint32_t& slot : slots_) slot = kNone;
  for (uint32_t k = 0; k < count_; ++k) {
    Fragment& f = Nth(k);
    if (!f.live) continue;
    uint32_t slot = Hash(f.head.addr());
    while (slots_[slot] != kNone) slot = (slot + 1) & (kSlots - 1);
    slots_[slot] = static_cast<uint32_t>(&f - fragments_);
    f.slot = slot;
  }
  tombstones_ = 0;
}

bool FragmentCache::BuildFifo(const Trace& trace, uint32_t* code_start) {
  uint32_t want = CodeEstimate(trace);
  bool decided = false;  // asked FifoSizing once for this fragment
  for (;;) {
    uint32_t start;
    uint32_t room = code_space_.Largest(&start);
    while (room < want && count_ > 0) {
      if (!decided) {
        decided = true;
        uint32_t grown;
        bool regenerated;
        if (sizing_.Created(trace.head.addr(), capacity_words_, &grown, &regenerated)) {
          Flush(FlushCause::kGrow);
          capacity_words_ = grown;
          code_space_.Init(grown);
          counters_->cache_capacity_bytes = grown * 4;
        }
        if (regenerated) ++counters_->fifo_regenerated;
        room = code_space_.Largest(&start);
        continue;
      }
      EvictOldest();
      room = code_space_.Largest(&start);
    }
    const CodeSpace space{code_ + start, reinterpret_cast<uint32_t>(code_ + start), room};
    const BuildStatus status = BuildFragment(trace, options_, space, &built_);
    if (status == BuildStatus::kOk) {
      *code_start = start;
      room_ = room;
      return true;
    }
    if (status == BuildStatus::kEmpty) {
      ++counters_->traces_unbuildable;
      return false;
    }
    if (count_ == 0) {  // the whole cache is not enough
      ++counters_->traces_too_big;
      return false;
    }
    want = (room > want ? room : want) * 2;
  }
}

const Fragment* FragmentCache::AddFifo(const Trace& trace) {
  if (count_ == kMaxFragments) EvictOldest();
  // The incoming lists are never emptied by eviction: a whole flush when they fill up.
  if (linker_.TargetsNearlyFull(trace.length + 2)) Flush(FlushCause::kFull);
  if (tombstones_ > kSlots / 4) RebuildHeadTable();
  uint32_t code_start;
  if (!BuildFifo(trace, &code_start)) return nullptr;
  // The other arrays' shares are known now; evicting more leaves the new code alone (it
  // lies in free space).
  const uint32_t exits = built_.exit_count + (built_.loops ? 1 : 0);
  const uint32_t source_start = PlaceEvicting(&source_space_, built_.insns);
  const uint32_t app_word_start = PlaceEvicting(&app_word_space_, built_.app_word_count);
  const uint32_t exit_start = PlaceEvicting(&exit_space_, exits);
  code_at_ = code_start;
  sources_at_ = source_start;
  app_words_at_ = app_word_start;
  linker_.AllocateFrom(exit_start);
  const uint32_t index = (oldest_ + count_) & (kMaxFragments - 1);
  ++count_;
  Fragment& f = Install(trace, index);
  FifoCharges& c = charges_[index];
  c.code = code_space_.Take(code_start, f.words);
  c.sources = source_space_.Take(source_start, f.source_count);
  c.app_words = app_word_space_.Take(app_word_start, f.app_word_count);
  c.exits = exit_space_.Take(exit_start, f.exit_count);
  if (live_words_ * 4 > counters_->cache_peak_bytes) counters_->cache_peak_bytes = live_words_ * 4;
  return &f;
}

}  // namespace dynamo
