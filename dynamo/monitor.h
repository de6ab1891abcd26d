// Trace selection (paper section 2, "interpret until hot"): start-of-trace candidates are
// the targets of taken backward direct branches the interpreter executes (OnBackwardTaken)
// and the targets of fragment-cache exits (OnExitTarget). Each candidate has a counter in
// a small hash table; when it reaches `hot_threshold`, the counter is recycled (its slot
// freed) and the dispatcher records the next executing tail from the candidate
// (Interpreter::Record) and adds it to the fragment cache. A backward branch to a
// fragment's head is not counted: the interpreter stops there and the dispatcher enters
// the fragment; nor is one to a target whose next instruction heads a fragment (the
// target was nullified when its trace was recorded): the interpreter enters there.
#ifndef DYNSIM_DYNAMO_MONITOR_H
#define DYNSIM_DYNAMO_MONITOR_H

#include <stdint.h>

#include "dynamo/app_pc.h"
#include "dynamo/counters.h"
#include "dynamo/fragment_cache.h"

namespace dynamo {

// What the interpreter does at a taken backward branch.
enum class HeadAction : uint8_t {
  kInterpret,  // go on interpreting
  kRecord,     // the target just became hot: record the trace that starts there
  kEnter,      // the target heads a fragment: enter the fragment cache there
  kEnterNext,  // the instruction after the target heads one (the target may be nullified
               // on the way, Interpreter::Record): enter there once the queue is plain
};

class Monitor {
 public:
  static constexpr uint32_t kSlots = 4096;  // counters; a full probe run evicts the home slot

  // (Dynamo's monitor is static data, initialized at boot.)
  void Init(uint32_t hot_threshold, Counters* counters, const FragmentCache* cache) {
    hot_threshold_ = hot_threshold;
    counters_ = counters;
    cache_ = cache;
    for (Slot& s : slots_) s = Slot{kFree, 0};
  }

  // A taken backward direct branch to `target` was interpreted.
  HeadAction OnBackwardTaken(AppPc target) {
    ++counters_->trace_head_candidates;
    if (cache_->Contains(target)) {
      ++counters_->fragment_head_reached;
      return HeadAction::kEnter;
    }
    if (cache_->Contains(target.plus_words(1))) {
      ++counters_->fragment_head_reached;
      return HeadAction::kEnterNext;
    }
    return Count(target) ? HeadAction::kRecord : HeadAction::kInterpret;
  }

  // A fragment exit (or a lookup miss) went to `target`, which heads no fragment. True:
  // it just became hot, record the trace that starts there.
  bool OnExitTarget(AppPc target) {
    ++counters_->exit_target_candidates;
    return Count(target);
  }

  // No trace is to be recorded at `target` again (nothing of it could be built).
  void Blacklist(AppPc target) { *SlotOf(target.addr()) = Slot{target.addr(), kNever}; }

  uint32_t hot_threshold() const { return hot_threshold_; }

 private:
  static constexpr uint32_t kFree = 1;       // odd: never an instruction address
  static constexpr uint32_t kTombstone = 3;  // odd: a recycled counter (probes go past it)
  static constexpr uint32_t kNever = 0xffffffffu;  // a blacklisted candidate's count
  struct Slot {
    uint32_t pc;
    uint32_t count;
  };

  // The slot counting `pc` (a new one, or the home slot evicted, if it has none).
  Slot* SlotOf(uint32_t pc) {
    const uint32_t home = ((pc >> 2) * 2654435761u) >> 20;  // 12 bits
    uint32_t i = home;
    for (uint32_t probes = 0;; ++probes, i = (i + 1) & (kSlots - 1)) {
      if (slots_[i].pc == pc) return &slots_[i];
      if (slots_[i].pc == kFree || probes == 8) {
        if (slots_[i].pc != kFree) i = home;  // table crowded: evict the home slot's counter
        slots_[i] = Slot{pc, 0};
        return &slots_[i];
      }
    }
  }

  // Counts one execution of a candidate; true when it reaches the threshold.
  bool Count(AppPc target) {
    Slot* s = SlotOf(target.addr());
    if (s->count == kNever) return false;
    if (++s->count < hot_threshold_) return false;
    // Recycle the counter: a tombstone, which later probes step over.
    *s = Slot{kTombstone, 0};
    ++counters_->hot_trace_heads;
    return true;
  }

  uint32_t hot_threshold_;
  Counters* counters_;
  const FragmentCache* cache_;
  Slot slots_[kSlots];
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_MONITOR_H
