// FIFO replacement for the fragment cache (`flush_policy: fifo`), as DynamoRIO's
// single-fragment FIFO with adaptive sizing (Bruening, "Efficient, Transparent, and
// Comprehensive Runtime Code Manipulation", 2004, section 6.3): instead of flushing the
// whole cache when a new fragment does not fit, Dynamo deletes the oldest fragments, one
// at a time, until it does; and when many of the fragments it creates are ones it evicted
// before (the working set does not fit), the cache grows instead.
//
// FifoSpace keeps one circular array (the code words, a fragment's exits, its source pcs,
// ...): fragments take their entries at the tail in creation order and give them back in
// the same order. A run that does not fit before the end starts again at 0, and the
// entries it skips count against the fragment that skipped them, so `used` never
// undercounts what lies between the oldest fragment and the tail.
//
// FifoSizing decides when to grow: of the last `window` fragments created while the cache
// was full, if at least `regen_percent` % were heads evicted before, the capacity doubles
// (up to a maximum) and the count starts again.
//
// Freestanding and driven by its caller, so the host's tests drive it (fifo_cache_test.cc).
#ifndef DYNSIM_DYNAMO_FIFO_CACHE_H
#define DYNSIM_DYNAMO_FIFO_CACHE_H

#include <stdint.h>

namespace dynamo {

class FifoSpace {
 public:
  void Init(uint32_t capacity) {
    capacity_ = capacity;
    Reset();
  }
  // Everything given back (the cache is empty).
  void Reset() { tail_ = used_ = 0; }
  uint32_t capacity() const { return capacity_; }
  uint32_t used() const { return used_; }
  uint32_t tail() const { return tail_; }
  void Grow(uint32_t capacity) { capacity_ = capacity; }

  // Where `n` entries would go (at the tail, or at 0 if they do not fit before the end),
  // and what they would cost (n plus the entries skipped); false if they do not fit beside
  // what is in use.
  bool Place(uint32_t n, uint32_t* start, uint32_t* charge) const {
    const bool wraps = tail_ + n > capacity_;
    *start = wraps ? 0 : tail_;
    *charge = n + (wraps ? capacity_ - tail_ : 0);
    return n <= capacity_ && used_ + *charge <= capacity_;
  }
  // The largest run that fits now, and where it starts (for code, whose size is known only
  // once it is built there).
  uint32_t Largest(uint32_t* start) const {
    const uint32_t free = capacity_ - used_;
    const uint32_t here = capacity_ - tail_ < free ? capacity_ - tail_ : free;
    // Starting again at 0 costs the rest of the array first.
    const uint32_t wrapped = free > capacity_ - tail_ ? free - (capacity_ - tail_) : 0;
    *start = wrapped > here ? 0 : tail_;
    return wrapped > here ? wrapped : here;
  }
  // Takes `n` entries at `start` (from Place or Largest); returns their charge.
  uint32_t Take(uint32_t start, uint32_t n) {
    const uint32_t charge = n + (start < tail_ ? capacity_ - tail_ : 0);
    used_ += charge;
    tail_ = start + n;
    return charge;
  }
  // The oldest holder gave back its charge.
  void Give(uint32_t charge) { used_ -= charge; }

 private:
  uint32_t capacity_, tail_, used_;
};

class FifoSizing {
 public:
  static constexpr uint32_t kEvictedSlots = 4096;  // a power of two

  // `window`: creations per decision; `regen_percent`: the share of them that were evicted
  // before which makes the cache grow; `max_capacity`: the most it may grow to.
  void Init(uint32_t window, uint32_t regen_percent, uint32_t max_capacity) {
    window_ = window;
    regen_percent_ = regen_percent;
    max_capacity_ = max_capacity;
    Restart();
  }
  // A fragment with head `head` was evicted.
  void Evicted(uint32_t head) {
    uint32_t i = Hash(head);
    for (uint32_t probes = 0; probes < kEvictedSlots; ++probes, i = (i + 1) & (kEvictedSlots - 1)) {
      if (evicted_[i] == head) return;
      if (evicted_[i] == 0) {
        if (evicted_count_ * 2 >= kEvictedSlots) return;  // half full: stop remembering
        evicted_[i] = head;
        ++evicted_count_;
        return;
      }
    }
  }
  bool WasEvicted(uint32_t head) const {
    uint32_t i = Hash(head);
    for (uint32_t probes = 0; probes < kEvictedSlots; ++probes, i = (i + 1) & (kEvictedSlots - 1)) {
      if (evicted_[i] == head) return true;
      if (evicted_[i] == 0) return false;
    }
    return false;
  }
  // A fragment with head `head` is created while the cache is full at `capacity`: true
  // if the cache should grow to *grown (instead of evicting). Counts regenerations.
  bool Created(uint32_t head, uint32_t capacity, uint32_t* grown, bool* regenerated) {
    *regenerated = WasEvicted(head);
    regenerated_ += *regenerated;
    if (++created_ < window_) return false;
    const bool grow = regenerated_ * 100 >= regen_percent_ * created_ && capacity < max_capacity_;
    created_ = regenerated_ = 0;
    if (!grow) return false;
    *grown = capacity * 2 < max_capacity_ ? capacity * 2 : max_capacity_;
    Restart();
    return true;
  }

 private:
  static uint32_t Hash(uint32_t pc) { return ((pc >> 2) ^ (pc >> 14)) & (kEvictedSlots - 1); }
  void Restart() {
    created_ = regenerated_ = evicted_count_ = 0;
    for (uint32_t& h : evicted_) h = 0;
  }

  uint32_t window_, regen_percent_, max_capacity_;
  uint32_t created_, regenerated_;
  uint32_t evicted_count_;
  uint32_t evicted_[kEvictedSlots];  // heads evicted since the last growth (0: empty)
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_FIFO_CACHE_H
