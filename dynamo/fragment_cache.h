// The fragment cache (paper section 2): the code of the fragments Dynamo built, in an
// executable area of `fragment_cache_kb`, keyed by their heads' app pcs. It owns what
// fragments need around them: the exit records and links (linker.h) and the indirect-
// branch lookup table (lookup.h). When a new fragment does not fit, the whole cache is
// flushed; with `flush_policy: preemptive` also when the fragment creation rate rises
// sharply (flush_policy.h); with `flush_policy: fifo` the oldest fragments are deleted
// instead, one at a time (fifo_cache.h, fragment_cache_fifo.cc). Fragments are kept in
// creation order, a ring from `oldest_` that only fifo ever advances. An application FIC of code that
// a fragment was made from deletes that fragment (unlinked first), so the application runs
// its new code.
#ifndef DYNSIM_DYNAMO_FRAGMENT_CACHE_H
#define DYNSIM_DYNAMO_FRAGMENT_CACHE_H

#include <stdint.h>

#include "dynamo/app_pc.h"
#include "dynamo/boot.h"
#include "dynamo/context.h"
#include "dynamo/counters.h"
#include "dynamo/fifo_cache.h"
#include "dynamo/flush_policy.h"
#include "dynamo/fragment.h"
#include "dynamo/fragment_builder.h"
#include "dynamo/indirect_chains.h"
#include "dynamo/jump_tables.h"
#include "dynamo/linker.h"
#include "dynamo/lookup.h"
#include "dynamo/trace.h"

namespace dynamo {

constexpr uint32_t kNoLoop = 0xffffffffu;

// An application instruction in fragment code (BuiltAppWord, kept per fragment).
struct AppWordRecord {
  AppPc pc;
  uint32_t next;
  uint32_t spilled;
  uint32_t other;
  uint16_t word;  // from the fragment's entry
  AppNext next_kind;
};

class FragmentCache {
 public:
  static constexpr uint32_t kMaxBytes = 1u << 20;  // the configuration's upper bound
  static constexpr uint32_t kMaxFragments = 8192;

  // Makes the code area executable (mprotect) and announces it to the simulator as the
  // region `fragment_cache`. Fails (false) if the area cannot be made executable.
  bool Init(const BootConfig& config, uint32_t line_bytes, AppContext* ctx, Counters* counters);

  // The live fragment whose head is `pc`, or nullptr.
  const Fragment* Find(AppPc pc) const;
  bool Contains(AppPc pc) const { return Find(pc) != nullptr; }
  // Builds `trace` into a fragment, flushing the whole cache first if it does not fit,
  // and links it both ways. nullptr if nothing of it can run from the cache.
  const Fragment* Add(const Trace& trace);
  // The exit a fragment took (dynamo_enter_fragment's result: its record word's address).
  static Exit* ExitOfRecord(uint32_t record_word) { return *reinterpret_cast<Exit* const*>(record_word); }
  // Links `e` to `f` (if linking is on).
  void Link(Exit* e, const Fragment& f) { linker_.Link(e, f.entry); }
  bool linking() const { return linker_.enabled(); }
  bool inline_indirect() const { return options_.inline_indirect; }
  // A lookup exit from a chain site still learning its targets (indirect_chains.h), and
  // the sample it gives.
  bool ChainSiteLearning(const Exit& e) const { return e.chain_site && chains_.Learning(e.chain_site); }
  void SampleChainSite(const Exit& e, AppPc target) { chains_.Sample(e.chain_site, target, *this); }
  // An indirect branch missed the lookup table for `f`'s head: put it back.
  void InsertLookup(const Fragment& f) { lookup_.Insert(f.head, f.entry); }
  // The application flushed the instruction cache line at `addr` (FIC): deletes every
  // fragment made from code on that line.
  void InvalidateLine(uint32_t addr);
  // The application may be about to change its mappings: translated jump tables stop
  // trusting the application's tables (jump_tables.h).
  void ForgetJumpTables() { jump_tables_.Forget(); }

  uint32_t fragments() const { return count_; }

  // Signals (signals.h). True if `pc` is in the code area.
  bool InCode(uint32_t pc) const {
    return pc - reinterpret_cast<uint32_t>(code_) < (fifo_ ? capacity_words_ : used_words_) * 4;
  }
  // The fragment whose code holds `pc`, or nullptr.
  const Fragment* FragmentAt(uint32_t pc) const;
  // The application instruction at `pc` in `f`'s code, or nullptr (an instruction Dynamo
  // inserted: a stub, a compare, a probe).
  const AppWordRecord* AppWordAt(const Fragment& f, uint32_t pc) const;
  // An asynchronous signal arrived while `f` ran: its linked exits go back to their stubs
  // and its loop branch to its loop stub, so that it leaves for Dynamo at its next exit
  // (paper section 2, "Signal handling"). RelinkAfterDelivery undoes all of it.
  void UnlinkForDelivery(const Fragment& f);
  void RelinkAfterDelivery();
  bool UnlinkedForDelivery() const { return delivery_exit_count_ != 0 || delivery_loop_count_ != 0; }

