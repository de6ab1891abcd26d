// The fragment cache (paper section 2): traces the monitor selected, keyed by their head's
// app pc, in a fixed area whose size is the configuration's `fragment_cache_kb`; when a new
// fragment does not fit, the whole cache is flushed (the paper's flush policy, coarsest
// form).
//
// STAGE 2 STATUS: a fragment is the recorded trace (the app pcs and instruction words, in
// execution order, the straight-line body the emitter will lay out). Code is not emitted or
// executed from the cache yet: the application is still interpreted in full, so the cache
// only records which traces Dynamo would build, how big they are and when it would flush.
// Each recorded instruction is charged 4 bytes of cache (its copy), plus kStubBytes per
// fragment for the exit stubs that will follow it.
#ifndef DYNSIM_DYNAMO_FRAGMENT_CACHE_H
#define DYNSIM_DYNAMO_FRAGMENT_CACHE_H

#include <stdint.h>

#include "dynamo/app_pc.h"
#include "dynamo/counters.h"

namespace dynamo {

// One recorded instruction of a trace.
struct TraceInsn {
  uint32_t pc;    // app pc
  uint32_t word;  // the instruction word as fetched
};

// How recording a trace ended (paper section 2: the end-of-trace conditions).
enum class TraceEnd : uint8_t {
  kBackward,  // a backward taken branch (the branch and its delay slot are on the trace)
  kFragment,  // a taken branch to an existing fragment's head
  kGateway,   // a system call (the gateway branch and its delay slot are on the trace)
  kLength,    // max_trace_blocks blocks, or kMaxTraceInsns instructions
  kAbandoned, // a trap or fetch fault while recording: nothing is built
};

struct Trace {
  static constexpr uint32_t kMaxTraceInsns = 1024;
  uint32_t head;  // the head's app pc (a plain word: Trace is static data without a constructor)
  uint32_t length;  // instructions in insns
  uint32_t blocks;  // branch instructions on the trace
  TraceEnd end;
  TraceInsn insns[kMaxTraceInsns];
};

class FragmentCache {
 public:
  // The largest cache Dynamo's image holds (the configuration is clamped to it).
  static constexpr uint32_t kMaxBytes = 1u << 20;
  static constexpr uint32_t kStubBytes = 16;  // charged per fragment for its exit stubs
  static constexpr uint32_t kMaxFragments = 8192;  // also the lookup table's half size

  void Init(uint32_t bytes, Counters* counters);
  // True if a fragment starts at `pc`.
  bool Contains(AppPc pc) const { return Find(pc) != kNone; }
  // Adds `trace` as a fragment (flushing the whole cache first if it does not fit);
  // false if it can never fit.
  bool Add(const Trace& trace);
  uint32_t fragments() const { return count_; }

 private:
  static constexpr uint32_t kNone = 0xffffffffu;
  static constexpr uint32_t kSlots = 2 * kMaxFragments;
  struct Fragment {
    uint32_t head;
    uint32_t start;   // word offset in code_
    uint32_t length;  // words
  };
  static uint32_t Hash(uint32_t pc) { return ((pc >> 2) * 2654435761u) >> 18; }  // 14 bits
  uint32_t Find(AppPc pc) const;
  void Flush();

  Counters* counters_;  // (no initializers: static data without a constructor; Init sets all)
  uint32_t capacity_bytes_;
  uint32_t used_bytes_;
  uint32_t used_words_;
  uint32_t count_;
  uint32_t slots_[kSlots];  // open addressing: fragment index, or kNone
  Fragment fragments_[kMaxFragments];
  uint32_t code_[kMaxBytes / 4];
};

static_assert(FragmentCache::kMaxFragments * 2 == (1u << 14), "Hash yields 14 bits");

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_FRAGMENT_CACHE_H