 private:
  static constexpr uint32_t kSlots = 2 * kMaxFragments;
  static constexpr uint32_t kNone = 0xffffffffu, kDeleted = 0xfffffffeu;
  static constexpr uint32_t kMaxSources = kMaxBytes / 4;
  static constexpr uint32_t kLineFilterBits = 8192;
  // 14 bits: the word index folded with the bits above, without a multiply (PA-RISC has no
  // integer multiply in the general registers: a constant multiply is a dozen shifts and
  // adds, and Dispatch looks up twice per fragment exit).
  static uint32_t Hash(uint32_t pc) { return ((pc >> 2) ^ (pc >> 16)) & (kSlots - 1); }
  enum class FlushCause : uint8_t { kFull, kRateSpike, kGrow };
  void Flush(FlushCause cause);
  void Delete(Fragment& f);
  void AddLoopStub(Fragment& f, uint32_t index);
  // The k-th fragment in creation order (0: the oldest).
  Fragment& Nth(uint32_t k) { return fragments_[(oldest_ + k) & (kMaxFragments - 1)]; }
  const Fragment& Nth(uint32_t k) const { return fragments_[(oldest_ + k) & (kMaxFragments - 1)]; }
  // Fills in the fragment just built (built_) at code word code_at_, its source pcs at
  // sources_at_ and its app words at app_words_at_, its exits where the linker allocates
  // next; links it both ways. room_: the code words it may use (its loop stub included).
  Fragment& Install(const Trace& trace, uint32_t index);
  // flush_policy: fifo (fragment_cache_fifo.cc).
  void InitFifo(const BootConfig& config);
  const Fragment* AddFifo(const Trace& trace);
  // Code room for `trace`, evicting the oldest fragments (or growing the cache) as needed;
  // false if it cannot be built (nothing left to evict).
  bool BuildFifo(const Trace& trace, uint32_t* code_start);
  void EvictOldest();
  // Takes `n` entries of `space`, evicting the oldest fragments until they fit.
  uint32_t PlaceEvicting(FifoSpace* space, uint32_t n);
  void RebuildHeadTable();
  uint32_t LineKey(uint32_t addr) const { return (addr / line_bytes_) & (kLineFilterBits - 1); }

  // The code area first, page-aligned (mprotect), and within a 22-bit branch of Dynamo's
  // text (exit stubs reach dynamo_fragment_exit with b,l).
  alignas(4096) uint32_t code_[kMaxBytes / 4];
  AppContext* ctx_;
  Counters* counters_;
  BuildOptions options_;
  uint32_t line_bytes_;
  uint32_t capacity_words_;
  uint32_t used_words_;
  uint32_t count_;
  uint32_t sources_used_;
  uint32_t oldest_;         // the ring's first fragment (0 unless fifo evicted)
  uint32_t live_words_;     // code words of live fragments
  uint32_t tombstones_;     // kDeleted entries in slots_
  uint32_t code_at_, sources_at_, app_words_at_, room_;  // Install's positions
  bool fifo_;
  uint32_t max_capacity_words_;
  // What each fragment took of each circular array (fifo), given back when it is evicted.
  struct FifoCharges {
    uint32_t code, sources, app_words, exits;
  };
  FifoSpace code_space_, source_space_, app_word_space_, exit_space_;
  FifoSizing sizing_;
  FifoCharges charges_[kMaxFragments];
  uint32_t slots_[kSlots];  // open addressing: fragment index, kNone or kDeleted
  Fragment fragments_[kMaxFragments];
  uint32_t sources_[kMaxSources];
  uint32_t line_filter_[kLineFilterBits / 32];  // lines some fragment was made from (hashed)
  AppWordRecord app_words_[kMaxSources];  // at most one per code word
  uint32_t app_words_used_;
  // Unlinked for a signal's delivery (UnlinkForDelivery): exits and fragments whose loop
  // branch points at its stub, valid while the cache has not been flushed since.
  static constexpr uint32_t kMaxDeliveryUnlinks = 4096, kMaxDeliveryLoops = 64;
  uint32_t delivery_exits_[kMaxDeliveryUnlinks];
  uint32_t delivery_exit_count_;
  uint32_t delivery_loops_[kMaxDeliveryLoops];
  uint32_t delivery_loop_count_;
  uint64_t delivery_flushes_;  // cache_flushes + fragments_evicted when they were taken
  Linker linker_;
  LookupTable lookup_;
  JumpTables jump_tables_;
  IndirectChains chains_;
  FlushPolicy flush_policy_;
  BuiltFragment built_;
};

static_assert(FragmentCache::kMaxFragments * 2 == (1u << 14), "Hash yields 14 bits");

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_FRAGMENT_CACHE_H
